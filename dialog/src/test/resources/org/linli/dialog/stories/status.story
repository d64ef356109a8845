## Asking where one's case stands
> 我报的事情现在怎么样了
< intent: check_status
< action: lookup-status

## With the case number
> 帮我查一下工单123456
< intent: check_status
< action: lookup-status 123456

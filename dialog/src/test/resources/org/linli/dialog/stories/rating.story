## After a case is resolved the resident rates it with a digit, then comments
channel: sms
= pending=rating
= rating.ticket=123456
> 5
< action: rate 123456 5
< says: 谢谢
> 师傅很负责
< action: rate 123456 5 师傅很负责

## A rating in words, and no comment
= pending=rating
= rating.ticket=654321
> 给三分吧
< action: rate 654321 3
> 没有
< no action
< says: 谢谢

## A digit that is not a rating leaves the question and is handled as usual
= pending=rating
= rating.ticket=111111
> 高龄津贴怎么申请
< source: elderly-allowance

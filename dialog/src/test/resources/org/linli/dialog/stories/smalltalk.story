## A greeting gets the menu
> 你好
< intent: greet
< option: 问政策
< option: 报事情
< option: 查进度
< option: 找人工

## Choosing "report a problem" from the menu by its number
> 你好
< option: 报事情
> 2
< says: 什么问题

## Thanks and goodbye
> 高龄津贴怎么申请
< source: elderly-allowance
> 谢谢你
< intent: thanks
> 再见
< intent: goodbye
< action: close

## "Repeat" says the last answer again
> 低保怎么申请
< source: minimum-living-allowance
> 你再说一遍
< intent: repeat
< source: minimum-living-allowance

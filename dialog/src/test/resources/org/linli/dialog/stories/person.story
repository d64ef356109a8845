## Asking for a person is never argued with
> 我要找人工
< intent: request_human
< action: escalate request_human
< needs person

## Pressing 0 reaches a person
channel: voice
> 0
< action: escalate request_human

## A person also from inside a form
> 电梯坏了
< says: 什么地方
> 转人工
< action: escalate request_human

## Two misunderstandings in a row offer a person
> 啊吧啊吧
< says: 没听明白
> 咕噜咕噜
< option: 找人工

## In English
> I want to talk to a real person
< lang: en
< action: escalate request_human

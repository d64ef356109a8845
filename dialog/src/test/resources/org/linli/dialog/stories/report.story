## Reporting a broken lift on WeChat: one question at a time, read back, then filed
channel: wechat
> 电梯坏了
< intent: report_issue
< says: 什么地方
> 幸福小区3号楼2单元
< says: 电话
> 13812345678
< says: 核对
< says: 138****5678
< not says: 13812345678
< option: 对
> 对
< action: escalate lift
< says: 记下

## Reporting by SMS: the phone number is already known, so it is not asked
channel: sms
> 我要报修
< intent: report_issue
< says: 什么问题
> 楼道里的路灯不亮了
< says: 什么地方
> 和平路12号
< says: 核对
< says: 您现在用的这个号码
> 是的
< action: escalate street_light

## Saying "wrong" at the read-back starts again; nothing is filed
channel: sms
> 我要反映个问题，楼下下水道堵了
< says: 什么地方
> 阳光花园5栋
< says: 核对
> 不对
< says: 重新
< no action

## Repeat and slower work inside the form, and the form goes on
channel: voice
> 我要报修
< says: 什么问题
> *
< says: 什么问题
> #
< intent: slower
< state: slower=true
< says: 什么问题
> 家里水管漏水了
< says: 什么地方

## A resident can give up a report
> 我要投诉噪音
< says: 什么地方
> 算了
< says: 先不报
< no action

## A photo sent in the middle of a report is kept as evidence, and the form goes on
channel: wechat
> 路灯坏了
< says: 什么地方
> [图片]
< says: 照片收到了
< says: 什么地方
> 阳光花园门口
< says: 电话

## A photo on its own asks what and where
channel: wechat
> [图片]
< says: 照片收到了
< no action

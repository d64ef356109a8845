## An elderly resident asks about the elderly allowance and asks for more
> 高龄津贴怎么申请
< intent: ask_policy
< source: elderly-allowance
< says: 80
< option: 看详细
< option: 找人工
> 1
< source: elderly-allowance
< says: 谁可以申请

## The same question in traditional characters
> 高齡津貼怎麼申請
< source: elderly-allowance

## The same question as a speech recogniser heard it
channel: voice
> 高灵津贴怎么领
< source: elderly-allowance

## An English question gets an English answer from the English document
> How do I apply for the old-age allowance?
< lang: en
< source: en-elderly-allowance
< option: More detail

## A minimum living allowance question, then "that is not what I meant"
> 低保怎么申请
< source: minimum-living-allowance
> 不是这个
< option: 找人工
< no action

## A question the knowledge base cannot answer is not guessed: a person is offered
> 护照在哪里办
< no source
< option: 找人工

## Choosing "more detail" by its button value works like pressing its number
> 医保报销比例是多少
< source: medical-insurance-reimbursement
> @more:medical-insurance-reimbursement
< source: medical-insurance-reimbursement

## A vague question is not guessed: the likeliest topics are offered, and choosing one answers it
> 老人有什么福利
< no source
< option: 找人工
> 1
< any source

## After asking once, a question that is still unclear goes to a person
> 老人有什么福利
< no source
> 那个东西怎么弄
< no source
< option: 找人工

# How to write a story (this file is not played: only *.story files are)
#
# ## title                      starts a story; a file may hold several
# channel: sms                  web (default), kiosk, sms, voice, wechat
# = slot=value                  set a state slot as the application would (e.g. pending=rating)
# > text                        what the resident says, types or presses (0 * # 1-9)
# < intent: ask_policy          the intent label of the last turn
# < says: 高龄津贴               some reply of the last turn contains this text
# < not says: 13812345678        no reply contains it
# < source: elderly-allowance   a reply cites this document
# < no source                   no reply cites a document
# < any source                  some reply cites a document
# < option: 找人工               a reply offers an option with this label
# < needs person                a reply is flagged as needing a person
# < lang: en                    the replies are in this language
# < action: escalate lift       an action starts with this ("escalate <category> <priority>",
#                               "lookup-status [number]", "rate <ticket> <score> [comment]", "close")
# < no action                   the turn asked the application to do nothing
# < state: slower=true          a slot of the new state has this value

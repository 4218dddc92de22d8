"""Sentences for questions that listen for speech as well as keys (ivr/voice/understanding.py).

Said only when SPEECH_ENABLED: with speech off the flows keep their keys-only sentences, which never
mention speaking. One short question confirms a purpose that was heard unclearly; keys answer too.
"""

PROMPTS = {
    "listening.menu_invite": {
        "zh": "请直接说出您要办理的业务，比如“挂失”“查新卡进度”，也可以按键选择。",
        "en": "Tell me in a few words what you need, for example “report a lost card”, or press a key.",
    },
    "listening.confirm_report": {
        "zh": "您是要挂失社保卡吗？是请说“是”或按1，不是请说“不是”或按2。",
        "en": "Do you want to report a lost card? Say yes or press 1; say no or press 2.",
    },
    "listening.confirm_cancel": {
        "zh": "您是要解除挂失吗？是请说“是”或按1，不是请说“不是”或按2。",
        "en": "Do you want to cancel a lost-card report? Say yes or press 1; say no or press 2.",
    },
    "listening.confirm_progress": {
        "zh": "您是要查询新卡进度吗？是请说“是”或按1，不是请说“不是”或按2。",
        "en": "Do you want the progress of a replacement card? Say yes or press 1; say no or press 2.",
    },
    "listening.confirm_outlets": {
        "zh": "您是要查询服务网点吗？是请说“是”或按1，不是请说“不是”或按2。",
        "en": "Do you want service outlets and opening hours? Say yes or press 1; say no or press 2.",
    },
    "listening.not_understood": {
        "zh": "抱歉，没有听清。",
        "en": "Sorry, I didn't catch that.",
    },
    "listening.read_back_digits": {
        "zh": "您说的是{digits}，对吗？对请说“对”或按1，不对请说“不对”或按2。",
        "en": "I heard {digits}. Is that right? Say yes or press 1; say no or press 2.",
    },
}

"""Sentences for questions that listen for speech as well as keys (ivr/voice/understanding.py).

Said only when SPEECH_ENABLED: with speech off the flows keep their keys-only sentences, which never
mention speaking. One short question confirms a purpose that was heard unclearly; keys answer too.
"""

PROMPTS = {
    "listening.menu_invite": {
        "zh": "也可直接说出。",
        "en": "Or just say what you need.",
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
    "listening.say_callback_number": {
        "zh": "请说出或输入回电号码，手机号或带区号的固定电话；按键请以井号键结束。",
        "en": "Please say or key the number to call you back on, a mobile or a landline with its area code. "
        "If you key it, press hash after.",
    },
    "listening.read_back_digits": {
        "zh": "您说的是{digits}，对吗？对请说“对”或按1，不对请说“不对”或按2。",
        "en": "I heard {digits}. Is that right? Say yes or press 1; say no or press 2.",
    },
}

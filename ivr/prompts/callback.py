"""Asking to be called back, and when the call will come."""

PROMPTS = {
    "callback.offer": {
        "zh": "我们可以在人工服务时间给您回电：预约回电请按1，返回主菜单请按星号键。",
        "en": "An operator can call you back during staffed hours. To ask for a call back, press 1. "
        "For the main menu, press star.",
    },
    "callback.confirm_caller": {
        "zh": "我们将回电到您现在使用的尾号为{last4}的号码。确认请按1；改用其他号码请按2。",
        "en": "We will call you back on the number you are calling from, ending {last4}. To confirm, "
        "press 1. To give another number, press 2.",
    },
    "callback.ask_number": {
        "zh": "请输入回电号码，手机号或带区号的固定电话，以井号键结束。",
        "en": "Please key the number to call you back on, a mobile or a landline with its area code, then press hash.",
    },
    "callback.bad_number": {
        "zh": "这不是有效的电话号码。",
        "en": "That is not a valid phone number.",
    },
    "callback.read_back": {
        "zh": "您输入的号码是：{number}。正确请按1；重新输入请按2。",
        "en": "You entered {number}. If that is right, press 1. To enter it again, press 2.",
    },
    "callback.number_abroad": {
        "zh": "我们只能回电到中国大陆的手机或固定电话，请输入中国大陆的号码。",
        "en": "We can only call back mobiles and landlines in mainland China. Please key a mainland China number.",
    },
    "callback.number_not_callable": {
        "zh": "我们不能回电到声讯、400、800、卫星等特殊号码，请输入手机或固定电话号码。",
        "en": "We cannot call back premium-rate, 400, 800, satellite or other service numbers. "
        "Please key a mobile or landline number.",
    },
    "callback.saved": {
        "zh": "已为您登记回电。受理编号是{reference}，再说一遍，{reference}。我们将{when}给您回电。",
        "en": "Your call-back request is registered. Your reference is {reference}. Again: {reference}. "
        "We will call you {when}.",
    },
    "callback.sms_note": {
        "zh": "确认短信将发送到该号码。",
        "en": "A text message confirming it is on its way to that number.",
    },
    "callback.when_now": {
        "zh": "在今天的服务时间内，一般在{hours}个工作小时内",
        "en": "during staffed hours, usually within {hours} working hours",
    },
    "callback.when_today": {
        "zh": "今天{time}起",
        "en": "from {time} today",
    },
    "callback.when_tomorrow": {
        "zh": "明天{time}起",
        "en": "from {time} tomorrow",
    },
    "callback.when_day": {
        "zh": "{day}{time}起",
        "en": "from {time} on {day}",
    },
    "callback.when_unknown": {
        "zh": "在人工服务恢复后尽快",
        "en": "as soon as operators are available again",
    },
    "callback.sms_ack": {
        "zh": "【{hotline}】已收到您的回电预约（受理编号{reference}），我们将{when}致电尾号{last4}的号码。",
        "en": "{hotline}: we have your call-back request (no. {reference}) and will call the number "
        "ending {last4} {when}.",
    },
}

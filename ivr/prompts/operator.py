"""Speaking to an operator, and the staffed hours."""

PROMPTS = {
    "operator.transferring": {
        "zh": "正在为您转接人工服务，请稍候。",
        "en": "Connecting you to an operator. Please hold.",
    },
    "operator.busy": {
        "zh": "抱歉，人工座席正忙，请稍后再拨。",
        "en": "Sorry, all operators are busy. Please try again later.",
    },
    "operator.no_answer": {
        "zh": "抱歉，人工座席暂时无人接听，请稍后再拨。",
        "en": "Sorry, no operator could take your call. Please try again later.",
    },
    "operator.unavailable": {
        "zh": "抱歉，人工服务暂时无法接通，请稍后再拨。",
        "en": "Sorry, we cannot reach an operator right now. Please try again later.",
    },
    "operator.closed": {
        "zh": "人工服务时间是{operator_hours}，现在不在服务时间内。电话挂失二十四小时都可以办理：立即挂失社保卡请按1；"
        "预约人工回电请按2；重听请按9；返回主菜单请按星号键。",
        "en": "Operators are available {operator_hours}, and it is outside those hours now. You "
        "can report a lost card by phone at any hour: to report one now, press 1. To ask an "
        "operator to call you back, press 2. To hear this again, press 9. For the main menu, "
        "press star.",
    },
    "operator.never": {
        "zh": "抱歉，本热线暂不提供人工服务。电话挂失二十四小时都可以办理：立即挂失社保卡请按1；重听请按9；返回主菜单请按星号键。",
        "en": "Sorry, this hotline has no operators at present. You can report a lost card by "
        "phone at any hour: to report one now, press 1. To hear this again, press 9. For the "
        "main menu, press star.",
    },
    "operator.span": {
        "zh": "{days}{start}至{end}",
        "en": "{days}, {start} to {end}",
    },
    "operator.day_range": {
        "zh": "{first}至{last}",
        "en": "{first} to {last}",
    },
    "operator.except_holidays": {
        "zh": "{hours}（法定节假日除外）",
        "en": "{hours}, except public holidays",
    },
    "operator.never_staffed": {
        "zh": "暂不提供",
        "en": "not offered at present",
    },
    "operator.weekday.0": {"zh": "周一", "en": "Monday"},
    "operator.weekday.1": {"zh": "周二", "en": "Tuesday"},
    "operator.weekday.2": {"zh": "周三", "en": "Wednesday"},
    "operator.weekday.3": {"zh": "周四", "en": "Thursday"},
    "operator.weekday.4": {"zh": "周五", "en": "Friday"},
    "operator.weekday.5": {"zh": "周六", "en": "Saturday"},
    "operator.weekday.6": {"zh": "周日", "en": "Sunday"},
}

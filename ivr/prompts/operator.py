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
        "zh": "人工服务时间是{operator_hours}，现在不在服务时间。电话挂失随时可以办：{report_choice}；预约人工回电请按2。",
        "en": "Operators are available {operator_hours}, and it is outside those hours now. You can "
        "still report a lost card at any hour. {report_choice} To have an operator call you back, press 2.",
    },
    "operator.never": {
        "zh": "本热线暂不提供人工服务，电话挂失随时可以办：{report_choice}。",
        "en": "This hotline has no operators. You can report a lost card at any hour. {report_choice}",
    },
    "operator.span": {
        "zh": "{days}{start}到{end}",
        "en": "{days}, {start} to {end}",
    },
    "operator.day_range": {
        "zh": "{first}到{last}",
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

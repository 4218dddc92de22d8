"""The greeting and the main menu (which key leads where: ivr/flows/menu.py)."""

PROMPTS = {
    "welcome.greeting": {
        "zh": "您好，这里是{hotline}。",
        "en": "Welcome to the {hotline}.",
    },
    "welcome.person_any_time": {
        "zh": "人工服务请随时按0。",
        "en": "For an operator, press 0 at any time.",
    },
    # A caller aged 65 or over, while operators are on duty: a person first, before any menu.
    "welcome.person_first": {
        "zh": "人工服务请按0，我们优先为您接通；不按键，也会为您转人工。",
        "en": "To speak to an operator, press 0 and you will be put through first. Or just stay on the line.",
    },
    # Said in the other language's voice: the English sentence in a Mandarin greeting, and back.
    "welcome.other_language": {
        "zh": "普通话服务请按8。",
        "en": "For English, press 8.",
    },
    "welcome.default_name": {
        "zh": "社会保障卡服务热线",
        "en": "Social Security Card Hotline",
    },
    "menu.options": {
        "zh": "{items}。",
        "en": "{items}",
    },
    "menu.item": {
        "zh": "{label}请按{digit}",
        "en": "{label}, press {digit}.",
    },
    "menu.label.report": {"zh": "挂失社保卡", "en": "To report a lost card"},
    "menu.label.cancel": {"zh": "解除挂失", "en": "To cancel a report"},
    "menu.label.progress": {"zh": "查补卡进度", "en": "For a new card's progress"},
    "menu.label.outlets": {"zh": "查网点和所需材料", "en": "For outlets and what to bring"},
    "menu.label.operator": {"zh": "人工服务", "en": "For an operator"},
}

"""Greeting, language choice and the main menu."""

PROMPTS = {
    "welcome.greeting": {
        "zh": "您好，欢迎致电{hotline}，本热线二十四小时为您服务。",
        "en": "Welcome to the {hotline}, open 24 hours a day.",
    },
    "welcome.language_choice": {
        "zh": "普通话服务请按1。",
        "en": "For English, press 2.",
    },
    "welcome.default_name": {
        "zh": "社会保障卡服务热线",
        "en": "Social Security Card Hotline",
    },
    "menu.options": {
        "zh": "社保卡丢失挂失，请按1；卡片已找回、撤销挂失，请按2；查询补换卡进度，请按3；"
        "查询服务网点、办公时间和所需材料，请按4；人工服务，请按0；重听，请按9。",
        "en": "To report a lost card, press 1. If you found your card and want to cancel a "
        "report, press 2. For the progress of a replacement card, press 3. For service "
        "outlets, opening hours and what to bring, press 4. To speak to an operator, "
        "press 0. To hear these choices again, press 9.",
    },
}

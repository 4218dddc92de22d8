"""The one satisfaction question at the end of a call."""

PROMPTS = {
    "rating.ask": {
        "zh": "请对本次服务进行评价：满意请按1；基本满意请按2；不满意请按3。",
        "en": "Please rate this call: satisfied, press 1. Basically satisfied, press 2. Dissatisfied, press 3.",
    },
    "rating.ask_reason": {
        "zh": "请告诉我们不满意的原因：等候时间太长请按1；问题没有解决请按2；语音菜单难以使用请按3；"
        "人工服务态度请按4；其他原因请按5。",
        "en": "Please tell us why: the wait was too long, press 1. My problem was not solved, "
        "press 2. The menu was hard to use, press 3. The operator's manner, press 4. "
        "Something else, press 5.",
    },
    "rating.thanks": {
        "zh": "感谢您的评价，再见。",
        "en": "Thank you for your rating. Goodbye.",
    },
}

"""Sentences any step may say."""

PROMPTS = {
    "common.no_input": {
        "zh": "抱歉，我们没有收到您的按键。",
        "en": "Sorry, we did not hear a key press.",
    },
    "common.invalid_key": {
        "zh": "抱歉，您的按键无效。",
        "en": "Sorry, that key is not one of the choices.",
    },
    "common.too_many_tries": {
        "zh": "抱歉，这一步没能完成。",
        "en": "Sorry, we could not get that done.",
    },
    "common.too_many_tries_goodbye": {
        "zh": "很抱歉，我们没能完成您的请求。请带身份证到社保服务网点办理，或稍后再拨{hotline_number}。再见。",
        "en": "Sorry, we could not complete your request. Please take your ID card to a service "
        "outlet, or call {hotline_number} again later. Goodbye.",
    },
    "common.system_error": {
        "zh": "很抱歉，系统暂时出现故障，您的请求没有办理。请几分钟后再拨打{hotline_number}，"
        "或携带身份证到社保服务网点办理。再见。",
        "en": "Sorry, our system has a problem right now and nothing was changed. Please call "
        "{hotline_number} again in a few minutes, or go to a social security service "
        "outlet with your ID card. Goodbye.",
    },
    "common.out_of_step": {
        "zh": "抱歉，我们没能接上您刚才的操作，现在返回主菜单。",
        "en": "Sorry, we lost track of where you were. Returning to the main menu.",
    },
    "common.goodbye": {
        "zh": "感谢您的来电，再见。",
        "en": "Thank you for calling. Goodbye.",
    },
    "common.back_to_menu": {
        "zh": "正在返回主菜单。",
        "en": "Returning to the main menu.",
    },
    # Where nobody can help now and no operator will ever call back (OPERATOR_HOURS empty).
    "common.go_to_outlet": {
        "zh": "请带身份证到社保服务网点办理。感谢您的来电，再见。",
        "en": "Please take your ID card to a service outlet. Thank you for calling. Goodbye.",
    },
}

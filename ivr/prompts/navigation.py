"""Moving around the menus: * goes back a step, 9 hears a menu again, 0 a person."""

PROMPTS = {
    # The identity questions: the password is the card's service password, not the bank card PIN
    # (the social security card is also a bank card; a caller who keys the PIN fails and is locked).
    "navigation.enter_password": {
        "zh": "请输入6位社保卡服务密码，不是银行卡取款密码，以井号键结束。",
        "en": "Key your 6-digit social security service password, not your bank PIN, then hash.",
    },
    "navigation.enter_mobile4": {
        "zh": "请输入这张卡登记手机号的后4位。",
        "en": "Now the last 4 digits of your registered mobile.",
    },
    "navigation.repeat_or_back": {
        "zh": "重听请按9，返回主菜单请按星号键。",
        "en": "To hear this again, press 9. For the main menu, press star.",
    },
}

"""Moving around the menus: * goes back a step, 9 hears a menu again."""

PROMPTS = {
    # The identity questions with the way back in the same sentence (one <Say> each).
    "navigation.enter_password": {
        "zh": "请输入6位社保卡服务密码，输入完毕请按井号键。返回上一步请按星号键。",
        "en": "Please enter your 6-digit card service password, then press the hash key. "
        "To go back a step, press star.",
    },
    "navigation.enter_mobile4": {
        "zh": "请输入这张卡登记的手机号码的后4位。返回上一步请按星号键。",
        "en": "Please enter the last 4 digits of the mobile number registered with this card. "
        "To go back a step, press star.",
    },
    "navigation.repeat_or_back": {
        "zh": "重听请按9，返回主菜单请按星号键，结束请挂机。",
        "en": "To hear this again, press 9. For the main menu, press star. Or simply hang up.",
    },
}

"""Moving around the menus: * goes back a step, 9 hears a menu again."""

PROMPTS = {
    "navigation.back_hint": {
        "zh": "返回上一步请按星号键。",
        "en": "To go back a step, press star.",
    },
    "navigation.repeat_or_back": {
        "zh": "重听请按9，返回主菜单请按星号键，结束请挂机。",
        "en": "To hear this again, press 9. For the main menu, press star. Or simply hang up.",
    },
}

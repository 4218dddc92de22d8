"""SMS texts about a card's life: a replacement waiting at an outlet, a card an operator ended or reactivated."""

PROMPTS = {
    "sms.card_ready": {
        "zh": "【{hotline}】您的新社保卡已制作完成，可到{outlet}（{address}，{hours}）领取。"
        "请携带身份证原件和领卡回执。",
        # An outlet written in Chinese makes the whole SMS UCS-2 (70 characters a segment):
        # kept short so it still fits in two.
        "en": "{hotline}: new card ready at {outlet}, {address}, {hours}. Bring ID card + collection receipt.",
    },
    "sms.collection_reminder": {
        "zh": "【{hotline}】提醒：您的新社保卡自{ready_date}起在{outlet}（{hours}）待领取，"
        "请携带身份证原件和领卡回执尽快领取。",
        "en": "{hotline}: reminder, new card waiting at {outlet} ({hours}) since {ready_date}. Bring ID + receipt.",
    },
    # Sent when a person (console, CLI) ends a card or lifts a suspension that had no phone
    # report: the cardholder hears of it at once, as after a cancel by phone.
    "sms.card_cancelled": {
        "zh": "【{hotline}】您尾号{card_last4}的社保卡已注销，不能再使用。如非本人申请，请立即拨打{hotline_number}。",
        "en": "{hotline}: your card ending {card_last4} has been cancelled and no longer works. "
        "If this was not you, call {hotline_number} at once.",
    },
    "sms.card_reactivated": {
        "zh": "【{hotline}】您尾号{card_last4}的社保卡已解除挂失，恢复使用。"
        "如非本人操作，请立即拨打{hotline_number}重新挂失。",
        "en": "{hotline}: the suspension of your card ending {card_last4} is lifted and the card "
        "works again. If this was not you, call {hotline_number} at once to report it again.",
    },
}

"""Cancelling a pre-loss report by phone because the card was found."""

PROMPTS = {
    "cancel.not_allowed": {
        "zh": "抱歉，本市暂不支持通过电话解除挂失。请携带身份证原件到社保服务网点办理解除挂失，"
        "您的社保卡状态没有任何改变。",
        "en": "Sorry, in this city a lost-card report cannot be cancelled by phone. Please bring "
        "your ID card to a service outlet to cancel it. Nothing about your card has changed.",
    },
    "cancel.offer": {
        "zh": "尾号为{card_last4}的社保卡已于{filed_date}电话临时挂失，受理编号是：{reference}，"
        "有效期至{lapse_date}。卡片已找回、解除挂失并恢复使用，请按1；保留挂失，请按2。"
        "重听请按9，返回主菜单请按星号键。",
        "en": "The card ending in {card_last4} was reported lost by phone on {filed_date}, "
        "reference number: {reference}, valid until {lapse_date}. If you found the card, "
        "to cancel the report and make the card work again, press 1. To keep the report, "
        "press 2. To hear this again, press 9. For the main menu, press star.",
    },
    "cancel.done": {
        "zh": "挂失已解除，尾号为{card_last4}的社保卡已恢复正常使用。受理编号为{reference}的挂失不再有效，"
        "挂失提醒短信已取消，解除确认短信已发送到这张卡登记的手机。",
        "en": "The report is cancelled and the card ending in {card_last4} works again. Report "
        "{reference} is closed, its reminders are cancelled, and a confirmation has been "
        "sent by SMS to the mobile registered with this card.",
    },
    "cancel.kept": {
        "zh": "好的，挂失保留不变，这张卡仍然暂停使用。",
        "en": "All right, the report stays in place and the card remains suspended.",
    },
    "cancel.no_report": {
        "zh": "您尾号为{card_last4}的社保卡没有电话临时挂失，卡片正常使用，无需解除。",
        "en": "The card ending in {card_last4} has no lost-card report; it works normally, so "
        "there is nothing to cancel.",
    },
    "cancel.no_card": {
        "zh": "您名下没有可以解除挂失的社保卡。如有疑问，请携带身份证到社保服务网点咨询。",
        "en": "There is no card in your name with a report to cancel. For help, please visit a "
        "service outlet with your ID card.",
    },
    "cancel.lapsed": {
        "zh": "受理编号为{reference}的电话临时挂失已于{closed_date}到期自动解除，卡片已经恢复使用，无需解除。",
        "en": "Report {reference} lapsed on {closed_date} and the card already works again, so "
        "there is nothing to cancel.",
    },
    "cancel.already_cancelled": {
        "zh": "受理编号为{reference}的挂失已于{closed_date}解除，卡片已经恢复使用，无需再次解除。",
        "en": "Report {reference} was already cancelled on {closed_date} and the card works "
        "again, so there is nothing more to cancel.",
    },
    "cancel.beyond": {
        "zh": "这张卡目前的状态是：{state}。已正式挂失或正在补换的卡，不能通过电话解除挂失，"
        "请携带身份证原件到社保服务网点办理。",
        "en": "This card's status is: {state}. Once a card is formally reported lost or being "
        "replaced, the report cannot be cancelled by phone; please bring your ID card to a "
        "service outlet.",
    },
    "cancel.sms_confirmation": {
        "zh": "【{hotline}】您尾号{card_last4}的社保卡电话挂失（受理编号{reference}）已解除，卡片已恢复使用。"
        "如非本人操作，请立即拨打{hotline_number}重新挂失。",
        "en": "{hotline}: the lost-card report {reference} for your card ending {card_last4} is "
        "cancelled and the card works again. If this was not you, call {hotline_number} at "
        "once to report it again.",
    },
}

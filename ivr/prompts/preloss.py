"""Filing a pre-loss report by phone. The voice says what the caller must act on (the card is
stopped, the reference twice, the deadline, where to go); the SMS carries the details."""

PROMPTS = {
    "preloss.offer": {
        "zh": "挂失后，尾号{card_last4}的社保卡立即停用，医保结算也会暂停。确认挂失请按1，不挂失请按2。",
        "en": "Reporting stops the card ending {card_last4} at once, medical bills included. "
        "To report it, press 1. If not, press 2.",
    },
    "preloss.filed": {
        "zh": "挂失成功，这张卡已停用。受理编号是{reference}，再说一遍，{reference}。"
        "请在{lapse_date}之前到社保服务网点办理正式挂失，逾期自动解除。"
        "所需材料和网点已发短信到您登记的手机。",
        "en": "Your card is reported lost and has stopped working. Your reference is {reference}. "
        "Again: {reference}. Before {lapse_date}, go to a service outlet for the formal report, "
        "or this report lapses. We have texted the details to your registered mobile.",
    },
    "preloss.materials": {
        "zh": "身份证原件及复印件、近期一寸彩色免冠照片和填写好的申请表",
        "en": "your ID card and a copy of it, a recent one-inch colour photo, and the application form",
    },
    "preloss.reference_again": {
        "zh": "受理编号是{reference}，再说一遍，{reference}。",
        "en": "Your reference is {reference}. Again: {reference}.",
    },
    "preloss.after_keys": {
        "zh": "再听受理编号请按1，返回主菜单请按星号键。",
        "en": "To hear the reference again, press 1. For the main menu, press star.",
    },
    "preloss.already": {
        "zh": "这张卡已于{filed_date}挂失，无需重复挂失。受理编号是{reference}，再说一遍，{reference}。"
        "请在{lapse_date}之前到社保服务网点办理正式挂失。",
        "en": "This card was already reported lost on {filed_date}; there is no need to report it "
        "again. The reference is {reference}. Again: {reference}. Before {lapse_date}, go "
        "to a service outlet to make the formal report.",
    },
    "preloss.not_active": {
        "zh": "这张卡目前的状态是{state}，不能再电话挂失。如有疑问，请到社保服务网点咨询。",
        "en": "This card's status is: {state}, so it cannot be reported lost by phone. For help, "
        "please visit a service outlet.",
    },
    "preloss.no_card": {
        "zh": "您名下没有可以挂失的社保卡。如有疑问，请带身份证到社保服务网点咨询。",
        "en": "There is no card in your name that can be reported lost. For help, please visit "
        "a service outlet with your ID card.",
    },
}

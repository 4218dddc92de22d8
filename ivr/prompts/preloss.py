"""Filing a pre-loss report by phone."""

PROMPTS = {
    "preloss.offer": {
        "zh": "尾号为{card_last4}的社保卡挂失后，将立即停止医保结算等全部功能。确认挂失请按1，返回主菜单请按2。",
        "en": "Once reported, the card ending in {card_last4} will stop working for medical "
        "settlement and every other use at once. To confirm the report, press 1. "
        "To go back to the main menu, press 2.",
    },
    "preloss.filed": {
        "zh": "挂失成功，这张卡已停止使用。您的受理编号是：{reference}。本次为电话临时挂失，"
        "有效期至{lapse_date}。请在此之前携带{materials}，到社保服务网点办理正式挂失和补卡，"
        "逾期未办理，挂失将自动解除。受理编号已通过短信发送到这张卡登记的手机。",
        "en": "Your card is reported lost and has stopped working. Your reference number is: "
        "{reference}. This phone report lasts until {lapse_date}. Before then, please bring "
        "{materials} to a service outlet to make the formal loss report and apply for a new "
        "card; otherwise the report lapses. We have sent the reference by SMS to the mobile "
        "registered with this card.",
    },
    "preloss.materials": {
        "zh": "身份证原件及复印件、近期一寸彩色免冠照片和填写好的申请表",
        "en": "your ID card and a copy of it, a recent one-inch colour photo, and the application form",
    },
    "preloss.reference_again": {
        "zh": "请记下您的受理编号：{reference}。",
        "en": "Please write down your reference number: {reference}.",
    },
    "preloss.reference_key": {
        "zh": "再听一遍受理编号请按1。",
        "en": "To hear the reference number again, press 1.",
    },
    "preloss.already": {
        "zh": "这张卡已于{filed_date}办理电话临时挂失，受理编号是：{reference}，有效期至{lapse_date}。"
        "无需重复挂失，请在有效期内携带{materials}到社保服务网点办理正式挂失。",
        "en": "This card was already reported lost on {filed_date}. The reference number is: "
        "{reference}, and the report lasts until {lapse_date}. There is no need to report it "
        "again; before then, please bring {materials} to a service outlet for the formal "
        "report.",
    },
    "preloss.not_active": {
        "zh": "这张卡目前的状态是：{state}，不能再办理电话挂失。如有疑问，请联系社保服务网点。",
        "en": "This card's status is: {state}, so it cannot be reported lost by phone. For help, "
        "please contact a service outlet.",
    },
    "preloss.no_card": {
        "zh": "您名下没有可以挂失的社保卡。如有疑问，请携带身份证到社保服务网点咨询。",
        "en": "There is no card in your name that can be reported lost. For help, please visit "
        "a service outlet with your ID card.",
    },
}

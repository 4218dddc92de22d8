"""SMS texts. Each starts with the hotline's name and fits in one or two SMS segments."""

PROMPTS = {
    "sms.preloss_confirmation": {
        "zh": "【{hotline}】您尾号{card_last4}的社保卡已电话临时挂失，受理编号{reference}，有效至{lapse_date}。"
        "请在此前携带身份证原件及复印件、一寸彩照、申请表到社保服务网点办理正式挂失。",
        "en": "{hotline}: your card ending {card_last4} is reported lost, ref {reference}, valid "
        "until {lapse_date}. Before then bring your ID + copy, a 1-inch photo and the form "
        "to an outlet for the formal report.",
    },
    "sms.formal_report_reminder": {
        "zh": "【{hotline}】提醒：您的社保卡临时挂失（受理编号{reference}）将于{lapse_date}失效。"
        "请携带身份证原件及复印件、一寸彩照、申请表到社保服务网点办理正式挂失。",
        "en": "{hotline}: reminder, your lost-card report {reference} lapses on {lapse_date}. "
        "Bring your ID + copy, a 1-inch photo and the form to an outlet for the formal "
        "report.",
    },
    "sms.lockout_alert": {
        "zh": "【{hotline}】您的证件号码多次电话身份验证未通过，电话验证已暂停{hours}小时。"
        "如非本人操作，请携带身份证到社保服务网点修改服务密码。",
        "en": "{hotline}: several failed phone identity checks were made for your ID number; "
        "phone checks are paused for {hours} hours. If this was not you, change your "
        "service password at an outlet.",
    },
}

"""Texts of the reminder engine: reminders with the outlet, the lapse notice, and replies to inbound SMS.

Each starts with the hotline's name and fits in two SMS segments (tests/messaging/test_sms_texts.py).
"""

PROMPTS = {
    "reminders.formal_report_outlet": {
        "zh": "【{hotline}】提醒：临时挂失{reference}将于{lapse_date}失效。请带身份证及复印件、一寸照、申请表"
        "到{outlet}（{hours}）办理正式挂失。",
        "en": "{hotline}: reminder, lost-card report {reference} lapses on {lapse_date}. Bring your "
        "ID + copy, a 1-inch photo and the form to {outlet} ({hours}) for the formal report.",
    },
    "reminders.formal_report_last": {
        "zh": "【{hotline}】最后提醒：临时挂失{reference}明天（{lapse_date}）失效。请带身份证及复印件、"
        "一寸照、申请表到{outlet}（{hours}）办理正式挂失。",
        "en": "{hotline}: last reminder, lost-card report {reference} lapses tomorrow, {lapse_date}. "
        "Bring your ID + copy, a 1-inch photo and the form to {outlet} ({hours}).",
    },
    # Shorter forms naming the outlet: a Chinese outlet name makes an English SMS use UCS-2 (70
    # characters a segment), where the long form would not fit in two.
    "reminders.formal_report_outlet_short": {
        "zh": "【{hotline}】临时挂失{reference}将于{lapse_date}失效，请带身份证、照片、申请表到{outlet}（{hours}）办理正式挂失。",
        "en": "{hotline}: report {reference} lapses {lapse_date}. Bring ID, photo, form to {outlet} ({hours}).",
    },
    "reminders.formal_report_outlet_shortest": {
        "zh": "【{hotline}】挂失{reference}于{lapse_date}失效，请到{outlet}办理正式挂失。",
        "en": "{hotline}: report {reference} lapses {lapse_date}. Go to {outlet}.",
    },
    "reminders.formal_report_last_short": {
        "zh": "【{hotline}】临时挂失{reference}明天（{lapse_date}）失效，请带身份证、照片、申请表到{outlet}（{hours}）办理正式挂失。",
        "en": "{hotline}: report {reference} lapses tomorrow, {lapse_date}. Bring ID, photo, form to {outlet} ({hours}).",
    },
    "reminders.formal_report_last_shortest": {
        "zh": "【{hotline}】挂失{reference}明天（{lapse_date}）失效，请到{outlet}办理正式挂失。",
        "en": "{hotline}: report {reference} lapses tomorrow, {lapse_date}. Go to {outlet}.",
    },
    "reminders.formal_report_last_plain": {
        "zh": "【{hotline}】最后提醒：临时挂失{reference}明天（{lapse_date}）失效。请带身份证及复印件、"
        "一寸照、申请表到社保服务网点办理正式挂失。",
        "en": "{hotline}: last reminder, lost-card report {reference} lapses tomorrow, {lapse_date}. "
        "Bring your ID + copy, a 1-inch photo and the form to an outlet for the formal report.",
    },
    "reminders.lapse_notice": {
        "zh": "【{hotline}】您尾号{card_last4}的社保卡临时挂失（{reference}）已到期失效，卡片已恢复使用。"
        "如卡仍丢失，请再次拨打{hotline_number}挂失。",
        "en": "{hotline}: lost-card report {reference} has lapsed and your card ending {card_last4} "
        "works again. If it is still lost, call {hotline_number} to report it again.",
    },
    "reminders.opted_out": {
        "zh": "【{hotline}】已退订提醒短信，办理业务的确认短信仍会发送。回复START恢复。",
        "en": "{hotline}: you will get no more reminders. Confirmations of what you do still come. "
        "Reply START to get reminders again.",
    },
    "reminders.opted_in": {
        "zh": "【{hotline}】已恢复接收提醒短信。回复退订或STOP可随时退订。",
        "en": "{hotline}: reminders are on again. Reply STOP at any time to stop them.",
    },
    "reminders.help": {
        "zh": "【{hotline}】社保卡挂失服务热线{hotline_number}，24小时电话挂失、查询补卡进度。"
        "回复退订停止提醒，回复START恢复。",
        "en": "{hotline}: lost social security card hotline {hotline_number}, 24 hours: report a "
        "lost card, check a replacement. Reply STOP to stop reminders, START to resume.",
    },
}

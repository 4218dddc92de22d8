"""SMS texts about a replacement card waiting at an outlet."""

PROMPTS = {
    "sms.card_ready": {
        "zh": "【{hotline}】您的新社保卡已制作完成，可到{outlet}（{address}，{hours}）领取。"
              "请携带身份证原件和领卡回执。",
        # An outlet written in Chinese makes the whole SMS UCS-2 (70 characters a segment):
        # kept short so it still fits in two.
        "en": "{hotline}: new card ready at {outlet}, {address}, {hours}. "
              "Bring ID card + collection receipt.",
    },
    "sms.collection_reminder": {
        "zh": "【{hotline}】提醒：您的新社保卡自{ready_date}起在{outlet}（{hours}）待领取，"
              "请携带身份证原件和领卡回执尽快领取。",
        "en": "{hotline}: reminder, new card waiting at {outlet} ({hours}) since {ready_date}. "
              "Bring ID + receipt.",
    },
}

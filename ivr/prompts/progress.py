"""Where a replacement card stands."""

PROMPTS = {
    "progress.no_card": {
        "zh": "您名下没有社保卡记录。如有疑问，请携带身份证到社保服务网点咨询。",
        "en": "There is no card on record in your name. For help, please visit a service outlet with your ID card.",
    },
    "progress.active": {
        "zh": "您尾号为{card_last4}的社保卡正常使用，目前没有正在办理的补换卡业务。",
        "en": "Your card ending in {card_last4} is active, and no replacement is in progress.",
    },
    "progress.preloss": {
        "zh": "您尾号为{card_last4}的社保卡已于{filed_date}电话临时挂失，受理编号是：{reference}，"
        "有效期至{lapse_date}。下一步，请在有效期内携带{materials}，到社保服务网点办理正式挂失和补卡。",
        "en": "Your card ending in {card_last4} was reported lost by phone on {filed_date}, "
        "reference number: {reference}, valid until {lapse_date}. Next, before then, please "
        "bring {materials} to a service outlet to make the formal report and apply for a "
        "new card.",
    },
    "progress.formal_loss": {
        "zh": "您的社保卡已于{since}正式挂失。下一步，请携带{materials}，到社保服务网点申请补卡。",
        "en": "Your card was formally reported lost on {since}. Next, please bring {materials} "
        "to a service outlet to apply for a new card.",
    },
    "progress.replacement_applied": {
        "zh": "您的社保卡已正式挂失，并于{since}申请补办新卡，新卡即将开始制作。制作完成后我们会短信通知您。",
        "en": "Your card is formally reported lost, and a new card was applied for on {since}. "
        "It will go into production soon; we will text you when it is ready.",
    },
    "progress.in_production": {
        "zh": "您的新社保卡自{since}起正在制作，预计{ready_date}可以领取。制作完成后我们会短信通知您。",
        "en": "Your new card has been in production since {since} and should be ready on "
        "{ready_date}. We will text you when it is ready.",
    },
    "progress.in_production_undated": {
        "zh": "您的新社保卡自{since}起正在制作，制作完成后我们会短信通知您。",
        "en": "Your new card has been in production since {since}. We will text you when it is ready.",
    },
    "progress.ready": {
        "zh": "您的新社保卡已于{since}制作完成，可以领取。",
        "en": "Your new card has been ready for collection since {since}.",
    },
    "progress.collect_at": {
        "zh": "领取网点：",
        "en": "Collect it at:",
    },
    "progress.collect_where_applied": {
        "zh": "请到您申请补卡的社保服务网点领取。",
        "en": "Please collect it at the service outlet where you applied.",
    },
    "progress.bring_for_collection": {
        "zh": "领卡时请携带身份证原件和领卡回执。",
        "en": "Please bring your ID card and the collection receipt.",
    },
    "progress.collected": {
        "zh": "您的新社保卡已于{since}领取，补换卡业务已经办结。",
        "en": "Your new card was collected on {since}; the replacement is complete.",
    },
    "progress.closed": {
        "zh": "这张卡目前的状态是：{state}。如有疑问，请携带身份证到社保服务网点咨询。",
        "en": "This card's status is: {state}. For help, please visit a service outlet with your ID card.",
    },
}

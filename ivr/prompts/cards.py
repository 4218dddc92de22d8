"""How each card state is named to a caller or an operator."""

PROMPTS = {
    "card.state.active": {"zh": "正常使用", "en": "active"},
    "card.state.preloss": {"zh": "电话临时挂失", "en": "reported lost by phone"},
    "card.state.formal_loss": {"zh": "已正式挂失", "en": "formally reported lost"},
    "card.state.replacement_applied": {"zh": "已申请补卡", "en": "replacement applied for"},
    "card.state.in_production": {"zh": "新卡制作中", "en": "new card in production"},
    "card.state.ready": {"zh": "新卡待领取", "en": "new card ready for collection"},
    "card.state.collected": {"zh": "新卡已领取", "en": "new card collected"},
    "card.state.cancelled": {"zh": "已注销", "en": "cancelled"},
    "card.state.void": {"zh": "已作废", "en": "void"},
}

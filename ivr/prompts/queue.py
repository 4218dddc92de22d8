"""Waiting in the operator queue, and what the operator hears about the caller who is coming."""

PROMPTS = {
    "queue.joining": {
        "zh": "正在为您转接人工服务。等候期间，如需改为预约回电，请随时按1。",
        "en": "Connecting you to an operator. While you wait, you can press 1 at any time to ask "
        "for a call back instead.",
    },
    "queue.ahead_one": {
        "zh": "您前面还有1位来电。",
        "en": "There is 1 caller ahead of you.",
    },
    "queue.ahead": {
        "zh": "您前面还有{ahead}位来电。",
        "en": "There are {ahead} callers ahead of you.",
    },
    "queue.wait_one_minute": {
        "zh": "预计等候约1分钟。",
        "en": "The wait is about 1 minute.",
    },
    "queue.wait_minutes": {
        "zh": "预计等候约{minutes}分钟。",
        "en": "The wait is about {minutes} minutes.",
    },
    "queue.next": {
        "zh": "您是下一位，请稍候，马上为您接通。",
        "en": "You are next in line. An operator will be with you shortly.",
    },
    "queue.hold": {
        "zh": "请继续等候。需要预约回电请按1。",
        "en": "Please stay on the line. To ask for a call back instead, press 1.",
    },
    "queue.long_wait": {
        "zh": "抱歉，现在等候时间较长。预约人工回电请按1，继续等候请不要挂机。",
        "en": "Sorry, the wait is long at the moment. To have an operator call you back, press 1. "
        "To keep waiting, stay on the line.",
    },
    # jambonz hears no keys while a caller waits (README, Voice engines): these promise none.
    "queue.joining_no_keys": {
        "zh": "正在为您转接人工服务，请稍候。",
        "en": "Connecting you to an operator. Please hold.",
    },
    "queue.hold_no_keys": {
        "zh": "请继续等候。",
        "en": "Please stay on the line.",
    },
    "queue.offer_callback": {
        "zh": "如需改为预约回电，请按1；继续等候请不要挂机，您的排队位置不变。",
        "en": "To ask for a call back instead, press 1. To keep your place in the queue, stay on the line.",
    },
    "queue.long_wait_leaving": {
        "zh": "抱歉，目前等候时间较长。我们可以在人工服务时间内给您回电。",
        "en": "Sorry, the wait is long at the moment. We can call you back during staffed hours.",
    },
    "queue.connecting": {
        "zh": "现在为您接通人工座席。",
        "en": "An operator is taking your call now.",
    },
    "queue.failed": {
        "zh": "抱歉，暂时无法排队等候人工服务。",
        "en": "Sorry, we cannot place you in the queue for an operator right now.",
    },
    "agent.greeting": {
        "zh": "人工座席线路。",
        "en": "Operator line.",
    },
    "agent.next_caller": {
        "zh": "下一位来电：{summary}",
        "en": "Next caller: {summary}",
    },
    "agent.nobody_waiting": {
        "zh": "目前没有来电在等候。按1再次查看，或稍候自动查看。",
        "en": "Nobody is waiting. Press 1 to check again, or hold and the line will check again.",
    },
    "agent.after_call": {
        "zh": "通话已结束。接听下一位请按1，结束请挂机。",
        "en": "The call has ended. For the next caller, press 1, or hang up.",
    },
    "agent.not_registered": {
        "zh": "本线路仅供登记的人工座席使用。",
        "en": "This line is for registered operators only.",
    },
    "agent.ask_pin": {
        "zh": "请输入本线路的座席密码，以井号键结束。",
        "en": "Key this line's operator PIN, then the hash key.",
    },
    "agent.pin_wrong": {
        "zh": "座席密码不正确。",
        "en": "That PIN is not right.",
    },
    "agent.pin_throttled": {
        "zh": "密码错误次数过多，本线路暂停使用，请稍后再拨或联系主管。",
        "en": "Too many wrong PINs: the line is paused. Call again later or ask a supervisor.",
    },
    "agent.missed": {
        "zh": "这位来电已离开队列。",
        "en": "That caller has left the queue.",
    },
    "agent.language": {"zh": "{tongue}来电", "en": "speaks {tongue}"},
    "agent.language.zh": {"zh": "普通话", "en": "Mandarin"},
    "agent.language.en": {"zh": "英语", "en": "English"},
    "agent.verified": {"zh": "已核验身份", "en": "identity verified"},
    "agent.unverified": {"zh": "未核验身份", "en": "identity not verified"},
    "agent.card": {"zh": "卡号尾号{last4}，卡片状态：{state}", "en": "card ending {last4}, {state}"},
    "agent.came_from": {"zh": "从{menu}转人工", "en": "asked for an operator from {menu}"},
    "agent.purpose.menu": {"zh": "主菜单", "en": "the main menu"},
    "agent.purpose.operator": {"zh": "主菜单", "en": "the main menu"},
    "agent.purpose.report": {"zh": "挂失菜单", "en": "the report menu"},
    "agent.purpose.cancel": {"zh": "解除挂失菜单", "en": "the cancel menu"},
    "agent.purpose.progress": {"zh": "补卡进度菜单", "en": "the progress menu"},
    "agent.purpose.outlets": {"zh": "网点查询菜单", "en": "the outlets menu"},
    "agent.outcome.report_filed": {"zh": "本次来电已办理电话挂失", "en": "pre-loss report filed on this call"},
    "agent.outcome.report_existing": {"zh": "此卡已有挂失", "en": "card already reported lost"},
    "agent.outcome.report_cancelled": {"zh": "本次来电已解除挂失", "en": "pre-loss report cancelled on this call"},
    "agent.outcome.progress_told": {"zh": "已听取补卡进度", "en": "heard the replacement progress"},
    "agent.outcome.outlets_told": {"zh": "已听取网点信息", "en": "heard the outlet information"},
    "agent.outcome.initial_password": {
        "zh": "仍是初始密码，无法电话核验",
        "en": "still on the initial password, cannot verify by phone",
    },
    "agent.outcome.locked_out": {"zh": "电话核验已锁定", "en": "phone verification locked"},
    "agent.outcome.verification_failed": {"zh": "身份核验未通过", "en": "identity check failed"},
}

"""Service outlets, their opening hours, and what to bring."""

PROMPTS = {
    "outlets.ask_area": {
        "zh": "请输入您身份证号码的前6位地区代码，然后按井号键；查询主要服务网点，请直接按井号键。"
        "返回主菜单请按星号键。",
        "en": "Please enter the first 6 digits of your ID number, the area code, then press hash. "
        "For the main outlets, just press hash. For the main menu, press star.",
    },
    "outlets.area_format": {
        "zh": "地区代码是身份证号码的前6位数字。",
        "en": "The area code is the first 6 digits of your ID number.",
    },
    "outlets.intro_area": {
        "zh": "为您查到以下服务网点。",
        "en": "Here are the outlets for your area.",
    },
    "outlets.none_for_area": {
        "zh": "您所在地区暂时没有登记的服务网点，以下是主要服务网点。",
        "en": "There is no outlet on record for that area yet; here are the main outlets.",
    },
    "outlets.intro_main": {
        "zh": "以下是主要服务网点。",
        "en": "Here are the main outlets.",
    },
    "outlets.none_at_all": {
        "zh": "抱歉，目前没有可以查询的服务网点信息。",
        "en": "Sorry, there is no outlet information available at the moment.",
    },
    "outlets.item_number": {
        "zh": "第{number}个网点：",
        "en": "Outlet {number}:",
    },
    "outlets.item": {
        "zh": "{name}，地址：{address}。",
        "en": "{name}. Address: {address}.",
    },
    "outlets.terminal_24h": {
        "zh": "您可以带身份证到24小时自助服务终端修改服务密码，离您最近的终端在：",
        "en": "You can change your service password with your ID card at a 24-hour self-service "
        "terminal. The nearest one is at:",
    },
    "outlets.terminal_then_call": {
        "zh": "修改密码后，请再拨打{hotline_number}办理电话挂失。",
        "en": "Once you have changed it, call {hotline_number} again to report the card lost by phone.",
    },
    "outlets.item_hours": {
        "zh": "办公时间：{hours}。",
        "en": "Opening hours: {hours}.",
    },
    "outlets.opening": {
        "zh": "{days}{times}",
        "en": "{days}, {times}",
    },
    "outlets.time_range": {
        "zh": "{start}到{end}",
        "en": "{start} to {end}",
    },
    **{
        f"outlets.day_short.{n}": {"zh": zh, "en": en}
        for n, (zh, en) in enumerate(
            zip(
                ("周一", "周二", "周三", "周四", "周五", "周六", "周日"),
                ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
                strict=True,
            )
        )
    },
    "outlets.materials": {
        "zh": "办理正式挂失和补卡，请携带身份证原件及复印件、近期一寸彩色免冠照片和填写好的申请表；"
        "他人代办的，请同时携带持卡人和代办人的身份证。",
        "en": "For the formal report and a new card, bring your ID card and a copy of it, a recent "
        "one-inch colour photo, and the application form. Someone acting for the cardholder "
        "brings both their own ID card and the cardholder's.",
    },
    "outlets.after_menu": {
        "zh": "将以上信息发送短信到您的手机，请按1；查询其他地区，请按2；重听请按9；返回主菜单请按星号键。",
        "en": "To get this by SMS, press 1. For another area, press 2. To hear this again, press "
        "9. For the main menu, press star.",
    },
    "outlets.sms_queued": {
        "zh": "短信已发送到您正在使用的手机，请注意查收。",
        "en": "We have sent it by SMS to the mobile you are calling from.",
    },
    "outlets.sms_not_mobile": {
        "zh": "抱歉，您正在使用的电话不是手机号码，或没有显示号码，无法接收短信。",
        "en": "Sorry, the number you are calling from is not a mobile number, or is hidden, so it "
        "cannot receive an SMS.",
    },
    "outlets.sms_limit": {
        "zh": "本次通话已发送过多条网点短信，不再继续发送。",
        "en": "We have already sent several outlet messages during this call, so we will not send more.",
    },
    "outlets.sms_held_back": {
        "zh": "抱歉，目前不能再向这个号码发送短信，请稍后再试。",
        "en": "Sorry, we cannot send more text messages to this number now. Please try again later.",
    },
    "outlets.sms_line": {
        "zh": "{name}，{address}，{hours}",
        "en": "{name}, {address}, {hours}",
    },
    "outlets.sms_info": {
        "zh": "【{hotline}】社保服务网点：{outlets}。办理正式挂失和补卡请携带身份证原件及复印件、"
        "一寸彩照、申请表；代办另带代办人身份证。",
        "en": "{hotline} outlets: {outlets}. For the formal report and a new card bring your ID + "
        "copy, a 1-inch photo and the form; an agent also brings their own ID.",
    },
    # Plainer forms of sms_info, for a mainland provider whose rules refuse the list as one variable
    # (ivr/messaging/kinds.py): the first outlet in three variables, then no outlet at all.
    "outlets.sms_info_nearest": {
        "zh": "【{hotline}】社保服务网点：{outlet}，{address}，{hours}。办理正式挂失和补卡请携带身份证原件及复印件、"
        "一寸彩照、申请表；代办另带代办人身份证。",
        "en": "{hotline} outlet: {outlet}, {address}, {hours}. For the formal report and a new card bring your ID + "
        "copy, a 1-inch photo and the form; an agent also brings their own ID.",
    },
    "outlets.sms_info_plain": {
        "zh": "【{hotline}】社保服务网点的名称和地址请拨打{hotline_number}收听。办理正式挂失和补卡请携带身份证原件及复印件、"
        "一寸彩照、申请表；代办另带代办人身份证。",
        "en": "{hotline}: call {hotline_number} to hear the outlets' names and addresses. For the formal report and a "
        "new card bring your ID + copy, a 1-inch photo and the form; an agent also brings their own ID.",
    },
}

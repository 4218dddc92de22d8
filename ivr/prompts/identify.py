"""Identity: the ID number, its read-back, and the two security questions."""

PROMPTS = {
    "identify.enter_id": {
        "zh": "请输入您的18位身份证号码，字母X请按星号键，输入完毕请按井号键。",
        "en": "Please enter your 18-digit ID number. For the letter X, press star. Then press the hash key.",
    },
    "identify.id_length": {
        "zh": "您输入的号码不是18位。",
        "en": "The number you entered does not have 18 characters.",
    },
    "identify.id_format": {
        "zh": "身份证号码只能由数字组成，最后一位可以是字母X，请用星号键输入X。",
        "en": "An ID number has only digits, and its last character may be X, keyed as star.",
    },
    "identify.id_birth_date": {
        "zh": "号码中的出生日期不正确。",
        "en": "The date of birth inside that number is not a real date.",
    },
    "identify.id_checksum": {
        "zh": "号码的校验位不正确，可能有一位输错了。",
        "en": "That number does not add up; one of the digits may be wrong.",
    },
    "identify.id_17_digits": {
        "zh": "您输入了17位数字。如果号码的最后一位是字母X，请在最后按星号键代替X，再按井号键。",
        "en": "You entered 17 digits. If your number ends in the letter X, press star for the X "
        "at the end, then press the hash key.",
    },
    "identify.id_area": {
        "zh": "号码的前两位不是有效的省份代码。",
        "en": "The first two digits of that number are not a valid province code.",
    },
    "identify.readback": {
        "zh": "您输入的身份证号码，最后四位是：{last4}。正确请按1，重新输入请按2。",
        "en": "The ID number you entered ends in: {last4}. If that is right, press 1. To enter it again, press 2.",
    },
    "identify.enter_password": {
        "zh": "请输入6位社保卡服务密码，输入完毕请按井号键。",
        "en": "Please enter your 6-digit card service password, then press the hash key.",
    },
    "identify.password_format": {
        "zh": "服务密码是6位数字。",
        "en": "The service password has 6 digits.",
    },
    "identify.enter_mobile4": {
        "zh": "请输入这张卡登记的手机号码的后4位。",
        "en": "Please enter the last 4 digits of the mobile number registered with this card.",
    },
    "identify.mobile4_format": {
        "zh": "请输入4位数字。",
        "en": "Please enter 4 digits.",
    },
    "identify.failed": {
        "zh": "抱歉，身份验证没有通过，请重新回答。",
        "en": "Sorry, we could not verify your identity. Please answer again.",
    },
    "identify.failed_final": {
        "zh": "抱歉，身份验证多次没有通过。为保护您的信息安全，本次通话无法继续验证。"
        "您可以携带身份证到社保服务网点办理，或在人工服务时间{operator_hours}转人工服务。",
        "en": "Sorry, we could not verify your identity after several tries. To protect your "
        "information this call cannot try again. You can go to a service outlet with your "
        "ID card, or speak to an operator during staffed hours, {operator_hours}. Goodbye.",
    },
    "identify.locked": {
        "zh": "为保护您的信息安全，这个证件号码的电话身份验证已暂停{hours}小时。"
        "您可以携带身份证到社保服务网点办理，或在人工服务时间{operator_hours}转人工服务。",
        "en": "To protect your information, phone verification for this ID number is paused for "
        "{hours} hours. You can go to a service outlet with your ID card, or speak to an "
        "operator during staffed hours, {operator_hours}.",
    },
    "identify.initial_password": {
        "zh": "您的社保卡仍在使用初始服务密码，无法通过电话验证身份。请携带身份证到社保服务网点"
        "修改密码并办理挂失，或在人工服务时间{operator_hours}转人工服务。",
        "en": "Your card still has its initial service password, so you cannot be verified by "
        "phone. Please go to a service outlet with your ID card to change it and report the "
        "loss, or speak to an operator during staffed hours, {operator_hours}.",
    },
}

"""Identity: the ID number, its read-back, and the two security questions."""

PROMPTS = {
    "identify.enter_id": {
        "zh": "请输入18位身份证号码，以井号键结束；X用星号键代替。",
        "en": "Key your 18-digit ID number, then hash. For an X, press star.",
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
        "zh": "号码最后四位是{last4}。正确请按1，重新输入请按2。",
        "en": "Your ID number ends {last4}. If that's right, press 1. If not, press 2.",
    },
    "identify.password_format": {
        "zh": "服务密码是6位数字。",
        "en": "The service password has 6 digits.",
    },
    "identify.mobile4_format": {
        "zh": "请输入4位数字。",
        "en": "Please enter 4 digits.",
    },
    "identify.failed": {
        "zh": "抱歉，身份验证没有通过，请重新回答。",
        "en": "Sorry, we could not verify your identity. Please answer again.",
    },
    # After the second failed check of a call: a person in staffed hours, else a call back.
    # What comes next is said by the operator flow ("connecting you", the queue, or that nobody can
    # be reached): saying "we will put you through" here too said it twice, or promised wrongly.
    "identify.failed_to_person": {
        "zh": "抱歉，身份验证两次没有通过。",
        "en": "Sorry, your identity check has failed twice.",
    },
    "identify.failed_final": {
        "zh": "抱歉，身份验证两次没有通过，本次通话不能再验证。",
        "en": "Sorry, your identity check has failed twice, so this call cannot try again.",
    },
    "identify.locked": {
        "zh": "为保护您的信息，这个证件号码的电话验证暂停{hours}小时。",
        "en": "To protect you, phone checks for this ID number are paused for {hours} hours.",
    },
    "identify.initial_password": {
        "zh": "您的卡还在用初始服务密码，电话里不能验证身份。",
        "en": "Your card still has its first service password, so we cannot verify you by phone.",
    },
    "identify.initial_password_to_person": {
        "zh": "您的卡还在用初始服务密码，电话里不能验证身份。现在为您转人工服务，由人工为您挂失。",
        "en": "Your card still has its first service password, so we cannot verify you by phone. "
        "Let me put you through to an operator, who can report the card for you.",
    },
}

"""What a mainland provider accepts in one template variable: checked before a message goes, and by the CLI.

The providers refuse a message whose variable breaks their rules; the hotline refuses it first, with
the variable's name and the rule, so an operator reads why and nothing is retried. The rules, as the
providers document them:

- Alibaba Cloud, 申请短信模板 (https://help.aliyun.com/document_detail/108088.html): every variable
  1 to 35 characters; a verification-code variable 4 to 6 characters. TemplateRule&TemplateContent
  (https://help.aliyun.com/document_detail/2806243.html): a phone_number variable is a mainland
  landline, 5 to 13 digits and hyphens in at most 15 characters, or an 11-digit mobile beginning
  with 1. 通知短信模板规范 (https://help.aliyun.com/document_detail/463270.html): no 【】 anywhere
  in a message; SendSms refuses a link in a variable (isv.PARAM_NOT_SUPPORT_URL).
- Tencent Cloud, 正文模板审核标准 (https://cloud.tencent.com/document/product/382/39023): a
  verification-code variable is at most 6 digits; other variables as long as the console shows when
  the template is created (12 characters for personally verified accounts in the 2024 edition,
  https://www.tencentcloud.com/zh/document/product/382/40659, none for enterprises); no link in a
  variable; no 【】 in a message.

So the templates file says what the provider's console said: `variable_max_length` (the account's
limit; Alibaba's 35 can only be lowered), `types = { name = "phone_number" | "code" }` and
`max_length = { name = N }` per template. Characters are counted as both providers count them: each
Chinese character, letter, digit, punctuation mark or space is one.
"""

import re

ALIYUN_MAX_LENGTH = 35
LINK = re.compile(r"https?://|www\.|\b[a-z0-9-]+\.(?:com|cn|net|org|gov)\b", re.I)
SIGN_BRACKETS = re.compile(r"[【】]")
MOBILE = re.compile(r"1\d{10}")
LANDLINE = re.compile(r"[0-9-]{5,15}")


def aliyun_phone(value):
    digits = value.replace("-", "")
    return bool(MOBILE.fullmatch(value) or (LANDLINE.fullmatch(value) and 5 <= len(digits) <= 13))


# Each provider's variable types the hotline can check, with what the rule says in words.
TYPES = {
    "aliyun": {
        "phone_number": (aliyun_phone, "a mainland mobile (11 digits from 1) or 5-13 digits and hyphens"),
        "code": (lambda v: v.isascii() and v.isdigit() and 4 <= len(v) <= 6, "4 to 6 digits"),
    },
    "tencent": {
        "code": (lambda v: v.isascii() and v.isdigit() and len(v) <= 6, "at most 6 digits"),
    },
}
PROVIDER_NAMES = {"aliyun": "Alibaba Cloud", "tencent": "Tencent Cloud"}
# The account-wide limit, as a drafted templates file suggests it (a comment until the operator sets it).
DRAFT_HINT = {
    "aliyun": "# variable_max_length = 35  # Alibaba's limit on every variable, checked whether or not it is set",
    "tencent": "# variable_max_length = 12  # what Tencent's console shows for this account (personal: 12)",
}


def account_limit(provider, configured):
    """The most characters any one variable may have: the file's value, within Alibaba's 35."""
    if provider == "aliyun":
        return min(configured or ALIYUN_MAX_LENGTH, ALIYUN_MAX_LENGTH)
    return configured


def declared(provider, where, types, limits):
    """What is wrong with a template's declared variable types and lengths (for the templates file)."""
    found = [
        f"{where}: {name} has type {kind!r}; {PROVIDER_NAMES[provider]} types checked here: "
        + ", ".join(sorted(TYPES[provider]))
        for name, kind in types.items()
        if kind not in TYPES[provider]
    ]
    if provider == "aliyun":
        found += [
            f"{where}: max_length of {name} is {limit}; Alibaba Cloud allows at most {ALIYUN_MAX_LENGTH}"
            for name, limit in limits.items()
            if limit > ALIYUN_MAX_LENGTH
        ]
    return found


def broken(book, template, values, names=None):
    """Why one of these values cannot fill its variable of `template` (all, or those `names`), or None.

    The reason names the variable and the rule, never the value: it is stored and shown to operators.
    """
    provider = PROVIDER_NAMES[book.provider]
    for name in sorted(template.names() if names is None else template.names() & set(names)):
        value = values.get(name, "")
        limit = min(filter(None, (template.max_length.get(name), book.variable_max_length)), default=None)
        if limit is not None and len(value) > limit:
            return f"template {template.code}: {name} is {len(value)} characters, at most {limit} allowed"
        if not value and book.provider == "aliyun":
            return f"template {template.code}: {name} is empty; {provider} needs 1 to {ALIYUN_MAX_LENGTH} characters"
        if SIGN_BRACKETS.search(value):
            return f"template {template.code}: {name} holds 【 or 】, which {provider} keeps for the sign"
        if LINK.search(value):
            return f"template {template.code}: {name} holds a link, which {provider} refuses in a variable"
        kind = template.types.get(name)
        if kind is not None:
            check, rule = TYPES[book.provider][kind]
            if not check(value):
                return f"template {template.code}: {name} is not {rule} ({provider}'s {kind} variable)"
    return None

"""How numbers, dates and times are said in each language."""

# Chinese telephone practice: 1 is 幺 when digits are read one by one, so 1 and 7 are not confused.
ZH_DIGITS = dict(zip("0123456789", "零幺二三四五六七八九", strict=True))
ZH_WEEKDAYS = "一二三四五六日"
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
EN_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def digits(value, language):
    """Characters spoken one at a time, as a person reads out a phone number: 九六幺零二 / 9, 6, 1, 0, 2.

    Text-to-speech reads "96102" as ninety-six thousand...; spelled out it cannot.
    """
    if language == "zh":
        return " ".join(ZH_DIGITS.get(char, char) for char in value)
    return ", ".join(value)


def grouped(value, language, size=4):
    """A number to write down, in groups of four with a pause between: 九六幺零，二三四五."""
    groups = [digits(value[i : i + size], language) for i in range(0, len(value), size)]
    return ("，" if language == "zh" else "; ").join(groups)


def day(value, language):
    """A date as a person says it: 2026年12月5日（星期六） / Saturday, December 5, 2026."""
    if language == "zh":
        return f"{value.year}年{value.month}月{value.day}日（星期{ZH_WEEKDAYS[value.weekday()]}）"
    return f"{EN_WEEKDAYS[value.weekday()]}, {EN_MONTHS[value.month - 1]} {value.day}, {value.year}"


def short_day(value, language):
    """A date for an SMS, where space is short: 12月5日 / 5 Dec 2026."""
    if language == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {EN_MONTHS[value.month - 1][:3]} {value.year}"


def clock(value, language):
    """A time of day: 上午10点 / 10:00 a.m."""
    hour, minute = value.hour, value.minute
    if language == "zh":
        part = (
            "凌晨" if hour < 6 else "上午" if hour < 12 else "中午" if hour == 12 else "下午" if hour < 19 else "晚上"
        )
        spoken = hour if hour <= 12 else hour - 12
        return f"{part}{spoken}点" + (f"{minute}分" if minute else "")
    suffix = "a.m." if hour < 12 else "p.m."
    spoken = hour % 12 or 12
    return f"{spoken}:{minute:02d} {suffix}"

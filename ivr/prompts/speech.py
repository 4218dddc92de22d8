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
    """A number to write down, in groups of four with a pause between: 九六幺零，二三四五.

    Marked (SLOW ... SLOW_END, PAUSE between groups) so the voice says it slowly with a break
    between groups (ivr/voice/twiml.py); the marks are not text and never reach an SMS."""
    groups = [digits(value[i : i + size], language) for i in range(0, len(value), size)]
    return SLOW + (("，" if language == "zh" else "; ") + PAUSE).join(groups) + SLOW_END


def slowly(value, language):
    """Digits said one at a time, slowly (the last four of a card or an ID number)."""
    return SLOW + digits(value, language) + SLOW_END


def phone(number, language):
    """A phone number read back as people say one: a mobile 3-4-4 (幺三八，零零幺三，八零零零), a
    landline its area code then the number in fours (零幺零，六五五五，九八七六)."""
    national = "0" + number[3:] if number.startswith("+86") and number[3:4] != "1" else number.removeprefix("+86")
    if len(national) == 11 and national.startswith("1"):
        parts = [national[:3], national[3:7], national[7:]]
    else:
        area = 3 if national[:2] in ("01", "02") else 4 if national.startswith("0") else 0
        rest = national[area:]
        split = len(rest) - 4 if len(rest) > 4 else len(rest)
        parts = [national[:area], rest[:split], rest[split:]]
    return ("，" if language == "zh" else "; ").join(digits(part, language) for part in parts if part)


# Private-use characters: where the voice slows down, and where it pauses.
SLOW, SLOW_END, PAUSE = "\ue000", "\ue001", "\ue002"


def day(value, language, today=None):
    """A date as a person says it: 12月5日星期六 / Saturday, December 5; the year only when it
    is not this year's (or when `today` is not given)."""
    year_said = today is None or value.year != today.year
    if language == "zh":
        year = f"{value.year}年" if year_said else ""
        return f"{year}{value.month}月{value.day}日星期{ZH_WEEKDAYS[value.weekday()]}"
    year = f", {value.year}" if year_said else ""
    return f"{EN_WEEKDAYS[value.weekday()]}, {EN_MONTHS[value.month - 1]} {value.day}{year}"


def short_day(value, language):
    """A date for an SMS, where space is short: 2026年12月5日 / 5 Dec 2026."""
    if language == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {EN_MONTHS[value.month - 1][:3]} {value.year}"


ZH_HOURS = {2: "两"}


def clock(value, language):
    """A time of day as people say it: 上午8点半, 下午两点, 中午12点 / 8:30 a.m., 2 p.m., noon."""
    hour, minute = value.hour, value.minute
    if language == "zh":
        part = (
            "凌晨" if hour < 6 else "上午" if hour < 12 else "中午" if hour == 12 else "下午" if hour < 19 else "晚上"
        )
        spoken = hour if hour <= 12 else hour - 12
        minutes = "半" if minute == 30 else f"{minute}分" if minute else ""
        return f"{part}{ZH_HOURS.get(spoken, spoken)}点{minutes}"
    if (hour, minute) == (12, 0):
        return "noon"
    suffix = "a.m." if hour < 12 else "p.m."
    spoken = hour % 12 or 12
    return f"{spoken}:{minute:02d} {suffix}" if minute else f"{spoken} {suffix}"


def clock_span(start, end, language):
    """(start, end) said as one span: 上午8点半 到 10点, not 上午8点半到上午10点 (the part of the day
    is said once when both ends are in it)."""
    said_start, said_end = clock(start, language), clock(end, language)
    if language == "zh" and said_start[:2] == said_end[:2]:
        said_end = said_end[2:]
    return said_start, said_end

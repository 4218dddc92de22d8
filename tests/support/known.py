"""What the tests know in advance: the cardholders, the token, the day, the outlets and a console history
counted by hand. Pure data, imported where it parametrizes a test; everything that acts is a fixture
(tests/plugins/)."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")
BASE = "http://localhost"  # where tests/plugins/calls.py's pretend Twilio says it posts
TOKEN = "test-auth-token"
JAMBONZ_SECRET = "wh_secret_test-jambonz-secret"
# 10:00 on Wednesday 25 November 2026 in Beijing.
START = datetime(2026, 11, 25, 2, 0, tzinfo=UTC)

HOLDERS = {
    "zhang": dict(
        id_number="11010519491231002X",
        name="张伟",
        mobile="13800138000",
        card_number="A10000001",
        service_password="246810",
        language="zh",
    ),
    "li": dict(
        id_number="110101198001010053",
        name="Li Na",
        mobile="13912345678",
        card_number="A10000002",
        service_password="135790",
        language="en",
    ),
    "wang": dict(
        id_number="440304199001011233",
        name="王芳",
        mobile="13700137000",
        card_number="A10000003",
        service_password="123456",
        language="zh",
    ),
}
# A valid ID number nobody holds.
STRANGER_ID = "110105198506150014"

OUTLETS_CSV = """code,name,area_code,address,hours,phone
BJ-CY-01,朝阳区社会保障卡服务中心,110105,北京市朝阳区工体北路1号,周一至周五 8:30-17:00,010-96102
BJ-DC-01,东城区社保服务网点,110101,北京市东城区东四十条2号,周一至周五 8:30-17:00,010-96102
BJ-CITY,北京市社会保障卡服务大厅,11,北京市西城区复兴门内大街3号,周一至周六 8:30-17:30,010-96102
SZ-CITY,Shenzhen Card Service Hall,4403,1 Fuhua Road,Mon-Fri 9:00-18:00,0755-12333
"""

OUTLET_COLUMNS = ("code", "name", "area_code", "address", "hours", "phone")
# The columns that must hold a full phone number (to send an SMS, to find a caller's calls).
PHONE_COLUMNS = {
    ("cardholders", "mobile"),
    ("outgoing_messages", "to_number"),
    ("sms_opt_outs", "number"),
    ("calls", "from_number"),
    ("softphone_calls", "state"),
}
QUEUE = "hotline-operators"
OPERATOR_PHONE = "+8613900001111"
# The PIN operators key on the agent line (tests make their lines with it: tests/plugins/queue.py).
OPERATOR_PIN = "246813"
# An operator's console password (tests/plugins/console.py makes operators with it).
PASSWORD = "correct horse battery"


def local(text):
    """'2026-11-25 09:10' in Beijing as a UTC moment."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=BEIJING).astimezone(UTC)


# (started Beijing, language, menu choice, outcome, last step, verified, verify failures, seconds, caller)
CALLS = [
    ("2026-11-25 09:10", "zh", "report", "report_filed", "preloss_done", True, 0, 120, "+8613800138000"),
    ("2026-11-25 09:40", "en", "report", "abandoned", "password", False, 0, 40, "+8613800138000"),
    ("2026-11-24 20:30", "zh", "report", "verification_failed", "mobile4", False, 3, 200, "+8613912345678"),
    ("2026-11-24 20:50", "zh", "report", "locked_out", "mobile4", False, 2, 150, "+8613912345678"),
    ("2026-11-23 08:15", "zh", "progress", "progress_told", "progress", False, 0, 60, "+8613700137000"),
    ("2026-11-23 08:45", "en", "operator", "operator_transfer", "operator", False, 0, 30, "+8613700137000"),
    ("2026-11-22 23:30", "zh", None, "abandoned", "language", False, 0, 5, "+8613600136000"),
    ("2026-11-22 12:00", "zh", "cancel", "report_cancelled", "cancel_done", False, 0, 90, "+8613500135000"),
    ("2026-11-21 10:00", "zh", "report", "report_existing", "preloss_confirm", True, 0, 100, "+8613500135000"),
    ("2026-11-18 10:00", "zh", "report", "report_filed", "preloss_done", True, 0, 100, "+8613400134000"),
    ("2026-11-25 09:55", "zh", "report", None, "id_number", False, 0, None, "+8613300133000"),
    ("2026-11-24 20:55", "zh", "report", "initial_password", "menu", False, 0, 70, "+8613200132000"),
]

# The last 7 days (19-25 November) hold every call above but the one of 18 November.
SEVEN_DAYS = dict(
    calls=11,
    unique_callers=7,
    reports_filed=1,
    reports_cancelled=1,
    progress_inquiries=1,
    operator_transfers=1,
    abandoned=2,
    failed_verifications=5,
    verification_failed_calls=1,
    lockouts=1,
    self_service=4,  # report_filed, report_existing, report_cancelled, progress_told
    avg_duration_s=86.5,  # (120+40+200+150+60+30+5+90+100+70) / 10 ended calls
    p90_duration_s=150,  # the 9th of the 10 sorted durations
    sms_sent=2,
    sms_delivered=1,
    sms_failed=1,
)
SEVEN_DAYS_PER_HOUR = {9: 3, 20: 3, 8: 2, 23: 1, 12: 1, 10: 1}
SEVEN_DAYS_PER_DAY = {
    "2026-11-25": 3,
    "2026-11-24": 3,
    "2026-11-23": 2,
    "2026-11-22": 2,
    "2026-11-21": 1,
    "2026-11-20": 0,
    "2026-11-19": 0,
}
SEVEN_DAYS_FUNNEL = {
    "chose_report": 7,
    "id_number": 7,
    "id_confirm": 6,
    "password": 6,
    "mobile4": 5,
    "preloss_confirm": 2,
    "filed": 2,
}
SEVEN_DAYS_ABANDONED_AT = {"password": 1, "language": 1}
REFERENCE = "12345678"

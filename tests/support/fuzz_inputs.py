"""What the webhook fuzzers send (tests/security/test_fuzz_*.py): keys a caller could really
press, any text at all, Twilio's field names and statuses, and turns as a URL could carry them."""

from hypothesis import strategies as st

from tests.support.known import HOLDERS

TWILIO_CALL_STATUSES = ["queued", "ringing", "in-progress", "completed", "busy", "failed", "no-answer", "canceled"]
TWILIO_SMS_STATUSES = [
    "accepted",
    "queued",
    "sending",
    "sent",
    "delivered",
    "undelivered",
    "failed",
    "read",
    "receiving",
    "received",
    "scheduled",
    "canceled",
]
ZHANG, LI = HOLDERS["zhang"], HOLDERS["li"]


def id_keys(holder):
    return holder["id_number"].replace("X", "*")


# Real paths through the menu; an example follows one for a random number of key presses.
SCRIPTS = [
    ["1", "1", id_keys(ZHANG), "1", ZHANG["service_password"], ZHANG["mobile"][-4:], "1", "1"],
    ["2", "3", id_keys(LI), "1", LI["service_password"], LI["mobile"][-4:], "1"],
    ["1", "2", id_keys(ZHANG), "1", ZHANG["service_password"], ZHANG["mobile"][-4:], "1"],
    ["2", "4", "1101", "1"],
    ["1", "0"],
    ["2", "1", id_keys(LI), "1", "000000", "0000", id_keys(LI), "1", "000000"],
]
# Keys a caller could really press at some step, mixed with anything at all.
REAL_KEYS = sorted({k for script in SCRIPTS for k in script} | {"", "*", "#", "9", "0", "00000000", "1" * 1000})
digits_values = st.one_of(
    st.sampled_from(REAL_KEYS),
    st.from_regex(r"[0-9*#]{0,40}", fullmatch=True),
    st.text(max_size=60),
    st.sampled_from(["١٢٣", "１２３", "²", "-1", "1e9", "99999999999999999999999", "0x1F", " 1", "1\x00"]),
)
# Form values without lone surrogates: a client cannot encode them as UTF-8, and Twilio never sends them.
any_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
    st.integers(-(10**30), 10**30).map(str),
    st.builds(lambda c, n: c * n, st.sampled_from(["9", "x", "中", "<"]), st.integers(1000, 20000)),
)
field_names = st.one_of(
    st.sampled_from(
        [
            "CallSid",
            "From",
            "To",
            "Digits",
            "CallStatus",
            "CallDuration",
            "AccountSid",
            "Direction",
            "FinishedOnKey",
            "Caller",
            "Body",
            "MessageSid",
            "MessageStatus",
            "ErrorCode",
            "SpeechResult",
        ]
    ),
    st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20),
)
# Turns as they could appear in a URL Twilio was given (anything else fails the signature check anyway).
turns = st.one_of(
    st.none(), st.integers(-2, 40).map(str), st.just("99999999999999999999"), st.text("abcXYZ019-._~", max_size=8)
)

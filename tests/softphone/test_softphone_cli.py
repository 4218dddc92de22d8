"""The terminal softphone: `flask --app app call`, scripted with --keys or typed at the prompt."""

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import select

from ivr.prompts import CATALOGUE
from ivr.store import Call
from tests.support.calls import identity_keys
from tests.support.known import HOLDERS

ENGLISH_MENU = "To report a lost card, press 1."


def script_for(holder, language, identity_keys):
    keys = [*identity_keys(holder, language=language), "1", "", ""]  # filed; silence, then no rating
    return ",".join(keys)


def test_a_scripted_report_call_prints_the_transcript_and_its_sms(runner, cardholders):
    result = runner.invoke(
        args=["call", "--keys", script_for(HOLDERS["zhang"], "zh", identity_keys), "--from", "+8613111112222"]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    # A Mandarin call: the softphone's own lines are Mandarin too (words.py), the prompts as said.
    assert lines[0].startswith("正在从 +8613111112222 呼叫 http://localhost/voice/incoming")
    assert "> 您按了 11010519491231002*#" in lines and "> 您未按键" in lines
    assert any(line.startswith("  [zh-CN] 挂失成功") for line in lines)
    assert "  [en-US] For English, press 8." in lines
    assert lines[lines.index("这通电话引起的短信：") - 1] == "通话结束：热线挂机了。"
    sms = lines[lines.index("这通电话引起的短信：") + 1 :]
    assert [line.split()[0] for line in sms] == [
        "[preloss_confirmation",
        "[formal_report_reminder",
        "[formal_report_reminder",
    ]
    assert "138****8000" in sms[0]


def test_json_transcript_for_testers(runner, cardholders, session):
    result = runner.invoke(args=["call", "--json", "--keys", script_for(HOLDERS["li"], "en", identity_keys)])
    assert result.exit_code == 0, result.output
    transcript = json.loads(result.output)
    said = [e for e in transcript["events"] if e["type"] == "say"]
    assert said[-1]["text"] == CATALOGUE["common.goodbye"]["en"] and said[-1]["language"] == "en-US"
    assert [m["kind"] for m in transcript["sms"]] == [
        "preloss_confirmation",
        "formal_report_reminder",
        "formal_report_reminder",
    ]
    assert session.scalar(select(Call.outcome).where(Call.call_sid == transcript["call_sid"])) == "report_filed"


def test_a_script_that_runs_out_hangs_up(runner, session):
    result = runner.invoke(args=["call", "--keys", "2"])
    assert result.exit_code == 0
    assert result.output.splitlines()[-2:] == ["（脚本用完了：挂机）", "通话结束：您挂机了。"]
    call = session.scalar(select(Call))
    assert call.twilio_status == "completed" and call.ended_at is not None


def test_typing_at_the_keypad_prompt(runner):
    result = runner.invoke(args=["call"], input="8\n12a\n9\n\nq\n")
    assert result.exit_code == 0, result.output
    assert "(only 0-9, * and # are on a keypad)" in result.output
    assert CATALOGUE["common.no_input"]["en"] in result.output  # Enter alone was silence
    assert result.output.count(ENGLISH_MENU) == 3  # after 8, after 9, after the silence
    assert result.output.rstrip().endswith("Call ended: you hung up.")


def test_end_of_input_hangs_up_properly(runner, session):
    result = runner.invoke(args=["call"], input="2\n")
    assert result.exit_code == 0 and result.output.rstrip().endswith("通话结束：您挂机了。")
    assert session.scalar(select(Call.twilio_status)) == "completed"


@pytest.mark.parametrize("script", ["1,x", "1,2 3 a", "1," + "1" * 65])
def test_a_script_with_keys_no_keypad_has_is_refused(runner, script, session):
    result = runner.invoke(args=["call", "--keys", script])
    assert result.exit_code == 2 and "--keys" in result.output
    assert session.scalar(select(Call)) is None, "nothing was rung"


def test_an_unreachable_hotline_is_an_error(runner):
    result = runner.invoke(args=["call", "--url", "http://127.0.0.1:9/", "--keys", "1"])
    assert result.exit_code == 1
    assert "错误：无法连接 http://127.0.0.1:9/voice/incoming" in result.output


def test_ringing_a_running_hotline_over_http(runner, live_server, session):
    result = runner.invoke(args=["call", "--url", live_server, "--keys", "8,9", "--from", "+8613111112222"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0] == f"正在从 +8613111112222 呼叫 {live_server}/voice/incoming …"
    assert result.output.count(ENGLISH_MENU) == 2
    call = session.scalar(select(Call))
    assert call.from_number == "+8613111112222" and call.language == "en" and call.twilio_status == "completed"


def test_a_running_hotline_refuses_a_wrong_token(runner, live_server):
    result = runner.invoke(args=["call", "--url", live_server + "/voice/incoming", "--token", "wrong", "--keys", "2"])
    assert result.exit_code == 1 and "返回 HTTP 403" in result.output and "auth token" in result.output


# The docs show what a caller hears: README's "Try a call" script and docs/softphone.md's transcript
# of it. They are checked against a real call, the reference and the deadline (different every call
# and every day) aside.

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = re.compile(r'flask --app app call --keys "([^"]+)"')
SPOKEN_DIGIT = "[零幺二三四五六七八九]"
REFERENCE_SAID = re.compile(rf"{SPOKEN_DIGIT}(?: {SPOKEN_DIGIT}){{3}}，{SPOKEN_DIGIT}(?: {SPOKEN_DIGIT}){{3}}")
DEADLINE = re.compile(r"\d{1,2}月\d{1,2}日星期[一二三四五六日]")


def comparable(line):
    return DEADLINE.sub("<date>", REFERENCE_SAID.sub("<reference>", line.rstrip()))


def documented_transcript():
    """The lines of the fenced block after "What it prints" in docs/softphone.md."""
    text = (ROOT / "docs" / "softphone.md").read_text(encoding="utf-8")
    block = text.split("What it prints", 1)[1].split("```", 2)[1]
    return [line for line in block.splitlines() if line.strip()]


def test_the_readme_and_softphone_doc_show_what_the_caller_hears(runner, cardholders, session):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    doc = (ROOT / "docs" / "softphone.md").read_text(encoding="utf-8")
    (script,) = set(SCRIPT.findall(readme))
    assert script in SCRIPT.findall(doc)  # the same script in both
    result = runner.invoke(args=["call", "--keys", script])
    assert result.exit_code == 0, result.output
    shown = documented_transcript()
    said = result.output.splitlines()
    start = said.index(shown[0])
    # "…" in the doc stands for what it leaves out (an SMS's time and the rest of its text)
    for heard, documented in zip(said[start : start + len(shown)], shown, strict=True):
        pattern = ".*".join(re.escape(part) for part in comparable(documented).split("…"))
        assert re.fullmatch(pattern, comparable(heard)), (heard, documented)
    assert any("<reference>" in comparable(line) for line in shown)  # the pattern did find the reference
    assert session.scalar(select(Call.outcome)) == "report_filed"  # the README's steps file a report


def test_ringing_as_an_engine_the_hotline_takes_no_calls_from_says_so_and_rings_nothing(runner, app, session):
    app.config["VOICE_ENGINE"] = "twilio"
    result = runner.invoke(args=["call", "--engine", "jambonz", "--keys", "1"])
    assert result.exit_code == 2
    assert "Set VOICE_ENGINE=twilio,jambonz" in result.output and "设 VOICE_ENGINE=twilio,jambonz" in result.output
    assert "auth token" not in result.output  # not the 403 a wrong token would get
    assert session.scalar(select(Call)) is None
    session.rollback()  # the read's transaction ends before the next call writes

    app.config["VOICE_ENGINE"] = "twilio,jambonz"
    result = runner.invoke(args=["call", "--engine", "jambonz", "--keys", "8,"])
    assert result.exit_code == 0 and ENGLISH_MENU in result.output

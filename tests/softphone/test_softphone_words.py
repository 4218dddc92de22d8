"""The softphone's own words (not the hotline's prompts) follow the page's or the call's language, Mandarin first:
what is noted, why a call ended, what went wrong and what was refused, on the terminal and in the page's API."""

import re
import string
from pathlib import Path

import pytest

from ivr.softphone import Line, SoftCall
from ivr.softphone.words import WORDS, describe, for_page
from tests.support.console import csrf_token

ROOT = Path(__file__).resolve().parents[2]
API = "/softphone/api/calls"
# The keys the code hands the catalogue: raise Refused/TwimlError/HotlineError("key"), note(call, "key"),
# end(call, "reason") (webhooks.py's, called with the call as `call` or `self`).
USED = re.compile(
    r'(?:Refused|TwimlError|HotlineError|say|told)\(\s*"([a-z_.]+)"'
    r'|\bnote\(\s*(?:call|self),\s*"([a-z_.]+)"'
    r'|\bend\(\s*(?:call|self),\s*"([a-z_]+)"'
)


def fields(text):
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", WORDS)
def test_every_line_is_in_mandarin_and_english_with_the_same_blanks(key):
    zh, en = WORDS[key]
    assert fields(zh) == fields(en), key
    assert re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", zh) or zh == en, f"{key} has no Mandarin"
    assert "软电话" not in zh  # the page and the front page call it 网页电话


def test_every_key_the_softphone_uses_is_in_the_catalogue():
    sources = [*sorted((ROOT / "ivr/softphone").glob("*.py")), ROOT / "ivr/cli/softphone.py"]
    used = set()
    for source in sources:
        for said, noted, ended in USED.findall(source.read_text()):
            used.add(said or noted or "end." + ended)
    used.discard("end.")  # words.py's own "end." + reason
    assert "note.late_keys" in used and "end.caller" in used and "twiml.root" in used  # the scan finds them
    assert used - set(WORDS) == set()


class BrokenHotline:
    """A hotline that answers with an HTML page, as a misconfigured proxy does."""

    def request(self, method, url, form, headers):
        return 200, "text/xml", b"<html><body>Welcome</body></html>"


def test_what_went_wrong_is_said_in_the_readers_language():
    call = SoftCall(Line(BrokenHotline(), url="http://hotline.test/voice/incoming", status_url=None))
    error, end = call.ring()[-2:]
    assert (
        describe(error, "zh")
        == "错误：POST http://hotline.test/voice/incoming：根元素是 <html>，但 TwiML 必须以 <Response> 开始"
    )
    assert describe(error, "en") == (
        "Error: POST http://hotline.test/voice/incoming: "
        "the root element is <html>, but TwiML must start with <Response>"
    )
    assert describe(end, "zh") == "通话结束：应用出错，通话结束。"
    assert describe(end, "en") == "Call ended: an application error ended the call."
    assert call.error.startswith("POST http://hotline.test/voice/incoming: the root element")  # the JSON's, in English


def test_the_terminal_speaks_the_calls_language(runner):
    """Mandarin while the hotline answers in Mandarin; English once the caller pressed 8."""
    chinese = runner.invoke(args=["call", "--keys", ","]).output.splitlines()
    assert "> 您未按键" in chinese and chinese[-1] == "通话结束：您挂机了。"
    assert "（脚本用完了：挂机）" in chinese
    english = runner.invoke(args=["call", "--keys", "8,"]).output.splitlines()
    assert "> You pressed 8" in english and "> You stayed silent" in english
    assert english[-2:] == ["(the script has run out: hanging up)", "Call ended: you hung up."]


def test_typing_at_the_prompt_is_answered_in_the_calls_language(runner):
    result = runner.invoke(args=["call"], input="12a\n8\n12a\nq\n")
    before, after = result.output.split("For an operator, press 0", 1)  # the English answer to 8
    assert (
        "（键盘上只有 0-9、* 和 #）" in result.output
        and "1 位按键，按 # 结束，或 say: 说的话；回车 = 不按键，q = 挂机" in before
    )
    assert (
        "(only 0-9, * and # are on a keypad)" in after
        and "1 key(s), # ends or say: words; Enter = silence, q = hang up" in after
    )


def choose(client, language):
    token = csrf_token(client, "/")
    assert client.post("/console/language", data={"csrf_token": token, "language": language}).status_code == 302


@pytest.mark.parametrize(
    "language, ended, refused, page",
    [
        ("zh", "通话结束：您挂机了。", "通话已经结束", "未在通话中。"),
        ("en", "Call ended: you hung up.", "the call has ended", "Not in a call."),
    ],
)
def test_the_page_gets_the_softphones_lines_in_its_language(client, language, ended, refused, page):
    choose(client, language)
    assert page in client.get("/softphone").get_data(as_text=True)
    call = client.post(API, json={"from": "+8613500000000"}).json
    lines = [e["line"] for e in call["events"]]
    assert lines[0].startswith({"zh": "正在从 +8613500000000 呼叫", "en": "Calling http"}[language])
    hung_up = client.post(f"{API}/{call['id']}/hangup", json={}).json
    assert hung_up["events"][-1]["line"] == ended
    again = client.post(f"{API}/{call['id']}/keys", json={"keys": "1"})
    assert again.status_code == 409 and again.json["reason"] == refused
    wrong = client.post(API, json={"from": "12"})
    assert wrong.status_code == 400 and {"zh": "主叫号码", "en": "'from'"}[language] in wrong.json["reason"]


@pytest.mark.parametrize("language", ["zh", "en"])
def test_the_page_script_gets_only_the_words_it_fills_in(language):
    words = for_page(language)
    assert set(words) == {"keys", "speech", "error"} | {key for key in WORDS if key.startswith("page.")}
    assert words["page.not_in_call"] == {"zh": "未在通话中。", "en": "Not in a call."}[language]

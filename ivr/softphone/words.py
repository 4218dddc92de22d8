"""The softphone's own words, in Mandarin and English: one catalogue for the terminal and the browser.

Not the hotline's prompts (those are in ivr/prompts/ and come in the TwiML): the lines the softphone
itself shows around them, what it notes, why a call ended, what went wrong, what it refused. Events
and errors carry a key and values, never a sentence, so each face says them in its language: the
browser page in the console's (Mandarin unless English is chosen), the terminal in the call's.
"""

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"

# key: (Mandarin, English); {name} is filled from the event's values.
WORDS = {
    # A transcript's lines, by event type
    "ring": ("正在从 {from} 呼叫 {url} …", "Calling {url} from {from} ..."),
    "say": ("{text}", "{text}"),
    "play": ("[播放 {url}]", "[play {url}]"),
    "pause": ("[停顿 {seconds} 秒]", "[pause {seconds} s]"),
    "keys": ("您按了 {keys}", "You pressed {keys}"),
    "silence": ("您未按键", "You stayed silent"),
    "speech": ("您说：“{words}”", "You said “{words}”"),
    "dial": (
        "拨打 {number}（网页电话不会真正接通：{status}）",
        "Dials {number} (the softphone connects no one: {status})",
    ),
    "error": ("错误：{problem}", "Error: {problem}"),
    "end": ("通话结束：{reason}。", "Call ended: {reason}."),
    "enqueued": ("正在排队（{queue}）…", "Waiting in the queue {queue} …"),
    "dequeued": ("已离开排队（{result}）", "Left the queue ({result})"),
    "connected": (
        "已接通 {to}，通话中；挂机即结束通话",
        "Connected to {to} — talking; hang up to end the conversation",
    ),
    "wait": ("您继续等候（30 秒）", "You kept waiting (30 s)"),
    # Why a call ended
    "end.caller": ("您挂机了", "you hung up"),
    "end.hotline": ("热线挂机了", "the hotline hung up"),
    "end.rejected": ("热线拒接了来电", "the hotline rejected the call"),
    "end.ran_out": ("TwiML 的指令执行完了，Twilio 因此挂机", "the TwiML ran out of verbs, so Twilio hung up"),
    "end.error": ("应用出错，通话结束", "an application error ended the call"),
    # Notes beside the transcript
    "note.keys_only": (
        "这个问题只听按键：您说的话没有被听到",
        "this question listens for keys only: what you said was not heard",
    ),
    "note.late_keys": (
        "输入已完整后按的键没有被听到：{keys}",
        "keys pressed after the entry was complete were not heard: {keys}",
    ),
    "note.html": (
        "{url} 以 text/html 返回 TwiML；Twilio 能读，但应为 text/xml",
        "{url} served TwiML as text/html; Twilio reads it, but text/xml is right",
    ),
    "note.hold_music": ("播放等候音乐（没有 waitUrl）", "hold music plays (no waitUrl)"),
    "note.status_refused": (
        "状态回调 {url} 未被接受（{code}）",
        "the status callback to {url} was not accepted ({code})",
    ),
    # The hotline did not answer as Twilio (or jambonz) needs
    "http.status": (
        "{method} {url} 返回 HTTP {status}，而不是带 TwiML 的 200",
        "{method} {url} answered HTTP {status}, not 200 with TwiML",
    ),
    "http.signature": (
        "{method} {url} 返回 HTTP 403，而不是带 TwiML 的 200（签名被拒：auth token 对吗？）",
        "{method} {url} answered HTTP 403, not 200 with TwiML (a signature refused: is the auth token right?)",
    ),
    "http.loop": (
        "连续 {hops} 个请求都没有轮到来电者：是重定向循环吗？",
        "{hops} requests in a row without a caller's turn: a redirect loop?",
    ),
    "http.unreachable": ("无法连接 {url}：{reason}", "cannot reach {url}: {reason}"),
    "document": ("{method} {url}：{problem}", "{method} {url}: {problem}"),
    "fallback": ("回退 URL 也失败了：{problem}", "the fallback URL failed too: {problem}"),
    # A document Twilio (or jambonz) would refuse
    "twiml.type": (
        "回复是 {kind}，不是 XML：Twilio 要求以 text/xml 返回 TwiML",
        "the reply is {kind}, not XML: Twilio expects TwiML served as text/xml",
    ),
    "twiml.empty": ("回复是空的：Twilio 需要一个 TwiML 文档", "the reply is empty: Twilio expects a TwiML document"),
    "twiml.malformed": ("回复不是格式正确的 XML（{detail}）", "the reply is not well-formed XML ({detail})"),
    "twiml.root": (
        "根元素是 <{tag}>，但 TwiML 必须以 <Response> 开始",
        "the root element is <{tag}>, but TwiML must start with <Response>",
    ),
    "twiml.in_gather": (
        "<Gather> 里不能有 <{verb}>（只能有 Say、Play 和 Pause）",
        "<{verb}> is not allowed inside <Gather> (only Say, Play and Pause are)",
    ),
    "twiml.not_runnable": (
        "<{verb}> 是有效的 TwiML，但网页电话无法执行",
        "<{verb}> is valid TwiML but the softphone cannot run it",
    ),
    "twiml.not_verb": ("<{verb}> 不是 TwiML 指令", "<{verb}> is not a TwiML verb"),
    "twiml.say_holds": (
        "<Say> 只能包含文字和 SSML，不能包含 <{tag}>",
        "<Say> may hold only text and SSML, not <{tag}>",
    ),
    "twiml.dial_noun": ("<Dial> 不能拨打 <{tag}>", "<{tag}> is not something <Dial> can call"),
    "twiml.dial_empty": ("<Dial> 没有要拨打的对象", "<Dial> has nothing to call"),
    "twiml.queue_name": ("<Queue> 需要要拨打的队列名称", "<Queue> needs the name of the queue to dial"),
    "twiml.enqueue_name": (
        "<Enqueue> 需要 1 到 64 个字符的队列名称",
        "<Enqueue> needs a queue name of 1 to 64 characters",
    ),
    "twiml.wait_method": ("<Enqueue waitUrlMethod> 必须是 GET 或 POST", "<Enqueue waitUrlMethod> must be GET or POST"),
    "twiml.redirect_url": ("<Redirect> 没有 URL", "<Redirect> has no URL"),
    "twiml.holds": ("<{verb}> 不能包含 <{tag}>", "<{verb}> cannot hold <{tag}>"),
    "twiml.num_digits": ("<Gather numDigits> 必须是 1 或更大", "<Gather numDigits> must be 1 or more"),
    "twiml.finish_key": (
        "<Gather finishOnKey> 必须是 0-9、* 或 # 中的一个键，或为空，而不是 {key}",
        "<Gather finishOnKey> must be one key of 0-9, * or #, or empty, not {key}",
    ),
    "twiml.empty_result": (
        "<Gather actionOnEmptyResult> 必须是 true 或 false",
        "<Gather actionOnEmptyResult> must be true or false",
    ),
    "twiml.speech_only": (
        "这个 <Gather> 只听语音；网页电话只有键盘，没有麦克风",
        "this <Gather> listens for speech only; the softphone has a keypad, not a microphone",
    ),
    "twiml.method": (
        "<{verb} method> 必须是 GET 或 POST，而不是 {method}",
        "<{verb} method> must be GET or POST, not {method}",
    ),
    "twiml.number": (
        "<{verb} {attribute}> 必须是整数，而不是 {raw}",
        "<{verb} {attribute}> must be a whole number, not {raw}",
    ),
    "twiml.leave": ("<Leave> 只对在队列中等待的来电有效", "<Leave> only works for a call waiting in a queue"),
    "twiml.whisper": (
        "<Queue url> 文档里不能有 <{verb}>（只能有 Say、Play、Pause、Redirect）",
        "<{verb}> is not allowed in a <Queue url> document (only Say, Play, Pause, Redirect)",
    ),
    "jambonz.type": (
        "回复是 {kind}，不是 application/json：jambonz 需要 JSON 指令",
        "the reply is {kind}, not application/json: jambonz expects JSON verbs",
    ),
    "jambonz.not_json": ("回复不是 JSON（{detail}）", "the reply is not JSON ({detail})"),
    "jambonz.shape": (
        "jambonz 应用是一个对象数组，每个对象有一个 verb",
        "a jambonz application is an array of objects, each with a verb",
    ),
    "jambonz.verb": ("网页电话无法执行 jambonz 指令 {verb}", "the softphone cannot run the jambonz verb {verb}"),
    "jambonz.ssml": (
        "say 的 SSML 不是有效的 <speak> 文档（{detail}）",
        "a say's SSML is not a valid <speak> document ({detail})",
    ),
    "jambonz.speech_only": (
        "这个 gather 只听语音；网页电话只有键盘，没有麦克风",
        "this gather listens for speech only; the softphone has a keypad, not a microphone",
    ),
    # What the caller tried that the call could not take
    "refused.rung": ("这个电话已经拨过了", "this call has already rung"),
    "refused.ended": ("通话已经结束", "the call has ended"),
    "refused.no_keys": ("现在没有在等按键", "nothing is waiting for keys"),
    "refused.not_listening": ("现在没有在听", "nothing is listening"),
    "refused.not_queued": ("这个电话没有在队列中等待", "the call is not waiting in a queue"),
    "refused.keys": ("按键最多 {max} 个，只能是 0-9、* 和 #", "keys must be up to {max} of 0-9, * and #"),
    "refused.words": ("说的话须有内容，最多 {max} 个字符", "say: needs words, up to {max} characters"),
    "refused.no_call": ("没有这个网页电话通话", "no such softphone call"),
    "refused.moved": ("通话已在另一个请求中继续；请重新加载", "the call moved on in another request; reload it"),
    "refused.json": ("请发送 JSON（Content-Type: application/json）", "send JSON (Content-Type: application/json)"),
    "refused.object": ("请求体必须是 JSON 对象", "the body must be a JSON object"),
    "refused.from": (
        "“主叫号码”必须是电话号码（数字，可带开头的 +）或 anonymous",
        "'from' must be a phone number (digits, optional leading +) or 'anonymous'",
    ),
    "refused.line": ("“线路”必须是 hotline 或 operator", "'line' must be hotline or operator"),
    "refused.engine": (
        "“engine”必须是 VOICE_ENGINE 允许来电的引擎之一：{engines}",
        "'engine' must be one VOICE_ENGINE lets call: {engines}",
    ),
    "refused.confidence": ("“confidence”必须是 0 到 1 之间的数", "'confidence' must be a number from 0 to 1"),
    # The terminal's own lines
    "cli.keys_count": ("{count} 位按键", "{count} key(s)"),
    "cli.keys_any": ("按键", "keys"),
    "cli.finish": ("，按 {key} 结束", ", {key} ends"),
    "cli.or_say": ("，或 say: 说的话", " or say: words"),
    "cli.prompt": (
        "{shape}{finish}{say}；回车 = 不按键，q = 挂机",
        "{shape}{finish}{say}; Enter = silence, q = hang up",
    ),
    "cli.keypad": ("（键盘上只有 0-9、* 和 #）", "(only 0-9, * and # are on a keypad)"),
    "cli.script_out": ("（脚本用完了：挂机）", "(the script has run out: hanging up)"),
    "cli.unused": (
        "（通话结束时还有 {count} 个脚本输入没用上）",
        "(the call ended with {count} scripted entries unused)",
    ),
    "cli.engine_off": (
        "这条热线不接 {engine} 的来电（VOICE_ENGINE={allowed}）。设 VOICE_ENGINE=twilio,jambonz 后再试。",
        "This hotline takes no {engine} calls (VOICE_ENGINE={allowed}). Set VOICE_ENGINE=twilio,jambonz and try again.",
    ),
    "cli.sms": ("这通电话引起的短信：", "SMS this call caused:"),
    "cli.sms_line": (
        "[{kind} 发往 {to}，{state}，{due_at} 发送] {body}",
        "[{kind} to {to}, {state}, due {due_at}] {body}",
    ),
    # The browser page's status line (the keys it knows before the server does)
    "page.pressed_waited": ("您按了 {keys} 后等待", "You pressed {keys} and waited"),
    "page.none_yet": ("暂无。", "None yet."),
    "page.not_in_call": ("未在通话中。", "Not in a call."),
    "page.call_ended": ("通话已结束。", "Call ended."),
    "page.call_ended_error": ("通话因错误结束。", "Call ended with an error."),
    "page.wait_digits": (
        "等待 {count} 位按键（{seconds} 秒后视为未按键）。",
        "Waiting for {count} key(s) (silence after {seconds} s).",
    ),
    "page.wait_keys_then": (
        "等待按键，以 {key} 结束（{seconds} 秒后视为未按键）。",
        "Waiting for keys, then {key} (silence after {seconds} s).",
    ),
    "page.wait_keys": ("等待按键（{seconds} 秒后视为未按键）。", "Waiting for keys (silence after {seconds} s)."),
    "page.keys_only": ("这个问题只听按键", "This question listens for keys only"),
    "page.sms_line": ("{kind} 发往 {to} · {state} · {due_at} 发送", "{kind} to {to} · {state} · due {due_at}"),
}


def language_of(tag):
    """ "en" for an English language tag (en-US, en-GB), else Mandarin, the default."""
    return "en" if (tag or "").lower().startswith("en") else DEFAULT_LANGUAGE


def say(key, language, /, **values):
    """The words for `key` in `language`, filled with `values` (a problem's dict is said too)."""
    zh, en = WORDS[key]
    filled = {name: said(value, language) if isinstance(value, dict) else value for name, value in values.items()}
    return (en if language == "en" else zh).format_map(filled)


def said(problem, language):
    """A problem kept as {"key": ..., "values": {...}} (in an event), in `language`."""
    return say(problem["key"], language, **problem.get("values", {}))


def describe(event, language):
    """One transcript event as the line a person reads, in `language`."""
    kind = event["type"]
    if kind == "note":
        return said(event["note"], language)
    if kind == "end":
        return say("end", language, reason=say("end." + event["reason"], language))
    if kind in WORDS:
        return say(kind, language, **{k: v for k, v in event.items() if k != "type"})
    return event.get("text", kind)


def for_page(language):
    """The words the browser page fills in itself (the keys it typed, its status line), in `language`."""
    keys = ("keys", "speech", "error") + tuple(key for key in WORDS if key.startswith("page."))
    return {key: WORDS[key][1 if language == "en" else 0] for key in keys}


class Problem(Exception):
    """Something the softphone says went wrong: a key and its values, said in the reader's language.

    str() is the English words (logs, tests, the JSON transcript's `error`).
    """

    def __init__(self, key, /, **values):
        super().__init__(key)
        self.key, self.values = key, values

    def __str__(self):
        return say(self.key, "en", **self.values)

    def kept(self):
        """The problem as an event keeps it (JSON-ready)."""
        return {"key": self.key, "values": self.values}

    def words(self, language):
        return say(self.key, language, **self.values)


class Refused(Problem, ValueError):
    """The caller tried something the call cannot take now (the call has ended, nothing waits for keys)."""

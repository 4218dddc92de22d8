"""TwiML replies in the caller's language, built with Twilio's VoiceResponse and served as XML."""

from functools import lru_cache

from flask import Response, current_app, url_for
from twilio.twiml.voice_response import Gather, Say, VoiceResponse

from ivr.calendar.staffed_hours import spoken as spoken_hours
from ivr.prompts import hotline_name, speech, text
from ivr.voice.understanding import gather_attributes


def xml_response(body):
    """Twilio wants XML; a str() of a TwiML object would otherwise go out as text/html."""
    return Response(body, status=200, content_type="text/xml; charset=utf-8")


def facts(language):
    """Values any spoken prompt may use: the hotline's name, number and staffed hours.

    The number is spelled out digit by digit (九六幺零二), never left for text-to-speech to read
    as a cardinal.
    """
    config = current_app.config
    return spoken_facts(language, hotline_name(language, config), config["HOTLINE_NUMBER"], config["OPERATOR_HOURS"])


@lru_cache(maxsize=64)
def spoken_facts(language, hotline, number, hours):
    # Worked out once per setting: every sentence of every reply would otherwise parse the hours.
    return {
        "hotline": hotline,
        "hotline_number": speech.digits(number, language),
        "operator_hours": spoken_hours(hours, language),
    }


SLOW_RATE = "80%"  # digits to write down: the reference, a card's last four
REPEAT_RATE = "85%"  # what a caller asked to hear again (9)
GROUP_BREAK = "500ms"  # between groups of four


def fill(say, sentence, rate=None):
    """Put `sentence` in `say` as SSML: the parts speech.grouped/slowly marked are said slowly,
    with a break between groups; all of it more slowly when `rate` is given (a repeat)."""
    if rate is None and speech.SLOW not in sentence:
        say.value = sentence
        return say
    outer = say.prosody(rate=rate) if rate else say
    for n, part in enumerate(sentence.split(speech.SLOW)):
        slow, _, rest = part.partition(speech.SLOW_END) if n else ("", "", part)
        if slow:
            inner = outer.prosody(rate=SLOW_RATE)
            for i, group in enumerate(slow.split(speech.PAUSE)):
                if i:
                    inner.break_(time=GROUP_BREAK)
                inner.append(group)
        if rest:
            outer.append(rest)
    return say


class Reply:
    """One TwiML reply to a call; URLs it gives Twilio carry the call's current turn."""

    def __init__(self, language="zh", turn=None):
        self.language = language
        self.turn = turn
        self.response = VoiceResponse()
        self._redirect = None  # (verb, endpoint) of the last redirect to a step, for go_on
        self.waiting = False  # a queue's wait music (listen): engines allow fewer verbs there
        self.dequeue_call_sid = None  # the caller a dial_queue means (TwiML cannot say it)
        self.rate = None  # REPEAT_RATE once the caller asked to hear it again

    def url(self, endpoint, **values):
        if self.turn is not None:
            values["t"] = self.turn
        return url_for(endpoint, **values)

    def _say_to(self, target, key, language=None, **values):
        language = language or self.language
        config = current_app.config
        sentence = text(key, language, **{**facts(language), **values})
        suffix = language.upper()
        say = Say(language=config[f"SAY_LANGUAGE_{suffix}"], voice=config[f"VOICE_{suffix}"])
        target.append(fill(say, sentence, self.rate))

    def slower(self):
        """What follows is said more slowly: the caller asked to hear it again."""
        self.rate = REPEAT_RATE
        return self

    def say(self, key, language=None, **values):
        self._say_to(self.response, key, language, **values)
        return self

    def hears_speech(self):
        """Whether questions may listen for speech (SPEECH_ENABLED); off, no prompt mentions it."""
        return bool(current_app.config["SPEECH_ENABLED"])

    def ask(self, endpoint, prompts, *, num_digits=None, finish_on_key=None, timeout=None, query=None, listen=None):
        """Gather keys and post them to `endpoint`; silence posts there too, with no Digits.

        `prompts` is a list of keys or (key, values) pairs said while waiting for keys; `query`,
        values for the action URL's query string. `listen` ("menu", "yes_no", "digits"): the
        question hears words as well as keys, when SPEECH_ENABLED (ivr/voice/understanding.py).
        """
        action = self.url(endpoint, **(query or {}))
        heard = gather_attributes(current_app.config, self.language, listen) if listen else {"input": "dtmf"}
        gather = Gather(
            **heard,
            action=action,
            method="POST",
            action_on_empty_result=True,
            timeout=timeout or current_app.config["GATHER_TIMEOUT"],
            **({"num_digits": num_digits} if num_digits else {}),
            **({"finish_on_key": finish_on_key} if finish_on_key else {}),
        )
        for prompt in prompts:
            key, values = (prompt, {}) if isinstance(prompt, str) else prompt
            self._say_to(gather, key, **values)
        self.response.append(gather)
        # Never let a Gather be the last word: if it returns without posting, go there anyway.
        self.response.redirect(action, method="POST")
        return self

    def redirect(self, endpoint, **values):
        verb = self.response.redirect(self.url(endpoint, **values), method="POST")
        self._redirect = None if values else (verb, endpoint)
        return self

    def redirected_to(self):
        """The endpoint this reply ends by redirecting to (with no values of its own), else None."""
        verbs = self.response.verbs
        if self._redirect is None or not verbs or verbs[-1] is not self._redirect[0]:
            return None
        return self._redirect[1]

    def drop_redirect(self):
        """Take back the closing redirect: the step it named is run in this reply (webhook.go_on)."""
        self.response.verbs.remove(self._redirect[0])
        self._redirect = None

    def dial(self, number, action_endpoint, timeout=20):
        dial = self.response.dial(action=self.url(action_endpoint), method="POST", timeout=timeout)
        dial.number(number)
        return self

    def listen(self, endpoint, prompts, *, num_digits=1, timeout=None):
        """A <Gather> with nothing after it: silence lets the document end (in a queue's wait
        music, Twilio then requests the wait URL again)."""
        gather = Gather(
            input="dtmf",
            action=self.url(endpoint),
            method="POST",
            num_digits=num_digits,
            timeout=timeout or current_app.config["GATHER_TIMEOUT"],
        )
        for prompt in prompts:
            key, values = (prompt, {}) if isinstance(prompt, str) else prompt
            self._say_to(gather, key, **values)
        self.response.append(gather)
        self.waiting = True
        return self

    def enqueue(self, queue_name, wait_endpoint, action_endpoint):
        """Put the caller in Twilio's queue; the wait URL speaks while they wait (no turn on it:
        Twilio requests it again and again), the action URL is requested when they leave it."""
        self.response.enqueue(
            queue_name,
            action=self.url(action_endpoint),
            method="POST",
            wait_url=url_for(wait_endpoint),
            wait_url_method="POST",
        )
        return self

    def dial_queue(self, queue_name, connect_endpoint, action_endpoint, timeout=20, call_sid=None):
        """Take the caller at the head of Twilio's queue; the <Queue url> runs on their side first.

        `call_sid`: the caller announced to this line; an engine that can take one caller by id
        (jambonz's dequeue) takes exactly them."""
        self.dequeue_call_sid = call_sid
        dial = self.response.dial(action=self.url(action_endpoint), method="POST", timeout=timeout)
        dial.queue(queue_name, url=url_for(connect_endpoint), method="POST")
        return self

    def leave(self):
        self.response.leave()
        return self

    def pause(self, seconds):
        self.response.pause(length=seconds)
        return self

    def hangup(self):
        self.response.hangup()
        return self

    def xml(self):
        return str(self.response)

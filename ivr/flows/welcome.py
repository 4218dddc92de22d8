"""The greeting and the main menu, as one question: Mandarin by default, English on 8, a person on 0.

Which key leads where is the table in ivr/flows/menu.py. With speech on, the menu is an open
question: the caller may say what they need. Words heard unclearly are confirmed in one short
question; after two failed tries the menu listens for keys only; "人工" always reaches a person."""

from flask import Blueprint, current_app, request

from ivr.calendar import localtime
from ivr.directory.holders import senior_by_mobile
from ivr.flows import menu
from ivr.flows.submenu import to_person
from ivr.store import db
from ivr.voice import answers, calls
from ivr.voice.webhook import digits, retry_or_give_up, voice_step

bp = Blueprint("welcome", __name__)
LANGUAGE_KEYS = {"1": "zh", "2": "en", "": "zh"}  # the old language question (a call in progress at an upgrade)
MENU_HEARS_WORDS_UNTIL = 2  # failed tries at the menu after which it listens for keys only


def other(language):
    return "en" if language == "zh" else "zh"


def ask_menu(call, now, *, greet=False):
    """The menu; first the greeting when the call has just started. Who may reach a person is
    told first: everyone 0 at any time, and a caller aged 65 or over, in staffed hours, a person
    before the menu (silence puts them through)."""

    def ask(reply):
        prompts = [("welcome.greeting", {})] if greet else []
        if menu.staffed_ever():
            person_first = first_choice_of_senior(call, now)
            prompts.append("welcome.person_first" if person_first else "welcome.person_any_time")
        prompts.append(("welcome.other_language", {"language": other(reply.language)}))
        listen = "menu" if hears_words(call, reply) else None
        prompts.append(("menu.options", menu.options(reply.language)))
        prompts += ["listening.menu_invite"] if listen else []  # after the keys: they still work
        reply.ask("voice.welcome.choose", prompts, num_digits=1, listen=listen)

    return ask


def hears_words(call, reply):
    """The menu listens for words while speech is on and the caller has not failed twice there."""
    return reply.hears_speech() and call.step_failures < MENU_HEARS_WORDS_UNTIL


def first_choice_of_senior(call, now):
    """A caller aged 65 or over who has not chosen anything yet, while operators are on duty: a
    person is offered before the menu, and silence puts them through."""
    return call.senior and call.purpose is None and menu.staffed_now(now)


@bp.post("/incoming")
@voice_step(starts_call=True)
def incoming(call, reply, now):
    """A new call: the greeting and the menu in one question, in Mandarin."""
    today = localtime.local(now, current_app.config["IVR_TIMEZONE"]).date()
    call.senior = senior_by_mobile(db.session, call.from_number, today)
    calls.enter(db.session, call, "menu", now=now)
    ask_menu(call, now, greet=True)(reply)


@bp.post("/language")
@voice_step(writes_call_only=True)
def language(call, reply, now):
    """The old separate language question (1 Mandarin, 2 English): a call already asked it."""
    chosen = LANGUAGE_KEYS.get(digits())
    if chosen is None:
        retry_or_give_up(db.session, call, reply, "common.invalid_key", ask_menu(call, now), now=now)
        return
    call.language = reply.language = chosen
    calls.accept_input(db.session, call, f"language={chosen}", now=now)
    calls.enter(db.session, call, "menu", now=now)
    ask_menu(call, now)(reply)


@bp.post("/menu", endpoint="menu")
@voice_step(runs_in_place=True, writes_call_only=True)
def menu_again(call, reply, now):
    """Say the main menu (other flows come back here)."""
    calls.enter(db.session, call, "menu", now=now)
    ask_menu(call, now)(reply)


@bp.post("/menu/choice")
@voice_step(writes_call_only=True)
def choose(call, reply, now):
    """One key (or a few words) picks what the caller came for; 8 the other language; 9 the menu
    again, slowly. Words heard unclearly are asked back before anything starts."""
    session = db.session
    answer = menu.chosen(call, "menu" if hears_words(call, reply) else None, now=now)
    key = menu.REPEAT_KEY if answer.key == menu.BACK_KEY and answer.spoken else answer.key
    if answer.spoken and not answer.sure and answer.meaning in menu.SPOKEN_IN_MENU:
        calls.record(session, call, "speech_confirm", answer.meaning, now=now)
        ask_confirm(answer.meaning)(reply)
        return
    if key == menu.OTHER_LANGUAGE_KEY:
        call.language = reply.language = other(call.language)
        calls.accept_input(session, call, f"language={call.language}", now=now)
        ask_menu(call, now)(reply)
        return
    if key == menu.REPEAT_KEY:
        calls.accept_input(session, call, "repeat", now=now)
        ask_menu(call, now)(reply.slower())
        return
    if key == "" and first_choice_of_senior(call, now):
        key = menu.PERSON_KEY  # a caller aged 65 or over who keys nothing is put through
    route = menu.BY_KEY.get(key)
    if route is None:
        retry_or_give_up(session, call, reply, answers.reason(key), ask_menu(call, now), now=now)
        return
    go(call, reply, route, now=now)


def go(call, reply, route, *, now):
    calls.accept_input(db.session, call, f"menu={route.purpose}", now=now)
    call.purpose = route.purpose
    reply.redirect(route.start)


def ask_confirm(purpose):
    """One short question: 您是要挂失社保卡吗？ yes by voice or 1, no by voice or 2."""

    def ask(reply):
        query = {"purpose": purpose}
        reply.ask("voice.welcome.confirm", [f"listening.confirm_{purpose}"], num_digits=1, query=query, listen="yes_no")

    return ask


@bp.post("/menu/confirm")
@voice_step(writes_call_only=True)
def confirm(call, reply, now):
    """Yes starts what the caller was heard to ask for; anything else is a failed try at the menu."""
    session, route = db.session, menu.BY_PURPOSE.get(request.args.get("purpose", ""))
    answer = menu.chosen(call, "yes_no", now=now)
    if answer.key == menu.PERSON_KEY:
        to_person(call, reply, now=now)
    elif answer.key == menu.YES_KEY and route is not None and route.purpose in menu.SPOKEN_IN_MENU:
        go(call, reply, route, now=now)
    else:  # no, silence, or not understood: heard wrong; the menu again (keys only after two)
        retry_or_give_up(session, call, reply, "listening.not_understood", ask_menu(call, now), now=now)

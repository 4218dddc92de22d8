"""The greeting and the main menu, as one question: Mandarin by default, English on 8, a person on 0.

Which key leads where is the table in ivr/flows/menu.py. With speech on, the menu is an open
question: the caller may say what they need. Words heard unclearly are confirmed in one short
question; after two failed tries the menu listens for keys only; "人工" always reaches a person."""

from flask import Blueprint

from ivr.calendar import localtime
from ivr.directory.holders import senior_by_mobile
from ivr.flows import menu
from ivr.flows.submenu import to_person
from ivr.voice import answers, calls
from ivr.voice.turn_taking import retry_or_give_up
from ivr.voice.webhook import voice_step

bp = Blueprint("welcome", __name__)
LANGUAGE_KEYS = {"1": "zh", "2": "en", "": "zh"}  # the old language question (a call in progress at an upgrade)
MENU_HEARS_WORDS_UNTIL = 2  # failed tries at the menu after which it listens for keys only


def other(language):
    return "en" if language == "zh" else "zh"


def ask_menu(turn, *, greet=False):
    """The menu; first the greeting when the call has just started. Who may reach a person is
    told first: everyone 0 at any time, and a caller aged 65 or over, in staffed hours, a person
    before the menu (silence puts them through)."""

    def ask(reply):
        prompts = [("welcome.greeting", {})] if greet else []
        if menu.staffed_ever(turn.settings):
            person_first = first_choice_of_senior(turn)
            prompts.append("welcome.person_first" if person_first else "welcome.person_any_time")
        prompts.append(("welcome.other_language", {"language": other(reply.language)}))
        listen = "menu" if hears_words(turn.call, reply) else None
        prompts.append(("menu.options", menu.options(reply.language)))
        prompts += ["listening.menu_invite"] if listen else []  # after the keys: they still work
        reply.ask("voice.welcome.choose", prompts, num_digits=1, listen=listen)

    return ask


def hears_words(call, reply):
    """The menu listens for words while speech is on and the caller has not failed twice there."""
    return reply.hears_speech() and call.step_failures < MENU_HEARS_WORDS_UNTIL


def first_choice_of_senior(turn):
    """A caller aged 65 or over who has not chosen anything yet, while operators are on duty: a
    person is offered before the menu, and silence puts them through."""
    call = turn.call
    return call.senior and call.purpose is None and menu.staffed_now(turn)


@bp.post("/incoming")
@voice_step(starts_call=True)
def incoming(turn):
    """A new call: the greeting and the menu in one question, in Mandarin."""
    call = turn.call
    today = localtime.local(turn.now, turn.settings["IVR_TIMEZONE"]).date()
    call.senior = senior_by_mobile(turn.session, call.from_number, today)
    calls.enter(turn.session, call, "menu", now=turn.now)
    ask_menu(turn, greet=True)(turn.reply)


@bp.post("/language")
@voice_step(writes_call_only=True)
def language(turn):
    """The old separate language question (1 Mandarin, 2 English): a call already asked it."""
    session, call, now = turn.session, turn.call, turn.now
    chosen = LANGUAGE_KEYS.get(turn.keys)
    if chosen is None:
        retry_or_give_up(turn, "common.invalid_key", ask_menu(turn))
        return
    call.language = turn.reply.language = chosen
    calls.accept_input(session, call, f"language={chosen}", now=now)
    calls.enter(session, call, "menu", now=now)
    ask_menu(turn)(turn.reply)


@bp.post("/menu", endpoint="menu")
@voice_step(runs_in_place=True, writes_call_only=True)
def menu_again(turn):
    """Say the main menu (other flows come back here)."""
    calls.enter(turn.session, turn.call, "menu", now=turn.now)
    ask_menu(turn)(turn.reply)


@bp.post("/menu/choice")
@voice_step(writes_call_only=True)
def choose(turn):
    """One key (or a few words) picks what the caller came for; 8 the other language; 9 the menu
    again, slowly. Words heard unclearly are asked back before anything starts."""
    answer = menu.chosen(turn, "menu" if hears_words(turn.call, turn.reply) else None)
    if answer.spoken and not answer.sure and answer.meaning in menu.SPOKEN_IN_MENU:
        calls.record(turn.session, turn.call, "speech_confirm", answer.meaning, now=turn.now)
        ask_confirm(answer.meaning)(turn.reply)
        return
    key = menu_key(turn, answer)
    if key == menu.OTHER_LANGUAGE_KEY:
        switch_language(turn)
    elif key == menu.REPEAT_KEY:
        calls.accept_input(turn.session, turn.call, "repeat", now=turn.now)
        ask_menu(turn)(turn.reply.slower())
    elif key in menu.BY_KEY:
        go(turn, menu.BY_KEY[key])
    else:
        retry_or_give_up(turn, answers.reason(key), ask_menu(turn))


def menu_key(turn, answer):
    """The key the answer stands for at the menu: "back" said there means "again"; and a caller
    aged 65 or over who keys nothing is put through to a person."""
    if answer.key == menu.BACK_KEY and answer.spoken:
        return menu.REPEAT_KEY
    if answer.key == "" and first_choice_of_senior(turn):
        return menu.PERSON_KEY
    return answer.key


def switch_language(turn):
    """8: the menu again, in the other language."""
    call = turn.call
    call.language = turn.reply.language = other(call.language)
    calls.accept_input(turn.session, call, f"language={call.language}", now=turn.now)
    ask_menu(turn)(turn.reply)


def go(turn, route):
    calls.accept_input(turn.session, turn.call, f"menu={route.purpose}", now=turn.now)
    turn.call.purpose = route.purpose
    turn.reply.redirect(route.start)


def ask_confirm(purpose):
    """One short question: 您是要挂失社保卡吗？ yes by voice or 1, no by voice or 2."""

    def ask(reply):
        query = {"purpose": purpose}
        reply.ask("voice.welcome.confirm", [f"listening.confirm_{purpose}"], num_digits=1, query=query, listen="yes_no")

    return ask


@bp.post("/menu/confirm")
@voice_step(writes_call_only=True)
def confirm(turn):
    """Yes starts what the caller was heard to ask for; anything else is a failed try at the menu."""
    route = menu.BY_PURPOSE.get(turn.query.get("purpose", ""))
    answer = menu.chosen(turn, "yes_no")
    if answer.key == menu.PERSON_KEY:
        to_person(turn)
    elif answer.key == menu.YES_KEY and route is not None and route.purpose in menu.SPOKEN_IN_MENU:
        go(turn, route)
    else:  # no, silence, or not understood: heard wrong; the menu again (keys only after two)
        retry_or_give_up(turn, "listening.not_understood", ask_menu(turn))

"""Outlets, opening hours and what to bring; no identity needed."""

from flask import Blueprint

from ivr.calendar import outlet_hours
from ivr.directory import outlets
from ivr.flows import menu
from ivr.flows.menu import PERSON_KEY
from ivr.flows.submenu import invalid, navigate
from ivr.messaging import outlet_list
from ivr.voice import call_log, calls
from ivr.voice.turn_taking import retry_or_give_up
from ivr.voice.webhook import voice_step

bp = Blueprint("outlets", __name__, url_prefix="/outlets")
HEARD = "outlets_heard"  # event whose detail lists the outlet codes the caller heard


def outlet_prompts(outlet, language):
    """An outlet's name and address in the language they are written in, then its hours said
    in the caller's language (data loaded before hours were checked is read as written)."""
    name, address, written_in = outlets.named_for(outlet, language)
    hours = outlet_hours.spoken(outlet.hours, language)
    hours_prompt = (
        "outlets.item_hours",
        {"hours": hours} if hours else {"hours": outlet.hours, "language": outlets.data_language(outlet)},
    )
    return [("outlets.item", {"name": name, "address": address, "language": written_in}), hours_prompt]


def say_nearest_terminal(session, reply, area_code):
    """Where the nearest 24-hour self-service terminal is, if the outlet data marks one: a
    caller who cannot be helped by phone now can change their service password there at once."""
    terminal = outlets.nearest_terminal(session, area_code)
    if terminal is None:
        return False
    reply.say("outlets.terminal_24h")
    name, address, written_in = outlets.named_for(terminal, reply.language)
    reply.say("outlets.item", language=written_in, name=name, address=address)
    reply.say("outlets.terminal_then_call")
    return True


def ask_area(reply):
    reply.ask("voice.outlets.area", ["outlets.ask_area"], finish_on_key="#", timeout=10)


def ask_after(found, intro, *, full=True):
    def ask(reply):
        prompts = []
        if full:
            prompts.append(intro)
            for number, outlet in enumerate(found, 1):
                prompts += [("outlets.item_number", {"number": number}), *outlet_prompts(outlet, reply.language)]
            prompts.append("outlets.materials")
        reply.ask("voice.outlets.after", prompts + ["outlets.after_menu"], num_digits=1, listen="yes_no")

    return ask


@bp.post("")
@voice_step(runs_in_place=True)
def start(turn):
    """Ask for the area code of the caller's ID number, or # for the main outlets."""
    calls.enter(turn.session, turn.call, "outlets_area", now=turn.now)
    ask_area(turn.reply)


@bp.post("/area")
@voice_step
def area(turn):
    """Six digits (or a whole ID number, of which only the area code is used); # alone: main outlets."""
    keyed = turn.keys
    if keyed in ("*", PERSON_KEY):  # back to the menu, or a person: as in every sub-menu
        navigate(turn, keyed, ask_area)
        return
    # Twilio sends the same empty Digits for # alone and for silence: both get the main outlets.
    if keyed and not (keyed.isdigit() and 6 <= len(keyed) <= 18):
        retry_or_give_up(turn, "outlets.area_format", ask_area)
        return
    intro, found = outlets_for(turn.session, keyed)
    if not found:
        calls.record(turn.session, turn.call, "outlets_missing", now=turn.now)
        turn.reply.say("outlets.none_at_all").redirect("voice.welcome.menu")
        return
    tell_outlets(turn, "area" if keyed else "main", intro, found)


def outlets_for(session, keyed):
    """The intro and outlets for a keyed area code: its own outlets, else (or for none keyed) the main ones."""
    found = outlets.for_area(session, keyed[:6]) if keyed else []
    intro = "outlets.intro_area" if found else ("outlets.none_for_area" if keyed else "outlets.intro_main")
    return intro, found or outlets.main_outlets(session)


def tell_outlets(turn, asked, intro, found):
    session, call, now = turn.session, turn.call, turn.now
    calls.accept_input(session, call, asked, now=now)
    # What was said, so 9 repeats it: the intro heard and the outlets' codes (no keyed digits).
    calls.record(session, call, HEARD, intro.removeprefix("outlets.") + ":" + ",".join(o.code for o in found), now=now)
    calls.finish(session, call, "outlets_told", now=now)
    calls.enter(session, call, "outlets_done", now=now)
    ask_after(found, intro)(turn.reply)


def heard(session, call):
    """The intro and outlets the caller last heard, and how many lists they heard in this call."""
    events = call_log.details(session, call, HEARD)
    if not events:
        return "outlets.intro_main", [], 0
    intro, _, codes = events[0].rpartition(":")
    return "outlets." + (intro or "intro_main"), outlets.by_codes(session, codes.split(",")), len(events)


@bp.post("/after")
@voice_step
def after(turn):
    """1 (or yes) sends the list by SMS, 2 asks for another area, 9 repeats, * (or no) goes to the
    main menu: "不用了" to the offer of an SMS is not a request for another area."""
    answer = menu.chosen(turn, "yes_no")
    key = menu.BACK_KEY if answer.meaning == "no" else answer.key
    intro, found, lists = heard(turn.session, turn.call)
    if not found:
        turn.reply.redirect("voice.outlets.start")
        return
    ask = ask_after(found, intro)
    if navigate(turn, key, ask):
        return
    if key == "2":
        ask_another_area(turn)
    elif key == "1":
        send_by_sms(turn, found, lists)
    else:
        invalid(turn, key, ask)


def ask_another_area(turn):
    calls.accept_input(turn.session, turn.call, "another_area", now=turn.now)
    calls.enter(turn.session, turn.call, "outlets_area", now=turn.now)
    ask_area(turn.reply)


def send_by_sms(turn, found, occurrence):
    """Queue the list for the calling number, if it is a mobile; otherwise tell the caller why
    not. Then the keys after the list again, without the list."""
    session, call, reply, now, config = turn.session, turn.call, turn.reply, turn.now, turn.settings
    mobile, refused = outlet_list.destination(session, call.from_number, occurrence, config=config, now=now)
    if refused:
        detail, prompt = outlet_list.REFUSALS[refused]
        calls.record(session, call, "sms_refused", detail, now=now)
        reply.say(prompt)
    else:
        outlet_list.queue(session, call, mobile, found, occurrence, config=config, now=now)
        calls.record(session, call, "sms_queued", "outlet_info", now=now)
        reply.say("outlets.sms_queued")
    ask_after(found, None, full=False)(reply)

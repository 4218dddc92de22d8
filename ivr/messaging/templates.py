"""A mainland SMS provider's approved templates: which one sends each kind's words, and proof that it does.

Alibaba Cloud and Tencent Cloud send only a template approved in advance, filled with parameters,
under an approved sign name that the provider puts first as 【sign】. A TOML file (SMS_TEMPLATES_FILE,
README "Mainland SMS") maps each catalogue key of every kind in ivr.messaging.kinds.KINDS, in each
language, to its template: the code, the text exactly as registered and, for Tencent's numbered
{1} {2}… placeholders, the parameter names in order. `problems` renders each registered text with
the catalogue's own values and compares it with the catalogue's words (the leading 【sign】 is the
provider's to add): what was approved is what is sent. `fill` repeats the check on every message.
"""

import json
import re
import tomllib
from dataclasses import dataclass, field

from ivr.messaging import template_rules
from ivr.messaging.envelope import SendError
from ivr.messaging.kinds import KINDS
from ivr.prompts import CATALOGUE, LANGUAGES, finish, hotline_name, placeholders, text

PROVIDERS = ("aliyun", "tencent")  # the SMS_BACKENDs that send only templates approved in advance
# Alibaba names its variables, ${reference}; Tencent numbers them, {1}.
NAMED = re.compile(r"\$\{(\w+)\}")
NUMBERED = re.compile(r"\{(\d+)\}")
# Tencent: "The total length of an SMS message (containing the actual values of the signature and
# variables) cannot exceed 500 characters" (Body Template Review Standards,
# https://www.tencentcloud.com/document/product/382/40659).
TENCENT_MAX_CHARACTERS = 500


class TemplateFileError(ValueError):
    """The templates file cannot be read or does not say what a template needs."""


@dataclass(frozen=True)
class Template:
    """One approved template: its code, its text as registered, and where its parameters go."""

    code: str
    text: str
    order: tuple[str, ...] = ()  # Tencent: the parameter name for {1}, {2}, …
    # The longest value each parameter may take, and its type, as the variable was registered.
    max_length: dict = field(default_factory=dict)
    types: dict = field(default_factory=dict)  # name -> "phone_number" | "code" (template_rules)

    def names(self):
        """The catalogue parameters this template fills in."""
        if self.order:
            return set(self.order)
        return set(NAMED.findall(self.text))

    def render(self, values):
        """The words the provider sends (after the sign) with these parameter values."""
        if self.order:
            return NUMBERED.sub(lambda m: values[self.order[int(m[1]) - 1]], self.text)
        return NAMED.sub(lambda m: values[m[1]], self.text)

    def arguments(self, values):
        """The values as the provider's API takes them: a name → value mapping, or Tencent's list."""
        if self.order:
            return [values[name] for name in self.order]
        return {name: values[name] for name in NAMED.findall(self.text)}


@dataclass(frozen=True)
class Book:
    """Every template of one provider account, keyed by (catalogue key, language)."""

    provider: str
    sign_name: str
    templates: dict
    variable_max_length: int | None = None  # the account's limit on any one variable (template_rules)

    def sign(self):
        return f"【{self.sign_name}】"

    def after_sign(self, words):
        """A catalogue text without its leading 【sign】: the provider adds it to every message."""
        return words.removeprefix(self.sign())


def load(path, provider):
    """The templates in the TOML file at `path`, for `provider` (aliyun or tencent)."""
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise TemplateFileError(f"cannot read the SMS templates file: {exc}") from None
    if data.get("provider") != provider:
        raise TemplateFileError(f"the SMS templates file is for {data.get('provider')!r}, SMS_BACKEND is {provider!r}")
    if not data.get("sign_name"):
        raise TemplateFileError("the SMS templates file has no sign_name")
    limit = data.get("variable_max_length")
    if limit is not None and not (isinstance(limit, int) and limit > 0):
        raise TemplateFileError("variable_max_length is a whole number of characters")
    templates = {}
    for key, languages in (data.get("templates") or {}).items():
        for language, entry in languages.items():
            templates[(key, language)] = parse(entry, f"{key}/{language}", provider)
    return Book(provider, data["sign_name"], templates, template_rules.account_limit(provider, limit))


def parse(entry, where, provider):
    numbered = provider == "tencent"
    if not entry.get("code") or not entry.get("text"):
        raise TemplateFileError(f"{where}: a template needs a code and a text")
    order = tuple(entry.get("params") or ())
    if numbered:
        used = {int(n) for n in NUMBERED.findall(entry["text"])}
        if used != set(range(1, len(order) + 1)):
            raise TemplateFileError(f"{where}: params must name {{1}}…{{{len(used)}}} in order")
    elif order:
        raise TemplateFileError(f"{where}: name the parameters in the text as ${{name}}, not in params")
    limits, types = entry.get("max_length") or {}, entry.get("types") or {}
    if not all(isinstance(n, int) and n > 0 for n in limits.values()):
        raise TemplateFileError(f"{where}: max_length values are whole numbers of characters")
    wrong = template_rules.declared(provider, where, types, limits)
    if wrong:
        raise TemplateFileError("; ".join(wrong))
    return Template(entry["code"], entry["text"], order, dict(limits), dict(types))


def sample_values(key, language, config):
    """Values to render a catalogue text with: the deployment's own name and number, a marker for the rest."""
    values = {name: f"«{name}»" for name in placeholders(CATALOGUE[key][language])}
    values["hotline"] = hotline_name(language, config)
    values["hotline_number"] = config.get("HOTLINE_NUMBER", "")
    return values


def problems(book, config):
    """What stops `book` from sending every kind in every language exactly as the catalogue words it."""
    found = []
    for kind, spec in KINDS.items():
        for key in spec.keys:
            for language in LANGUAGES:
                template = book.templates.get((key, language))
                if template is None:
                    found.append(f"{kind}: no template for {key} in {language}")
                    continue
                found += mismatch(book, kind, key, language, template, config)
    return found


def mismatch(book, kind, key, language, template, config):
    values = sample_values(key, language, config)
    unknown = template.names() - values.keys()
    if unknown:
        return [
            f"{kind}: template {template.code} ({key}, {language}) has {', '.join(sorted(unknown))}, "
            f"which the catalogue's text does not"
        ]
    wanted = book.after_sign(text(key, language, **values))
    sent = template.render(values)
    if sent != wanted:
        return [f"{kind}: template {template.code} ({key}, {language}) reads {sent!r}; the catalogue says {wanted!r}"]
    return []


def fill(book, envelope):
    """The template and the provider's arguments for one message, or a SendError that says why not."""
    composed = envelope.template or {}
    key, params = composed.get("key"), composed.get("params")
    if not key or params is None:
        raise SendError("no template parameters stored with this message (queued before 0015)", permanent=True)
    template = book.templates.get((key, envelope.language))
    if template is None:
        raise SendError(f"no approved template for {key} in {envelope.language}", permanent=True)
    missing = template.names() - params.keys()
    if missing:
        raise SendError(f"template {template.code} needs {', '.join(sorted(missing))}", permanent=True)
    reason = template_rules.broken(book, template, params)
    if reason:
        raise SendError(reason, permanent=True)
    words = template.render(params)
    # The catalogue tidies "p.m.." to "p.m." (ivr/prompts.finish); the provider cannot, so that one
    # full stop may show twice: the words are otherwise the same, and the message still goes.
    if finish(words) != book.after_sign(envelope.body):
        raise SendError(f"template {template.code} does not give this message's words", permanent=True)
    if book.provider == "tencent" and len(book.sign() + words) > TENCENT_MAX_CHARACTERS:
        raise SendError(f"longer than Tencent's {TENCENT_MAX_CHARACTERS} characters", permanent=True)
    return template, template.arguments(params)


def draft(provider, sign_name, config):
    """A templates file to start from: every text to register, as the check wants it; codes left to fill in."""
    numbered = provider == "tencent"
    book = Book(provider, sign_name, {})
    lines = [f'provider = "{provider}"', f"sign_name = {quoted(sign_name)}", template_rules.DRAFT_HINT[provider], ""]
    for kind, spec in KINDS.items():
        for key in spec.keys:
            for language in LANGUAGES:
                values = sample_values(key, language, config)
                names = [n for n in spec.parameters(key, language) if n not in ("hotline", "hotline_number")]
                marks = {n: f"{{{i}}}" if numbered else f"${{{n}}}" for i, n in enumerate(names, start=1)}
                words = book.after_sign(text(key, language, **{**values, **marks}))
                lines += [f"# {kind}", f'[templates."{key}".{language}]', 'code = ""', f"text = {quoted(words)}"]
                if numbered:
                    lines.append("params = [" + ", ".join(quoted(n) for n in names) + "]")
                lines.append("")
    return "\n".join(lines)


def quoted(value):
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(value, ensure_ascii=False)

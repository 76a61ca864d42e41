"""Reading a typed line as a Discord client would: command, option and choice names in the member's language,
values as a person types them (apostrophes included), and the values a client refuses to send at all."""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.local_discord.server import (
    ATTACHMENT,
    BOOLEAN,
    CHANNEL,
    INTEGER,
    MENTIONABLE,
    NUMBER,
    ROLE,
    SUB_COMMAND,
    SUB_COMMAND_GROUP,
    USER,
    LocalDiscord,
    Upload,
)

# Discord's own attachment limit for a member without Nitro boosts (the interaction's attachment_size_limit).
UPLOAD_LIMIT = 26_214_400
_WORD = re.compile(r'(?:[^\s"]*"[^"]*"[^\s"]*)+|\S+')
_OPTION = re.compile(r"^([^\s:]+):(.*)$", re.DOTALL)
_INTEGER = re.compile(r"^[-+]?\d{1,16}$")
_NUMBER = re.compile(r"^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$")
_TRUE, _FALSE = {"true", "yes", "on", "1", "vrai", "oui"}, {"false", "no", "off", "0", "faux", "non"}
_TYPE_NAMES = {INTEGER: "a whole number", NUMBER: "a number", BOOLEAN: "true or false"}


class LineError(Exception):
    """A line a Discord client would not send; the message says why, in one line."""


def words(line: str) -> list[str]:
    """Words as typed: spaces separate them, a pair of double quotes keeps spaces inside, an apostrophe is a
    letter like any other, and an unpaired double quote is kept as typed."""
    found = []
    for word in _WORD.findall(line):
        found.append(word.replace('"', "") if word.count('"') % 2 == 0 and '"' in word else word)
    return found


def _language(locale: str) -> str:
    return locale.split("-")[0].lower()


def names_of(item: dict[str, Any], locale: str) -> list[str]:
    """The names a member of this locale may type for a command, option or choice: theirs first."""
    localized = item.get("name_localizations") or {}
    own = localized.get(locale) or next(
        (name for key, name in localized.items() if _language(key) == _language(locale)), None
    )
    return [own, item["name"]] if own and own != item["name"] else [item["name"]]


def shown_name(item: dict[str, Any], locale: str) -> str:
    """The name a member of this locale sees."""
    return names_of(item, locale)[0]


def _find(items: list[dict[str, Any]], typed: str, locale: str) -> dict[str, Any] | None:
    wanted = typed.casefold()
    for item in items:
        if wanted in (name.casefold() for name in names_of(item, locale)):
            return item
    return None


def _is_group(option: dict[str, Any]) -> bool:
    return option.get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP)


@dataclass
class Resolved:
    """A line read: the command as the local Discord names it ("/facts status"), its options' values, and
    the option being typed last (for completion)."""

    command: str
    options: dict[str, Any]
    declared: list[dict[str, Any]]
    last: str | None
    typed_last: str


def walk(server: LocalDiscord, typed: list[str], locale: str) -> tuple[list[dict[str, Any]], int]:
    """The command and subcommands named by the first words (in the member's language or English), and how
    many words they took. Raises LineError for an unknown command."""
    if not typed:
        raise LineError("type a command")
    first = typed[0].removeprefix("/")
    command = _find(list(server.commands.values()), first, locale)
    if command is None:
        raise LineError(f"unknown command /{first} (Tab lists the commands)")
    path, options = [command], command.get("options") or []
    used = 1
    while used < len(typed) and any(_is_group(o) for o in options):
        nested = _find([o for o in options if _is_group(o)], typed[used], locale)
        if nested is None:
            break
        path.append(nested)
        options = nested.get("options") or []
        used += 1
    return path, used


def resolve(server: LocalDiscord, line: str, locale: str, *, convert: bool = True) -> Resolved:
    """A typed line as the command the local Discord knows and the values a client would send."""
    typed = words(line)
    path, used = walk(server, typed, locale)
    declared: list[dict[str, Any]] = path[-1].get("options") or []
    if any(_is_group(o) for o in declared):
        choices = ", ".join(shown_name(o, locale) for o in declared if _is_group(o))
        shown = " ".join(shown_name(p, locale) for p in path)
        raise LineError(f"/{shown} needs a subcommand: {choices}")
    command = "/" + " ".join(p["name"] for p in path)
    raw: dict[str, str] = {}
    current: str | None = None
    for word in typed[used:]:
        match = _OPTION.match(word)
        option = _find(declared, match.group(1), locale) if match else None
        if match and option is not None:
            current = option["name"]
            raw[current] = match.group(2)
        elif current is None and declared:
            current = declared[0]["name"]
            raw[current] = word
        elif current is not None:
            raw[current] = f"{raw[current]} {word}"
        else:
            raise LineError(f"/{' '.join(shown_name(p, locale) for p in path)} takes no options")
    if line.endswith(" ") and current is not None and raw[current] and not convert:
        raw[current] += " "
    last = current
    options = {
        name: (convert_value(server, _by_name(declared, name), value, locale) if convert else value)
        for name, value in raw.items()
    }
    return Resolved(command, options, declared, last, raw.get(last, "") if last else "")


def _by_name(declared: list[dict[str, Any]], name: str) -> dict[str, Any]:
    return next(o for o in declared if o["name"] == name)


def convert_value(server: LocalDiscord, option: dict[str, Any], value: str, locale: str) -> Any:
    """What a client sends for a typed value, or LineError when the client would not let it be sent."""
    name, kind, value = shown_name(option, locale), option.get("type"), value.strip()
    if not value:
        raise LineError(f"option {name} needs a value")
    if option.get("choices"):
        choice = _find(option["choices"], value, locale) or next(
            (c for c in option["choices"] if str(c["value"]).casefold() == value.casefold()), None
        )
        if choice is None:
            offered = ", ".join(shown_name(c, locale) for c in option["choices"])
            raise LineError(f"{value!r} is not a choice of {name}: pick one of {offered}")
        return choice["value"]
    if kind in (INTEGER, NUMBER):
        if not (_INTEGER if kind == INTEGER else _NUMBER).match(value):
            raise LineError(
                f"option {name} takes {_TYPE_NAMES[kind]}: Discord does not let {value!r} be sent"
            )
        number = int(value) if kind == INTEGER else float(value)
        low, high = option.get("min_value"), option.get("max_value")
        if (low is not None and number < low) or (high is not None and number > high):
            bounds = (
                f"from {low} to {high}" if low is not None and high is not None else f"{low or high} or so"
            )
            raise LineError(f"option {name} takes {_TYPE_NAMES[kind]} {bounds}, not {value}")
        return number
    if kind == BOOLEAN:
        if value.casefold() not in _TRUE | _FALSE:
            raise LineError(f"option {name} takes true or false, not {value!r}")
        return value.casefold() in _TRUE
    if kind == CHANNEL:
        return _channel(server, name, value)
    if kind == ROLE:
        return _role(server, name, value)
    if kind in (USER, MENTIONABLE):
        return _member(server, name, value)
    if kind == ATTACHMENT:
        return upload(name, value)
    low, high = option.get("min_length"), option.get("max_length")
    if (low is not None and len(value) < low) or (high is not None and len(value) > high):
        raise LineError(f"option {name} takes {low} to {high} characters, not {len(value)}")
    return value


def _channel(server: LocalDiscord, name: str, value: str) -> str:
    key = value.removeprefix("<#").removesuffix(">").lstrip("#").casefold()
    for channel in server.world.channels.values():
        if not channel.deleted and key in (channel.name.casefold(), channel.id):
            return channel.id
    known = ", ".join(f"#{c.name}" for c in server.world.channels.values() if not c.deleted)
    raise LineError(f"there is no channel {value} to pick for {name}: this server has {known}")


def _role(server: LocalDiscord, name: str, value: str) -> str:
    key = value.removeprefix("<@&").removesuffix(">").lstrip("@").casefold()
    for role in server.world.roles.values():
        if key in (role.name.lstrip("@").casefold(), role.id):
            return role.id
    known = ", ".join(f"@{r.name.lstrip('@')}" for r in server.world.roles.values())
    raise LineError(f"there is no role {value} to pick for {name}: this server has {known}")


def _member(server: LocalDiscord, name: str, value: str) -> str:
    key = value.removeprefix("<@").removeprefix("!").removesuffix(">").lstrip("@").casefold()
    for member in server.world.members.values():
        if key in (member.username.casefold(), member.id):
            return member.id
    known = ", ".join(f"@{m.username}" for m in server.world.members.values())
    raise LineError(f"there is no member {value} to pick for {name}: this server has {known}")


def upload(name: str, value: str) -> Upload:
    """A file on this machine, attached as a member attaches it; LineError when it cannot be read."""
    path = Path(value).expanduser()
    try:
        if not path.is_file():
            raise LineError(f"{name}: no file at {value} (give the path of a file to attach)")
        size = path.stat().st_size
        if size > UPLOAD_LIMIT:
            raise LineError(
                f"{name}: {value} is larger than Discord's {UPLOAD_LIMIT:,}-byte attachment limit"
            )
        data = path.read_bytes()
    except OSError as error:
        raise LineError(f"{name}: cannot read {value}: {error.strerror or error}") from error
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return Upload(path.name, data, kind)

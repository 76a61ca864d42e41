"""Discord's documented limits on what a bot sends, reported with a readable path:
`data.embeds[0].title: 301 characters, limit 256`."""

from __future__ import annotations

from typing import Any

from bot.discord_limits import (
    AUTHOR,
    CHOICE_TEXT,
    CHOICES,
    COMMAND_DESCRIPTION,
    COMMAND_NAME,
    CONTENT,
    DESCRIPTION,
    EMBED_TOTAL,
    EMBEDS,
    FIELD_NAME,
    FIELD_VALUE,
    FIELDS,
    FOOTER,
    NONCE,
    OPTIONS,
    TITLE,
)


def _length(problems: list[str], path: str, value: Any, limit: int, minimum: int = 0) -> int:
    if value is None:
        return 0
    if not isinstance(value, str):
        problems.append(f"{path}: expected text, got {type(value).__name__}")
        return 0
    if len(value) > limit:
        problems.append(f"{path}: {len(value)} characters, limit {limit}")
    elif len(value) < minimum:
        problems.append(f"{path}: {len(value)} characters, at least {minimum}")
    return len(value)


def check_embed(embed: dict[str, Any], path: str, problems: list[str]) -> int:
    """Check one embed; returns its counted length (title, description, fields, footer, author)."""
    total = _length(problems, f"{path}.title", embed.get("title"), TITLE)
    total += _length(problems, f"{path}.description", embed.get("description"), DESCRIPTION)
    fields = embed.get("fields") or []
    if len(fields) > FIELDS:
        problems.append(f"{path}.fields: {len(fields)} fields, limit {FIELDS}")
    for index, item in enumerate(fields):
        total += _length(problems, f"{path}.fields[{index}].name", item.get("name"), FIELD_NAME, 1)
        total += _length(problems, f"{path}.fields[{index}].value", item.get("value"), FIELD_VALUE, 1)
    total += _length(problems, f"{path}.footer.text", (embed.get("footer") or {}).get("text"), FOOTER)
    total += _length(problems, f"{path}.author.name", (embed.get("author") or {}).get("name"), AUTHOR)
    if total == 0:
        problems.append(f"{path}: empty embed")
    return total


def check_message(body: dict[str, Any], path: str = "") -> list[str]:
    """A message body (channel message, interaction reply, followup or edit)."""
    prefix = f"{path}." if path else ""
    problems: list[str] = []
    _length(problems, f"{prefix}content", body.get("content"), CONTENT)
    embeds = body.get("embeds") or []
    if len(embeds) > EMBEDS:
        problems.append(f"{prefix}embeds: {len(embeds)} embeds, limit {EMBEDS}")
    total = sum(
        check_embed(embed, f"{prefix}embeds[{index}]", problems) for index, embed in enumerate(embeds)
    )
    if total > EMBED_TOTAL:
        problems.append(f"{prefix}embeds: {total} characters in all, limit {EMBED_TOTAL}")
    nonce = body.get("nonce")
    if isinstance(nonce, str) and len(nonce) > NONCE:
        problems.append(f"{prefix}nonce: {len(nonce)} characters, limit {NONCE}")
    if not body.get("content") and not embeds and not body.get("attachments") and not body.get("components"):
        problems.append(f"{path or 'message'}: empty message (no content, embeds or attachments)")
    return problems


def check_callback(body: dict[str, Any]) -> list[str]:
    """An interaction callback: a message reply, a deferral or autocomplete choices."""
    kind = body.get("type")
    data = body.get("data") or {}
    if kind in (4, 7):
        return check_message(data, "data")
    if kind == 8:
        problems: list[str] = []
        choices = data.get("choices") or []
        if len(choices) > CHOICES:
            problems.append(f"data.choices: {len(choices)} choices, limit {CHOICES}")
        for index, choice in enumerate(choices):
            _length(problems, f"data.choices[{index}].name", choice.get("name"), CHOICE_TEXT, 1)
            if isinstance(choice.get("value"), str):
                _length(problems, f"data.choices[{index}].value", choice.get("value"), CHOICE_TEXT)
        return problems
    return []


def _check_name(problems: list[str], path: str, name: Any) -> None:
    if not isinstance(name, str) or not COMMAND_NAME.match(name) or name != name.lower():
        problems.append(f"{path}: {name!r} is not a valid name (1-32 lower-case letters, digits, '-' or '_')")


def _check_localized(
    problems: list[str], path: str, item: dict[str, Any], description_required: bool
) -> None:
    _check_name(problems, f"{path}.name", item.get("name"))
    for locale, name in (item.get("name_localizations") or {}).items():
        _check_name(problems, f"{path}.name_localizations.{locale}", name)
    if description_required:
        _length(problems, f"{path}.description", item.get("description"), COMMAND_DESCRIPTION, 1)
        for locale, text in (item.get("description_localizations") or {}).items():
            _length(problems, f"{path}.description_localizations.{locale}", text, COMMAND_DESCRIPTION, 1)


def _check_options(problems: list[str], path: str, options: list[dict[str, Any]]) -> None:
    if len(options) > OPTIONS:
        problems.append(f"{path}: {len(options)} options, limit {OPTIONS}")
    for index, option in enumerate(options):
        where = f"{path}[{index}]"
        _check_localized(problems, where, option, description_required=True)
        choices = option.get("choices") or []
        if choices and option.get("autocomplete"):
            problems.append(f"{where}: choices and autocomplete cannot be used together")
        if len(choices) > CHOICES:
            problems.append(f"{where}.choices: {len(choices)} choices, limit {CHOICES}")
        for number, choice in enumerate(choices):
            _length(problems, f"{where}.choices[{number}].name", choice.get("name"), CHOICE_TEXT, 1)
        _check_options(problems, f"{where}.options", option.get("options") or [])


def check_commands(body: Any) -> list[str]:
    """A bulk overwrite of application commands."""
    if not isinstance(body, list):
        return ["(body): expected a list of commands"]
    problems: list[str] = []
    for index, command in enumerate(body):
        chat_input = command.get("type", 1) == 1
        _check_localized(problems, f"[{index}]", command, description_required=chat_input)
        _check_options(problems, f"[{index}].options", command.get("options") or [])
    names = [c.get("name") for c in body]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(f"(body): command name {name!r} is used twice")
    return problems

"""Discord's documented limits, checked on every body the bot sends, with readable paths."""

from __future__ import annotations

import pytest

from bot.local_discord.checks import check_callback, check_commands, check_message


def test_a_title_too_long_names_its_path() -> None:
    body = {"type": 4, "data": {"embeds": [{"title": "x" * 301}]}}
    assert check_callback(body) == ["data.embeds[0].title: 301 characters, limit 256"]


@pytest.mark.parametrize(
    ("message", "problem"),
    [
        ({"content": "x" * 2001}, "content: 2001 characters, limit 2000"),
        ({"embeds": [{"title": "t"}] * 11}, "embeds: 11 embeds, limit 10"),
        ({"embeds": [{"description": "x" * 4097}]}, "embeds[0].description: 4097 characters, limit 4096"),
        (
            {"embeds": [{"title": "t", "fields": [{"name": "n", "value": "v"}] * 26}]},
            "embeds[0].fields: 26 fields, limit 25",
        ),
        (
            {"embeds": [{"fields": [{"name": "n" * 257, "value": "v"}]}]},
            "embeds[0].fields[0].name: 257 characters, limit 256",
        ),
        (
            {"embeds": [{"fields": [{"name": "n", "value": "v" * 1025}]}]},
            "embeds[0].fields[0].value: 1025 characters, limit 1024",
        ),
        (
            {"embeds": [{"fields": [{"name": "n", "value": ""}]}]},
            "embeds[0].fields[0].value: 0 characters, at least 1",
        ),
        (
            {"embeds": [{"title": "t", "footer": {"text": "f" * 2049}}]},
            "embeds[0].footer.text: 2049 characters, limit 2048",
        ),
        (
            {"embeds": [{"title": "t", "author": {"name": "a" * 257}}]},
            "embeds[0].author.name: 257 characters, limit 256",
        ),
        (
            {"embeds": [{"description": "x" * 4000}, {"description": "y" * 2001}]},
            "embeds: 6001 characters in all, limit 6000",
        ),
        ({"content": "x", "nonce": "n" * 26}, "nonce: 26 characters, limit 25"),
        ({}, "message: empty message (no content, embeds or attachments)"),
        ({"embeds": [{}]}, "embeds[0]: empty embed"),
    ],
)
def test_message_limits(message: dict[str, object], problem: str) -> None:
    assert problem in check_message(message)


def test_a_message_within_every_limit_passes() -> None:
    embed = {"title": "t" * 256, "description": "d" * 1000, "fields": [{"name": "n" * 10, "value": "v" * 1024}] * 4,
             "footer": {"text": "f" * 100}}  # fmt: skip
    assert check_message({"content": "c" * 2000, "embeds": [embed]}) == []


def test_autocomplete_choice_limits() -> None:
    choices = [{"name": f"choice {i}", "value": f"v{i}"} for i in range(26)] + [
        {"name": "", "value": "x" * 101}
    ]
    problems = check_callback({"type": 8, "data": {"choices": choices}})
    assert "data.choices: 27 choices, limit 25" in problems
    assert "data.choices[26].name: 0 characters, at least 1" in problems
    assert "data.choices[26].value: 101 characters, limit 100" in problems


def test_command_names_and_descriptions() -> None:
    commands = [
        {"name": "Cast", "description": "d", "type": 1},
        {"name": "season", "description": "", "type": 1, "options": [
            {"name": "number two", "description": "x" * 101, "type": 4, "autocomplete": True,
             "choices": [{"name": "4", "value": 4}]},
        ]},
        {"name": "saison", "description": "d", "name_localizations": {"fr": "Saison"}, "type": 1},
        {"name": "séance", "description": "d", "type": 1},
        {"name": "season", "description": "d", "type": 1},
    ]  # fmt: skip
    problems = check_commands(commands)
    assert "[0].name: 'Cast' is not a valid name (1-32 lower-case letters, digits, '-' or '_')" in problems
    assert "[1].description: 0 characters, at least 1" in problems
    assert any(p.startswith("[1].options[0].name: 'number two'") for p in problems)
    assert "[1].options[0].description: 101 characters, limit 100" in problems
    assert "[1].options[0]: choices and autocomplete cannot be used together" in problems
    assert any(p.startswith("[2].name_localizations.fr: 'Saison'") for p in problems)
    assert not any(p.startswith("[3]") for p in problems), "accented letters are letters"
    assert "(body): command name 'season' is used twice" in problems

"""Bodies checked against Discord's official OpenAPI description, when ../shared has it (it does in CI)."""

from __future__ import annotations

import pytest

from bot.local_discord.openapi import spec_validator
from bot.local_discord.server import default_spec_path

SPEC = default_spec_path()
pytestmark = pytest.mark.skipif(SPEC is None, reason="the OpenAPI file is not beside this clone")
CALLBACK = "/interactions/{interaction_id}/{interaction_token}/callback"


def test_a_valid_reply_passes() -> None:
    assert SPEC is not None
    body = {
        "type": 4,
        "data": {"content": "hi", "embeds": [{"title": "t"}], "allowed_mentions": {"parse": []}},
    }
    assert spec_validator(SPEC).errors("POST", CALLBACK, body) == []


def test_errors_follow_the_branch_the_body_means_and_read_as_paths() -> None:
    assert SPEC is not None
    validator = spec_validator(SPEC)
    assert validator.errors("POST", CALLBACK, {"type": 4, "data": {"embeds": [{"title": "x" * 300}]}}) == [
        "data.embeds[0].title: 300 characters, limit 256 (OpenAPI)"
    ]
    (problem,) = validator.errors(
        "POST", CALLBACK, {"type": 8, "data": {"choices": [{"name": 5, "value": "v"}]}}
    )
    assert problem.startswith("data.choices[0].name:")
    assert validator.errors(
        "POST", "/channels/{channel_id}/messages", {"content": "x", "nonce": "n" * 26}
    ) == ["nonce: 26 characters, limit 25 (OpenAPI)"]


def test_a_route_without_a_body_schema_is_not_checked() -> None:
    assert SPEC is not None
    assert spec_validator(SPEC).errors("GET", "/users/@me", None) == []

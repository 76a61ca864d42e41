"""What each row of the state database must hold: checked whole at every start, and repaired where it can be
when salvaged from a damaged file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from bot.countdown.milestones import parse_milestones
from bot.store.pages import Value

GUILDS, SEEN, POSTS = "guild_settings", "facts_seen", "countdown_posts"
TABLES = (GUILDS, SEEN, POSTS)
STATUSES = {"claimed": 1, "skipped": 2, "sent": 3}  # a later status wins over an earlier copy of the row
NONCE_LENGTH = 25
SNOWFLAKE = range(1, 1 << 63)
MAX_SPOILER_DAYS = 365


def _is_id(value: Value) -> bool:
    return type(value) is int and value in SNOWFLAKE


def _is_text(value: Value) -> bool:
    return isinstance(value, str) and value != ""


def _is_moment(value: Value) -> bool:
    try:
        return isinstance(value, str) and dt.datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def _is_milestones(value: Value, count: int | None = None) -> bool:
    try:
        return _is_text(value) and count in (None, len(parse_milestones(str(value))))
    except ValueError:
        return False


def _is_milestone(value: Value) -> bool:
    return _is_milestones(value, 1)


def _is_status(value: Value) -> bool:
    return value in STATUSES


def _is_nonce(value: Value) -> bool:
    return _is_text(value) and len(str(value)) <= NONCE_LENGTH


def _is_days(value: Value) -> bool:
    return type(value) is int and 0 <= value <= MAX_SPOILER_DAYS


def _is_number(value: Value) -> bool:
    return type(value) in (int, float)


# How each field is checked, and what salvage does with one it cannot read: KEY drops the row (it says what the
# row is about), NONE_OR_KEY too unless empty, TIME becomes now, NONCE a placeholder, OPTIONAL is emptied.
KEY, NONE_OR_KEY, TIME, NONCE, OPTIONAL = "key", "none-or-key", "time", "nonce", "optional"
Field = tuple[str, Callable[[Value], bool], str]
FIELDS: dict[str, list[Field]] = {
    GUILDS: [
        ("guild_id", _is_id, KEY), ("channel_id", _is_id, NONE_OR_KEY), ("milestones", _is_milestones, KEY),
        ("ping_role_id", _is_id, OPTIONAL), ("watching_since", _is_moment, TIME), ("problem", _is_text, OPTIONAL),
        ("problem_until", _is_moment, OPTIONAL), ("updated_at", _is_moment, TIME), ("updated_by", _is_id, OPTIONAL),
        ("mod_log_channel_id", _is_id, OPTIONAL), ("spoiler_days", _is_days, OPTIONAL),
    ],
    SEEN: [("fact_id", _is_text, KEY), ("first_seen", _is_moment, KEY)],
    POSTS: [
        ("guild_id", _is_id, KEY), ("fact_id", _is_text, KEY), ("milestone", _is_milestone, KEY),
        ("status", _is_status, KEY), ("due_at", _is_moment, TIME), ("nonce", _is_nonce, NONCE),
        ("channel_id", _is_id, OPTIONAL), ("message_id", _is_id, OPTIONAL), ("claimed_at", _is_moment, OPTIONAL),
        ("recorded_at", _is_moment, OPTIONAL), ("detail", _is_text, OPTIONAL), ("claimed_wall", _is_number, OPTIONAL),
    ],
}  # fmt: skip


def _unresendable(table: str, row: dict[str, Value]) -> bool:
    """A claim lacking what a resend needs (its channel and its time)."""
    return (
        table == POSTS
        and row.get("status") == "claimed"
        and None in (row.get("channel_id"), row.get("claimed_at"))
    )


def check_row(table: str, row: dict[str, Value]) -> str | None:
    """Why a row of the state database cannot be used as it is (None: it can)."""
    for name, sound, role in FIELDS[table]:
        value = row.get(name)
        if not (sound(value) or (value is None and role in (NONE_OR_KEY, OPTIONAL))):
            return f"{table}.{name} cannot be read: {value!r}"[:200]
    return f"{table}: a claim without its channel or time" if _unresendable(table, row) else None


def repaired(table: str, row: dict[str, Value], now: dt.datetime) -> dict[str, Value] | None:
    """A salvaged row made usable, or None when what it is about cannot be read. A claim lacking what a resend
    needs is recorded as skipped: it is not posted again either."""
    fixed = dict(row)
    for name, sound, role in FIELDS[table]:
        value = fixed.get(name)
        if sound(value) or (value is None and role in (NONE_OR_KEY, OPTIONAL)):
            continue
        if role in (KEY, NONE_OR_KEY):
            return None
        fixed[name] = {TIME: now.astimezone(dt.UTC).isoformat(), NONCE: "recovered"}.get(role)
    if _unresendable(table, fixed):
        fixed.update(status="skipped", detail="claimed before the state was damaged; not resent")
    return fixed

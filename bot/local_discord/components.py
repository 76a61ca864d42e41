"""Message components as a member meets them: finding a button on a message, the data of pressing it."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

ACTION_ROW, BUTTON = 1, 2
LINK = 5  # a link button opens an address: Discord sends the bot nothing


class NoButtonError(LookupError):
    """No message holds a button with that label or custom id."""


def buttons(message: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """Every button of a message, row by row."""
    for row in message.get("components") or []:
        for item in row.get("components") or []:
            if item.get("type") == BUTTON:
                yield item


def button_rows(message: dict[str, Any]) -> list[list[str]]:
    """Each row of buttons as the labels a member reads."""
    rows = []
    for row in message.get("components") or []:
        labels = [str(i.get("label") or i.get("custom_id") or "?") for i in row.get("components") or []]
        if labels:
            rows.append(labels)
    return rows


def find_button(messages: Iterable[dict[str, Any]], wanted: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The newest message with a pressable button labelled `wanted` (or with that custom id), and the button."""
    for message in reversed(list(messages)):
        for button in buttons(message):
            if wanted in (button.get("label"), button.get("custom_id")) and button.get("style") != LINK:
                if button.get("disabled"):
                    raise NoButtonError(f"the button {wanted!r} is disabled")
                return message, button
    raise NoButtonError(f"no message has a button {wanted!r}")


def pressed(button: dict[str, Any]) -> dict[str, Any]:
    """The `data` of a component interaction for a pressed button."""
    return {"custom_id": button["custom_id"], "component_type": BUTTON}

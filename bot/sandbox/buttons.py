"""`:press "Notify me"` in the sandbox: a member presses a button on the newest message that has it."""

from __future__ import annotations

from bot.local_discord import LocalDiscord, Reply
from bot.local_discord.components import NoButtonError
from bot.sandbox.lines import LineError, words


def button_label(argument: str) -> str:
    """The label typed after :press, quoted or not ("Notify me", Notify me)."""
    parts = words(argument)
    if not parts:
        raise LineError('which button? e.g. :press "Notify me"')
    return " ".join(parts)


async def press_button(server: LocalDiscord, argument: str, user: str, locale: str) -> Reply:
    """Press the button as `user`; LineError when no message has it."""
    label = button_label(argument)
    try:
        return await server.press(label, user=user, locale=locale)
    except NoButtonError as error:
        raise LineError(f"{error} (buttons show under a message as [ label ])") from error

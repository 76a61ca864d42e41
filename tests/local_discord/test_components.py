"""Buttons on the local Discord: a button Discord's schema refuses is refused here, with a readable path."""

from __future__ import annotations

import discord as discord_py
import pytest

from bot.client import SavoirBot
from bot.local_discord import LocalDiscord
from bot.local_discord.components import NoButtonError, button_rows
from bot.local_discord.server import default_spec_path


@pytest.mark.skipif(default_spec_path() is None, reason="the OpenAPI file is not beside this clone")
async def test_a_button_discords_schema_refuses_is_refused(discord: LocalDiscord, savoir: SavoirBot) -> None:
    channel = savoir.get_channel(int(discord.world.channel("general").id))
    assert isinstance(channel, discord_py.TextChannel)
    view = discord_py.ui.View(timeout=None)
    view.add_item(discord_py.ui.Button(label="x" * 81, custom_id="too-long"))
    with pytest.raises(discord_py.HTTPException) as refused:
        await channel.send("hello", view=view)
    assert refused.value.status == 400
    assert len(discord.violations) == 1 and "components" in discord.violations[0]
    assert "(OpenAPI)" in discord.violations[0]
    discord.violations.clear()  # seen: the fixture checks that nothing else was refused
    fine = discord_py.ui.View(timeout=None)
    fine.add_item(discord_py.ui.Button(label="Fine", custom_id="fine"))
    await channel.send("hello", view=fine)
    assert button_rows(discord.channel_messages("general")[-1]) == [["Fine"]]
    with pytest.raises(NoButtonError):
        await discord.press("Missing")

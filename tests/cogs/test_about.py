"""/about: what the bot is, how many facts it knows, from which articles, loaded when."""

from __future__ import annotations

import datetime as dt

from bot.client import SavoirBot
from bot.clock import ManualClock
from bot.local_discord import LocalDiscord


async def test_about_tells_what_the_bot_knows(
    discord: LocalDiscord, savoir: SavoirBot, clock: ManualClock
) -> None:
    reply = await discord.slash("/about")
    assert reply.kind == "message" and not reply.ephemeral
    fields = {item["name"]: item["value"] for item in reply.embed["fields"]}
    assert reply.embed["title"] == "About Savoir"
    assert "**Emily in Paris**" in reply.embed["description"]
    assert fields["What I know"] == "12 cast credits, 8 crew credits, 7 dates, 2 figures"
    articles = fields["From 5 articles"].splitlines()
    assert articles[0] == "`000_f560432dccdcb3a0.txt`, 12 August 2024"
    assert "It's Offish: 'Emily In Paris' Season 2 Has Started Filming Again!, date unknown" in articles
    loaded = int(clock.now().timestamp())
    assert fields["Facts loaded"] == f"<t:{loaded}:F> (<t:{loaded}:R>)"
    assert reply.embed["footer"]["text"].startswith("Savoir ")


async def test_about_sends_no_mentions(discord: LocalDiscord, savoir: SavoirBot) -> None:
    await discord.slash("/about")
    (callback,) = [call for call in discord.calls if call.route.endswith("/callback")]
    assert callback.body["data"]["allowed_mentions"] == {"parse": []}


async def test_about_fits_whatever_the_number_of_articles(discord: LocalDiscord, savoir: SavoirBot) -> None:
    from bot.facts.models import Document

    savoir.facts.facts.documents = [
        Document(file=f"{index:04d}_{'x' * 40}.txt", publication_date=dt.date(2024, 1, 1), characters=1)
        for index in range(400)
    ]
    reply = await discord.slash("/about")
    value = next(item["value"] for item in reply.embed["fields"] if item["name"] == "From 400 articles")
    assert len(value) <= 1024 and value.splitlines()[-1].startswith("...and ")
    shown = len(value.splitlines()) - 1
    assert value.splitlines()[-1] == f"...and {400 - shown} more"

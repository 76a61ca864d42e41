"""/cast: every lookup form against the seeds, what the articles say, sources, French, the edge cases."""

from __future__ import annotations

import pytest

from bot.client import SavoirBot
from bot.facts.models import CastCredit, Quote, Source
from bot.local_discord import LocalDiscord


def _fields(embed: dict[str, object]) -> dict[str, str]:
    return {item["name"]: item["value"] for item in embed.get("fields", [])}  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("typed", "title", "played_by"),
    [
        ("Sylvie", "Sylvie Grateau", "Philippine Leroy-Beaulieu"),
        ("sylvie grateau", "Sylvie Grateau", "Philippine Leroy-Beaulieu"),
        ("Grateau", "Sylvie Grateau", "Philippine Leroy-Beaulieu"),
        ("Sylvy", "Sylvie Grateau", "Philippine Leroy-Beaulieu"),
        ("SYLVIE", "Sylvie Grateau", "Philippine Leroy-Beaulieu"),
        ("Gabriel", "Gabriel", "Lucas Bravo"),
        ("Emily", "Emily Cooper", "Lily Collins"),
        ("Pierre Cadault", "Pierre Cadault", "Jean-Christophe Bouvet"),
    ],
)
async def test_characters(
    discord: LocalDiscord, savoir: SavoirBot, typed: str, title: str, played_by: str
) -> None:
    reply = await discord.slash("/cast", name=typed)
    assert reply.embed["title"] == title
    assert reply.embed["description"] == f"Played by **{played_by}**."


@pytest.mark.parametrize(
    ("typed", "title", "cast", "crew"),
    [
        ("Leroy-Beaulieu", "Philippine Leroy-Beaulieu", "• Sylvie Grateau", None),
        ("Leory", "Philippine Leroy-Beaulieu", "• Sylvie Grateau", None),
        ("Lily Collins", "Lily Collins", "• Emily Cooper", "producer"),
        ("Darren Star", "Darren Star", None, "creator, writer, executive producer"),
        ("Lily Burns", "Lilly Burns", None, "executive producer, Jax Media"),
        ("Kate Walsh", "Kate Walsh", "• a role my articles don't name", None),
    ],
)
async def test_people_and_every_role_they_have(
    discord: LocalDiscord, savoir: SavoirBot, typed: str, title: str, cast: str | None, crew: str | None
) -> None:
    reply = await discord.slash("/cast", name=typed)
    fields = _fields(reply.embed)
    assert reply.embed["title"] == title
    assert fields.get("In the cast") == cast
    assert fields.get("Behind the show") == crew


async def test_what_the_articles_say_and_where_it_comes_from(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    fields = _fields((await discord.slash("/cast", name="Sylvie")).embed)
    assert "• Emily's boss at the Savoir Agency in Paris" in fields["What the articles say"].splitlines()
    sources = fields["Sources"].splitlines()
    assert sources[0] == "`000_f560432dccdcb3a0.txt`, 12 August 2024", (
        "newest article first; it names no outlet or headline"
    )
    assert "Emily in Paris season 2 is officially in production, date unknown" in sources, "its headline"


async def test_french(discord: LocalDiscord, savoir: SavoirBot) -> None:
    reply = await discord.slash("/cast", name="Sylvie", locale="fr")
    fields = _fields(reply.embed)
    assert reply.embed["description"] == "Joué par **Philippine Leroy-Beaulieu**."
    assert "`000_f560432dccdcb3a0.txt`, 12 août 2024" in fields["Sources"]
    assert "• Emily's boss" in fields["Ce qu'en disent les articles"]


async def test_ambiguous_input_lists_the_candidates(discord: LocalDiscord, savoir: SavoirBot) -> None:
    reply = await discord.slash("/cast", name="Lily")
    assert reply.embed["title"] == "Several matches for “Lily”"
    assert "• Lily Collins - Emily Cooper, producer" in reply.embed["description"]
    assert "• Lilly Burns - executive producer" in reply.embed["description"]


async def test_nothing_found_suggests_the_closest_names(discord: LocalDiscord, savoir: SavoirBot) -> None:
    reply = await discord.slash("/cast", name="Sylvania Grat")
    assert reply.embed["title"] == "Nothing found for “Sylvania Grat”"
    assert "Closest: **Sylvie Grateau**" in reply.embed["description"]
    nothing = await discord.slash("/cast", name="qqqq")
    assert nothing.embed["description"] == "No character, actor or crew member by that name in my articles."


async def test_accents_do_not_matter(discord: LocalDiscord, savoir: SavoirBot) -> None:
    facts = savoir.facts.facts.model_copy(deep=True)
    facts.credits.append(
        CastCredit(id="cast-x", actor="Jeanne Dupré", character="Michèle Laurent", sources=[])
    )
    savoir.facts.replace(facts, savoir.facts.loaded_at)
    assert (await discord.slash("/cast", name="Michele")).embed["title"] == "Michèle Laurent"
    assert (await discord.slash("/cast", name="dupre", user="moderator")).embed["title"] == "Jeanne Dupré"


async def test_autocomplete_offers_character_and_actor_on_one_line(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    offered = await discord.autocomplete("/cast", "name", "syl")
    assert offered.choices[0] == {
        "name": "Sylvie Grateau - Philippine Leroy-Beaulieu",
        "value": "Sylvie Grateau",
    }
    everything = await discord.autocomplete("/cast", "name", "")
    assert 0 < len(everything.choices) <= 25
    assert (await discord.autocomplete("/cast", "name", "gouer")).choices[0]["value"] == "Bruno Gouery"


async def test_article_text_is_escaped_and_huge_facts_still_fit(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    facts = savoir.facts.facts.model_copy(deep=True)
    source = Source(file="x" * 60 + ".txt", sentence="s", start=0, end=1)
    loud = Quote(id="q", text="@everyone *the* boss " + "very " * 1200, sources=[source])
    facts.credits.append(CastCredit(
        id="cast-loud", actor="Loud Actor", character="Loud Character", about=[loud],
        sources=[source.model_copy(update={"file": f"{n:04d}-{'y' * 60}.txt"}) for n in range(300)],
    ))  # fmt: skip
    savoir.facts.replace(facts, savoir.facts.loaded_at)
    reply = await discord.slash("/cast", name="Loud Character")  # the local Discord checks every limit
    said = _fields(reply.embed)["What the articles say"]
    assert "@\u200beveryone" in said and "\\*the\\*" in said
    assert len(said) <= 1024 and _fields(reply.embed)["Sources"].endswith("more")


async def test_one_member_cannot_flood(discord: LocalDiscord, savoir: SavoirBot) -> None:
    replies = [await discord.slash("/cast", name="Sylvie") for _ in range(6)]
    assert [r.ephemeral for r in replies] == [False] * 5 + [True]
    assert replies[-1].content.startswith("Slow down a little")
    assert not (await discord.slash("/cast", name="Sylvie", user="moderator")).ephemeral

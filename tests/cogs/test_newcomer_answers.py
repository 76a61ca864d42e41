"""Answers a fan would write (issue 15): short prefixes complete, no unrelated suggestions, descriptions said
once, every line shown has its article in [Sources], speculation is not a season's story, plurals."""

from __future__ import annotations

from pathlib import Path

from bot.client import SavoirBot
from bot.facts.build import build_fact_set
from bot.i18n import counted, plural
from bot.local_discord import LocalDiscord
from bot.queries.people import PeopleIndex


async def test_prefixes_of_any_length_complete(discord: LocalDiscord, savoir: SavoirBot) -> None:
    for typed, expected in (
        ("lu", "Lucien Laviscount"),
        ("Em", "Emily Cooper"),
        ("ga", "Gabriel"),
        ("L", "Luc"),
    ):
        names = [choice["value"] for choice in (await discord.autocomplete("/cast", "name", typed)).choices]
        assert expected in names, (typed, names)


async def test_crew_roles_in_autocomplete_follow_the_language(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    labels = [c["name"] for c in (await discord.autocomplete("/cast", "name", "Lil", locale="fr")).choices]
    assert "Lilly Burns - producteur délégué" in labels


async def test_nothing_found_suggests_only_near_names(discord: LocalDiscord, savoir: SavoirBot) -> None:
    reply = await discord.slash("/cast", name="Carrie")
    assert "Closest" not in reply.embed["description"], reply.embed["description"]
    reply = await discord.slash("/cast", name="Gabriell")
    assert reply.embed["title"] == "Gabriel"


async def test_every_description_shown_has_its_article_in_sources(
    discord: LocalDiscord, savoir: SavoirBot
) -> None:
    for name in ("Sylvie", "Emily"):
        embed = (await discord.slash("/cast", name=name)).embed
        fields = {item["name"]: item["value"] for item in embed["fields"]}
        said = fields["What the articles say"].splitlines()
        assert len(said) == len(set(said))
        entry = savoir.facts.people.lookup(name).entry
        assert entry is not None
        shown = {source.file for source in entry.sources()}
        assert {s.file for quote in entry.about() for s in quote.sources} <= shown
        assert len(fields["Sources"].splitlines()) == len(shown)
    sylvie = (await discord.slash("/cast", name="Sylvie")).embed["fields"][0]["value"]
    assert sylvie == "• Emily's boss at the Savoir Agency in Paris", (
        "the shorter description is said by the longer"
    )


def test_a_description_that_adds_only_generic_words_is_said_by_the_longer(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "show.toml").write_text(
        '[show]\ntitle = "Harbour Lights"\naliases = []\nservice = "Streamly"\n\n'
        '[release]\ntime = "00:00"\ntimezone = "America/Los_Angeles"\ncountry = "US"\n',
        encoding="utf-8",
    )
    said = [
        "an ambitious twenty-something chef from Lyon",
        "a young woman from Lyon",
        "a young doctor from Lyon",
    ]
    for index, description in enumerate(said):
        (seeds / f"{index}.txt").write_text(
            f"date 2025-03-0{index + 1}\nHarbour Lights stars Ines Varga as Lottie Fenn, {description}.\n",
            encoding="utf-8",
        )
    entry = PeopleIndex(build_fact_set(seeds)).lookup("Lottie").entry
    assert entry is not None
    # "young woman" adds nothing to the chef; "doctor" is news, so that line stays.
    assert [quote.text for quote in entry.about()] == [said[0], said[2]]


async def test_speculation_is_not_a_seasons_story(discord: LocalDiscord, savoir: SavoirBot) -> None:
    text = (await discord.slash("/season", number=2)).text()
    assert "If Lily has her way" not in text and "could" not in text


def test_plurals_follow_each_languages_rules() -> None:
    assert [plural(n, "en-US") for n in (0, 1, 2)] == ["other", "one", "other"]
    assert [plural(n, "fr") for n in (0, 1, 1.5, 2)] == ["one", "one", "one", "other"]
    assert counted("count.events", 1, "en-US") == "1 event"
    assert counted("count.events", 0, "fr") == "0 événement"
    assert counted("count.others", 2, "fr") == "2 autres dates"

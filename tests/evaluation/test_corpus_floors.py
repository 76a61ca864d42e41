"""Extraction quality on the annotated corpus (tests/corpus, twenty-one shows, written blind): floors that a
regression falls through. The figures and what they mean are in the README ("How facts are judged")."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.evaluation.gold import load_corpus
from bot.evaluation.scoring import Evaluation, evaluate

CORPUS = Path(__file__).resolve().parents[1] / "corpus"

# Measured when these floors were set (twenty-one shows, 169 articles; each of the last nineteen was first scored
# unseen, see the README): cast 0.998 / 0.811, dates 0.990 / 0.885 (on the twenty shows before the last one was
# added, 0.998 / 0.826 and 0.992 / 0.906). The targets (precision 0.98, recall 0.90) hold for precision,
# not for recall; these floors keep what was won.
FLOORS = {"cast": (0.98, 0.81), "dates": (0.98, 0.88)}
# Wrong facts on names and dates the annotators marked as traps (another show's cast, a date abroad ...).
MAX_TRAPS_LEAKED = 1


@pytest.fixture(scope="module")
def result() -> Evaluation:
    return evaluate(load_corpus(CORPUS))


@pytest.mark.parametrize("category", sorted(FLOORS))
def test_precision_and_recall_floors(result: Evaluation, category: str) -> None:
    tally = result.tally(category)
    precision, recall = FLOORS[category]
    assert tally.precision >= precision, f"{category} precision {tally.precision:.3f} < {precision}"
    assert tally.recall >= recall, f"{category} recall {tally.recall:.3f} < {recall}"


# What members read as a source's name: measured 0.988 / 0.975 (headline), 0.972 / 0.885 (outlet).
PROVENANCE_FLOORS = {"headline": (0.97, 0.96), "outlet": (0.96, 0.86)}


@pytest.mark.parametrize("field", sorted(PROVENANCE_FLOORS))
def test_headline_and_outlet_floors(result: Evaluation, field: str) -> None:
    tally = result.provenance[field]
    precision, recall = PROVENANCE_FLOORS[field]
    assert tally.precision >= precision, f"{field} precision {tally.precision:.3f} < {precision}"
    assert tally.recall >= recall, f"{field} recall {tally.recall:.3f} < {recall}"


def test_few_traps_leak(result: Evaluation) -> None:
    leaked = result.traps_leaked()
    assert len(leaked) <= MAX_TRAPS_LEAKED, "\n".join(f"{f.file}: {f.fact} <- {f.sentence}" for f in leaked)


def test_the_corpus_covers_several_shows_and_styles() -> None:
    shows = load_corpus(CORPUS)
    assert len(shows) >= 3 and sum(len(show.articles) for show in shows) >= 40
    assert all(any(a.gold.dates or a.gold.cast for a in show.articles) for show in shows)
    # Every show has an article about another show: its gold holds traps, and at most the few facts a passing
    # mention of ours states ("commuting to the Wasteland as Barb Howard on <Title>").
    for show in shows:
        assert any(len(a.gold.cast) + len(a.gold.dates) <= 3 and a.gold.traps.names for a in show.articles), (
            show.name
        )


def test_every_gold_fact_is_stated_in_its_article() -> None:
    """The gold is about the text: every actor and character in a gold file appears in its article."""
    for show in load_corpus(CORPUS):
        for article in show.articles:
            # Case aside: a fan post may write every name in lower case.
            text = " ".join(article.path.read_text(encoding="utf-8").split()).casefold()
            for cast in article.gold.cast:
                assert cast.actor.split()[-1].casefold() in text, (article.path.name, cast.actor)

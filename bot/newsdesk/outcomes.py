"""What the news desk answers: what became of a submitted article or a decision, a decision refused, and the
check that an approval still changes the live facts exactly as the moderator was shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from bot.facts.diff import diff_facts
from bot.facts.imports import Imported
from bot.facts.models import FactSet
from bot.facts.service import ReloadResult
from bot.newsdesk.keys import text_key
from bot.newsdesk.proposals import Proposals, shown_value
from bot.store.newsdesk_ledger import ReviewItem

Outcome = Literal["queued", "live", "no_facts", "duplicate"]


class DecisionRefusedError(Exception):
    """A decision that cannot be made: a catalogue key and its values; nothing changed."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key, self.values = key, values


@dataclass(frozen=True)
class Submitted:
    """What became of a submitted article."""

    outcome: Outcome
    proposals: Proposals
    item: ReviewItem | None = None
    result: ReloadResult | None = None
    seen_as: str | None = None  # for a duplicate: what became of it the first time


@dataclass(frozen=True)
class Decided:
    """A decision made on a review item, and the reload it caused (approvals)."""

    item: ReviewItem
    result: ReloadResult | None = None
    kept: bool = True  # for a rejection: whether the article's file was there to keep in seeds/rejected/


@dataclass(frozen=True)
class Submission:
    """An article for the queue: which guild's, where it came from (a feed's address or "import"), the keys of
    its link, and whether an article with no fact should be remembered (a feed's, so it is not fetched again)."""

    guild_id: int
    article: Imported
    via: str
    keys: tuple[str, ...] = ()
    remember_empty: bool = False

    def all_keys(self) -> list[str]:
        """Its link's keys and its text's."""
        return [*self.keys, text_key(self.article.text)]


def as_proposed(live: FactSet, found: list[ReviewItem], dropped: list[str]) -> Callable[[FactSet], None]:
    """A check on the rebuilt facts (run before they are stored): they differ from the live ones exactly as the
    moderator was shown, less the facts left out. Anything else (the live facts moved since the items were
    queued, a left-out fact live from another article) refuses the approval as stale."""
    adds, changes, removals = set(), set(), set()
    for item in found:
        for proposal in Proposals.model_validate_json(item.proposals).items:
            if proposal.fact_id in dropped:
                continue
            if proposal.action == "add":
                adds.add(proposal.fact_id)
            elif proposal.action == "change":
                changes |= {(proposal.fact_id, field, after) for field, _, after in proposal.changes}
            else:
                removals.add(proposal.fact_id)

    def check(facts: FactSet) -> None:
        if set(dropped) & {fact.id for fact in live.sourced_facts()}:
            raise DecisionRefusedError("newsdesk.stale")
        diff = diff_facts(live, facts)
        if (
            {fact_id for fact_id, _ in diff.added} - adds
            or {(c.fact_id, c.field, shown_value(c.after)) for c in diff.changed} - changes
            or {fact_id for fact_id, _ in diff.removed} - removals
            or set(dropped) & {fact.id for fact in facts.sourced_facts()}
        ):
            raise DecisionRefusedError("newsdesk.stale")

    return check

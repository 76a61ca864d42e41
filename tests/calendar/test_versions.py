"""UIDs never change; SEQUENCE grows when what a fact's entry shows changes, and not otherwise."""

from __future__ import annotations

from pathlib import Path

from bot.calendar_export.service import CalendarService
from bot.clock import ManualClock
from bot.facts.models import Source
from bot.facts.service import FactService
from bot.store.state import StateStore
from tests.calendar.conftest import at, changed, events

PART_2 = "premiere-s4-p2@emily-in-paris.savoir"


def _sequences(body: bytes) -> dict[str, int]:
    return {uid: int(event.decoded("SEQUENCE")) for uid, event in events(body).items()}


async def test_uids_and_sequences_are_stable_across_rebuilds_and_restarts(
    calendars: CalendarService, facts: FactService, clock: ManualClock, tmp_path: Path
) -> None:
    clock.set(at(2024, 8, 1))
    first = await calendars.current()
    assert set(_sequences(first.body).values()) == {0}
    facts.replace(facts.facts.model_copy(deep=True), clock.now())  # a reload that changed nothing
    again = await calendars.current()
    assert calendars.builds == 2 and again.body == first.body and again.etag == first.etag
    await calendars.state.close()
    reopened = await StateStore.open(tmp_path / "state.db")  # a restart: the versions were recorded
    try:
        after = await CalendarService(facts, reopened, clock).current()
        assert after.body == first.body
    finally:
        await reopened.close()


async def test_sequence_grows_when_the_date_moves_and_not_when_a_source_is_added(
    calendars: CalendarService, facts: FactService, clock: ManualClock
) -> None:
    clock.set(at(2024, 8, 1))
    before = _sequences((await calendars.current()).body)
    clock.set(at(2024, 8, 2))
    facts.replace(changed(facts.facts, "premiere-s4-p2", date="2024-09-19"), clock.now())
    moved = await calendars.current()
    read = events(moved.body)
    assert _sequences(moved.body) == {**before, PART_2: 1}
    assert read[PART_2].decoded("DTSTAMP") == at(2024, 8, 2), "DTSTAMP says when this version appeared"
    clock.set(at(2024, 8, 3))
    fact = next(f for f in facts.facts.dates if f.id == "premiere-s4-p2")
    another = Source(file="new.txt", sentence="Part 2 arrives on 19 September.", start=0, end=5)
    facts.replace(changed(facts.facts, fact.id, sources=[*fact.sources, another]), clock.now())
    confirmed = await calendars.current()
    assert _sequences(confirmed.body) == {**before, PART_2: 1}, "a new source is not a new appointment"
    assert events(confirmed.body)[PART_2].decoded("DTSTAMP") == at(2024, 8, 2)
    facts.replace(changed(facts.facts, fact.id, date="2024-09-12"), clock.now())  # moved back: still a change
    assert _sequences((await calendars.current()).body)[PART_2] == 2


async def test_the_cache_is_rebuilt_only_when_the_facts_or_the_upcoming_set_change(
    calendars: CalendarService, facts: FactService, clock: ManualClock
) -> None:
    clock.set(at(2024, 8, 1))
    first = await calendars.current()
    for _ in range(50):
        assert await calendars.current() is first
    clock.set(at(2024, 8, 14, 15))  # 11:00 in New York: the noon ticket sale is still ahead
    assert await calendars.current() is first
    clock.set(at(2024, 8, 14, 17))  # 13:00 in New York: it has passed
    later = await calendars.current()
    assert calendars.builds == 2 and len(later.fact_ids) == len(first.fact_ids) - 1
    assert later.last_modified > first.last_modified and later.etag != first.etag

"""A feed is read in a child process: the event loop keeps turning while a large feed is read, a read past its
time limit is abandoned with a reason, and which entries name the show comes back with them."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.facts.refusals import ImportRefusedError
from bot.newsdesk.feeds import read_feed
from tests.conftest import SEEDS

ITEM = (
    "<item><title>{title}</title><link>https://example.org/{n}</link><description>{body}</description></item>"
)


def feed(items: list[str]) -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>{"".join(items)}</channel></rss>'.encode()


async def test_entries_come_back_with_whether_they_name_the_show() -> None:
    data = feed([
        ITEM.format(title="Emily in Paris returns", n=1, body="news"),
        ITEM.format(title="Harbour Lights returns", n=2, body="other news"),
        ITEM.format(title="A story", n=3, body="it mentions Emily in Paris in passing"),
    ])  # fmt: skip
    read = await read_feed(data, "https://example.org/feed", charset=None, seeds=SEEDS)
    assert read.title == "News" and [e.link for e in read.entries] == [
        f"https://example.org/{n}" for n in (1, 2, 3)
    ]
    assert read.names_show == (True, False, True) and not read.cut


async def test_a_read_past_its_limit_is_abandoned_with_a_reason() -> None:
    data = feed([ITEM.format(title="Emily in Paris", n=1, body="x")])
    with pytest.raises(ImportRefusedError) as refused:
        await read_feed(data, "https://example.org/feed", charset=None, seeds=SEEDS, seconds=0.01)
    assert refused.value.key == "feed.too_slow"
    assert "took more than 0.01 s" in refused.value.describe("en")


async def test_the_event_loop_keeps_turning_while_a_large_feed_is_read() -> None:
    body = "Emily in Paris part ii " * 80
    data = feed([ITEM.format(title=f"Emily in Paris {n}", n=n, body=body) for n in range(1500)])
    assert len(data) > 2_000_000 * 0.9
    longest, done = 0.0, False

    async def tick() -> None:
        nonlocal longest
        last = time.perf_counter()
        while not done:
            await asyncio.sleep(0.002)
            now = time.perf_counter()
            longest, last = max(longest, now - last), now

    ticker = asyncio.create_task(tick())
    try:
        entries = (await read_feed(data, "https://example.org/feed", charset=None, seeds=SEEDS)).entries
    finally:
        done = True
        await ticker
    assert len(entries) == 200
    assert longest < 0.5, f"the loop stood still {longest:.2f} s: the feed was read on it"


async def test_a_feed_cut_for_its_cost_says_so() -> None:
    heavy = "<x " + " ".join(f'a{n}="1"' for n in range(500)) + "/>"
    data = feed([ITEM.format(title="Emily in Paris news", n=1, body="fine"),
                 ITEM.format(title="Emily in Paris more", n=2, body="x").replace("</item>", heavy + "</item>")])  # fmt: skip
    read = await read_feed(data, "https://example.org/feed", charset=None, seeds=SEEDS)
    assert read.cut and [e.link for e in read.entries] == ["https://example.org/1"]

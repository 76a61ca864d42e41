"""Embeds fit Discord's limits whatever the facts hold."""

from __future__ import annotations

import discord

from bot.rendering.limits import clip, fit, lines_within


def more(count: int) -> str:
    return f"...and {count} more"


def test_lines_within() -> None:
    assert lines_within(["a", "b"], 100, more) == "a\nb"
    kept = lines_within([f"line {n:03d}" for n in range(200)], 100, more)
    assert len(kept) <= 100 and kept.endswith("more") and kept.startswith("line 000\nline 001")
    assert kept.splitlines()[-1] == f"...and {200 - len(kept.splitlines()) + 1} more"
    long = lines_within(["x" * 500, "short"], 100, more)
    assert len(long) <= 100 and long.startswith("xxx") and long.endswith("...and 1 more")
    alone = lines_within(["y" * 500], 100, more)
    assert len(alone) == 100 and alone.endswith("…")


def test_clip() -> None:
    assert clip("abc", 5) == "abc" and clip("abcdef", 5) == "abcd…"


def test_fit_keeps_the_total_under_6000() -> None:
    embed = discord.Embed(title="t" * 300, description="d" * 5000)
    for number in range(30):
        embed.add_field(name=f"field {number}", value="v" * 2000)
    fitted = fit(embed)
    assert len(fitted) <= 6000 and len(fitted.fields) <= 25 and len(fitted.title or "") <= 256
    assert all(len(f.value or "") <= 1024 for f in fitted.fields)


def test_article_text_loses_invisible_reordering_characters_but_keeps_joiners() -> None:
    from bot.rendering.common import safe

    shown = safe("Ines \u202eVarga\u202c as Maren\u2066 Holt \ufeff👩\u200d👧 caf\u00e9")
    assert shown == "Ines Varga as Maren Holt 👩\u200d👧 caf\u00e9"
    assert safe("plain ascii") == "plain ascii"

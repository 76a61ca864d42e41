"""The evaluation as a moderator or developer reads it: a table per show and category, then every miss
and every false fact with its article and sentence."""

from __future__ import annotations

from bot.evaluation.scoring import CATEGORIES, Evaluation, Tally


def _row(label: str, tally: Tally) -> str:
    return (
        f"{label:<28} {tally.hits:>5} {tally.misses:>6} {tally.false:>6} "
        f"{tally.precision:>6.3f} {tally.recall:>6.3f} {tally.f1:>6.3f}"
    )


def _header(title: str) -> list[str]:
    return [title, f"{'':<28} {'hits':>5} {'missed':>6} {'false':>6} {'prec':>6} {'recall':>6} {'F1':>6}"]


def render_table(result: Evaluation) -> str:
    """Precision, recall and F1 per category, for all shows and for each show."""
    lines: list[str] = []
    for show in [None, *result.shows()]:
        lines += _header(f"== {show or 'all shows'} ==")
        for category in CATEGORIES:
            tally = result.tally(category, show)
            if tally.hits + tally.misses + tally.false:
                lines.append(_row(category, tally))
        lines.append(_row("dates (every kind)", result.tally("dates", show)))
        lines.append("")
    lines += _header("== provenance (per article) ==")
    for key, tally in result.provenance.items():
        lines.append(_row(key, tally))
    lines.append("")
    lines.append(f"traps leaked: {len(result.traps_leaked())}")
    return "\n".join(lines)


def render_details(result: Evaluation) -> str:
    """Every miss and every false fact, grouped by article."""
    lines: list[str] = []
    current = ""
    for finding in result.findings:
        if finding.outcome == "hit":
            continue
        where = f"{finding.show}/{finding.file}"
        if where != current:
            lines.append(f"\n{where}")
            current = where
        mark = "MISSED" if finding.outcome == "miss" else ("TRAP  " if finding.trap else "FALSE ")
        lines.append(f"  {mark} {finding.category:<16} {finding.fact}")
        if finding.sentence:
            lines.append(f"         \u2514 {finding.sentence[:300]}")
    return "\n".join(lines)

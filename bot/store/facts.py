"""The fact store: one SQLite file per build, written beside the live one and swapped in atomically."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

import aiosqlite

from bot.facts.identity import name_key
from bot.facts.models import (
    Accolade,
    BuildWarning,
    CastCredit,
    CrewCredit,
    DatedFact,
    Document,
    FactSet,
    Figure,
    Quote,
    Season,
    Source,
)
from bot.store.migrations import migrate

log = logging.getLogger(__name__)

FACT_MIGRATIONS: list[str] = [
    """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        file TEXT PRIMARY KEY, publication_date TEXT, characters INTEGER NOT NULL, facts INTEGER NOT NULL
    );
    CREATE TABLE credits (
        id TEXT PRIMARY KEY, actor TEXT NOT NULL, character TEXT,
        actor_aliases TEXT NOT NULL, character_aliases TEXT NOT NULL
    );
    CREATE TABLE crew (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, roles TEXT NOT NULL, is_company INTEGER NOT NULL,
        affiliations TEXT NOT NULL, aliases TEXT NOT NULL
    );
    CREATE TABLE dated_facts (
        id TEXT PRIMARY KEY, kind TEXT NOT NULL, title TEXT NOT NULL, season INTEGER, part INTEGER,
        date TEXT NOT NULL, precision TEXT NOT NULL, time TEXT, timezone TEXT, time_source TEXT,
        place TEXT, venue TEXT, city TEXT, audience TEXT, event_id TEXT, weekday_warning TEXT,
        starts_at TEXT
    );
    CREATE INDEX dated_facts_by_start ON dated_facts (starts_at);
    CREATE TABLE seasons (number INTEGER PRIMARY KEY, year INTEGER, date_ids TEXT NOT NULL);
    CREATE TABLE figures (
        id TEXT PRIMARY KEY, season INTEGER, amount INTEGER NOT NULL, text TEXT NOT NULL, unit TEXT NOT NULL,
        period TEXT
    );
    CREATE TABLE accolades (id TEXT PRIMARY KEY, season INTEGER NOT NULL, text TEXT NOT NULL);
    CREATE TABLE sources (
        fact_id TEXT NOT NULL, file TEXT NOT NULL, sentence TEXT NOT NULL, start INTEGER NOT NULL,
        "end" INTEGER NOT NULL, publication_date TEXT, correction_by TEXT
    );
    CREATE INDEX sources_by_fact ON sources (fact_id);
    CREATE TABLE names (folded TEXT NOT NULL, name TEXT NOT NULL, fact_id TEXT NOT NULL);
    CREATE INDEX names_by_folded ON names (folded);
    CREATE TABLE warnings (file TEXT, line INTEGER, message TEXT NOT NULL);
    """,
    # 2: what articles say about characters and seasons; dates reported as already under way.
    """
    CREATE TABLE quotes (id TEXT PRIMARY KEY, subject TEXT NOT NULL, text TEXT NOT NULL);
    CREATE INDEX quotes_by_subject ON quotes (subject);
    ALTER TABLE seasons ADD COLUMN new_cast TEXT NOT NULL DEFAULT '[]';
    ALTER TABLE dated_facts ADD COLUMN already_under_way INTEGER NOT NULL DEFAULT 0;
    """,
    # 3: where each article comes from, as members see it.
    """
    ALTER TABLE documents ADD COLUMN headline TEXT;
    ALTER TABLE documents ADD COLUMN outlet TEXT;
    ALTER TABLE documents ADD COLUMN url TEXT;
    """,
    # 4: each evidence sentence stored once (many facts share one), sources point at it.
    """
    DROP TABLE sources;
    CREATE TABLE sentences (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
    CREATE TABLE sources (
        fact_id TEXT NOT NULL, file TEXT NOT NULL, sentence_id INTEGER NOT NULL REFERENCES sentences (id),
        start INTEGER NOT NULL, "end" INTEGER NOT NULL, publication_date TEXT, correction_by TEXT
    );
    CREATE INDEX sources_by_fact ON sources (fact_id);
    """,
    # 5: a warning's catalogue key and values, so moderators read it in their language.
    """
    ALTER TABLE warnings ADD COLUMN key TEXT;
    ALTER TABLE warnings ADD COLUMN key_values TEXT NOT NULL DEFAULT '{}';
    """,
]


def _season_key(season: int) -> str:
    return f"season:{season}"


class _Sentences:
    """The sentences written so far in this store and their ids: each is stored once."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}
        self.new: list[tuple[int, str]] = []

    def id_of(self, text: str) -> int:
        found = self.ids.get(text)
        if found is None:
            found = self.ids[text] = len(self.ids) + 1
            self.new.append((found, text))
        return found

    async def flush(self, db: aiosqlite.Connection) -> None:
        await db.executemany("INSERT INTO sentences (id, text) VALUES (?, ?)", self.new)
        self.new = []


async def _insert_sources(
    db: aiosqlite.Connection, known: _Sentences, fact_id: str, sources: list[Source]
) -> None:
    await db.executemany(
        'INSERT INTO sources (fact_id, file, sentence_id, start, "end", publication_date, correction_by) '
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                fact_id,
                s.file,
                known.id_of(s.sentence),
                s.start,
                s.end,
                s.publication_date.isoformat() if s.publication_date else None,
                s.correction_by,
            )
            for s in sources
        ],
    )


async def _insert_quotes(
    db: aiosqlite.Connection, known: _Sentences, subject: str, quotes: list[Quote]
) -> None:
    await db.executemany(
        "INSERT INTO quotes (id, subject, text) VALUES (?, ?, ?)", [(q.id, subject, q.text) for q in quotes]
    )
    for quote in quotes:
        await _insert_sources(db, known, quote.id, quote.sources)


async def _write(
    db: aiosqlite.Connection, facts: FactSet, built_at: dt.datetime, built_by: str | None
) -> None:
    await migrate(db, FACT_MIGRATIONS)
    await db.execute("BEGIN")
    known = _Sentences()
    await db.executemany(
        "INSERT INTO meta (key, value) VALUES (?, ?)",
        [("show_title", facts.show_title), ("built_at", built_at.isoformat()), ("built_by", built_by or "")],
    )
    await db.executemany(
        "INSERT INTO documents (file, publication_date, characters, facts, headline, outlet, url) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                d.file,
                d.publication_date.isoformat() if d.publication_date else None,
                d.characters,
                d.facts,
                d.headline,
                d.outlet,
                d.url,
            )
            for d in facts.documents
        ],
    )
    names: list[tuple[str, str, str]] = []
    for credit in facts.credits:
        await db.execute(
            "INSERT INTO credits VALUES (?, ?, ?, ?, ?)",
            (
                credit.id,
                credit.actor,
                credit.character,
                json.dumps(credit.actor_aliases),
                json.dumps(credit.character_aliases),
            ),
        )
        await _insert_sources(db, known, credit.id, credit.sources)
        await _insert_quotes(db, known, credit.id, credit.about)
        spellings = [credit.actor, *credit.aliases] + ([credit.character] if credit.character else [])
        names += [(" ".join(name_key(s)), s, credit.id) for s in spellings]
    for member in facts.crew:
        await db.execute(
            "INSERT INTO crew VALUES (?, ?, ?, ?, ?, ?)",
            (
                member.id,
                member.name,
                json.dumps(member.roles),
                int(member.is_company),
                json.dumps(member.affiliations),
                json.dumps(member.aliases),
            ),
        )
        await _insert_sources(db, known, member.id, member.sources)
        names += [(" ".join(name_key(s)), s, member.id) for s in [member.name, *member.aliases]]
    await db.executemany("INSERT INTO names VALUES (?, ?, ?)", names)
    for fact in facts.dates:
        starts = fact.starts_at()
        await db.execute(
            "INSERT INTO dated_facts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                fact.id,
                fact.kind,
                fact.title,
                fact.season,
                fact.part,
                fact.date,
                fact.precision,
                fact.time,
                fact.timezone,
                fact.time_source,
                fact.place,
                fact.venue,
                fact.city,
                fact.audience,
                fact.event_id,
                fact.weekday_warning,
                starts.astimezone(dt.UTC).isoformat() if starts else None,
                int(fact.already_under_way),
            ),
        )
        await _insert_sources(db, known, fact.id, fact.sources)
    for season in facts.seasons:
        await db.execute(
            "INSERT INTO seasons VALUES (?, ?, ?, ?)",
            (season.number, season.year, json.dumps(season.date_ids), json.dumps(season.new_cast)),
        )
        await _insert_quotes(db, known, _season_key(season.number), season.story)
        await _insert_sources(db, known, _season_key(season.number), season.sources)
        for accolade in season.accolades:
            await db.execute(
                "INSERT INTO accolades VALUES (?, ?, ?)", (accolade.id, accolade.season, accolade.text)
            )
            await _insert_sources(db, known, accolade.id, accolade.sources)
    for figure in facts.figures:
        await db.execute(
            "INSERT INTO figures VALUES (?, ?, ?, ?, ?, ?)",
            (figure.id, figure.season, figure.amount, figure.text, figure.unit, figure.window),
        )
        await _insert_sources(db, known, figure.id, figure.sources)
    await db.executemany(
        "INSERT INTO warnings VALUES (?, ?, ?, ?, ?)",
        [(w.file, w.line, w.message, w.key, json.dumps(w.values)) for w in facts.warnings],
    )
    await known.flush(db)
    await db.commit()


def _swap_in(building: Path, path: Path) -> None:
    """Make the new file durable, then replace the live one in a single rename."""
    with building.open("rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(building, path)


async def write_fact_store(
    path: Path, facts: FactSet, built_at: dt.datetime, built_by: str | None = None
) -> None:
    """Write facts to a new database and swap it in for `path` atomically.

    Readers holding the old file keep reading it; a failure at any point leaves `path` as it was.
    """
    await asyncio.to_thread(path.parent.mkdir, parents=True, exist_ok=True)
    building = path.with_name(f".{path.name}.building-{uuid.uuid4().hex[:8]}")
    try:
        async with aiosqlite.connect(building) as db:
            await db.execute("PRAGMA journal_mode = DELETE")
            await _write(db, facts, built_at, built_by)
        await asyncio.to_thread(_swap_in, building, path)
    except BaseException:
        building.unlink(missing_ok=True)
        raise
    log.info("fact store written to %s: %d facts", path, facts.fact_count())


def _loads(value: str | None) -> Any:
    return json.loads(value) if value else []


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


async def read_fact_store(path: Path) -> tuple[FactSet, dt.datetime, str | None]:
    """The fact set a store holds, when it was built and by whom (None: at start-up). Raises FileNotFoundError
    when there is no store."""
    if not await asyncio.to_thread(path.exists):
        raise FileNotFoundError(path)
    async with aiosqlite.connect(f"file:{path}?mode=ro", uri=True) as db:
        db.row_factory = aiosqlite.Row
        async with db.execute("PRAGMA user_version") as cursor:
            row = await cursor.fetchone()
        if row is None or int(row[0]) != len(FACT_MIGRATIONS):
            raise ValueError(
                f"{path} has schema version {row[0] if row else '?'}, expected {len(FACT_MIGRATIONS)}"
            )
        meta = {r["key"]: r["value"] async for r in await db.execute("SELECT key, value FROM meta")}
        cited: dict[str, dict[str, str | None]] = {
            r["file"]: {"headline": r["headline"], "outlet": r["outlet"], "url": r["url"]}
            async for r in await db.execute("SELECT file, headline, outlet, url FROM documents")
        }
        sources: dict[str, list[Source]] = defaultdict(list)
        sentences = {r["id"]: r["text"] async for r in await db.execute("SELECT id, text FROM sentences")}
        async for r in await db.execute("SELECT * FROM sources ORDER BY rowid"):
            sources[r["fact_id"]].append(
                Source(
                    **cited.get(r["file"], {}),
                    file=r["file"],
                    sentence=sentences.get(r["sentence_id"], ""),
                    start=r["start"],
                    end=r["end"],
                    publication_date=_date(r["publication_date"]),
                    correction_by=r["correction_by"],
                )
            )
        quotes: dict[str, list[Quote]] = defaultdict(list)
        async for r in await db.execute("SELECT * FROM quotes ORDER BY rowid"):
            quotes[r["subject"]].append(Quote(id=r["id"], text=r["text"], sources=sources[r["id"]]))
        credits = [
            CastCredit(
                id=r["id"],
                actor=r["actor"],
                character=r["character"],
                actor_aliases=_loads(r["actor_aliases"]),
                character_aliases=_loads(r["character_aliases"]),
                about=quotes[r["id"]],
                sources=sources[r["id"]],
            )
            async for r in await db.execute("SELECT * FROM credits ORDER BY rowid")
        ]
        crew = [
            CrewCredit(
                id=r["id"],
                name=r["name"],
                roles=_loads(r["roles"]),
                is_company=bool(r["is_company"]),
                affiliations=_loads(r["affiliations"]),
                aliases=_loads(r["aliases"]),
                sources=sources[r["id"]],
            )
            async for r in await db.execute("SELECT * FROM crew ORDER BY rowid")
        ]
        date_columns = (
            "kind",
            "title",
            "season",
            "part",
            "date",
            "precision",
            "time",
            "timezone",
            "time_source",
            "place",
            "venue",
            "city",
            "audience",
            "event_id",
            "weekday_warning",
        )
        dates = [
            DatedFact(
                id=r["id"],
                sources=sources[r["id"]],
                already_under_way=bool(r["already_under_way"]),
                **{c: r[c] for c in date_columns},
            )
            async for r in await db.execute("SELECT * FROM dated_facts ORDER BY rowid")
        ]
        figures = [
            Figure(
                id=r["id"],
                season=r["season"],
                amount=r["amount"],
                text=r["text"],
                unit=r["unit"],
                window=r["period"],
                sources=sources[r["id"]],
            )
            async for r in await db.execute("SELECT * FROM figures ORDER BY rowid")
        ]
        accolades = [
            Accolade(id=r["id"], season=r["season"], text=r["text"], sources=sources[r["id"]])
            async for r in await db.execute("SELECT * FROM accolades ORDER BY rowid")
        ]
        seasons = [
            Season(
                number=r["number"],
                year=r["year"],
                date_ids=_loads(r["date_ids"]),
                figures=[f for f in figures if f.season == r["number"]],
                accolades=[a for a in accolades if a.season == r["number"]],
                story=quotes[_season_key(r["number"])],
                new_cast=_loads(r["new_cast"]),
                sources=sources[_season_key(r["number"])],
            )
            async for r in await db.execute("SELECT * FROM seasons ORDER BY number")
        ]
        documents = [
            Document(
                file=r["file"],
                publication_date=_date(r["publication_date"]),
                characters=r["characters"],
                facts=r["facts"],
                headline=r["headline"],
                outlet=r["outlet"],
                url=r["url"],
            )
            async for r in await db.execute("SELECT * FROM documents ORDER BY file")
        ]
        warnings = [
            BuildWarning(
                file=r["file"],
                line=r["line"],
                message=r["message"],
                key=r["key"],
                values=json.loads(r["key_values"]),
            )
            async for r in await db.execute("SELECT * FROM warnings ORDER BY rowid")
        ]
    facts = FactSet(
        show_title=meta["show_title"],
        credits=credits,
        crew=crew,
        dates=dates,
        seasons=seasons,
        figures=figures,
        documents=documents,
        warnings=warnings,
    )
    return facts, dt.datetime.fromisoformat(meta["built_at"]), meta.get("built_by") or None

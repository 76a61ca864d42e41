"""The state database's schema in SQLite, step by step (`PRAGMA user_version` says how far a file has come);
PostgreSQL's follows it in bot/store/postgres_schema.py."""

from __future__ import annotations

STATE_MIGRATIONS: list[str] = [
    """
    CREATE TABLE guild_settings (
        guild_id INTEGER PRIMARY KEY, channel_id INTEGER, milestones TEXT NOT NULL, ping_role_id INTEGER,
        watching_since TEXT NOT NULL, problem TEXT, problem_until TEXT, updated_at TEXT NOT NULL,
        updated_by INTEGER
    );
    CREATE TABLE facts_seen (fact_id TEXT PRIMARY KEY, first_seen TEXT NOT NULL);
    CREATE TABLE countdown_posts (
        guild_id INTEGER NOT NULL, fact_id TEXT NOT NULL, milestone TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('claimed', 'sent', 'skipped')),
        due_at TEXT NOT NULL, nonce TEXT NOT NULL, channel_id INTEGER, message_id INTEGER,
        claimed_at TEXT, recorded_at TEXT, detail TEXT,
        PRIMARY KEY (guild_id, fact_id, milestone)
    );
    """,
    # 2: a channel where moderators' changes to the facts are logged.
    """
    ALTER TABLE guild_settings ADD COLUMN mod_log_channel_id INTEGER;
    """,
    # 3: the machine's own time of a claim (the bot's clock can be set back), and what replaced a damaged
    # state database (bot/store/recovery.py).
    """
    ALTER TABLE countdown_posts ADD COLUMN claimed_wall REAL;
    CREATE TABLE recoveries (
        at TEXT NOT NULL, moved_to TEXT NOT NULL, reason TEXT NOT NULL, guilds INTEGER NOT NULL,
        posts INTEGER NOT NULL, complete INTEGER NOT NULL
    );
    """,
    # 4: each dated fact's version in the calendar export (bot/calendar_export/versions.py): a digest of what
    # the calendar shows of it, its SEQUENCE and when that version was first served. Public facts only.
    """
    CREATE TABLE calendar_versions (
        fact_id TEXT PRIMARY KEY, digest TEXT NOT NULL, sequence INTEGER NOT NULL, stamped_at TEXT NOT NULL
    );
    """,
    # 5: how many days after a season's premiere its story is hidden behind spoiler tags (NULL: the default).
    """
    ALTER TABLE guild_settings ADD COLUMN spoiler_days INTEGER;
    """,
    # 6: Discord scheduled events for each guild's upcoming dates (bot/events/): whether a guild wants them,
    # the last problem met, and which event the bot made for which fact (the events' own "ref:" line is the
    # truth; this ledger says what was claimed, made and when).
    """
    CREATE TABLE event_settings (
        guild_id INTEGER PRIMARY KEY, enabled INTEGER NOT NULL, problem TEXT, problem_until TEXT,
        left_out INTEGER NOT NULL DEFAULT 0, updated_at TEXT NOT NULL, held INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE scheduled_events (
        guild_id INTEGER NOT NULL, fact_id TEXT NOT NULL, event_id INTEGER,
        status TEXT NOT NULL CHECK (status IN ('creating', 'live')), updated_at TEXT NOT NULL,
        PRIMARY KEY (guild_id, fact_id)
    );
    """,
    # 7: the news desk (bot/newsdesk/): each guild's feeds and their polling state, the links and texts already
    # taken or refused (so an article is taken once), the review queue, and whether a guild approves unread.
    """
    CREATE TABLE feeds (
        guild_id INTEGER NOT NULL, url TEXT NOT NULL, added_by INTEGER NOT NULL, added_at TEXT NOT NULL,
        etag TEXT, last_modified TEXT, next_poll_at TEXT NOT NULL, last_polled_at TEXT, last_ok_at TEXT,
        failures INTEGER NOT NULL DEFAULT 0, broken INTEGER NOT NULL DEFAULT 0, problem TEXT,
        taken INTEGER NOT NULL DEFAULT 0, skipped INTEGER NOT NULL DEFAULT 0, last_skip TEXT,
        PRIMARY KEY (guild_id, url)
    );
    CREATE TABLE news_seen (
        key TEXT PRIMARY KEY, seen_at TEXT NOT NULL, outcome TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 1
    );
    CREATE TABLE review_items (
        id INTEGER PRIMARY KEY AUTOINCREMENT, guild_id INTEGER NOT NULL, file TEXT NOT NULL,
        origin TEXT NOT NULL, headline TEXT, outlet TEXT, published TEXT, via TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
        proposals TEXT NOT NULL, created_at TEXT NOT NULL, decided_by TEXT, decided_at TEXT, reason TEXT,
        channel_id INTEGER, message_id INTEGER, dropped TEXT NOT NULL DEFAULT '[]', digest TEXT
    );
    CREATE UNIQUE INDEX review_pending_file ON review_items (file) WHERE status = 'pending';
    CREATE TABLE newsdesk_settings (
        guild_id INTEGER PRIMARY KEY, auto_approve INTEGER NOT NULL, updated_at TEXT NOT NULL
    );
    """,
    # 8: which show each guild follows when seeds/ holds several (bot/shows/); a guild without a row has not
    # chosen (with one show, every guild follows it and no row is needed).
    """
    CREATE TABLE guild_shows (
        guild_id INTEGER PRIMARY KEY, show TEXT NOT NULL, updated_at TEXT NOT NULL, updated_by INTEGER
    );
    """,
]

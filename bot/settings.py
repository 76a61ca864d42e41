"""Settings read from the environment and .env: the token stays a secret and never reaches a log."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


class Settings(BaseSettings):
    """Everything the bot is configured with; see .env.example for each key."""

    # An empty value ("DEV_GUILD_ID=" as .env.example has it) means unset.
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", env_ignore_empty=True
    )

    discord_token: SecretStr | None = None
    dev_guild_id: int | None = None
    seeds_dir: Path = Path("seeds")
    # Where the bot keeps what it writes: the fact store and the state database (each may be set alone).
    savoir_data_dir: Path = Path("data")
    facts_db: Path = Path("data/facts.db")
    state_db: Path = Path("data/state.db")
    # PostgreSQL for the state shared by several bot processes ("postgresql://user:secret@host/savoir"); unset,
    # the state stays in STATE_DB (SQLite, one process). A secret: it may hold a password.
    database_url: SecretStr | None = None
    # Another address for Discord's API and gateway ("http://127.0.0.1:8080"): an HTTP proxy, or the local
    # Discord in tests. Unset: discord.com.
    discord_api_base: str | None = None
    # Health and metrics over HTTP (/healthz, /readyz, /metrics): off unless a port is given.
    metrics_port: int | None = Field(default=None, ge=1, le=65535)
    metrics_host: str = "127.0.0.1"
    # The calendar feed over HTTP (GET /calendar.ics, public facts only): off unless a port is given.
    calendar_port: int | None = Field(default=None, ge=1, le=65535)
    calendar_host: str = "127.0.0.1"
    # The feed's address as members reach it (behind a proxy: "webcal://calendar.example.org/calendar.ics");
    # unset, /calendar shows webcal://CALENDAR_HOST:CALENDAR_PORT/calendar.ics.
    # Shown to members as it is: a web address and nothing else (no markdown, mentions, spaces or controls).
    calendar_public_url: str | None = Field(
        default=None, max_length=500, pattern=r"^(webcal|https?)://[A-Za-z0-9._~:/?#@!$&'+,;=%-]+$"
    )
    log_level: str = "INFO"
    # How many answers one member gets from one command per period, before a short "slow down" note.
    member_cooldown_rate: int = 5
    member_cooldown_seconds: float = 10.0
    # /facts import fetches public pages only; tests serve pages on 127.0.0.1 and turn this on.
    allow_loopback_imports: bool = False
    # /facts import: one time limit over a page's whole download, and one for reading an HTML page.
    import_download_seconds: float = 10.0
    import_extract_seconds: float = 20.0
    # Roles whose members may use the moderators' commands, besides those with Manage Server.
    moderator_role_ids: Annotated[list[int], NoDecode] = []
    # A whole /facts reload (or the rebuild after a correction or an import) is abandoned after this long;
    # the facts in use stay. 1,000 articles build in about 5 s.
    reload_timeout_seconds: float = Field(default=120.0, gt=0)

    @model_validator(mode="after")
    def _in_data_dir(self) -> Settings:
        """The stores go in the data directory unless each is placed on its own."""
        if "facts_db" not in self.model_fields_set:
            self.facts_db = self.savoir_data_dir / "facts.db"
        if "state_db" not in self.model_fields_set:
            self.state_db = self.savoir_data_dir / "state.db"
        return self

    @field_validator("moderator_role_ids", mode="before")
    @classmethod
    def _comma_separated(cls, value: object) -> object:
        if isinstance(value, str):
            return [int(part) for part in value.replace(" ", "").split(",") if part]
        return value

    def __repr__(self) -> str:
        return f"Settings(seeds_dir={self.seeds_dir!s}, facts_db={self.facts_db!s}, dev_guild_id={self.dev_guild_id})"

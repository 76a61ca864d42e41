"""`make run` when Discord refuses the token or cannot be reached: one clear line and a non-zero exit."""

from __future__ import annotations

import asyncio
from pathlib import Path

import discord
import pytest
from pydantic import SecretStr

from bot import cli
from bot.local_discord import LocalDiscord
from bot.settings import Settings
from tests.conftest import SEEDS


def _settings(tmp_path: Path, token: str) -> Settings:
    return Settings(_env_file=None, discord_token=SecretStr(token), seeds_dir=SEEDS,
                    facts_db=tmp_path / "facts.db", state_db=tmp_path / "state.db")  # fmt: skip


async def test_a_refused_token_is_one_line_and_exit_3(
    discord: LocalDiscord, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = await asyncio.to_thread(cli._run, _settings(tmp_path, "abc"), False)
    error = capsys.readouterr().err
    assert status == 3
    assert error.strip() == cli.REFUSED_TOKEN and "Traceback" not in error


async def test_an_unreachable_discord_is_one_line_and_exit_4(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    saved = discord.http.Route.BASE
    discord.http.Route.BASE = "http://127.0.0.1:9/api/v10"  # the discard port: nothing listens there
    try:
        status = await asyncio.to_thread(cli._run, _settings(tmp_path, "abc"), False)
    finally:
        discord.http.Route.BASE = saved
    error = capsys.readouterr().err
    assert status == 4
    assert error.startswith(cli.UNREACHABLE) and error.count("\n") == 1 and "Traceback" not in error

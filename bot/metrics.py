"""What an operator watches: health and readiness checks and Prometheus metrics, served over HTTP when
METRICS_PORT is set (off by default)."""

from __future__ import annotations

import functools
import logging
import math
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

if TYPE_CHECKING:
    from bot.client import SavoirBot

log = logging.getLogger(__name__)

# Seconds from a command reaching the bot to its answer: most answers take milliseconds, a reload seconds.
_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)


class Metrics:
    """The bot's counters, in a registry of its own (several bots may share a process: tests, benchmarks)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.commands = Counter(
            "savoir_commands", "Slash commands answered, by command and outcome (ok, refused, error).",
            ["command", "outcome"], registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "savoir_command_seconds", "Seconds from a command reaching the bot to its answer.",
            ["command"], buckets=_LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.posts = Counter(
            "savoir_countdown_posts", "Countdown posts by outcome (sent, skipped, failed).",
            ["outcome"], registry=self.registry,
        )  # fmt: skip
        self.reloads = Histogram(
            "savoir_reload_seconds", "Fact reloads (builds from seeds/) and how long they took, by outcome.",
            ["outcome"], buckets=(0.5, 1, 2, 5, 10, 30, 60, 120), registry=self.registry,
        )  # fmt: skip
        self.facts = Gauge("savoir_facts", "Facts in use, by kind.", ["kind"], registry=self.registry)
        self.gateway_latency = Gauge(
            "savoir_gateway_latency_seconds", "The gateway's heartbeat round trip (NaN before the first).",
            registry=self.registry,
        )  # fmt: skip

    def answered(self, command: str, outcome: str, started: float | None) -> None:
        """Count one answer, and its latency when the start is known."""
        self.commands.labels(command, outcome).inc()
        if started is not None:
            self.latency.labels(command).observe(time.perf_counter() - started)

    def watch(self, counts: Callable[[], dict[str, int]], gateway: Callable[[], float]) -> None:
        """Read fact counts and the gateway latency when scraped, not on every change."""
        for kind in ("cast", "crew", "dates", "seasons", "figures", "articles"):
            self.facts.labels(kind).set_function(functools.partial(_count, counts, kind))
        self.gateway_latency.set_function(lambda: _finite(gateway()))

    def exposition(self) -> bytes:
        """The metrics in Prometheus text format."""
        return generate_latest(self.registry)


def _count(counts: Callable[[], dict[str, int]], kind: str) -> float:
    return float(counts().get(kind, 0))


def _finite(value: float) -> float:
    return value if math.isfinite(value) else math.nan


def readiness(bot: SavoirBot) -> list[str]:
    """What keeps the bot from serving (empty when ready): the gateway, the stores, the facts."""
    problems = []
    if bot.is_closed() or not bot.is_ready():
        problems.append("gateway not connected")
    if not bot.state.is_open():
        problems.append("state database closed")
    for show in bot.shows.all():
        if show.facts.facts is None or not show.facts.facts.documents:
            problems.append("no facts loaded" if not bot.shows.several else f"no facts loaded for {show.key}")
    return problems


class HealthServer:
    """`/healthz`, `/readyz` and `/metrics` on one port, started with the bot and stopped with it."""

    def __init__(self, bot: SavoirBot, host: str, port: int) -> None:
        self.bot, self.host, self.port = bot, host, port
        self._runner: web.AppRunner | None = None

    async def start(self) -> None:
        """Listen; a port already in use is logged and the bot runs on without the endpoints."""
        app = web.Application()
        app.router.add_get("/healthz", self._health)
        app.router.add_get("/readyz", self._ready)
        app.router.add_get("/metrics", self._metrics)
        runner = web.AppRunner(app, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
        except OSError as error:
            log.error(
                "health and metrics not served: cannot listen on %s:%s (%s)", self.host, self.port, error
            )
            await runner.cleanup()
            return
        self._runner = runner
        log.info("health and metrics on http://%s:%s (/healthz, /readyz, /metrics)", self.host, self.port)

    async def stop(self) -> None:
        """Stop listening."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _health(self, _: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _ready(self, _: web.Request) -> web.Response:
        problems = readiness(self.bot)
        if problems:
            return web.Response(status=503, text="not ready: " + "; ".join(problems) + "\n")
        return web.Response(text="ready\n")

    async def _metrics(self, _: web.Request) -> web.Response:
        response = web.Response(body=self.bot.metrics.exposition())
        response.content_type = CONTENT_TYPE_LATEST.split(";")[0]
        response.charset = "utf-8"
        return response

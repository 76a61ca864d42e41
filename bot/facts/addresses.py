"""Which web addresses an import may fetch: well-formed http(s) URLs whose host is globally routable, checked
before the request and again when each connection is made (a DNS answer can change in between)."""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from urllib.parse import urlsplit

import aiohttp
import aiohttp.abc
import yarl
from aiohttp.abc import ResolveResult

from bot.facts.refusals import ImportRefusedError, shown

# Longer than any article's address, far shorter than what a member can paste (Discord allows 6,000).
MAX_URL_CHARACTERS = 2000
MAX_HOST_CHARACTERS = 253  # RFC 1035, as written with dots
MAX_LABEL_CHARACTERS = 63
_NAME = re.compile(r"^[a-z0-9_-]+$")  # one label of a host name, once IDNA has made it ASCII

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")  # RFC 6052: the low 32 bits are the IPv4 address reached
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")  # RFC 8215: a network's own translator
_IPV4_COMPATIBLE = ipaddress.IPv6Network("::/96")  # deprecated ::a.b.c.d, also :: and ::1


def is_public(ip: IPAddress) -> bool:
    """Globally routable, judged on the IPv4 address inside the IPv6 forms that carry one (IPv4-mapped,
    NAT64, 6to4); Teredo, IPv4-compatible and local NAT64 addresses are never public."""
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return is_public(ip.ipv4_mapped)
        if ip in _NAT64:
            return is_public(ipaddress.IPv4Address(int(ip) & 0xFFFF_FFFF))
        if ip.teredo is not None or ip in _IPV4_COMPATIBLE or ip in _LOCAL_NAT64:
            return False
        if ip.sixtofour is not None and not is_public(ip.sixtofour):
            return False
    return ip.is_global and not (
        ip.is_private or ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback
        or ip.is_unspecified
    )  # fmt: skip


def allowed(address: str, allow_loopback: bool) -> bool:
    """May the bot connect to this address? Loopback only when the settings say so (tests, sandbox)."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return False
    return is_public(ip) or (allow_loopback and ip.is_loopback)


def checked_url(raw: str) -> yarl.URL:
    """The URL the bot will fetch, parsed once by the same parser aiohttp uses, or ImportRefusedError saying
    what is wrong with it (nothing here is looked up on the network)."""
    raw = raw.strip()
    if len(raw) > MAX_URL_CHARACTERS:
        raise ImportRefusedError("import.url.too_long", limit=MAX_URL_CHARACTERS)
    if any(_unusable(character) for character in raw):
        raise ImportRefusedError("import.url.characters")
    try:
        url = yarl.URL(raw)
        scheme, host, raw_host, port = url.scheme, url.host, url.raw_host, url.port
        # Two parsers must agree that there is no user@ part: yarl forgets an empty one ("http://@host").
        has_userinfo = url.raw_user is not None or url.raw_password is not None or "@" in urlsplit(raw).netloc
    except (ValueError, UnicodeError, TypeError):
        raise ImportRefusedError("import.url.invalid") from None
    if scheme not in ("http", "https"):
        raise ImportRefusedError("import.url.scheme")
    if has_userinfo:
        raise ImportRefusedError("import.url.userinfo")
    if not host or not raw_host or not port:
        raise ImportRefusedError("import.url.invalid")
    if _ip_literal(raw_host) is None:
        _check_name(raw_host)
    return url


def _unusable(character: str) -> bool:
    # Spaces, controls and lone surrogates: no URL holds them, and a surrogate cannot even be sent on.
    return character.isspace() or unicodedata.category(character) in ("Cc", "Cs")


def _ip_literal(host: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(host.split("%")[0])
    except ValueError:
        return None


def _check_name(host: str) -> None:
    name = host.lower().removesuffix(".")
    if len(name) > MAX_HOST_CHARACTERS or any(len(label) > MAX_LABEL_CHARACTERS for label in name.split(".")):
        raise ImportRefusedError(
            "import.url.host_too_long", limit=MAX_HOST_CHARACTERS, label=MAX_LABEL_CHARACTERS
        )
    if not all(_NAME.match(label) for label in name.split(".")):
        raise ImportRefusedError("import.url.invalid")


def check_host(host: str, allow_loopback: bool) -> None:
    """Refuse a host that is, or resolves to, any address the bot must not reach (blocking: DNS)."""
    literal = _ip_literal(host)
    if literal is not None:
        addresses = {str(literal)}
    else:
        try:
            addresses = {str(info[4][0]) for info in socket.getaddrinfo(host, None)}
        except (OSError, UnicodeError):
            raise ImportRefusedError("import.url.unknown_host", host=shown(host)) from None
    if not addresses or not all(allowed(address, allow_loopback) for address in addresses):
        raise ImportRefusedError("import.url.not_public", host=shown(host))


class NotPublicError(OSError):
    """A host that resolved to an address the bot must not connect to."""


class PublicOnlyResolver(aiohttp.abc.AbstractResolver):
    """Resolves as usual, then refuses non-public addresses at connection time: a host whose DNS answer
    changes after the first check (rebinding) still cannot reach a private address. (aiohttp does not ask
    the resolver about an address written as digits: check_host judged those, and they cannot change.)"""

    def __init__(self, allow_loopback: bool) -> None:
        self._inner = aiohttp.ThreadedResolver()
        self._allow_loopback = allow_loopback

    async def resolve(
        self, host: str, port: int = 0, family: socket.AddressFamily = socket.AF_INET
    ) -> list[ResolveResult]:
        """The host's addresses, or NotPublicError."""
        found = await self._inner.resolve(host, port, family)
        if not all(allowed(str(item["host"]), self._allow_loopback) for item in found):
            raise NotPublicError(f"{host} resolved to a non-public address")
        return found

    async def close(self) -> None:
        """Close the inner resolver."""
        await self._inner.close()

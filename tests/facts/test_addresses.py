"""Which addresses an import may reach, and which URLs it refuses before any look-up."""

from __future__ import annotations

import ipaddress

import pytest

from bot.facts.addresses import allowed, check_host, checked_url, is_public
from bot.facts.refusals import ImportRefusedError

NOT_PUBLIC = [
    "100.64.0.1", "100.127.255.254",  # shared address space (carrier-grade NAT; a cloud's metadata service)
    "10.0.0.1", "172.16.0.1", "192.168.1.1", "127.0.0.1", "127.255.0.1", "169.254.169.254", "0.0.0.0",
    "255.255.255.255", "224.0.0.1", "239.255.255.250", "240.0.0.1", "198.18.0.1", "192.0.2.1",
    "198.51.100.1", "203.0.113.1", "192.0.0.1",
    "::", "::1", "fe80::1", "fe80::1%1", "fc00::1", "fd12:3456::1", "ff02::1", "ff0e::1", "2001:db8::1",
    "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:100.64.0.1", "::ffff:169.254.169.254",  # IPv4-mapped
    "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::6440:1", "64:ff9b:1::808:808",  # NAT64
    "2002:7f00:1::1", "2002:a9fe:a9fe::1", "2002:6440:1::1", "2002:c0a8:101::1",  # 6to4
    "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:0:a9fe:a9fe::1", "2001:0:808:808::1",  # Teredo
    "::7f00:1", "::808:808", "::a9fe:a9fe",  # IPv4-compatible (deprecated)
    "100::1", "2001:10::1", "not an address",
]  # fmt: skip
PUBLIC = [
    "8.8.8.8", "1.1.1.1", "93.184.216.34", "100.63.255.255", "100.128.0.1", "2001:4860:4860::8888",
    "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1",
]  # fmt: skip


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_only_globally_routable_addresses_are_reached(address: str) -> None:
    assert not allowed(address, allow_loopback=False)
    if address != "not an address":
        assert not is_public(ipaddress.ip_address(address.split("%")[0]))


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_reached(address: str) -> None:
    assert allowed(address, allow_loopback=False)


def test_the_loopback_allowance_is_loopback_only() -> None:
    assert allowed("127.0.0.1", allow_loopback=True) and allowed("::1", allow_loopback=True)
    assert not any(allowed(a, allow_loopback=True) for a in ("10.0.0.1", "100.64.0.1", "169.254.169.254"))


@pytest.mark.parametrize(
    ("url", "key"),
    [
        ("http://[::1", "import.url.invalid"),
        ("http://[::1]x/", "import.url.invalid"),
        ("http://" + "a" * 300 + ".com/", "import.url.host_too_long"),
        ("http://" + "a" * 64 + ".com/", "import.url.host_too_long"),
        ("http://" + "a." * 130 + "com/", "import.url.host_too_long"),
        ("http://exa\udc80mple.com/", "import.url.characters"),
        ("http://example.com/\ud800", "import.url.characters"),
        ("http://exa mple.com/", "import.url.characters"),
        ("http://example.com/\x00", "import.url.characters"),
        ("http://example.com/" + "a" * 3000, "import.url.too_long"),
        ("ftp://example.org/article.txt", "import.url.scheme"),
        ("file:///etc/passwd", "import.url.scheme"),
        ("gopher://example.org:70/", "import.url.scheme"),
        ("javascript:alert(1)", "import.url.scheme"),
        ("//example.org/a", "import.url.scheme"),
        ("example.org/a", "import.url.scheme"),
        ("http://user:secret@example.org/", "import.url.userinfo"),
        ("http://example.org@127.0.0.1/", "import.url.userinfo"),
        ("http://@example.org/", "import.url.userinfo"),
        ("http://example.org\\@127.0.0.1/", "import.url.invalid"),
        ("http://example.org:99999/", "import.url.invalid"),
        ("http://example.org:0/", "import.url.invalid"),
        ("http:///path", "import.url.invalid"),
        ("http://exa_mple!.com/", "import.url.invalid"),
        ("http://%41.com/", "import.url.invalid"),
    ],
)
def test_urls_that_cannot_be_fetched_are_refused_with_a_reason(url: str, key: str) -> None:
    with pytest.raises(ImportRefusedError) as refused:
        checked_url(url)
    assert refused.value.key == key
    assert "{" not in refused.value.describe("en") and "{" not in refused.value.describe("fr")


def test_urls_that_can_be_fetched() -> None:
    assert checked_url("  https://Example.org/news/a.html?x=1#top ").host == "example.org"
    assert checked_url("http://[2001:4860:4860::8888]:8080/").port == 8080
    assert checked_url("https://café.example/").raw_host == "xn--caf-dma.example"


@pytest.mark.parametrize("host", ["127.0.0.1", "0x7f.1", "2130706433", "::ffff:7f00:1", "100.64.0.1"])
def test_hosts_written_as_numbers_are_judged_by_the_address_they_reach(host: str) -> None:
    with pytest.raises(ImportRefusedError) as refused:
        check_host(host, allow_loopback=False)
    assert refused.value.key == "import.url.not_public"

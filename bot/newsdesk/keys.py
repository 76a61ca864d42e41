"""How the news desk knows an article it has met before: its link after normalising, and its text."""

from __future__ import annotations

import hashlib
import unicodedata
from urllib.parse import quote, urlencode

import yarl

# Query parameters that only say where a reader clicked from: the same article with or without them is one.
# Whole names only (a site's own "refid" or "reference" names its article), and the utm_ family by its prefix.
_TRACKING = frozenset({"fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "ocid", "cmpid", "ref", "ref_src",
                       "taid", "guccounter", "guce_referrer", "igshid", "yclid"})  # fmt: skip


def normalised_link(link: str) -> str:
    """A link as the desk compares it: lower-case scheme and host, no default port, no fragment, no trailing
    slash, no tracking parameters, the rest of the query sorted; http and https are one page."""
    try:
        url = yarl.URL(link.strip())
    except (ValueError, TypeError):
        return link.strip()
    host = (url.raw_host or "").lower().removeprefix("www.")
    port = "" if url.explicit_port in (None, 80, 443) else f":{url.explicit_port}"
    path = url.raw_path.rstrip("/") or "/"
    query = sorted(
        (key, value) for key, value in url.query.items()
        if key.lower() not in _TRACKING and not key.lower().startswith("utm_")
    )  # fmt: skip
    # Re-encoded: "a=1%26b%3D2" and "a=1&b=2" are different pages.
    tail = "?" + urlencode(query, quote_via=quote) if query else ""
    return f"//{host}{port}{path}{tail}"


def link_key(link: str) -> str:
    """The seen-key of a link."""
    return "url:" + hashlib.sha256(normalised_link(link).encode("utf-8", "replace")).hexdigest()[:32]


def text_key(text: str) -> str:
    """The seen-key of an article's text: the same words, whatever the spacing, case or Unicode form."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return "text:" + hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()[:32]

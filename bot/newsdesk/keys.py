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
    """A link as the desk compares it: lower-case host without www., no default port, no fragment (unless the
    site routes by it), no trailing slash, no tracking parameters, the rest of the query sorted by name; http and
    https are one page."""
    try:
        url = yarl.URL(link.strip())
    except (ValueError, TypeError):
        return link.strip()
    host = (url.raw_host or "").lower().removeprefix("www.")
    default = {"http": 80, "https": 443}.get(url.scheme.lower())
    port = "" if url.explicit_port in (None, default) else f":{url.scheme.lower()}:{url.explicit_port}"
    path = url.raw_path.rstrip("/") or "/"
    # Sorted by name only (a stable sort: repeated names keep their order, "id=1&id=2" is not "id=2&id=1").
    query = sorted(
        (
            (key, value)
            for key, value in url.query.items()
            if key not in _TRACKING and not key.startswith("utm_")
        ),
        key=lambda pair: pair[0],
    )
    # Re-encoded: "a=1%26b%3D2" and "a=1&b=2" are different pages.
    tail = "?" + urlencode(query, quote_via=quote) if query else ""
    # A fragment is the page's own part, except on sites that route by it ("#/news/1", "#!/story/2").
    route = f"#{url.raw_fragment}" if url.raw_fragment.startswith(("/", "!")) else ""
    return f"//{host}{port}{path}{tail}{route}"


def link_key(link: str) -> str:
    """The seen-key of a link."""
    return "url:" + hashlib.sha256(normalised_link(link).encode("utf-8", "replace")).hexdigest()[:32]


def text_key(text: str) -> str:
    """The seen-key of an article's text: the same words, whatever the spacing, case or Unicode form."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return "text:" + hashlib.sha256(folded.encode("utf-8", "replace")).hexdigest()[:32]

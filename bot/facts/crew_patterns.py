"""The constructions journalists write crew credits in ("created by", "showrunner Jane Roe", "serves as
executive producer", "X of Acme Media"), and the cheap tests that gate them. Used by crew_credits.py."""

from __future__ import annotations

import re

from bot.facts.names import COMPANY_WORDS, NAME, NAME_LIST, SEPARATOR, UPPER
from bot.facts.scanning import Led

_ROLE = r"(?i:co-?creator|creator|showrunner|head\s+writer|writer|director|exec(?:utive|\.)?\s+producer|producer)s?"
_ROLE_SERIES = rf"{_ROLE}(?:\s*(?:,\s*and|,|and|&)\s*{_ROLE})*"
_ROLE_BEFORE = re.compile(rf"\b(?P<roles>{_ROLE_SERIES})\s*,?\s+(?P<name>{NAME})")
_ROLE_APPOSITIVE = Led(
    rf"(?P<name>{NAME}),\s+(?:the\s+show['’]s\s+|the\s+series['’]?\s+|its\s+|the\s+)(?P<roles>{_ROLE_SERIES})\b",
    NAME,
)
_BY_VERB = r"(?:co-?created|created|written|directed|executive[- ]produced|produced)"
_BY_VERBS = rf"\b{_BY_VERB}(?:\s*(?:,\s*and|,|and|&)\s*{_BY_VERB})*"
# Led by its series of verbs: tried from each verb of a long series, it read the rest of the series each time.
_BY = Led(rf"(?P<verbs>{_BY_VERBS})\s+by\s+(?P<list>{NAME_LIST})", _BY_VERBS)
# Each item a name, perhaps "of" its organisation: one way only to read a list (a list of lists, each "of" an
# organisation or not, could be cut in 2^n ways, and a long list that failed to match tried them all).
_AFFILIATED_LIST = rf"{NAME}(?:\s+of\s+{NAME})?(?:{SEPARATOR}{NAME}(?:\s+of\s+{NAME})?)*"
_SERVE_AS = Led(
    rf"(?P<list>{_AFFILIATED_LIST})\s+(?:also\s+)?(?:(?:will\s+)?serve|serves|served|serving|acts?|acting"
    rf"|are|is)\s+(?:also\s+)?(?:as\s+)?(?:the\s+show['’]s\s+|the\s+series['’]?\s+|its\s+|an?\s+|the\s+)?"
    rf"(?P<roles>{_ROLE_SERIES})\b(?!\s+of\b)",
    _AFFILIATED_LIST,
)
# "Storer and Calo executive produce with A, B and C": the subjects and the list are executive producers.
# "Jane Roe, the creator, adapted the books and executive produces with ...", "..., who executive produces
# alongside ...": an aside and another verb may come between the subjects and the verb.
_EXECUTIVE_PRODUCES = Led(
    rf"(?P<subjects>{NAME_LIST})(?:,\s+(?:who\b|[^,;()]{{1,80}}?,))?(?:\s+(?:[a-z][\w'’-]*\s+){{1,5}}and)?"
    rf"\s+(?:also\s+|will\s+|to\s+)?(?:also\s+)?executive[- ]produces?"
    rf"(?:\s*,?\s+(?:alongside|with|together\s+with)\s+(?P<list>{NAME_LIST}))?",
    NAME_LIST,
)
# "She executive produces alongside A and B", "Roe serves as executive producer alongside A and B": the list
# shares the role whoever the subject is.
_PRODUCES_ALONGSIDE = re.compile(
    rf"\b(?:executive[- ]produces?|(?:serves?|served|will\s+serve)\s+as\s+(?:an?\s+)?executive\s+producers?)"
    rf"\s*,?\s+(?:alongside|with|together\s+with)\s+(?P<list>{NAME_LIST})"
    # "... with Jane Roe also serving as producer": the last of the list has a role of her own.
    rf"(?![ \t\xa0]+[{UPPER}])(?!\s+(?:also\s+)?(?:serving|serves|as|who|in)\b)"
)
# "Created by: Jane Roe", "Showrunner: Jane Roe" (fact boxes).
_CREW_LABEL = re.compile(
    rf"^\s*(?P<label>(?i:created\s+by|written\s+by|directed\s+by|creators?|showrunners?|executive\s+producers?"
    rf"|writers?|directors?))\s*:\s*(?P<list>{NAME_LIST})\s*$"
)
_LABEL_ROLES = {"created by": "creator", "written by": "writer", "directed by": "director"}
# "Jane Roe created the series and serves as showrunner", "Jane Roe, who also serves as showrunner".
_CREATED_THE_SERIES = Led(rf"(?P<name>{NAME})\s+(?:co-?)?created\s+(?:the|this)\s+(?:series|show)\b", NAME)
_SUBJECT_SERVES_AS = Led(
    rf"(?P<name>{NAME})(?:,\s+who|\s+(?:co-?)?created\s+(?:the|this)\s+(?:series|show)\s+and)\s+(?:also\s+)?"
    rf"(?:serves|served|will\s+serve|remains|returns)\s+as\s+(?:the\s+show['’]s\s+|its\s+|an?\s+)?(?P<roles>{_ROLE_SERIES})\b",
    NAME,
)
_COMPANY_LIST = rf"{NAME}(?:\s+(?:and|&)\s+{NAME})*"
_OF_COMPANY = Led(rf"(?P<list>{_COMPANY_LIST})\s+of\s+(?P<org>{NAME})", _COMPANY_LIST)

_ROLE_NAMES = {
    "cocreator": "creator", "co-creator": "creator", "creator": "creator", "showrunner": "showrunner",
    "head writer": "writer", "writer": "writer", "director": "director",
    "executive producer": "executive producer", "producer": "producer", "exec producer": "executive producer",
    "exec. producer": "executive producer",
    "cocreated": "creator", "co-created": "creator", "created": "creator", "written": "writer",
    "directed": "director", "executive produced": "executive producer", "executive-produced": "executive producer",
    "produced": "producer",
}  # fmt: skip

# The crew patterns need a role noun or a "<role>ed by"; the company names end in a capitalized company word.
_CREW_GATE = re.compile("creat|showrunner|writer|written|director|directed|produc")
_COMPANY_GATE = re.compile(r"\b(?:" + "|".join(sorted(re.escape(word) for word in COMPANY_WORDS)) + r")\b")

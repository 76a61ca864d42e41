"""The constructions journalists write cast lists in ("starring A, B and C", "A, B and C round out the cast",
"Also joining: A and B"), one pattern each, with the key words and cheap tests that gate them. Used by
credits.py, beside the single credits of cast_patterns.py."""

from __future__ import annotations

import re

from bot.facts.names import (
    NAME,
    NAME_LIST,
    UPPER,
)
from bot.facts.scanning import Led

# A source's name closing a list: "starring Jane Roe, Trade Paper has learned".
_ATTRIBUTED = re.compile(
    r"\s+(?:has|have)\s+(?:learned|confirmed|reported)|\s+reports?\b|\s+(?:first\s+)?reported\b"
)

_STARS_LIST = re.compile(
    rf"\b(?:(?:to|will|also|which|that|who)\s+star|stars|starring|co-stars|co-starring|features|featuring)"
    rf"\s+(?P<list>{NAME_LIST})"
)
# "A, B and C will headline <Title>": a list before the verb, the show named right after it (checked there).
_LIST_HEADLINES = Led(
    rf"(?P<list>{NAME_LIST})\s+(?:(?:will|also|are\s+set\s+to|to)\s+)?"
    rf"(?:headline|lead|star\s+in|topline|front)s?\s+",
    NAME,
)
_ROLES_LIST = Led(
    rf"(?P<list>{NAME_LIST})\s+(?:(?:(?:also\s+)?(?:play|plays|have|has|take|takes|round\s+out|rounds\s+out|in"
    r"|(?:will\s+)?appears?\s+in)\s+)?"
    r"(?:(?:crucial|key|major|supporting|recurring|guest|starring|main|pivotal|important|leading|lead"
    r"|significant|central)\s+(?:and\s+|or\s+)?)+roles?\b|(?:round|rounds|rounded)\s+out\s+the\s+(?:[a-z]+\s+)?(?:cast|ensemble|student\s+body|line-?up)\b"
    # "A, B and C round out the new residents.": people rounding out a group the sentence ends on.
    # "A, B and C round things out." (the sentence ends on it: "round out the week" is no cast)
    r"|(?:round|rounds|rounded)\s+(?:things|it\s+all|the\s+list)\s+out(?=\s*[.;!]|\s*$)"
    r"|(?:round|rounds|rounded)\s+out\s+the\s+(?:[a-z]+\s+){0,2}(?:regulars|residents|newcomers|players|team|staff"
    r"|faculty|family|gang|crew|squad|group|trio|quartet|additions|guest\s+stars)(?=\s*[.;!]|\s*$)"
    # "A and B leading an ensemble that ...", "A leads the new ensemble." (not "the cast of Other Title")
    r"|(?:lead|leads|leading|led|head|heads|heading|headed|front|fronts|fronting)\s+(?:an?|the|its)\s+"
    r"(?:[a-z]+\s+){0,2}(?:ensemble|cast)\b(?!\s+(?:of|in|on|for|at|from)\b))",
    NAME_LIST,
)
_SHOW_STAR = re.compile(
    rf"\b(?:show|series)['’]s?\s+(?:stars?|leads?|leading\s+(?:lady|man))\s*,?\s+(?P<list>{NAME_LIST})"
)
_CAST_INCLUDES = re.compile(
    rf"\b(?:cast|ensemble|line-?up|[Gg]uest\s+(?:stars|list)|[Nn]ewcomers|[Nn]ew\s+(?:faces|additions|arrivals)|[Aa]dditions)"
    rf"(?:\s+members?)?(?:\s+(?:this|for\s+the)\s+season)?\s+(?:also\s+)?"
    rf"(?:includes?|included|including|features?|featured|are|were)\s*[:,]?\s+"
    rf"(?P<list>{NAME_LIST})"
    # "an ensemble that includes A, B and C", "... that was rounded out in May and that already includes A"
    rf"|\b(?:cast|ensemble)\s+(?:that|which)\s+(?:[\w'’-]+\s+){{0,9}}?(?:already\s+|also\s+|now\s+)?"
    rf"(?:includes|included|features|featured)\s*:?\s+(?P<members>{NAME_LIST})"
)
# Cue words that make "A as B" in the same sentence a credit: a cast list, a bulleted list.
_CAST_CUE = re.compile(
    r"\b(?:cast|stars?|starring|ensemble|returning|returns?|joins?|joining|newcomers?|recurring|regulars?"
    r"|line-?up|reprises?|plays?|roles?)\b|^\s*(?:[-•*·–—]|\d{1,2}[.)])\s",
    re.IGNORECASE,
)
_JOINS_CAST = Led(
    rf"(?P<list>{NAME_LIST})\s+(?:has\s+|have\s+)?(?:(?:both|all|also|officially|now)\s+)?(?:joined|joins|join)\s+"
    # ("joins the cast as Lottie" is a role, read elsewhere; "as guest stars" is none)
    r"the\s+(?:[a-z]+\s+){0,2}(?:cast|ensemble|season|series|show)\b(?!\s+as\b(?!\s+(?:guest|recurring|series)\b))"
    # "A, B and C are among the other guest stars joining the new season".
    rf"|(?P<among>{NAME_LIST})\s+(?:are|is)\s+among\s+the\s+(?:(?:other|new|many)\s+)*"
    r"(?:guest\s+stars|newcomers|new\s+cast\s+members|additions|cast\s+members|series\s+regulars)\b"
    # "A and B, both part of the new season's cast, were seen ...": named as cast by an aside.
    rf"|(?P<part>{NAME_LIST}),\s+(?:both|all)\s+(?:part|members)\s+of\s+the\s+(?:new\s+)?(?:season['’]s\s+|show['’]s\s+|series['’]\s+)?"
    r"(?:cast|ensemble)\b"
    # "A, B and C also join." (the sentence ends on it: "also join the protest" is no casting)
    rf"|(?P<also>{NAME_LIST})\s+(?:also|all|both)\s+join(?=\s*[.;!]|\s*$)"
    rf"|(?P<guests>{NAME_LIST})\s+(?:are|is|have\s+been|has\s+been)\s+(?:also\s+)?set\s+(?:as|to)\s+"
    r"(?:guest(?:\s+stars?)?|recur(?:ring)?|co-?stars?|series\s+regulars?)\b",
    NAME_LIST,
)

# "The newcomers join returning stars A, B and C", "joining previously announced A and B", "Also joining are A
# and B", "Rounding out the additions are A, B and C": lists named as the cast by the words before them.
_NAMED_AS_CAST = re.compile(
    rf"\b(?:(?:returning|previously\s+announced)\s+(?:(?:stars?|cast\s+members?|leads?|players?|regulars?)\s+)?"
    rf"|\bseries\s+regulars?\s+"
    rf"|(?:[Aa]lso\s+joining|[Aa]lso\s+back|[Rr]ounding\s+out\s+the\s+(?:cast|additions|ensemble|newcomers)|[Rr]eturning|[Aa]lso\s+returning"
    rf"|[Bb]ack\s+for\s+(?:more|another\s+round)|[Nn]ew\s+(?:this|to\s+the)\s+(?:season|series|cast))"
    # "Also joining are A and B", "- Also joining: A, B and C" (a label and a colon)
    rf"(?:\s+(?:are|is)\s+|\s*:\s+)"
    # "cast members Jane Roe and Ann Vale both reposted it"
    rf"|\b(?:[Ff]ellow\s+)?[Cc]ast\s+members?\s+"
    # "A returns, along with B, C and D": the others come back with a returning actor.
    # ("Jane Roe returns as Lottie, alongside B and C": her role named on the way)
    rf"|\b(?:returns?|is\s+back|are\s+back)(?:\s+as\s+(?:the\s+)?{NAME})?\s*,?\s+(?:along\s+with|alongside|together\s+with)\s+"
    # "A, B and C, both part of the new season's cast,": (the list is before it: read by _JOINS_CAST)
    rf")"
    rf"(?P<list>{NAME_LIST})"
)
# "A joins B, C and D among the younger guests": the others already in the cast.
_JOINS_AMONG = re.compile(
    rf"\bjoins\s+(?P<list>{NAME_LIST})\s+among\s+the\s+(?:[a-z]+\s+){{0,2}}(?:guests|cast|newcomers|additions|regulars)\b"
)
# "A, B and C are all set to return", "D is also set to return": a list that the sentence brings back.
_LIST_RETURNS = Led(
    rf"(?P<list>{NAME_LIST})\s+(?:(?:are|is|will\s+be|were)\s+)?(?:(?:all|also|both|each)\s+)?"
    # Casting news' words, not a story's ("Lottie is back", a character; "Roe is back as director", the crew).
    r"(?:set\s+to\s+return|expected\s+to\s+return|confirmed\s+to\s+return|slated\s+to\s+return"
    r"|(?:have|has)\s+(?:both\s+|all\s+|also\s+)?signed\s+on\s+as\s+guest\s+stars?)"
    r"(?!\s+(?:to|as|from|with|for|at|in|on)\b)"
    # "A and B also appear, in parts ...", "A, B and C are all back.", "A and B also star." (not "appears in
    # Other Title", "is back as director", "are back in London")
    rf"|(?P<back>{NAME_LIST})\s+(?:(?:also|all|both)\s+(?:appears?|turns?\s+up|cameos?)\b(?!\s+(?:in|on|at|as|to|with|for)\b)"
    r"|(?:also|all|both)\s+stars?(?=\s*[.;!]|\s*$)"
    # (plural: "Other Title is back" reads the same as "Jane Roe is back")
    r"|are\s+(?:all\s+|both\s+|also\s+)?back(?=\s*[.,;!]|\s+(?:too|again|as\s+well)\b))",
    NAME_LIST,
)
# "Jane Roe joins as a soldier", "Jane Roe is playing a cult leader": in the cast, the role unnamed.
_UNNAMED_ROLE = Led(
    # ("Jane Roe (Other Title) turns up midseason as a ...": her earlier work in brackets, an adverb)
    rf"(?P<list>{NAME})(?:\s*\([^()]{{1,80}}\))?(?:,\s+who)?\s+(?:(?:also|will|now)\s+)?"
    # "as Lottie's long-absent father": a role owned by a character is still a role
    rf"(?:(?:joins|turns\s+up|shows\s+up|guest[- ]stars|recurs|cameos|appears)(?:\s+(?:midseason|briefly|late|later|early))?"
    rf"\s+as\s+(?:an?\s+|the\s+|[{UPPER}][\w-]*['’]s\s+)"
    # ("Jane Roe, who plays Lottie's father,": a role owned by a character, unnamed)
    rf"|(?:is\s+playing|will\s+play|plays)\s+(?:an?|the|[{UPPER}][\w-]*['’]s)\s+)"
    r"(?!(?:character|key|major|big|central|crucial|pivotal|important|small|large|leading|lead|supporting|vital|huge"
    r"|starring|recurring|guest|significant|minor|surprise|special)\b)(?:[\w'’-]+\s+){0,3}?"
    # (a job behind the camera or at an event is no role: "joins as a writer", "turns up as a presenter")
    r"(?!(?:role|part|character|writer|composer|producer|showrunner|director|cinematographer|editor|presenter|host|guest"
    r"|speaker|moderator|panelist|panellist|judge|narrator)s?\b)[a-z][\w'’-]*"
    # ("... as an officer and promptly complicates", not "plays the rigidity and the panic")
    r"(?=\s*[.,;(]|\s+(?:who|whose|that)\b|\s+(?:and|but)\s+(?!(?:the|a|an|his|her|their|its)\b))"
    rf"|(?P<guest>{NAME})\s+has\s+(?:booked\s+)?a\s+(?:guest|recurring)\s+(?:spot|role|appearance|arc|part)\b"
    r"(?!\s+(?:on|in)\b)"
    # "A joins in a recurring role", "A was added for the new season in a role the studio has not described"
    rf"|(?P<added>{NAME})\s+(?:(?:has|have|was|were|had)\s+(?:been\s+)?)?(?:joins|joined|added|came\s+aboard"
    r"|comes\s+aboard|signed\s+on|boards|boarded)(?:\s+[a-z][\w'’-]*){0,8}\s+in\s+an?\s+(?:[a-z]+\s+){0,2}role\b"
    r"(?!\s+(?:on|in)\s+[A-Z])",
    NAME,
)
# "The newcomers are a stacked group, though their roles are secret: A, B and C." — a list after a colon that
# closes a sentence about the cast.
_CAST_AFTER_COLON = re.compile(
    r"\b(?:newcomers|new\s+(?:faces|additions|arrivals|cast\s+members)|additions|guest\s+stars|cast|ensemble"
    r"|returning\s+(?:stars|faces|players|cast))\b[^.:;!?]{0,100}:\s*"
    rf"(?P<list>{NAME_LIST})\s*[.!]?\s*$"
)
# "She'll be joined again by A, B and C": the returning cast (a plain "joined by" is as often a guest).
_JOINED_AGAIN = re.compile(
    rf"\b(?:joined|rejoined)\s+(?:again|once\s+more|once\s+again)\s+by\s+(?P<returning>{NAME_LIST})"
)

_CAST_LIST_PATTERNS: list[tuple[Led | re.Pattern[str], frozenset[str]]] = [
    (_STARS_LIST, frozenset({"star", "Starring", "featur", "Featur"})),
    (
        _ROLES_LIST,
        frozenset(
            {
                "role",
                "ound out",
                "ound things out",
                "ound it all out",
                "ound the list out",
                "ensemble",
                "cast",
            }
        ),
    ),
    (_LIST_HEADLINES, frozenset({"headline", "lead", "star in", "stars in", "topline", "front"})),
    (_SHOW_STAR, frozenset({"star", "lead", "Lead"})),
    (
        _CAST_INCLUDES,
        frozenset(
            {
                "cast",
                "Cast",
                "ensemble",
                "Ensemble",
                "line",
                "uest stars",
                "uest list",
                "ewcomers",
                "dditions",
                "ew faces",
                "rrivals",
            }
        ),
    ),
    (_JOINS_CAST, frozenset({"join", "set as", "set to", " among ", "part of the", "members of the"})),
    (_JOINED_AGAIN, frozenset({"joined again", "joined once", "rejoined"})),
    (_JOINS_AMONG, frozenset({" among the "})),
    (
        _NAMED_AS_CAST,
        frozenset(
            {
                "returning",
                "Returning",
                "previously announced",
                "lso joining",
                "lso back",
                "ounding out",
                "ack for",
                "ew this",
                "ew to the",
                "ast member",
                "series regular",
                "along with",
                "alongside",
                "together with",
            }
        ),
    ),
    (
        _LIST_RETURNS,
        frozenset({"to return", "signed on", "appear", "turn up", "turns up", "cameo", " back", " star"}),
    ),
    (_UNNAMED_ROLE, frozenset({" as ", "playing", " play", "guest spot", "recurring", " role"})),
    (_CAST_AFTER_COLON, frozenset({":"})),
]
# Cheaper tests that must hold before a list pattern whose key words are common runs.
_LIST_PRECHECKS: dict[Led | re.Pattern[str], re.Pattern[str]] = {
    _ROLES_LIST: re.compile(
        r"\b(?:role|roles|(?:round|rounds|rounded)\s+out|(?:round|rounds|rounded)\s+(?:things|it\s+all|the\s+list)\s+out)\b"
        r"|\b(?:lead|leads|leading|led|head|heads|heading|headed|front|fronts|fronting)\s+(?:an?|the|its)\s+"
        r"(?:[a-z]+\s+){0,2}(?:ensemble|cast)\b"
    ),
    _LIST_RETURNS: re.compile(
        r"\b(?:to\s+return|signed\s+on|(?:also|all|both)\s+(?:appears?|turns?\s+up|cameos?|stars?)"
        r"|are\s+(?:all\s+|both\s+|also\s+)?back)\b"
    ),
    _UNNAMED_ROLE: re.compile(
        rf"\bas\s+(?:an?|the)\s|\bas\s+[{UPPER}][\w-]*['’]s\s|\b(?:is\s+playing|will\s+play|plays)\s+(?:an?|the)\s"
        rf"|\bplays\s+[{UPPER}][\w-]*['’]s\s"
        r"|\bhas\s+(?:booked\s+)?a\s+(?:guest|recurring)\s|\bin\s+an?\s+(?:[a-z]+\s+){0,2}role\b"
    ),
}
# Each list pattern with its key words and its cheaper test, paired once (as the cast patterns are).
_CAST_LIST_PATTERNS_CHECKED = [
    (pattern, needed, next((check for key, check in _LIST_PRECHECKS.items() if key is pattern), None))
    for pattern, needed in _CAST_LIST_PATTERNS
]

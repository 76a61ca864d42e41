"""Which sentences of an article may speak of the show: a title that opens a sentence (a roundup's heading,
a headline, a subject) or another title the sentence introduces sets the focus for the sentences after it."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from bot.facts.clock import is_city
from bot.facts.documents import Article, Sentence, fold
from bot.facts.names import UPPER
from bot.facts.show_context import (
    INSIDE_OTHER_TITLE,
    OTHER_TITLE_WINDOW,
    TITLE_SEASON,
    ShowContext,
)

_HEADING_TITLE_WORDS = rf"(?:(?:[{UPPER}][\w'’:&-]{{0,40}}+|&|and|of|the|in|on|at|to|for|a|an|with)\s+){{0,7}}[{UPPER}][\w'’&-]{{0,40}}+"
_HEADING = re.compile(
    rf"^(?:\d{{1,2}}[.)]\s+)?[\"“‘']?(?P<title>{_HEADING_TITLE_WORDS})[\"”’']?[,']*"
    rf"(?:(?:\s*,?\s+(?i:season)\s+\w+)?\s*(?:\(|[—–]|\s-\s)|\s*,?\s+(?i:season)\s+\w+\s*$)"
)
_HEADING_LENGTH = 120
_CAPITALS_HEADING = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?[A-Z0-9][A-Z0-9 &'’:!?,.-]{1,80}$")
_SERVICE_AND_DATE = re.compile(
    # ("Streamly, this Friday", "Streamly, new episodes Fridays")
    r"^\s*[A-Z][\w+&'’. ]{1,30},\s+(?:(?:(?:this|next|from|new\s+episodes)\s+)?"
    r"(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?s?\b"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\d{1,2}\s+[A-Z][a-z]+)"
)
_STORY_WORD = re.compile(r"\b[a-z]{3,}\b")
_EPISODE_HEADLINE = re.compile(r"\b(?:recap|episode|finale|review|ep\.?\s*\d)", re.IGNORECASE)
# A quoted title that goes on after a colon ("<Title>: The Challenge") is another title that carries the name.
# A wire dateline: a place in capitals, maybe its state, maybe the agency in brackets, then a dash.
_DATELINE = re.compile(
    r"[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]+){0,3}(?:, [A-Z][A-Za-z.]{1,12})?(?: \([^()]{1,40}\))? ?[—–] ?"
)
# A quoted title: straight single quotes only where they cannot be apostrophes ("FX's ... year's").
_QUOTED_TITLE = re.compile(
    r"(?:^|(?<=[\s(—–-]))(?:[\"“](?P<double>[^\"“”]{1,80}?)[,.]?[\"”]|['‘](?P<single>[^'‘’\"“”]{1,80}?)[,.]?['’](?![a-z]))"
)
_LEAD = 60
# "(Jane Roe)": two or three capitalized words alone in brackets, a person rather than a service or a time.
_PERSON_IN_BRACKETS = re.compile(rf"\((?:[{UPPER}][\w'’.-]+\s+){{1,2}}[{UPPER}][\w'’.-]+\)")
_LIST_NUMBER = re.compile(r"^\s*\d{1,2}[.)]\s*$")


# Short words a title leaves in lower case ("Keeping Up with the Neighbours", "Death in the Garden").
_TITLE_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "nor",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "from",
        "by",
        "into",
        "onto",
        "over",
        "upon",
        "vs",
        "via",
        "as",
        "per",
        "than",
    ]
)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def _reads_as_title(quoted: str) -> bool:
    """Whether quoted words read as a title, not as someone's words ("He's repellent, and I adore him"): a
    title capitalizes every word but the short ones."""
    words = _WORD.findall(quoted)
    return (
        bool(words)
        and words[0][:1].isupper()
        and all(word[:1].isupper() or word.lower() in _TITLE_SMALL_WORDS or len(word) <= 2 for word in words)
    )


def _quoted_titles(text: str) -> list[str]:
    found = []
    for match in _QUOTED_TITLE.finditer(text):
        title = _quoted_text(match)
        if title[:1].isupper() and len(title.split()) <= 10 and _reads_as_title(title):
            found.append(title)
    return found


_SHOUTED_TITLE_SEASON = re.compile(
    r"(?P<title>[A-Z][A-Z'’&:-]*(?:[ \t]+[A-Z][A-Z'’&:-]*){0,4})[ \t]+SEASON[ \t]+\d"
)
_SHOUTED_LINK_WORDS = frozenset(
    [
        "IS",
        "ARE",
        "WAS",
        "WERE",
        "BE",
        "FOR",
        "THE",
        "OF",
        "TO",
        "AND",
        "WITH",
        "IN",
        "ON",
        "AT",
        "BACK",
        "COMING",
        "A",
        "AN",
        "ITS",
        "IT",
        "THIS",
        "THAT",
        "NEW",
        "NEXT",
        "FINAL",
        "LAST",
    ]
)


def _lead_title(
    show: ShowContext, text: str, alone: bool, ours_too: frozenset[str] = frozenset()
) -> bool | None:
    """Whose title opens the sentence (a heading: a short line of its own; or a title within its first
    words): True ours, False another's, None when no title leads it."""
    dateline = _DATELINE.match(text)
    if dateline and not _STORY_WORD.search(text, dateline.end()):
        dateline = (
            None  # "OTHER TITLE (Streamly) — Wednesday, April 8": a roundup's heading, no story after it
        )
    if dateline:
        text = text[dateline.end() :]  # "LONDON (Wire) — <Title> ...": the story starts after the dateline
    heading = _HEADING.match(text) if alone and len(text) < _HEADING_LENGTH else None
    if heading and text[:1] not in "\"“‘'0123456789" and _PERSON_IN_BRACKETS.match(text, heading.end() - 1):
        heading = None  # "Character (Actor) — ...": a cast list's line, not a title's heading
    if heading:
        return show.is_ours(heading.group("title"))
    folded = fold(text[: _LEAD + 40])
    at = [place for title in show.folded_titles if 0 <= (place := folded.find(title)) < _LEAD]
    if at and text.lstrip()[:1] in ('"', "“") and not _quoted_titles(text[: _LEAD + 40]):
        at = []  # someone's words ("I love <Title>, ..."): the title is quoted speech, not the subject
    if at:
        if show.names_title(text[: _LEAD + 40]):
            return True
        if any(INSIDE_OTHER_TITLE.search(folded, max(0, start - OTHER_TITLE_WINDOW), start) for start in at):
            return False  # inside another title that carries it: "Spin-off: A <Title> Story is streaming"
        if show.names_subtitled(text[: _LEAD + 40]):
            return False  # "<Title>: Blood of My Blood, the prequel, ...": another title that carries it
        # else a family name ("Jane <Title> enters ..."): no title leads the sentence
    opening = len(text) - len(text.lstrip(" \t•·*>#-–—0123456789.)"))
    if text[opening : opening + 1] in ("'", '"', "‘", "“"):
        match = _QUOTED_TITLE.match(text, opening)
        title = _quoted_text(match) if match else ""
        spoken = match is not None and not _WORD.search(
            text, match.end()
        )  # '"Praise Kier."': a line of speech
        if title[:1].isupper() and 2 <= len(title.split()) <= 10 and _reads_as_title(title) and not spoken:
            # A quoted title the sentence opens with is its subject; one quoted word is as often an episode.
            return show.is_ours(title) or fold(title) in ours_too
    if "eason" in text[:120]:
        found = TITLE_SEASON.pattern.match(text)
        if found and not show.is_ours(found.group("title")):
            return False
    # "FENWICK ROAD SEASON 2 DROPS THIS FRIDAY": a title in capitals, then its season ("ABBOTT IS COMING BACK FOR
    # SEASON 4" is a sentence, not a title)
    shouted = _SHOUTED_TITLE_SEASON.match(text) if "EASON" in text[:120] else None
    if (
        shouted
        and not set(shouted.group("title").split()) & _SHOUTED_LINK_WORDS
        and not show.is_ours(shouted.group("title").title())
    ):
        return False
    return None


# (one way only to read the white space between words: "[ \t]+ word? [ \t]*" could split a long run of spaces
# in many ways)
_CAPS = r"[A-Z][\w'’:&-]{0,40}+(?:[ \t]++(?:(?:of|the|and|in|&)[ \t]++)?[A-Z][\w'’:&-]{0,40}+){0,5}"
_WORK_NOUN = (
    r"(?:noir|drama|comedy|series|show|thriller|sitcom|miniseries|docuseries|anthology|procedural|adaptation"
    r"|spinoff|spin-off|reboot|mystery|romance|saga|soap|dramedy|whodunit|documentary|film|movie)"
)
# Another title introduced by how the sentence speaks of it, so that what follows is about it: "Also new this
# week is Other Title, a Danish noir", "Other Title, meanwhile, is getting a second season", "try Other Title
# on Streamly", "Meanwhile, in Other Title, ...", "Other Title, which shares a writers' room with it, returns".
_INTRODUCED = re.compile(
    rf"(?P<a>{_CAPS}),\s+(?:a|an)\s+(?:(?!(?:of|from|in|on)\b)[\w'’-]+\s+){{0,3}}{_WORK_NOUN}\b"
    r"(?!['’]|\s+(?:creator|star|lead|writer|director|showrunner|regular|veteran|alum)\b)"
    # "announced that Other Title, the action series starring Jane Roe, will premiere"
    rf"|\bannounced\s+(?:today\s+)?that\s+(?P<g>{_CAPS}),\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){{0,3}}{_WORK_NOUN}\b"
    rf"|^(?P<b>{_CAPS})(?:,[^,]{{0,60}},)?\s+(?:is\s+getting|gets|got|has\s+been\s+renewed\s+for|was\s+renewed\s+for)"
    r"\s+(?:a|its)\s+(?:\w+\s+)?season\b"
    rf"|\b(?:[Tt]ry|[Ww]atch|[Cc]heck\s+out|[Ss]tream)\s+(?P<c>{_CAPS})\s+(?:on|over\s+on)\s+[A-Z]"
    rf"|^(?:[Mm]eanwhile,?\s+)?(?:[Ii]n|[Oo]ver\s+on|[Oo]ver\s+in)\s+(?P<d>{_CAPS}),"
    rf"|^(?P<e>{_CAPS}),\s+which\b[^,]{{0,80}},\s+(?:returns|premieres|debuts|arrives|drops|lands|is\s+back)\b"
    rf"|^(?:[Nn]ext\s+up|[Uu]p\s+next|[Aa]lso\s+new(?:\s+this\s+week)?)\s+is\s+(?P<f>{_CAPS})\b"
)


def _introduced_title(show: ShowContext, text: str) -> str | None:
    """The other title the sentence introduces (see _INTRODUCED), if any: not ours, nor a season, a city or
    the service."""
    if (
        "," not in text
        and "ry " not in text
        and "atch " not in text
        and "tream " not in text
        and " is " not in text
    ):
        return None
    for match in _INTRODUCED.finditer(text):
        title = next(group for group in match.groups() if group)
        first = title.split()[0]
        if show.is_ours(title) or show.names_title(title) or is_city(title) or is_city(first):
            continue
        if first.casefold() in ("season", "part", "episode", "the", "series") or fold(first) == fold(
            show.service
        ):
            continue
        if match.group("d") and len(title.split()) < 2:
            continue  # "In Thailand, ...": a place as often as a title
        return title
    return None


def _other_title_leads(show: ShowContext, headline: str) -> bool:
    """Whether a headline's subject is another title, the show named only after it ("'Other' sets a premiere,
    and yes, the <Title> parallels are noticed") or only as someone's credit ("<Title> Actor Jane Roe Boards
    Other", "'<Title>' Star Jane Roe Joins 'Other'"): such an article is about the other title."""
    folded = fold(headline)
    if len(folded) != len(headline):
        return False
    ours = min(((at, title) for title in show.folded_titles if (at := folded.find(title)) >= 0), default=None)
    quoted = [(match, _quoted_text(match)) for match in _QUOTED_TITLE.finditer(headline)]
    for match, title in quoted:
        if ours is not None and match.start() >= ours[0]:
            break
        if _CREDIT_AFTER_TITLE.match(headline, match.end()):
            continue  # "'Other' Star Jane Roe Joins <Title>": a person's credit, not the subject
        if title[:1].isupper() and _reads_as_title(title) and not show.is_ours(title):
            return True
    if ours is None:
        return False
    end = ours[0] + len(ours[1])
    end += 1 if headline[end : end + 1] in "'’\"”" else 0  # past the closing quote of "'<Title>' Star ..."
    if not _CREDIT_AFTER_TITLE.match(headline, end):
        return False
    # Our show names a person's credit: the story is elsewhere when the person moves or another title follows.
    return _MOVES_ELSEWHERE.search(headline) is not None or any(
        match.start() > end and not show.is_ours(title) for match, title in quoted
    )


def _quoted_text(match: re.Match[str]) -> str:
    """The words between a quoted title's marks."""
    return (match.group("double") or match.group("single") or "").strip()


_MOVES_ELSEWHERE = re.compile(
    r"(?i)\b(?:joins|boards|lands|signs\s+on|cast\s+in|casts|books|nabs|tapped\s+for|set\s+for|to\s+star\s+in"
    r"|to\s+lead|heads\s+to|moves\s+to|jumps\s+to|recruits|taps|enlists|adds)\b"
)
_CREDIT_AFTER_TITLE = re.compile(
    r"(?i)['’]?s?\s*(?:co-?)?(?:star|stars|alum|alumna|alumnus|actor|actress|creator|director|producer|showrunner"
    r"|writer|breakout|veteran|favou?rite|scribe|helmer|exec|boss|vet)\b"
)


def article_focus(show: ShowContext, sentences: Sequence[Sentence], headline: str | None) -> tuple[bool, ...]:
    """show_focus, worked out once per article: the cast and the date extractors read the same article in
    turn (the same sentences object), and the second asks for what the first has just computed."""
    memo = show.remembered_focus
    # (the memo holds the sentences it was computed for: while it does, no other object can take their id)
    if memo and memo[0][0] is sentences and memo[0][1] == headline:
        return memo[0][2]
    focus = show_focus(show, sentences, headline)
    memo[:] = [(sentences, headline, focus)]
    return focus


def show_focus(
    show: ShowContext, sentences: Sequence[Sentence], headline: str | None = None
) -> tuple[bool, ...]:
    """For each sentence, whether it may speak of the show. A title that opens a sentence (a roundup's
    heading, a headline, a subject) sets the focus for the sentences after it until another title opens
    one; a title named further in only marks its own sentence as ours."""
    focus: list[bool] = []
    # An article whose headline names another title and not the show is about that title.
    other_leads = headline is not None and show.names_title(headline) and _other_title_leads(show, headline)
    # "... FOR NEAGLEY, THE <TITLE> SPINOFF": a headline that names the show only in its spinoff's description
    spun_off = (
        headline is not None
        and not show.names_title(headline)
        and (show.names_spinoff(headline) or show.names_subtitled(headline))
    )
    carry = not spun_off and (
        headline is None
        or (show.names_title(headline) and not other_leads)
        or not any(not show.is_ours(title) for title in _quoted_titles(headline))
    )
    # Titles quoted in a recap's or review's headline that names the show are its episodes ("'Show' Recap:
    # 'Episode Title'"); those of a roundup's headline are other shows ("'Show' returns, 'Other' goes back").
    ours_too = frozenset(
        fold(title)
        for title in _quoted_titles(headline or "")
        if show.names_title(headline or "") and _EPISODE_HEADLINE.search(headline or "")
    )
    # A list number ("1.") split off as a sentence of its own does not keep a heading from being alone.
    per_paragraph = Counter(s.paragraph for s in sentences if not _LIST_NUMBER.match(s.text))
    others: list[str] = []  # titles introduced as other works so far
    for index, sentence in enumerate(sentences):
        text = sentence.text
        lead = _lead_title(show, text, per_paragraph[sentence.paragraph] == 1, ours_too)
        if other_leads and headline is not None and text.strip() == headline.strip():
            lead = False  # the headline itself, whose subject is the other title
        elif (
            lead is False
            and headline is not None
            and text.strip() == headline.strip()
            and not _quoted_titles(headline)
            # ("FENWICK ROAD SEASON 2 DROPS THIS FRIDAY" is another title's, by its season)
            and "eason" not in headline
            and "EASON" not in headline
        ):
            lead = (
                None  # "WE ARE SO BACK (S2 fan screening ...)": the page's own headline is no other title's
            )
        if (
            lead is None
            and _CAPITALS_HEADING.match(text)
            and index + 1 < len(sentences)
            and _SERVICE_AND_DATE.match(sentences[index + 1].text)
        ):
            # "THE OTHER TITLE" over "Streamly, Sunday, Feb. 1": a listing's item in capitals, its title alone.
            lead = show.is_ours(text.split(",")[0])
        if lead is None and (introduced := _introduced_title(show, text)) is not None:
            lead = False
            others.append(fold(introduced))
        elif lead is None and others and not show.names_title(text):
            # a title introduced as another work stays one: "Other was ordered to series in 2024"
            folded = fold(text)
            lead = False if any(other in folded for other in others) else None
        if lead is not None:
            carry = lead
            focus.append(lead)
        else:
            focus.append(carry or show.names_title(text))
    return tuple(focus)


# A site's name line that says the site is about a title: "a diplomat fan blog", "an unserious outlander blog".
_FAN_SITE = r"(?:fan\s*)?(?:blog|site|fansite|fan\s+site|podcast|newsletter|forum|community|account|page)\b"
# The lines at the top of a page where a site's name and tagline stand.
_MASTHEAD_LINES = 4


def fan_site_of_the_show(article: Article, show: ShowContext) -> bool:
    """Whether the page's masthead calls it a site about the show ("a reacher fan blog"), its title with or
    without its article."""
    top = [fold(line) for line in article.text.lstrip().splitlines()[:_MASTHEAD_LINES]]
    for title in show.folded_titles:
        bare = title.removeprefix("the ").strip()
        if len(bare) < 3:
            continue
        pattern = re.compile(rf"\b(?:the\s+)?{re.escape(bare)}\s+{_FAN_SITE}")
        if any(len(line) <= 200 and pattern.search(line) for line in top):
            return True
    return False

"""Events (red carpets, world premieres, fan screenings) with venue and city, and the ticket sales for them."""

from __future__ import annotations

import itertools
import re

from bot.facts.calendar import (
    ResolvedDate,
    TimeMention,
    find_cities,
    find_cities_in_lower_case,
    find_dates,
    find_times,
    is_city,
)
from bot.facts.dated_mentions import (
    DatedFindings,
    DatedMention,
    hedged,
    resolved_dates,
    stated,
    time_for,
)
from bot.facts.documents import Article, Sentence
from bot.facts.names import UPPER
from bot.facts.show_context import ShowContext

EVENT = re.compile(
    r"\b(?:event|panel|screenings?|q&a|premiere\s+party|red\s+carpet|fan\s+fest(?:ival)?|convention"
    r"|meet[- ]and[- ]greet|exhibition|fan\s+experience|world\s+premiere|watch\s+party|premiere\s+party"
    r"|takes?\s+the\s+stage)\b"
    # "the season two premiere at the Grand Palace Theatre", "the Los Angeles premiere, held at ...": a premiere
    # (the noun) somewhere with a venue's name is a gathering, not a release.
    r"|\bpremiere\b(?!s)(?:[^.;]|\.(?=\s\d)){0,60}?\bat\s+(?:the\s+)?[\w'’&.-]+(?:\s+[\w'’&.-]+){0,4}\s+"
    r"(?:theatre|theater|cinema|centre|center|hall|ballroom|museum|arena|stadium|auditorium|playhouse|opera\s+house"
    r"|hotel|gardens?)\b",
)
# An awards ceremony named right before the event word: its red carpet, its panel, not the show's own.
_AWARDS_BEFORE = re.compile(
    r"\b(?:emmys?|golden\s+globes?|globes|oscars?|baftas?|sag|critics\s+choice|peabody|awards?|gotham|tonys?"
    r"|grammys?|upfronts?)(?:['’]s?)?\s+(?:[\w'’-]+\s+){0,1}$"
)
_AWARDS_AFTER = re.compile(
    r"\s+(?:at|of|for|before)\s+(?:the\s+)?(?:\d{2,4}\s+|\w+\s+)?(?:emmys?|golden\s+globes?|globes|oscars?|baftas?|sag"
    r"|critics\s+choice|peabody|tonys?|grammys?|[\w'’]+\s+awards?)\b"
)
TICKETS = re.compile(r"\btickets?\b|\bon[- ]sale\b|\bpre-?sales?\b")
_ON_SALE_NOW = re.compile(
    r"\b(?:now|already)\s+on[- ]sale\b|\bon[- ]sale\s+now\b|\bnow\s+available\b", re.IGNORECASE
)
_VENUE = re.compile(
    rf"\b(?:at|outside|inside)\s+(?P<venue>(?:[Tt]he\s+)?[{UPPER}][\w'’&.-]*(?:\s+(?:(?:of|the|&|and|de|du|des|la|le|del|di)\s+)?[{UPPER}][\w'’&.-]*)*)"
)
_AREA = re.compile(
    rf"\bin\s+(?P<area>(?:(?:midtown|downtown|uptown|central|north|south|east|west|northern|southern|lower|upper)\s+)?"
    rf"[{UPPER}][\w'’.-]*(?:\s+[{UPPER}][\w'’.-]*)*)"
)
# Each "production" of a clause reads to the clause's end: led by that reading, one per clause is tried.
_AUDIENCE_WORDS = re.compile(
    r"\b(?:members?|public|subscribers?|fans?|holders?|cardholders?|circles?|presale|pre-sale|customers)\b",
    re.IGNORECASE,
)
_AUDIENCE_TO = re.compile(
    r"\bto\s+(?:the\s+)?(?P<audience>.+?)(?=\s+(?:on|starting|beginning|from|at)\b|[.;]?\s*$)"
)
_AUDIENCE_FOR = re.compile(r"\b[Ff]or\s+(?:the\s+)?(?P<audience>[^,;]+),\s+(?:\w+\s+){0,2}tickets\b")
_AUDIENCE_PRESALE = re.compile(r"\b(?:the\s+)?(?P<audience>[\w'’ -]{3,60}?)\s+pre-?sale\b", re.IGNORECASE)


# Where one gathering of a sentence ends and the next begins: "a European premiere at A in Paris on Feb. 25,
# followed by the Los Angeles premiere at B on March 2".
_GATHERING_NOUN = re.compile(
    r"\b(?:premiere|screenings?|red\s+carpet|panel|q&a|watch\s+party|fan\s+(?:event|fest(?:ival)?)|convention)\b"
)


_PHRASE_WORD = re.compile(rf"(?:the|a|an|its|official|special|[{UPPER}][\w'’.-]*)")


def _phrase_start(text: str, position: int) -> int:
    """Where the noun phrase ending at position begins: back over its article and capitalised words (a few
    at most: the walk is bounded, however long a run of capitals)."""
    start = position
    for _ in range(8):
        before = text.rfind(" ", 0, max(0, start - 1))
        word = text[before + 1 : start].strip()
        if not word or not _PHRASE_WORD.fullmatch(word):
            break
        start = before + 1
    return start


_MOST_GATHERINGS = 6


# A name that ends in an abbreviation keeps its full stop: "Cinema St.", "Hall No.", "Inc.".
_ABBREVIATED_END = re.compile(r"(?:\b[A-Z][a-z]?|\bNo|\bInc|\bLtd|\bCo)\.$")


def events(article: Article, index: int, show: ShowContext, findings: DatedFindings) -> list[DatedMention]:
    """The events a sentence dates: one per gathering when each has its own date and place, else the one."""
    text = article.sentences[index].text
    lowered = text.lower()
    # Each cut moved back to the start of its noun phrase: "the official Los Angeles premiere".
    cuts = [
        _phrase_start(text, match.start())
        for match in itertools.islice(_GATHERING_NOUN.finditer(lowered), _MOST_GATHERINGS + 1)
    ]
    # A few gatherings per sentence at most: each piece is read over the whole sentence, so more would cost the
    # square of its length (a longer list is read as one event, as before).
    if 2 <= len(cuts) <= _MOST_GATHERINGS:
        dated = {mention.start for mention in find_dates(text)}
        # A piece runs from one gathering word to the next that has a date after it: "a fan screening and red
        # carpet in Sydney on Nov. 24" is one gathering.
        bounds = [0]
        for cut in cuts[1:]:
            if any(bounds[-1] <= start < cut for start in dated) and bounds[-1] < cut:
                bounds.append(cut)
        pieces = list(itertools.pairwise([*bounds, len(text)]))
        if len(pieces) >= 2:
            found = [event(article, index, show, findings, lo, hi) for lo, hi in pieces]
            if all(one is not None for one in found) and len({one.start for one in found if one}) == len(
                found
            ):
                return [one for one in found if one is not None]
    one = event(article, index, show, findings)
    return [one] if one is not None else []


def event(
    article: Article,
    index: int,
    show: ShowContext,
    findings: DatedFindings,
    lo: int = 0,
    hi: int | None = None,
) -> DatedMention | None:
    """The event a sentence (or its piece text[lo:hi]) dates, with its venue, city and time."""
    sentence = article.sentences[index]
    text = sentence.text
    hi = len(text) if hi is None else hi
    dates = [
        pair
        for pair in resolved_dates(article, sentence, show, findings, exact_only=True)
        if not hedged(text, pair[0]) and lo <= pair[0].start < hi
    ]
    venue_match = _VENUE.search(text, lo, hi)
    masked = show.mask_titles(text)
    if venue_match is not None:
        # "the Paris Theater in New York": a city in the venue's name is not where it stands
        begin, end = venue_match.span("venue")
        masked = masked[:begin] + " " * (end - begin) + masked[end:]
    city = next(iter(find_cities(masked[lo:hi])), None)
    if city is None and article.small_starts:
        city = next(iter(find_cities_in_lower_case(masked[lo:hi])), None)  # "in toronto on tuesday june 3rd"
    if not dates or (venue_match is None and city is None):
        return None
    keyword = EVENT.search(text.lower(), lo, hi) or _GATHERING_NOUN.search(text.lower(), lo, hi)
    if keyword is not None and (
        _AWARDS_BEFORE.search(text.lower(), max(0, keyword.start() - 30), keyword.start())
        or _AWARDS_AFTER.match(text.lower(), keyword.end())
    ):
        return (
            None  # "on the Emmys red carpet", "the red carpet at the Emmys": an awards ceremony's, not ours
        )
    after_keyword = [pair for pair in dates if keyword is not None and pair[0].start >= keyword.start()]
    same_clause = [
        pair for pair in after_keyword if ";" not in text[keyword.end() if keyword else 0 : pair[0].start]
    ]
    mention, value = (same_clause or dates)[0]
    venue = venue_match.group("venue") if venue_match else None
    if venue is not None and venue.endswith(".") and not _ABBREVIATED_END.search(venue):
        venue = venue[:-1]  # "at the Riverside Cinema." ends the sentence, not the name ("St." would)
    if venue is not None and is_city(venue):
        venue = None
    area = None
    for match in _AREA.finditer(masked, venue_match.end() if venue_match else lo, hi):
        candidate = text[match.start("area") : match.end("area")]
        if not is_city(candidate) and (city is None or city.name not in candidate):
            area = candidate
            break
    title = _event_title(article, index, show)
    if title is None:
        if venue is not None:
            title = f"{show.config.show.title} at {venue}"
        elif city is not None:
            title = f"{show.config.show.title} in {city.name}"
        else:
            return None
    times = find_times(text)
    time = time_for(times, mention.start, mention.end, hi) or (
        _time_next(article, index) if hi == len(text) else None
    )
    place = ", ".join(part for part in (venue, area, city.name if city else None) if part)
    return stated(
        "event",
        value,
        article,
        sentence,
        mention,
        time=time,
        timezone=(time.timezone if time and time.timezone else (city.timezone if city else None)),
        title=title,
        place=place or None,
        venue=venue,
        city=city.name if city else None,
    )


_EVENING = re.compile(
    r"\b(?:evening|event|night|doors|carpet|screening|festivities|party|ceremony)\b", re.IGNORECASE
)


def _time_next(article: Article, index: int) -> TimeMention | None:
    """ "The night opens at 6 p.m. CET": the time the next sentence of the paragraph gives the event."""
    if index + 1 >= len(article.sentences):
        return None
    following = article.sentences[index + 1]
    if following.paragraph != article.sentences[index].paragraph or find_dates(following.text):
        return None
    if _EVENING.search(following.text) is None:
        return None
    times = find_times(following.text)
    return times[0] if times else None


def _event_title(article: Article, index: int, show: ShowContext) -> str | None:
    """A quoted title near the event sentence that names the show ("<Show>: A Night With the Cast")."""
    nearby = list(article.sentences[index : index + 4]) + list(
        reversed(article.sentences[max(0, index - 2) : index])
    )
    for sentence in nearby:
        for title in show.quoted_titles(sentence.text):
            if show.names_title(title) and len(title) > len(show.config.show.title) + 3:
                return title
    return None


def _audience(clause: str) -> str | None:
    for pattern in (_AUDIENCE_FOR, _AUDIENCE_TO, _AUDIENCE_PRESALE):
        match = pattern.search(clause)
        if match is None:
            continue
        audience = match.group("audience").strip(" ,.;")
        audience = re.sub(r",\s+and\s+", " and ", audience)
        audience = re.sub(r"^(?:the|all)\s+", "", audience)
        if _AUDIENCE_WORDS.search(audience) and len(audience) <= 120:
            return audience
    return None


# Words that say tickets change hands: "go on sale", "presale", "will be released", "available from".
_SELLING = re.compile(
    r"\bon[- ]sale\b|\bpre-?sales?\b|\bavailable\b|\b(?:be\s+)?released\b|\b(?:go(?:es)?|went|going)\s+live\b|\bopens?\b",
    re.IGNORECASE,
)


_PHASES = re.compile(
    r";|,\s+(?:and|while|then|with)\s+(?=(?:the|a|an|general|public|fan|member)\b)", re.IGNORECASE
)


def ticket_sales(
    article: Article,
    sentence: Sentence,
    show: ShowContext,
    events: list[DatedMention],
    event_named: bool,
    findings: DatedFindings,
) -> None:
    """The ticket sales a sentence dates ("Tickets go on sale Friday at 10 a.m. CT"), each clause its own,
    for the last event the article dated (or named: a screening, a premiere party)."""
    if not events and not event_named:
        return  # tickets to what? without an event in the article there is nothing to attach them to
    event = events[-1] if events else None
    if _SELLING.search(sentence.text) is None:
        return
    text = sentence.text
    # Each sale phase its own clause: "A fan presale begins Thursday at 10 a.m., and the general on-sale
    # follows Friday at noon."
    cuts = [0, *(match.end() for match in _PHASES.finditer(text)), len(text) + 1]
    for clause_start, clause_end in itertools.pairwise(cuts):
        clause = text[clause_start : max(clause_start, clause_end - 1)]
        lowered = clause.lower()
        if (
            len(cuts) > 2
            and EVENT.search(lowered)
            and not TICKETS.search(lowered)
            and not _SELLING.search(clause)
        ):
            continue  # the event's own clause ("... will host a screening on Feb. 12"): it sells nothing
        audience = _audience(clause)
        clause_sentence = Sentence(clause, sentence.start + clause_start, sentence.paragraph)
        # "Tickets for the March 20 screening go on sale Friday": of several days, the event's is not the sale's.
        dates = resolved_dates(article, clause_sentence, show, findings, exact_only=True)
        if len(dates) > 1 and event is not None:
            dates = [pair for pair in dates if pair[1].date != event.resolved.date]
        if dates and hedged(clause, dates[0][0]):
            continue  # "Tickets are rumoured to go on sale Friday"
        if dates:
            mention, value = dates[0]
            start, end = clause_sentence.start + mention.start, clause_sentence.start + mention.end
            time = time_for(find_times(clause), mention.start, mention.end, len(clause))
            already = False
        elif audience is not None and _ON_SALE_NOW.search(clause) and article.publication_date is not None:
            value = ResolvedDate(article.publication_date, "day")
            start, end = clause_sentence.start, clause_sentence.start + len(clause)
            time, already = None, True
        else:
            continue
        zone = time.timezone if time and time.timezone else (event.timezone if event else None)
        findings.mentions.append(
            DatedMention(
                "ticket_sale",
                value,
                article,
                sentence,
                start,
                end,
                time=time,
                timezone=zone if time else None,
                title=event.title if event else None,
                place=event.place if event else None,
                venue=event.venue if event else None,
                city=event.city if event else None,
                audience=audience,
                on_sale_already=already,
            )
        )


# A line of a list of gatherings, led by its city: "- NEW YORK: Tuesday, October 14 at 7 p.m. ET at the Paris Theater".
_CITY_LINE = re.compile(r"\s*(?:[-•*·–]\s*)?(?P<city>[A-Za-z][A-Za-z .'’-]{1,30}?):\s")
# The list's introduction is at most this many sentences before the line.
_LIST_INTRO_REACH = 3


# A gathering the sentence before named, dated here: "... a FAN SCREENING in New York!! It's happening Wednesday".
_IT_HAPPENS = re.compile(
    r"\s*It(?:['’]s|\s+is|\s+will\s+be)?\s+(?:happening|taking\s+place|takes\s+place|will\s+take\s+place|happens"
    r"|set\s+for|scheduled\s+for)\b"
)


def listed_gathering(article: Article, index: int, show: ShowContext) -> bool:
    """Whether a sentence is a city's line in a list of gatherings the sentences just before announce ("two fan
    screenings of the first episode:"), or dates the gathering the sentence before named ("It's happening
    Wednesday, Jan. 15 at the Paris Theater")."""
    text = article.sentences[index].text
    if _IT_HAPPENS.match(text):
        # the sentence before names the gathering and the show ("an official <Title> S2 FAN SCREENING"), not
        # another title's ("The Other Title cast screening was announced")
        before = article.sentences[index - 1].text if index > 0 else ""
        return EVENT.search(before.lower()) is not None and show.names_title(before)
    line = _CITY_LINE.match(text)
    if line is None or not is_city(line.group("city").strip().title()):
        return False
    return any(
        EVENT.search(article.sentences[before].text.lower())
        for before in range(max(0, index - _LIST_INTRO_REACH), index)
    )

"""Finding dated facts in an article: premieres (with parts), production starts, renewals, events, ticket sales."""

from __future__ import annotations

import re

from bot.facts.calendar import (
    DateMention,
    ResolvedDate,
    might_hold_a_date,
    resolve,
)
from bot.facts.clauses import Trigger, clause_of, clause_starts, find_triggers, governing
from bot.facts.dated_mentions import (
    DatedFindings,
    DatedMention,
    clause_text,
    hedged,
    resolved_dates,
    seasons_of_clause,
    stated,
)
from bot.facts.documents import Article
from bot.facts.focus import article_focus
from bot.facts.gatherings import EVENT, TICKETS, event, listed_gathering, ticket_sales
from bot.facts.gatherings import events as events_of
from bot.facts.listings import listing_premiere
from bot.facts.premieres import (
    SEASON_WORDS,
    add_premieres,
    carry_part,
    is_first_release,
    names_abroad,
    names_another_title,
    part_before,
    time_from_next,
)
from bot.facts.renewals import renewal_seasons, renews_another
from bot.facts.scanning import Led
from bot.facts.seasons import (
    FINAL_REFERENCE,
    Numbered,
    final_season,
    in_backdrop,
    parts_in,
    recent_seasons,
    season_in_discourse,
    seasons_named,
)
from bot.facts.show_context import ShowContext

__all__ = ["DatedFindings", "DatedMention", "find_dated_mentions"]

_PRODUCTION = re.compile(
    r"\b(?:begins?|began|begun|starts?|started|starting|kick(?:s|ed)?\s+off|commenc(?:es|ed))\s+"
    r"(?:production|filming|shooting)\b"
    r"|\b(?:production|filming|shooting)\s+(?:(?:on|for|of)\s+(?:the\s+)?(?:\w+\s+){1,3}?)?(?:(?:has|had|have)\s+)?"
    r"(?:officially\s+)?(?:begins?|began|begun|starts?|started|kicked\s+off|commenced|got\s+underway"
    r"|gets\s+underway|gotten\s+underway|is\s+underway)\b",
    re.IGNORECASE,
)
_PLACE_AFTER_VERB = Led(
    r"\b(?:production|filming|shooting)\b[^.;]*?\bin\s+(?P<place>[^;]+)",
    r"\b(?:production|filming|shooting)\b[^.;]*",
    re.IGNORECASE,
)

# An opening phrase that sets a place for the whole sentence: "In Britain, ...", "For viewers in Ireland, ...".
_FRAMED_ABROAD = re.compile(r"(?:in|for|across|outside)\s[^,;:]{2,40}?[,:]")


def find_dated_mentions(article: Article, show: ShowContext) -> DatedFindings:
    """Every dated fact the article states about the show."""
    findings = DatedFindings()
    events: list[DatedMention] = []
    article_season = _article_season(article, show)
    focus = article_focus(show, article.sentences, article.headline)
    # The first sentence that names a season, found once: before it, an unnamed premiere is the first season.
    first_season_sentence = next(
        (index for index, sentence in enumerate(article.sentences) if seasons_named(sentence.text)),
        len(article.sentences),
    )
    event_named = False  # an event word (a screening, a red carpet) seen so far: tickets may be for it
    final = final_season(article.sentences)
    for index, sentence in enumerate(article.sentences):
        text = sentence.text
        event_named = event_named or (focus[index] and EVENT.search(text.lower()) is not None)
        if not focus[index] or text.rstrip().endswith("?"):
            continue  # about another title, or a question: nothing is stated
        if not might_hold_a_date(text) and "sale" not in text:
            continue
        if show.names_other_title(text):
            continue
        lowered = text.lower()  # the classifying patterns are lower-case: faster than IGNORECASE
        if listing_premiere(article, index, show, article_season, first_season_sentence, findings):
            continue  # "3. 'Title,' Season 4 (Streamly) — Wednesday, June 25": a listing's date
        if TICKETS.search(lowered):
            # "... will host a screening at the Orpheum on Feb. 12, and tickets go on sale Dec. 18": the event
            # first, when its date comes before any word of tickets.
            if (
                EVENT.search(lowered)
                and (found := event(article, index, show, findings)) is not None
                and TICKETS.search(lowered, 0, found.start - sentence.start) is None
            ):
                events.append(found)
                findings.mentions.append(found)
            ticket_sales(article, sentence, show, events, event_named, findings)
        else:
            gathered = (
                events_of(article, index, show, findings)
                if EVENT.search(lowered) or listed_gathering(article, index, show)
                else []
            )
            events.extend(gathered)
            findings.mentions.extend(gathered)
            # The other dates of an event's sentence ("..., and Part 2 follows March 14") still go to their verbs.
            _governed(
                article,
                index,
                show,
                article_season,
                first_season_sentence,
                frozenset(found.start - sentence.start for found in gathered),
                findings,
                final,
            )
    return findings


def _article_season(article: Article, show: ShowContext) -> int | None:
    """The season an article is about: the one season its headline (a title line near the top naming the
    show) names."""
    for sentence in article.sentences[:12]:
        if len(sentence.text) <= 160 and show.names_title(sentence.text):
            named = seasons_named(sentence.text)
            numbers = {numbered.number for numbered in named}
            if len(numbers) > 1:
                # "Starts Season 3 Shoot in Cork, With Season 4 Next": the one season of the clause
                # that names one first.
                starts = clause_starts(sentence.text.lower())
                first = clause_of(starts, named[0].start)
                numbers = {
                    numbered.number for numbered in named if clause_of(starts, numbered.start) == first
                }
            if named:
                return numbers.pop() if len(numbers) == 1 else None
    return None


def _governed(
    article: Article,
    index: int,
    show: ShowContext,
    article_season: int | None,
    first_season_sentence: int,
    event_dates: frozenset[int],
    findings: DatedFindings,
    final: int | None = None,
) -> None:
    """Premieres, production starts and renewals: each date goes to the verb of its own clause (`final`: the
    season the article says is the last, for "the final season")."""
    sentence = article.sentences[index]
    text = sentence.text
    lowered = text.lower()
    triggers = find_triggers(lowered)
    if not triggers and "part" not in lowered:
        return
    if _NO_SUCH_SEASON.search(lowered):
        return  # "season 100 premieres ...": no show has that season; the sentence is a joke or an attack
    starts = clause_starts(lowered)
    dates = [
        pair for pair in resolved_dates(article, sentence, show, findings) if pair[0].start not in event_dates
    ]
    if not dates:
        return
    named = seasons_named(text)
    if final is not None and ("final" in lowered or "last" in lowered):
        # "The final season started shooting ...": the season the article numbers as the last.
        finals = [Numbered(final, found.start(), found.end()) for found in FINAL_REFERENCE.finditer(text)]
        named = tuple(sorted([*named, *finals], key=lambda numbered: numbered.start))
    # "... some months after season two came out": a season in a clause of what came before is the backdrop, not
    # the season the sentence is about.
    own = {numbered.number for numbered in named if not in_backdrop(lowered, starts, numbered.start)}
    discourse = season_in_discourse(article.sentences, index, article_season)
    in_focus = own.pop() if len(own) == 1 else discourse
    # "... will be back for both", "filming on both seasons began": the two seasons named just before.
    both = recent_seasons(article.sentences, index, 2) if not named and _BOTH.search(lowered) else []
    # "The final season premieres ...", "<Title> returns ...": with no number known, no season can be named,
    # and the show's first release it is not.
    not_first = _NOT_FIRST.search(lowered) is not None
    no_season_yet = in_focus is None and first_season_sentence >= index and not not_first
    # A renewal's season: the discourse's, else the one season the sentence names ("renewed the series in May,
    # and in October confirmed that the fourth season would be the last").
    # A renewal's season: the discourse's, else the one season the sentence names, unless that season's own clause
    # releases it ("renewed it in May, and the third season premieres in June" says nothing of which was ordered).
    renewal_focus = discourse
    if discourse is None and isinstance(in_focus, int):
        at = next(n.start for n in named if n.number == in_focus)
        released = any(
            t.kind == "premiere" and clause_of(starts, t.start) == clause_of(starts, at) for t in triggers
        )
        renewal_focus = None if released else in_focus
    announced: list[tuple[DateMention, ResolvedDate]] = []
    renewal_dated: set[int] = set()
    premieres: list[tuple[DateMention, ResolvedDate, Trigger]] = []
    for mention, value in dates:
        if hedged(text, mention):
            continue
        trigger = governing(triggers, starts, mention.start, mention.end)
        if trigger is None and mention.start <= 3 and mention.form in _LEADING_DAY_FORMS:
            # "This morning at the festival in Cork, ... Ines Varga said the show is renewed": a day that
            # opens the sentence is the day of its main verb.
            trigger = next((later for later in triggers if later.start >= mention.end), None)
        if trigger is None:
            if part_before(text, starts, mention) is not None:
                premieres.append((mention, value, Trigger("premiere", mention.start, mention.start, "")))
            continue
        clause_seasons = seasons_of_clause(named, starts, mention.start)
        if trigger.kind == "announce":
            # ("announced in January 2023 that the eighth season would be the last": a month dates it too)
            if mention.form in ("weekday", "relative_day") or value.precision in ("day", "month"):
                past = (
                    resolve(mention, article.publication_date, "past") if mention.form == "weekday" else value
                )
                if past is not None:
                    announced.append((mention, past))
        elif trigger.kind == "renewal":
            renewal_dated.add(trigger.start)
            if _NEGATED.search(lowered, max(0, trigger.start - 24), trigger.start):
                continue  # "was not renewed", "declined to renew": no renewal
            if renews_another(text, trigger, show):
                continue  # "renewed Other Title for a fourth season", "Other Title was first renewed on ..."
            if (
                mention.year is None
                and (past := resolve(mention, article.publication_date, "past")) is not None
            ):
                value = (
                    past  # "Picked up for a fourth season in January, it returns ...": a renewal is behind us
                )
            if not named and _renewed_that_day(findings, value):
                continue  # "Wednesday's order also follows ...": the renewal already dated, told again
            for renewed in renewal_seasons(
                text, starts, trigger, named, both or renewal_focus, no_season_yet
            ):
                findings.mentions.append(stated("renewal", value, article, sentence, mention, season=renewed))
        elif (
            trigger.kind == "production"
            and _FILMED.search(trigger.word)
            and not _STARTING.search(lowered, max(0, mention.start - 14), mention.start)
        ):
            continue  # "was shot in 2030": when it was shot, not when shooting began
        elif trigger.kind == "production":
            if _of_another_title(text, starts, mention.start, show):
                continue  # "the Other Title team, whose sophomore run starts filming in January"
            season: int | None = clause_seasons[0] if len(clause_seasons) == 1 else None
            if season is None and not clause_seasons:
                season = in_focus if in_focus is not None else (1 if no_season_yet else None)
                if _NEW_SEASON.search(clause_text(lowered, starts, mention.start)) and isinstance(
                    discourse, int
                ):
                    # "wrapped the second season last May, and production on the new season begins ...": the
                    # new season is the one the article is about, not the other clause's
                    season = discourse
            for produced in both or ([season] if season is not None else []):
                findings.mentions.append(
                    stated(
                        "production_start",
                        value,
                        article,
                        sentence,
                        mention,
                        season=produced,
                        place=_production_place(text, dates),
                    )
                )
        elif trigger.kind == "premiere":
            if lowered.endswith("since ", 0, mention.start) or mention.relative == "since":
                continue  # "waiting since January 2023": how long something has lasted, not a release
            if (
                _SECOND_WINDOW.search(lowered, max(0, trigger.start - 16), trigger.start)
                and "stream" in lowered
            ):
                continue  # "streams Friday, ahead of its on-air debut Sunday": the home release is the stream
            premieres.append((mention, value, trigger))
    if announced:
        for trigger in triggers:
            if (
                trigger.kind == "renewal"
                and trigger.start not in renewal_dated
                and not _NEGATED.search(lowered, max(0, trigger.start - 24), trigger.start)
                # "renewed it on May 20, and in October confirmed the fourth season would be the last": the
                # renewal is dated already; the last season's news restates it
                and not (renewal_dated and _FINAL_SEASON_NEWS.search(trigger.word))
            ):
                # The announcement nearest before the renewal it carries, else the first one.
                earlier = [pair for pair in announced if pair[0].start < trigger.start]
                mention, value = earlier[-1] if earlier else announced[0]
                if not named and _renewed_that_day(findings, value):
                    break  # the renewal already dated, told again without its season
                for season in renewal_seasons(
                    text, starts, trigger, named, both or renewal_focus, no_season_yet
                ):
                    findings.mentions.append(
                        stated("renewal", value, article, sentence, mention, season=season)
                    )
                # The sentence's later renewal words restate this one ("renewed it for a fourth season, ...
                # another early pickup even though the third season has not aired").
                break
    about_show = show.refers_to_show(text) or named or parts_in(text, False) or SEASON_WORDS.search(lowered)
    if premieres and names_abroad(lowered, show):
        # "...; in Norway, it lands on March 21": a clause that dates a release abroad gives no home premiere.
        abroad: dict[int, bool] = {}
        framed = _FRAMED_ABROAD.match(lowered)
        if framed and names_abroad(framed.group(0), show):
            premieres = []  # "In Britain, ...: BBC Two will air it from 5 May": the opening frames every clause
        for mention, _, _ in premieres:
            clause = clause_of(starts, mention.start)
            if clause not in abroad:
                abroad[clause] = names_abroad(clause_text(lowered, starts, mention.start), show)
        premieres = [premiere for premiere in premieres if not abroad[clause_of(starts, premiere[0].start)]]
    if premieres and about_show and (show.names_title(text) or not names_another_title(text, show)):
        first_release = not not_first and is_first_release(text, lowered, show, named)
        add_premieres(
            article,
            sentence,
            starts,
            premieres,
            named,
            in_focus,
            no_season_yet,
            first_release,
            show,
            findings,
        )
        if len(premieres) == 1 and not named and not parts_in(text, False):
            carry_part(article, index, findings)
        time_from_next(article, index, findings)


# Renewal words that announce a last season rather than order one ("would be the show's last").
_FINAL_SEASON_NEWS = re.compile(r"\b(?:last|final|close\s+out|end|conclude|wrap)\b")


def _renewed_that_day(findings: DatedFindings, value: ResolvedDate) -> bool:
    """Whether the article has already dated a renewal on this day (a later sentence that names no season
    restates it: "Wednesday's order also follows ...")."""
    return any(
        found.kind == "renewal"
        and found.resolved.date == value.date
        and found.resolved.precision == value.precision
        for found in findings.mentions
    )


_NO_SUCH_SEASON = re.compile(r"\b(?:season|series)\s+(?:\d{3,}|[4-9]\d)\b")
_NEGATED = re.compile(
    r"\b(?:not|never|n['’]t|declined\s+to|refused\s+to|won['’]t|no\s+plans\s+to)\s+(?:be\s+|been\s+)?$"
)
# A later window of the same release: "its on-air debut", "the linear premiere".
_SECOND_WINDOW = re.compile(r"\b(?:on-air|linear|broadcast|cable|terrestrial)\s+$")
_NOT_FIRST = re.compile(
    r"\b(?:final|last|new|next|latest|upcoming|another|returning)\s+(?:season|series|run|chapter|installment|batch)\b"
    r"|\breturn(?:s|ing|ed)?\b|\bcom(?:es|ing)\s+back\b|\b(?:is|are)\s+back\b"
)
_LEADING_DAY_FORMS = frozenset({"relative_day", "weekday", "relative"})
_BOTH = re.compile(r"\b(?:for|on|of)\s+both\b(?!\s+(?:sides|ends|coasts|fronts|counts))|\bboth\s+seasons\b")
_FILMED = re.compile(r"shot|filmed")
_STARTING = re.compile(r"\b(?:from|starting|beginning|since)\s+(?:in\s+|on\s+)?$")


_NEW_SEASON = re.compile(
    r"\b(?:the|its|a)\s+(?:new|next|upcoming|coming|latest)\s+(?:season|series|batch|run)\b"
)
# A relative clause about a title other than ours: ", whose" / ", which" after "the Other Title team".
_OTHERS_RELATIVE = re.compile(r"[A-Z][\w'’-]*\s+[A-Z][\w'’-]*(?:\s+[a-z]+)?,?\s*$")


def _of_another_title(text: str, starts: tuple[int, ...], position: int, show: ShowContext) -> bool:
    """Whether a position is in a relative clause (", whose ...", ", which ...") about a capitalised name
    that is not the show ("the Other Title team, whose sophomore run starts filming")."""
    clause = starts[clause_of(starts, position)]
    relative = max(_RELATIVE.finditer(text, clause, position), key=lambda found: found.start(), default=None)
    if relative is None:
        return False
    before = text[max(0, relative.start() - 40) : relative.start()]
    return _OTHERS_RELATIVE.search(before) is not None and not show.names_title(before)


_RELATIVE = re.compile(r",\s*(?:whose|which)\b")


def _production_place(text: str, dates: list[tuple[DateMention, ResolvedDate]]) -> str | None:
    place = None
    verb = _PRODUCTION.search(text)
    after = _PLACE_AFTER_VERB.search(text, verb.start() if verb else 0)
    if after is not None:
        raw = after.group("place")
        first_date = min((m.start for m, _ in dates if m.start >= after.start("place")), default=None)
        if first_date is not None:
            raw = text[after.start("place") : first_date]
        raw = re.sub(r"\b(?:today|tomorrow|yesterday|on|this|next|from|starting)\W*$", "", raw.strip(" ,.;"))
        raw = raw.strip(" ,.;")
        if raw[:1].isupper() and len(raw) <= 100:
            place = raw
    return place

"""Finding cast and crew mentions in an article's sentences, in the forms journalists write them (the crew's
forms in crew_credits.py)."""

from __future__ import annotations

import itertools
import re

from bot.facts.cast_list_patterns import (
    _ATTRIBUTED,
    _CAST_CUE,
    _CAST_INCLUDES,
    _CAST_LIST_PATTERNS_CHECKED,
    _JOINED_AGAIN,
    _LIST_HEADLINES,
    _NAMED_AS_CAST,
    _SHOW_STAR,
    _STARS_LIST,
)
from bot.facts.cast_lists import read_cast_list
from bot.facts.cast_patterns import (
    _ACTORS_CHARACTER,
    _BARE_AS,
    _BOTH_PLAY,
    _CAST_KEYS,
    _CAST_PATTERNS_CHECKED,
    _COPULA,
    _COPULA_RELATIVE,
    _HEDGED_BEFORE,
    _JOINING,
    _JOINING_WORD,
    _LISTS_AS,
    _MAKER_BEFORE,
    _MAKER_WORDS,
    _NOT_CAST_BEFORE,
    _PAIR,
    _ROLE_VERB_AFTER,
    _SEASON_SUBJECT,
)
from bot.facts.credit_context import (
    A_WORK_AS_MODEL,
    ASKS,
    CREW_BEFORE,
    CREW_WORDS,
    DESCRIBED_AFTER,
    IN_ANOTHERS_PLACE,
    NOT_THE_CAST_BEFORE,
    RETURNS_WITH,
    ROLE_SLOT_BEFORE,
    NamedRoles,
    WordCounts,
    bare_as_is_credit,
    followed_by_other_title,
    loosely_named,
    named_again,
    other_work_at,
    owned_character_alone,
    returning_person_before,
    words_on,
)
from bot.facts.credit_mentions import (
    CastMention,
    CreditMentions,
    CrewMention,
    Evidence,
    PairMention,
    evidence_of,
)
from bot.facts.crew_credits import crew_in
from bot.facts.documents import Article, Sentence, fold
from bot.facts.focus import article_focus, fan_site_of_the_show
from bot.facts.names import (
    STOPWORDS,
    NameSpan,
    clean,
    names_in,
)
from bot.facts.scanning import ends_with
from bot.facts.seasons import headline_season, season_in_focus
from bot.facts.show_context import ShowContext
from bot.facts.small_letter_cast import small_letter_cast


def find_credit_mentions(article: Article, show: ShowContext) -> CreditMentions:
    """Every cast pair, cast credit and crew credit the article's sentences state."""
    found = CreditMentions([], [], [])
    headline = headline_season(article.sentences)
    focus = article_focus(show, article.sentences, article.headline)
    words, roles = WordCounts(article.text), NamedRoles(article.text)
    # Where "Jane Roe's Lottie" may stand alone: an article about the show alone, or a paragraph naming it (in
    # a roundup, another item's "Ann Vale's Nell" is that show's).
    # (a masthead or a "Grade: A-" line about nothing does not make it a roundup: most of its sentences are ours)
    alone = (
        (article.headline is not None and show.names_title(article.headline))
        or fan_site_of_the_show(article, show)
    ) and sum(focus) >= _MOSTLY_OURS * len(focus)
    naming = set() if alone else {s.paragraph for s in article.sentences if show.names_title(s.text)}
    for index, sentence in enumerate(article.sentences):
        if not focus[index]:
            continue  # a sentence about another title: its people are not this show's
        joins = None
        lowered = sentence.text.lower()
        if ("join" in lowered or "new" in lowered) and _JOINING.search(sentence.text):
            joins = season_in_focus(article.sentences, index) or headline
        stated = len(found.cast)
        _cast_in(article, sentence, show, found, joins, words, roles, alone or sentence.paragraph in naming)
        if ASKS.search(sentence.text):
            # "Will Jane Roe return as Lottie?" asks; "Can Emily win over Sylvie (Jane Roe)?" still names her
            del found.cast[stated:]
        crew_in(article, sentence, show, found)
    found.cast.extend(small_letter_cast(article, show, focus))
    return found


def _cast_in(
    article: Article,
    sentence: Sentence,
    show: ShowContext,
    found: CreditMentions,
    joins_season: int | None,
    words: WordCounts,
    roles: NamedRoles,
    owner_alone: bool,
) -> None:
    """The sentence's cast mentions. `owner_alone` says whether a character said once ("Jane Roe's Lottie")
    may stand on its owner's name alone here; elsewhere the owner must be in the cast."""
    text = sentence.text
    first = len(found.cast)  # this sentence's mentions start here
    possessives: int | None = None  # how many "Actor's Character" the sentence holds (up to 2), when asked
    present = {word for word in _CAST_KEYS if word in text}
    pairs = list(_PAIR.finditer(text)) if "(" in text else []
    for match in pairs:
        if ends_with(_NOT_CAST_BEFORE, text, match.start(), ":"):
            continue  # "Photographer John Doe (Getty)": a credit line, not a cast credit
        if _ROLE_VERB_AFTER.match(text, match.end()):
            continue  # "Roe (Other Title) plays Jane Doe": the brackets hold her credits, the verb her role
        if ROLE_SLOT_BEFORE.search(text, max(0, match.start() - 12), match.start()):
            continue  # "Jane Roe as Lottie (Lottie Fenn)": the brackets name the character again
        outer = NameSpan(
            clean(match.group("outer")),
            sentence.start + match.start("outer"),
            sentence.start + match.end("outer"),
        )
        inner = NameSpan(
            clean(match.group("inner")),
            sentence.start + match.start("inner"),
            sentence.start + match.end("inner"),
        )
        found.pairs.append(
            PairMention(outer, inner, evidence_of(article, sentence, match), listed=len(pairs) >= 2)
        )
    seen: set[tuple[int, int]] = set()
    # A sentence that speaks of another work ("on Showtime's Other Title"): its pairs need the actor known.
    elsewhere = " on " in text or " in " in text or " from " in text
    other_at = other_work_at(text, show) if elsewhere else len(text)
    if "tar" in text and (film := _FILM_STARS.search(text)) is not None:
        other_at = min(other_at, film.start())  # "The film stars Jane Roe as Lottie": another work's cast
    for match in _LISTS_AS.finditer(text) if _LISTS_GATE.search(text) else ():
        actors, characters = names_in(match.group("actors")), names_in(match.group("characters"))
        before = text[max(0, match.start("actors") - 60) : match.start("actors")].rstrip()
        if (
            before
            and before[-1].isalpha()
            and not before.split()[-1].islower()
            and before.split()[-1] not in STOPWORDS
        ):
            continue  # the list began earlier, inside a name
        actors = actors[max(0, len(actors) - len(characters)) :]  # "In Title, A and B ...": the list's tail
        if len(actors) >= 2 and len(actors) == len(characters):
            for actor, character in zip(actors, characters, strict=True):
                seen.add((match.start("actors") + actor.start, match.start("characters") + character.start))
                seen.add((match.start("actors") + actor.start, -1))
                found.cast.append(
                    CastMention(
                        actor.text,
                        character.text,
                        evidence_of(article, sentence, match),
                        match.start("actors") > other_at,
                        joins_season,
                    )
                )
    # "A as B" alone may be anything ("Paris as Backdrop"); in a cast list, a bulleted line or a sentence
    # of several such pairs it is a credit.
    listed_as = " as " in text and (
        _CAST_CUE.search(text) is not None
        or sum(1 for _ in itertools.islice(_BARE_AS.finditer(text), 2)) >= 2
    )
    # Each pattern runs only where its key words are: the name patterns are costly on every capital letter.
    for pattern, needs_known, needed, precheck in _CAST_PATTERNS_CHECKED:
        if present.isdisjoint(needed):
            continue
        if precheck is not None and precheck.search(text) is None:
            continue
        if pattern is _BARE_AS and listed_as:
            needs_known = False
        for match in pattern.finditer(text):
            span = (match.start("actor"), match.start("character"))
            if (
                span in seen
                or (match.start("actor"), -1) in seen
                or followed_by_other_title(text, match.end(), show)
            ):
                continue
            seen.add(span)
            known_needed = needs_known
            # "Segel's Jimmy", "Jane Roe's Lottie" said once: only an actor already in the cast makes it a role
            cast_owner_needed = False
            if (
                pattern in (_COPULA, _COPULA_RELATIVE, _ACTORS_CHARACTER)
                and len(clean(match.group("actor")).split()) < 2
            ):
                # "Varga is Lottie Fenn, a diver", "Varga's Lottie": the surname of an actor named before
                known_needed = cast_owner_needed = True
            if pattern is _BARE_AS and known_needed and bare_as_is_credit(text, match, show):
                known_needed = False
            if (
                pattern is not _BOTH_PLAY
                and _LISTED_BEFORE.search(text[max(0, match.start("actor") - 40) : match.start("actor")])
                and _LISTED_AFTER.match(text, match.end("character"))
            ):
                continue  # "A and B return as C and D": two lists paired in order, read as such or not at all
            if _INDEFINITE_BEFORE.search(
                text, max(0, match.start("character") - 50), match.start("character")
            ) and (_LOWER_AFTER.match(text, match.end("character"))):
                continue  # "is playing a Seraphite leader": a capitalised adjective, the role unnamed
            if _HEDGED_BEFORE.search(text, max(0, match.start("actor") - 12), match.start("actor")):
                continue  # "Whether Jane Roe returns as Lottie is an open question": not a credit
            if _NAME_AS_MODIFIER.search(text, max(0, match.start("actor") - 40), match.start("actor")):
                continue  # "rounds out the core Harbour House team as Lottie": a name inside a noun phrase
            if IN_ANOTHERS_PLACE.search(text, max(0, match.start("actor") - 24), match.start("actor")):
                continue  # "the favourite to succeed Jane Roe as Lottie": her role elsewhere, not here
            if pattern is _ACTORS_CHARACTER and _PRODUCED_BEFORE.search(
                text, max(0, match.start("actor") - 160), match.start("actor")
            ):
                continue  # "produced by Media Res, alongside Jane Roe's Hello Sunshine": her company, no role
            if pattern is _ACTORS_CHARACTER and possessives is None:
                possessives = sum(1 for _ in itertools.islice(_ACTORS_CHARACTER.finditer(text), 2))
            if pattern is _ACTORS_CHARACTER and (
                fold(clean(match.group("character"))) in show.folded_titles
                or _A_WORK_DESCRIBED.match(text, match.end()) is not None
                or A_WORK_AS_MODEL.match(text, match.end()) is not None
            ):
                continue  # "Jane Roe's <Title> returns", "Jane Roe's Salt Road, a 2019 film,": her work, no role
            if pattern is _ACTORS_CHARACTER and (
                DESCRIBED_AFTER.match(text, match.end()) is not None or (possessives or 0) >= 2
            ):
                pass  # "Jane Roe's Lottie Fenn, the new head of ...", "A's B and C's D": characters, described
            elif (pattern is _ACTORS_CHARACTER or match.start("actor") > other_at) and not named_again(
                words, match.group("character")
            ):
                # A character is named again in the article; "Jane Roe's Big Prize" is not, nor a role in the
                # other work the sentence names ("a film in which Jane Roe played his wife, Lottie").
                if pattern is not _ACTORS_CHARACTER or match.start("actor") > other_at:
                    continue
                # said once: a person's name owning a person-like name, or else an owner already in the cast
                cast_owner_needed = (
                    cast_owner_needed
                    or not owner_alone
                    or not owned_character_alone(
                        clean(match.group("actor")), clean(match.group("character")), roles, show, words
                    )
                )
            if pattern is _ACTORS_CHARACTER:
                # "Jane Roe's Lottie gets ...": an actor's character, unless the owner is the book's author or
                # another maker ("novelist Jane Roe's Lottie").
                before = text[max(0, match.start() - 12) : match.start()].rstrip()
                last = before.rsplit(None, 1)[-1] if before else ""
                subject = (
                    not before
                    or before.endswith((",", ";", ":", "—", "–", "•", "*", "·", "-"))
                    or _JOINING_WORD.search(before) is not None
                    # "when Jane Roe's Lottie ...": a clause's subject ("who dressed Jane Roe's Lottie" may be
                    # another work's role)
                    or last.lower() in _CLAUSE_OPENERS
                )
                maker = (
                    _MAKER_BEFORE.search(text, max(0, match.start() - 30), match.start()) is not None
                    or match.group("actor").split()[0].lower() in _MAKER_WORDS
                )
                known_needed = not subject or maker or cast_owner_needed
            found.cast.append(
                CastMention(
                    clean(match.group("actor")),
                    clean(match.group("character")),
                    evidence_of(article, sentence, match),
                    known_needed or match.start("actor") > other_at,
                    joins_season,
                )
            )
            if "previous" in match.re.groupindex and match.group("previous"):
                found.cast.append(
                    CastMention(
                        clean(match.group("previous")),
                        clean(match.group("character")),
                        evidence_of(article, sentence, match),
                        known_needed or match.start("actor") > other_at,
                        joins_season,
                    )
                )
            if pattern is _BOTH_PLAY:
                found.cast.append(
                    CastMention(
                        clean(match.group("actor2")),
                        clean(match.group("character2")),
                        evidence_of(article, sentence, match),
                        needs_known,
                        joins_season,
                    )
                )
    for list_pattern, needed, list_check in _CAST_LIST_PATTERNS_CHECKED:
        if present.isdisjoint(needed):
            continue
        if list_check is not None and list_check.search(text) is None:
            continue
        for match in list_pattern.finditer(text):
            if list_pattern is _STARS_LIST and match.start() >= other_at:
                continue  # "The film stars Jane Roe and Ann Vale": another work's cast
            if (
                list_pattern is _STARS_LIST
                and not show.refers_to_show(text[max(0, match.start() - 200) : match.start()])
                and _SEASON_SUBJECT.search(text, max(0, match.start() - 30), match.start()) is None
            ):
                continue  # "Other Show star Jane Roe": a star of something else ("Season two stars ..." is ours)
            if (
                list_pattern is _NAMED_AS_CAST
                and _OWNED_CAST.search(text, max(0, match.start() - 60), match.start() + 16)
                and not show.names_title_between(text, max(0, match.start() - 60), match.start())
            ):
                continue  # "Other Title cast members Jane Roe and Ann Vale visited the set": another title's cast
            if (
                list_pattern is _NAMED_AS_CAST
                and RETURNS_WITH.match(text, match.start())
                and (
                    not returning_person_before(text, match.start(), show)
                    or text.startswith(("'s", "’s"), match.end("list"))
                )
            ):
                continue  # "The series returns alongside Other Title": a schedule, not a cast coming back
            stop = words_on(text, match.end(), 4) if list_pattern is _LIST_HEADLINES else 0
            if list_pattern is _LIST_HEADLINES and not (
                show.names_title_between(text, match.end(), stop)
                or show.generic_reference.search(text, match.end(), stop) is not None
            ):
                continue  # "... will lead the charge", "... star in a film": not this show
            group = next(
                (
                    name
                    for name in (
                        "guests",
                        "among",
                        "returning",
                        "guest",
                        "members",
                        "back",
                        "added",
                        "also",
                        "part",
                    )
                    if name in match.re.groupindex and match.group(name)
                ),
                "list",
            )
            if group == "members" and NOT_THE_CAST_BEFORE.search(
                text, max(0, match.start() - 40), match.start()
            ):
                continue  # "Its writers' room, an ensemble that includes ...", "produced by an ensemble that ..."
            first_word = match.group(group).split()[0].lower().rstrip("s")
            if first_word in CREW_WORDS or (
                loosely_named(list_pattern, group, match)
                and CREW_BEFORE.search(text, max(0, match.start(group) - 30), match.start(group))
            ):
                continue  # "Creator Jane Roe is back", "Writers A and B round out ...": behind the camera
            if list_pattern in _LISTS_AT_END:
                # The list read item by item: labels, asides, roles and a tail after "with" are its own.
                items = read_cast_list(text, match.start(group))
                end = items[-1].end if items else match.end(group)
                named = [(item.actor, item.character) for item in items]
            else:
                end = match.end(group)
                named = [
                    (name.text, None)
                    for name in names_in(match.group(group), match.start(group))
                    # ("composer Jane Roe and editor Ann Vale round things out": their jobs, no roles)
                    if not CREW_BEFORE.search(text, max(0, name.start - 30), name.start)
                ]
            if named and _ATTRIBUTED.match(text, end):
                named = named[:-1]  # the outlet that reports it, not a cast member
            for member, role in named:
                found.cast.append(
                    CastMention(
                        member,
                        role,
                        evidence_of(article, sentence, match),
                        match.start() > other_at,
                        joins_season,
                    )
                )
    if "alongside" in text:
        _alongside(article, sentence, found, first, other_at, joins_season)


# A work other than a series as the subject of "stars": "The film stars ...", "the 2019 movie starring ...".
_FILM_STARS = re.compile(
    r"\b(?:film|movie|documentary|biopic|play|musical|feature|novel|album|video\s+game|podcast|commercial)"
    r"['’]?s?\s*(?:,\s*(?:which|that)\s+)?(?:also\s+)?(?:stars|starred|starring|co-stars|co-starring)\b",
    re.IGNORECASE,
)
# "the core <Name> team": a determiner and plain words before a name make it part of a noun phrase (unless
# they are a person's description: "the actress Jane Roe").
_NAME_AS_MODIFIER = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?:[a-z][\w'’-]*\s+)?(?!(?:actor|actress|star|newcomer|comedian|singer|rapper"
    r"|veteran|performer|model|musician|by|of|in|on|at|to|for|from|with|as|and|or)\s)[a-z][\w'’-]*\s+$"
)
# The share of an article's sentences about the show above which it is about the show alone (roundups where
# it is one item measure 0.74 at most; articles about it with a masthead and a sidebar, 0.81 and up).
_MOSTLY_OURS = 0.8
# Words that open a clause whose subject follows: "when Jane Roe's Lottie finally ...".
# (with sentence adverbs before a subject: "Meanwhile Jane Roe's Lottie accepts ..."; not "with": "compare Emily
# with Jane Roe's Carrie" is another work's)
_CLAUSE_OPENERS = frozenset(
    ["when", "whenever", "where", "because", "since", "though", "although", "until", "once", "if", "so", "then",
     "now", "still", "also", "even", "yet", "meanwhile", "finally", "here", "later", "eventually", "instead",
     "elsewhere", "sadly", "happily", "luckily", "thankfully", "predictably", "naturally", "ultimately",
     "including"]
)  # fmt: skip
# "is playing a Seraphite leader", "plays a fellow patient Paul befriends": after "a" and its words, a
# capitalised word that a lower-case word follows is an adjective or another clause's subject, not the role.
# Words of a production credit before "A's B": the owner's company follows, not her character.
_PRODUCED_BEFORE = re.compile(
    r"\b(?:produced|co-produced|producers?|production\s+compan(?:y|ies)|banners?|shingles?)\b[^.;]*$",
    re.IGNORECASE,
)
_INDEFINITE_BEFORE = re.compile(r"\b(?:a|an)\s+(?:[a-z][\w'’-]*\s+){0,3}$")
_LOWER_AFTER = re.compile(
    r"\s+(?!(?:who|whose|that|which|and|or|in|on|at|for|with|from|to|as|is|was|opposite|alongside|named|called)\b)[a-z]"
)
_LISTS_GATE = re.compile(r" as | play | portray | voice ")
# ", a 2019 film,", ", a thriller,": what a person's title is, not a character.
_A_WORK_DESCRIBED = re.compile(
    r",\s+(?:a|an|the|her|his|their)\s+(?:\d{4}\s+)?(?:[a-z-]+\s+){0,2}(?:film|movie|thriller|drama|comedy|series"
    r"|show|novel|book|play|musical|documentary|album|podcast|miniseries|sitcom)\b"
)
_OWNED_CAST = re.compile(r"[A-Z][\w'’]*\s+(?:[Ff]ellow\s+)?[Cc]ast\s+members?\b")
# "A and B return as C and D": a name and "and" before the actor, with no role of its own ("A as C and B as D"
# is two credits), and "and" and a name after the character.
_LISTED_BEFORE = re.compile(r"^(?:(?!\bas\b).)*[A-Z][\w.'’-]*\s+(?:and|&)\s+$")
_LISTED_AFTER = re.compile(r"\s+(?:and|&)\s+[A-Z]")
_LISTS_AT_END = (_STARS_LIST, _CAST_INCLUDES, _NAMED_AS_CAST, _JOINED_AGAIN, _SHOW_STAR)
_ALONGSIDE = re.compile(r"\balongside\s+")
_ADJACENT = re.compile(r"[\s,;—–-]*(?:and\s+)?")
_ANOTHER_WORK_AFTER = re.compile(r"\s+(?:in|on|for|at|from)\b")


def _alongside(
    article: Article,
    sentence: Sentence,
    found: CreditMentions,
    first: int,
    other_at: int,
    joins_season: int | None,
) -> None:
    """ "Jane Roe returns as Lottie, alongside A, B and C": after a credit of the sentence, the people
    alongside are the cast too (without one, "alongside" is as often a film's co-star)."""
    text = sentence.text
    credited = [
        mention.evidence.end - sentence.start
        for mention in found.cast[first:]
        if mention.character is not None and not mention.needs_known_actor
    ]
    if not credited:
        return
    for cue in _ALONGSIDE.finditer(text):
        # Right after the credit ("returns as Lottie, alongside ..."): not in a clause of its own ("who
        # patrols the docks alongside ...") nor a career's ("starred alongside ... in the film").
        if cue.start() > other_at or not any(_ADJACENT.fullmatch(text, end, cue.start()) for end in credited):
            continue
        items = read_cast_list(text, cue.end())
        if items and _ANOTHER_WORK_AFTER.match(text, items[-1].end):
            continue
        for item in items:
            found.cast.append(
                CastMention(
                    item.actor,
                    item.character,
                    Evidence(article, sentence, sentence.start + cue.start(), sentence.start + item.end),
                    False,
                    joins_season,
                )
            )


__all__ = ["CastMention", "CreditMentions", "CrewMention", "Evidence", "PairMention", "find_credit_mentions"]

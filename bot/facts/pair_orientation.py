"""Reading "A (B)" as actor (character) or character (actor): the names' own cues, then the sentence's, then
the article's habit."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from bot.facts.credits import CastMention, PairMention
from bot.facts.documents import Article, fold
from bot.facts.identity import Registry, name_key
from bot.facts.names import CHARACTER_TITLES, tokens
from bot.facts.resolver_base import ArticleFindings, ResolverBase
from bot.facts.seed_files import ShowConfig

_WORDS = re.compile(r"[\w'’-]+")


class PairOrientation(ResolverBase):
    """Turns the articles' "A (B)" pairs into cast mentions, each the right way round or not at all."""

    def __init__(self, config: ShowConfig, findings: list[ArticleFindings]) -> None:
        super().__init__(config, findings)
        # Characters credited in plain words: a name in brackets that is one of them is not the actor.
        self._known_characters: set[tuple[str, ...]] = set()
        # Each article's words and adjacent pairs, counted once however many pairs ask (a search per pair would
        # be quadratic).
        self._pairs: dict[str, tuple[Counter[str], Counter[str]]] = {}

    def _named_twice(self, name: str, pair: PairMention) -> bool:
        """Whether the article writes a name (its first word, for a longer one) at least twice."""
        article = pair.evidence.article
        words = _WORDS.findall(name)
        return bool(words) and self._word_pairs(article)[0][words[0]] >= 2

    def _orient_pairs(
        self, people: Registry, known_actors: set[int], direct: list[CastMention]
    ) -> list[CastMention]:
        """Read each "A (B)" as actor (character) or character (actor), as the article's own habit shows."""
        result: list[CastMention] = []
        by_article: dict[str, list[PairMention]] = defaultdict(list)
        for found in self.findings:
            by_article[found.article.file].extend(found.credits.pairs)
        # The order a sentence's plain credits are written in ("A (B), C (D) and E as F all return"): +1 actor
        # first, -1 character first ("F, played by E"), summed per sentence.
        order: dict[tuple[str, int], int] = defaultdict(int)
        for mention in direct:
            if mention.character is None:
                continue
            evidence = mention.evidence
            said = evidence.article.text[evidence.start : evidence.end]
            actor_at, character_at = said.find(mention.actor), said.find(mention.character)
            if actor_at >= 0 and character_at >= 0:
                order[(evidence.article.file, evidence.sentence.start)] += (
                    1 if actor_at < character_at else -1
                )

        def actor_side(pair: PairMention) -> int:
            outer, inner = people.find(pair.outer.text), people.find(pair.inner.text)
            outer_known = outer is not None and id(outer) in known_actors
            inner_known = inner is not None and id(inner) in known_actors
            if outer_known != inner_known:
                return 1 if outer_known else -1
            outer_role, inner_role = (
                self._reads_as_character(pair.outer.text),
                self._reads_as_character(pair.inner.text),
            )
            if outer_role != inner_role:
                return -1 if outer_role else 1
            outer_words, inner_words = len(tokens(pair.outer.text)), len(tokens(pair.inner.text))
            if outer_words >= 2 and inner_words == 1:
                return 1
            if outer_words == 1 and inner_words >= 2:
                return -1
            # A middle name is an actor's habit, seldom a character's: "Jane Anne Roe (Lottie Fenn)" (a particle
            # is not one: "Lottie de Fenn").
            outer_names = sum(1 for word in tokens(pair.outer.text) if word[:1].isupper())
            inner_names = sum(1 for word in tokens(pair.inner.text) if word[:1].isupper())
            if (outer_names, inner_names) in ((3, 2), (2, 3)):
                return 1 if outer_names == 3 else -1
            # "Paul (Ford)": a surname of someone the article names in full is the actor's.
            outer_surname, inner_surname = (
                surname_of_someone(people, pair.outer.text),
                surname_of_someone(people, pair.inner.text),
            )
            if outer_surname != inner_surname:
                return 1 if outer_surname else -1
            if _described_as_a_role(pair):
                return (
                    -1
                )  # "fashion heir Marcello Muratori (Eugenio Franceschini)": a role's noun, then its name
            return self._referred_to(pair)

        first_names = {key[:1] for key in self._known_characters}
        # The characters each actor is given in plain words, per article: "A (Zero Day) ... A will recur as
        # Nell" makes the brackets A's earlier title.
        played: dict[tuple[str, int], set[str]] = defaultdict(set)
        for mention in direct:
            person = people.find(mention.actor)
            if mention.character is not None and person is not None:
                played[(mention.evidence.article.file, id(person))].update(tokens(fold(mention.character)))
        for file, pairs in by_article.items():
            usable = [
                p for p in pairs if self._character_name(p.outer.text) and self._character_name(p.inner.text)
            ]
            sides = {id(pair): actor_side(pair) for pair in usable}
            # A list's pairs ("Returning are A (B), C (D)") and the story's ("She is B (A)") follow habits of
            # their own: a review's cast list may be written one way and its prose the other.
            habit = sum(sides.values())
            lone_habit = sum(sides[id(pair)] for pair in usable if not pair.listed)
            # Where a pair tells nothing, the sentence tells: its other pairs, else its plain credits.
            in_sentence: dict[int, int] = defaultdict(int)
            listed: dict[int, int] = defaultdict(int)
            for pair in usable:
                in_sentence[pair.evidence.sentence.start] += sides[id(pair)]
                listed[pair.evidence.sentence.start] += 1
            titles_in_brackets = {
                pair.evidence.sentence.start
                for pair in usable
                if self._another_role(pair, sides[id(pair)], people, played)
            }
            for pair in usable:
                side = sides[id(pair)]
                if side == 0:
                    # Plain credits tell only a list's pairs ("A (B), C (D) and E as F"), not a pair in a
                    # clause of their own ("A returns as B, whose kiss with C (D) ...").
                    at = pair.evidence.sentence.start
                    written = in_sentence[at] or (order.get((file, at), 0) if listed[at] >= 2 else 0)
                    side = (written > 0) - (written < 0)
                outer, inner = people.find(pair.outer.text), people.find(pair.inner.text)
                if (outer and id(outer) in known_actors) or (inner and id(inner) in known_actors):
                    # The known actor decides, but one word in brackets after an actor is as often her earlier
                    # work ("Jane Roe (Tidewater), who ..."): such a character is named again, or known.
                    if (
                        not pair.listed
                        and outer is not None
                        and id(outer) in known_actors
                        and len(tokens(pair.inner.text)) == 1
                        and not self._named_twice(pair.inner.text, pair)
                        and name_key(pair.inner.text)[:1] not in first_names
                    ):
                        continue
                elif (outer is not None or inner is not None) and side == 0:
                    continue  # a crew member or someone else named beside a word in brackets
                elif not pair.listed and not self._lone_pair_is_credit(pair, side, lone_habit, len(usable)):
                    continue  # a lone "A (B)" naming nobody known: too little to call it a credit
                if side * habit < 0 and abs(habit) >= 2:
                    continue  # against the article's own habit: "Jane Roe (Other Title)"
                usual = habit if pair.listed else lone_habit
                side = side or (1 if usual > 0 else -1 if usual < 0 else 0)
                if side == 0 and _CASTING_WORDS.search(pair.evidence.sentence.text):
                    side = 1  # "A (B) and C (D) round out the regulars": a casting list puts the actor first
                if side == 0:
                    self.warn_of(
                        "warning.actor_or_character", file, pair=f"{pair.outer.text} ({pair.inner.text})"
                    )
                    continue
                actor, character = (pair.outer, pair.inner) if side > 0 else (pair.inner, pair.outer)
                if not self._person_name(actor.text):
                    continue
                if pair.evidence.sentence.start in titles_in_brackets:
                    continue  # the sentence's brackets hold the actors' earlier titles
                result.append(CastMention(actor.text, character.text, pair.evidence))
        return result

    def _another_role(
        self, pair: PairMention, side: int, people: Registry, played: dict[tuple[str, int], set[str]]
    ) -> bool:
        """Whether the pair's actor is given another character in plain words in the same article ("A (Zero Day)
        ... A will recur as Nell"): then the brackets hold the actor's earlier title, and so do the others of
        the sentence, written the same way."""
        for actor, character in ((pair.outer, pair.inner), (pair.inner, pair.outer)):
            person = people.find(actor.text)
            roles = played.get((pair.evidence.article.file, id(person))) if person is not None else None
            if (
                roles
                and roles.isdisjoint(tokens(fold(character.text)))
                and (side >= 0) == (actor is pair.outer)
            ):
                return True
        return False

    def _referred_to(self, pair: PairMention) -> int:
        """How the article refers back to each side: a story calls a character by the first name ("Sophie
        slips away"), seldom an actor (surnames tell nothing: a spy is "Lamb", an actor "Oldman"). +1 when
        that says the outer name is the actor, -1 the inner one, 0 when it says nothing or both."""
        outer, inner = tokens(pair.outer.text), tokens(pair.inner.text)
        if len(outer) < 2 or len(inner) < 2:
            return 0
        words, in_names = self._word_pairs(pair.evidence.article)

        def alone(name: list[str]) -> bool:
            # The first name written somewhere with no capitalised word beside it: it stands on its own ("Sophie
            # slips away"), not inside another name ("Lord John Grey" is no sign that "John Bell" is a character).
            return words[name[0]] > in_names[name[0]]

        return alone(inner) - alone(outer)

    def _word_pairs(self, article: Article) -> tuple[Counter[str], Counter[str]]:
        """The article's words, and how often each is written beside a capitalised word (inside a longer
        name), counted once per article."""
        if article.file not in self._pairs:
            found = _WORDS.findall(article.text)
            capital = [word[:1].isupper() for word in found]
            in_names: Counter[str] = Counter()
            for index, word in enumerate(found):
                if (index and capital[index - 1]) or (index + 1 < len(found) and capital[index + 1]):
                    in_names[word] += 1
            self._pairs[article.file] = (Counter(found), in_names)
        return self._pairs[article.file]

    def _reads_as_character(self, name: str) -> bool:
        """A name only a character bears: a rank or office before it ("Lady Danbury", "Queen Charlotte",
        "Detective Roe"), a character already credited, or the show's own title as its family name."""
        words = tokens(name)
        if len(words) >= 2 and words[0].rstrip(".").lower() in CHARACTER_TITLES:
            return True
        if name_key(name) in self._known_characters:
            return True
        return len(words) >= 2 and fold(words[-1]) in self.show.folded_titles

    def _lone_pair_is_credit(self, pair: PairMention, side: int, habit: int, pairs: int) -> bool:
        """A lone "A (B)" is a credit when the article writes several such pairs one way and this one agrees,
        or when its one-word side (the character) is named again elsewhere in the article: a character
        recurs in the text, another show's title in brackets does not."""
        if pairs >= 2 and side * habit >= 0 and habit != 0:
            return True
        if (
            side < 0
            and min(len(tokens(pair.outer.text)), len(tokens(pair.inner.text))) >= 2
            and _described_as_a_role(pair)
        ):
            return True  # "dating fashion heir Marcello Muratori (Eugenio Franceschini)": the role's noun vouches
        if side == 0:
            return False
        if side < 0 and len(tokens(pair.outer.text)) == 1 and len(tokens(pair.inner.text)) >= 2:
            if fold(pair.outer.text) in {fold(word) for word in tokens(pair.inner.text)}:
                return False  # "Tobin (Tobin Ashe)", "Quill (Mara Quill)": one person, named twice
            # "a teenager named Ellie (Bella Roe)": a first name, then a full one in brackets. The other way
            # round ("Jane Roe (Tidewater)") is as often an actor's earlier work.
            return pair.outer.text.casefold() != self.show.service.casefold()
        return self._named_twice(pair.inner.text if side > 0 else pair.outer.text, pair)


# The word right before a name: a lower-case noun that is no verb, link word or label of a performer.
_WORD_BEFORE = re.compile(r"(?:^|[\s(])([a-z][a-z'’-]{2,20})\s+$")
_NOT_A_ROLE_NOUN = frozenset(
    ["and", "or", "nor", "with", "the", "a", "an", "of", "by", "to", "for", "in", "on", "at", "from", "as", "plus", "like", "alongside", "opposite", "including", "includes", "include", "featuring", "features", "feature", "starring", "stars", "star", "joins", "join", "joined", "joining", "cast", "actor", "actress", "newcomer", "winner", "nominee", "alum", "alumna", "alumnus", "veteran", "comedian", "singer", "rapper", "host", "player", "performer", "favourite", "favorite", "is", "was", "are", "were", "be", "been", "also", "then", "that", "who", "whom", "when", "while", "where", "but", "so", "yet", "meet", "meets", "says", "said", "told", "tells", "directed", "written", "created", "produced", "playing", "plays", "played", "than", "about", "into", "onto", "over", "under", "after", "before", "during", "between", "among", "against", "without", "within", "via", "per", "its", "their", "his", "her", "our", "your", "my", "this", "these", "those", "both", "all", "each", "every", "some", "any", "other", "another", "such", "only", "even", "just", "still", "now", "again", "back", "out", "up", "down", "off", "see", "sees", "saw", "watch", "watches", "watched"]
)  # fmt: skip


# A sentence that lists the cast as such: there the convention is "Actor (Character)". (Not "returns", "joins" or
# "plays": a story writes "Lady Gullwing (Jane Roe) returns", "a maid, Mara Vell (Jane Roe), joins the house".)
_CASTING_WORDS = re.compile(
    r"\b(?:cast|casts|casting|starring|ensemble|returning\s+(?:stars|players|faces|cast)|newcomers?"
    r"|recurring|regulars?|line-?up|series\s+regulars?)\b",
    re.IGNORECASE,
)


def _described_as_a_role(pair: PairMention) -> bool:
    """Whether the outer name follows a lower-case noun describing a role ("network president Winnie Landell
    (Helen Hunt)"), as a character's name does; a performer's label ("Emmy winner Jane Roe") does not."""
    text = pair.evidence.article.text
    found = _WORD_BEFORE.search(text, max(0, pair.outer.start - 24), pair.outer.start)
    if found is None:
        return False
    word = found.group(1)
    return word not in _NOT_A_ROLE_NOUN and not word.endswith(("ing", "ed", "ly"))


def surname_of_someone(people: Registry, name: str) -> bool:
    """Whether one word is the last name of a person the article names in full ("Ford" of "Jane Ford")."""
    if len(tokens(name)) != 1:
        return False
    person = people.find(name)
    return (
        person is not None and len(tokens(person.name)) >= 2 and fold(tokens(person.name)[-1]) == fold(name)
    )

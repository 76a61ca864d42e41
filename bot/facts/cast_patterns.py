"""The constructions journalists write cast credits in, one pattern each and named for what it reads; the
cheap tests that gate the costly ones (the crew's are in crew_patterns.py). Used by credits.py."""

from __future__ import annotations

import re

from bot.facts.cast_list_patterns import _CAST_LIST_PATTERNS
from bot.facts.names import (
    NAME,
    NAME_LIST,
    UPPER,
)
from bot.facts.scanning import Led

_NOT_POSSESSIVE = r"(?!['’]s\b)"
_CAST_VERB = (
    r"(?:stars?|starred|starring|co-stars?|co-starred|co-starring|returns?|returned|returning|is\s+back|comes\s+back|came\s+back"
    r"|joins|joined|joining"
    r"|reprises\s+(?:her|his|their)\s+role|reprising\s+(?:her|his|their)\s+role|appears?|appeared"
    r"|joins\s+the\s+cast|joined\s+the\s+cast|joining\s+the\s+cast|(?:is|was|has\s+been)\s+cast"
    r"|plays?|played|portrays?|portrayed|reappears?|reappeared|turns?\s+up|turned\s+up|shows?\s+up|showed\s+up)"
)
_PAIR = Led(rf"(?P<outer>{NAME})\s*\((?P<inner>{NAME})\)", NAME)
_JOINING = re.compile(
    r"\b(?:join(?:s|ed|ing)?\s+the\s+cast|newcomers?|new\s+cast\s+members?)\b", re.IGNORECASE
)
_NOT_CAST_BEFORE = re.compile(
    # ("Vice President Nell Vane (Wren Ilori)" is a character's office)
    r"\b(?:photographer|journalist|reporter|editor|critic|ceo|(?<!vice\s)president|host|correspondent|author|spokesperson"
    r"|(?<!led\s)(?<!headed\s)(?<!fronted\s)(?<!anchored\s)by|credit|courtesy|via)\s*:?\s*$",
    re.IGNORECASE,
)
# Words that may stand between a verb and the character: "plays the banker Alfie", "plays her best friend
# Lottie Fenn", "plays Corwin's American boss Hettie Vance"; never a preposition ("plays it cool with Lottie").
# A capitalized adjective is not the character: "plays Corwin's American boss Hettie Vance".
# The whole name: the engine may not give back its last words to pass the tests after it ("North Korean
# defector Kang Sae-byeok" is not the character "North").
_WHOLE = rf"(?![ \t\xa0]+[{UPPER}])"
_NOT_ADJECTIVE = (
    r"(?!\s+(?!(?:opposite|alongside|with|and|in|on|for|at|to|from|the|a|an|who|as|is|was|will)\b)[a-z][\w'’-]*\s+"
    rf"[{UPPER}])"
)
# A lower-case word, or an acronym before one ("MI5 deputy chief", "NYPD detective").
_DESCRIPTOR_WORD = (
    r"(?:(?!(?:in|on|with|for|at|to|from|by|of|and|or|opposite|alongside|against|into|as|who|whose|which|whom|was|is|ever|while"
    r"|but|then|though|when|where|if)(?![\w'’-]))[a-z][\w'’-]*|[A-Z][A-Z0-9]{1,4}(?=\s+[a-z])|[\"“‘][a-z][\w'’-]*[\"”’])"
)
# Capitalised words describing the role before its noun: "plays North Korean defector Kang Sae-byeok", "the
# Washington Liberation Front medic Nora". The noun must follow, and be no verb or link word ("plays Lottie Fenn
# hunting Ann Vale" names two characters, not one).
_PROPER_MODIFIER = (
    r"(?:(?:North|South|East|West|Northern|Southern|Eastern|Western|Central|New|[A-Z][a-z]+(?:an|ian|ean|ese|ish|ch|i|ic))\s+){1,3}(?=(?![a-z]+(?:ing|ed)\b)(?!(?:because|since|until|after|before|while|when"
    r"|whom|whose|where|if|unless|so|than|but|and|or|to|opposite|alongside|with|in|on|for|at|from|by|of|against"
    r"|into|as|who|was|is|are|were|has|had|have|will|would|could|can|also|then|still|now)\b)"
    rf"[a-z][\w'’-]*\s+(?:[a-z][\w'’-]*\s+){{0,2}}[{UPPER}])"
)
# An office written before a full name: "British Prime Minister Nicol Trowbridge", "Deputy Chief of Mission
# Stuart Hayford", "White House Chief of Staff Billie Appiah", "First Gentleman Todd Penn" (a name of two words
# must follow).
_OFFICE = (
    r"(?:[A-Z][a-z]+\s+){0,2}"
    r"(?:Minister|President|Secretary|Ambassador|Chief|Director|Senator|Governor|Mayor|Chancellor|Speaker|Consul"
    r"|Envoy|Adviser|Advisor|Premier|Commissioner|Gentleman)"
    rf"(?:\s+of\s+(?:the\s+)?[{UPPER}][a-z]+(?:\s+[{UPPER}][a-z]+)?)?\s+(?=[{UPPER}][\w'’-]*[ \t\xa0]+[{UPPER}])"
)
_DESCRIBED = (
    rf"(?:(?:{NAME}['’]s?\s+)?(?:(?:the|a|an|her|his|their|that|this)\s+)?(?:{_PROPER_MODIFIER}|{_OFFICE})?"
    rf"(?:{_DESCRIPTOR_WORD}\s+){{0,5}}"
    rf"|(?:{NAME}['’]s?|the|a|an|her|his|their|that|this)\s+(?:{_DESCRIPTOR_WORD}\s+){{0,3}}{_DESCRIPTOR_WORD},\s+"
    rf"(?:{_OFFICE})?)"
)
# The character is not the next actor of a list ("with A as the young queen, B as King George").
# "Jane Roe (Other Title, Another Title) has been cast as ...": an aside in brackets after the actor.
# Or a description between commas that says something in words ("Jane Roe, Lottie on Other Title, will play",
# "Jane Roe, already an Emmy winner for the part, returned as"); a bare name there is a list, not an aside.
_ASIDE = (
    r"(?:\s*\([^()]{1,60}\)|,\s+\d{1,3},|,\s+(?:[a-z][\w'’-]*\s+){1,6}[a-z][\w'’-]*,"
    # (one comma inside, before a small letter: "Roe, so good as Liz in the late, lamented Lodge 49, plays ...")
    # (not a list's last item: "A, B, and C, plays")
    r"|,\s+(?!(?:and|or)\s)(?=[^,;()]{0,140}?\b[a-z]{2,}\b)[^,;()\n]{3,140}?(?:,\s+[a-z][^,;()\n]{0,60}?)?,[\"”]?)?"
)
# Nor the first of two owners: "as Lottie and Corwin's daughter, Nell" names Nell.
_NOT_NEXT = (
    rf"(?!\s+as\b|[ \t\xa0]+[{UPPER}][\w'’-]*\s+as\b"
    rf"|\s+and\s+[{UPPER}][\w-]*(?:[ \t\xa0]+[{UPPER}][\w-]*)*['’]s?\s+[a-z])"
)
_WHO_PLAYS = Led(
    rf"(?P<actor>{NAME}),?\s+who\s+(?:also\s+)?(?:plays|played|portrays|portrayed|will\s+play|is\s+playing)"
    rf"\s+{_DESCRIBED}(?P<character>{NAME}){_WHOLE}{_NOT_POSSESSIVE}{_NOT_ADJECTIVE}{_NOT_NEXT}",
    NAME,
)
_VERB_AS = Led(
    rf"(?P<actor>{NAME}){_ASIDE}\s+(?:(?:also|will|has|have|is|was|now)\s+)*{_CAST_VERB}\s+as\s+{_DESCRIBED}"
    rf"(?P<character>{NAME}){_NOT_POSSESSIVE}{_NOT_ADJECTIVE}{_NOT_NEXT}",
    NAME,
)
_PLAYS = Led(
    rf"(?P<actor>{NAME}){_ASIDE}\s+(?:(?:also|now|still|once\s+again|again|once\s+more|currently)\s+)?(?:plays|played"
    rf"|portrays|portrayed|is\s+playing|(?:is\s+)?set\s+to\s+play|(?:will|to|would)\s+(?:also\s+)?(?:play|portray)"
    # "Merle Dandridge, meanwhile, reprises Marlene": her role again, named
    r"|reprises|reprised|(?:is|will\s+be)\s+reprising|(?:will|to)\s+reprise)\s+"
    rf"{_DESCRIBED}"
    rf"(?P<character>{NAME}){_WHOLE}{_NOT_POSSESSIVE}{_NOT_ADJECTIVE}{_NOT_NEXT}",
    NAME,
)
# "Nana Roe has played Billie Vance since the show's first season": a role held in this show (career history,
# "has played Hamlet twice", is not: the continuing words must follow).
_HAS_PLAYED_SINCE = Led(
    rf"(?P<actor>{NAME}){_ASIDE}\s+(?:has|have)\s+(?:also\s+)?(?:played|portrayed)\s+{_DESCRIBED}"
    rf"(?P<character>{NAME}){_NOT_POSSESSIVE}"
    r"(?=,?\s+(?:since\s+(?:the\s+(?:show|series)['’]s|season\s+(?:one|1)\b|the\s+(?:first|pilot)\b)"
    r"|in\s+(?:all|every|each)\s+(?:\w+\s+)?(?:seasons?|episodes?)\b|throughout\s+the\s+(?:show|series)\b)"
    # (not "... seasons of Other Title", "since the first season on Streamly's Other Title")
    r"(?![^,.;]{0,60}?\s(?:of|on|in|for)\s+(?:[A-Z]|['\"“‘]|\w+['’]s\s+[A-Z])))",
    NAME,
)
# "Bram Olufemi takes the role of Corwin Tell", "reprises the role of", "steps into the role of".
_ROLE_OF = Led(
    rf"(?P<actor>{NAME}){_ASIDE}\s+(?:(?:also|will|now|has|have)\s+)?(?:takes?|took|taken|taking|reprises?|reprised"
    rf"|reprising|steps?\s+into|stepped\s+into|lands?|landed|undertakes?|undertaking|undertook|plays?|played)"
    rf"\s+the\s+(?:[a-z]+\s+){{0,2}}role\s+of\s+{_DESCRIBED}(?P<character>{NAME}){_WHOLE}{_NOT_POSSESSIVE}",
    NAME,
)
# "Ines Varga is taking over the role of Lottie Fenn, ..., from Maren Holt", "Ines Varga, who replaces Maren Holt
# as Corwin's deputy, Lottie": a recast names both actors of the role.
_TAKES_OVER = Led(
    rf"(?P<actor>{NAME})\s+(?:(?:is|has|will|now)\s+)?(?:takes?|took|taken|taking|take)\s+over\s+the\s+(?:role|part)\s+of\s+"
    rf"(?P<character>{NAME}){_NOT_POSSESSIVE}(?:(?:,[^.;()]{{0,120}}?(?:\([^()]{{0,40}}\)[^.;()]{{0,60}}?)?,)?\s+from\s+"
    # "takes over the role of Summer, Alice's best friend.": the earlier actor unnamed
    rf"(?P<previous>{NAME})|(?=\s*[,.;]))",
    NAME,
)
_REPLACES_AS = Led(
    rf"(?P<actor>{NAME})(?:,\s+who)?\s+(?:(?:will|is|has)\s+)?(?:replaces|replaced|replace|replacing)\s+"
    rf"(?P<previous>{NAME})\s+as\s+{_DESCRIBED}(?P<character>{NAME}){_WHOLE}{_NOT_POSSESSIVE}{_NOT_ADJECTIVE}",
    NAME,
)
# "Ines Varga took the lead actress prize for playing Lottie Fenn": an honour for the role (not one for a role
# in another work: "... for playing Lottie in Other Title").
_PRIZE_FOR = Led(
    rf"(?P<actor>{NAME})\s+(?:took|won|earned|picked\s+up|received|collected|scooped)\s+[^.;:!?,]{{0,60}}?\s+for\s+"
    rf"(?:playing|portraying|(?:her|his|their)\s+(?:role|work|turn)\s+as)\s+(?P<character>{NAME}){_NOT_POSSESSIVE}"
    rf"(?![ \t\xa0]+[{UPPER}])(?!\s+(?:in|on)\s+[\"“]?(?:(?:the|a|an)\s+)?(?:[\w'’-]+\s+){{0,3}}[\"“]?[{UPPER}])",
    NAME,
)
# "Ines Varga is Lottie, a diver who ...": a copula, then the character described (maybe after a number in
# brackets: "is Jung-bae (Player 390), Gi-hun's oldest friend").
_COPULA = Led(
    rf"(?P<actor>{NAME})\s+(?:is|will\s+be|was)\s+(?P<character>{NAME})(?:\s*\((?=[^()]*\d)[^()]{{1,40}}\))?,\s+"
    rf"(?:the|a|an|who|whose|[a-z]+['’]s|[{UPPER}][\w-]*['’]s)\b",
    NAME,
)
# A cast guide's line: "• Lottie Fenn (Player 218) — Ines Varga": the character numbered, then the actor.
_GUIDE_LINE = Led(
    rf"(?P<character>{NAME})\s*\((?=[^()]*\d)[^()]{{1,40}}\)\s*[—–:]\s*(?P<actor>{NAME})\s*\.?\s*$",
    NAME,
)
# "as" opening a clause, not a role: "brings the chill as Harbour Lights takes it personally".
_NOT_CLAUSE = (
    r"(?!\s+(?:takes|took|gets|got|goes|went|comes|came|makes|made|finds|found|tries|tried|turns|turned|begins"
    r"|began|starts|started|falls|fell|learns|learned|realises|realizes|discovers|discovered|decides|decided|says"
    r"|said|tells|told|heads|headed|faces|faced|leaves|left|arrives|arrived|wakes|woke|sets|keeps|kept)\b)"
)
# "Bram Olufemi will recur as Corwin Tell", "Ines Varga, who leads the series as Lottie Fenn",
# "Odalys Brennick, as Chef Marisol": a few plain words between the actor and "as".
_WORDS_AS = Led(
    # ("the French Oscar winner who joins as ...": capitals after an article describe, they name no one)
    rf"(?<!\bthe\s)(?<!\bThe\s)(?<!\ba\s)(?<!\ban\s)(?P<actor>{NAME})(?:,\s+who)?(?:,(?:\s+(?:back|once\s+again|again|returning|now|also|cast|newly\s+cast|recast))*|(?:\s+(?!(?:such|well|soon|same|long|far|much|just|known|described"
    r"|seen|regarded|billed|dubbed|named|honou?red|crowned|chosen|selected|nominated|credited|listed|serves?"
    r"|served|serving|acts?|acting|acted|works?|worked|working|her|him|them|me|us|it|dressed|dresses|dressing"
    r"|disguised|costumed|posed|poses|posing|masquerading|cosplaying|cosplays|cosplayed)\b)[a-z][\w'’-]*){1,6},?)"
    rf"\s+as\s+{_DESCRIBED}(?P<character>{NAME}){_WHOLE}{_NOT_POSSESSIVE}{_NOT_ADJECTIVE}{_NOT_NEXT}"
    rf"(?!\s+of\s+[{UPPER}]){_NOT_CLAUSE}",
    NAME,
)
# "Odalys Brennick arrives as Corwin's mother, Hettie", "... as his mother, Hettie".
_AS_RELATIVE = Led(
    rf"(?P<actor>{NAME}){_ASIDE},?\s+(?:[a-z][\w'’-]*\s+){{0,4}}as\s+(?:her|his|their|that|the|{NAME}['’]s?)\s+"
    rf"(?:[a-z][\w'’-]*\s+){{0,2}}[a-z][\w'’-]*,\s+(?P<character>{NAME}){_NOT_POSSESSIVE}{_NOT_NEXT}",
    NAME,
)
# "A, B and C complete the faculty as D, E and F, respectively": lists paired in order.
_LISTS_AS = Led(
    rf"(?<![\w'’-])(?P<actors>{NAME_LIST})\s+(?:(?:(?!as\b)[a-z][\w'’-]*\s+){{1,8}}as|(?:also\s+)?(?:play|portray|voice))\s+"
    rf"(?P<characters>{NAME_LIST})(?=,?\s+respectively|\s*[.;]|\s*$|,\s+(?:the|a|an|who|both|two|all)\b"
    r"|\s+(?:for|this|next|when|after|before|until|throughout)\b)",
    NAME_LIST,
)
# "Bram Olufemi's Corwin is a delight": an actor's character, followed by what the character does.
# Nouns for a work or a company: "Jane Roe's new film Big Prize", "her production company Hello Sunshine".
_WORK_NOUNS = (
    "film", "movie", "series", "show", "book", "novel", "album", "play", "documentary", "podcast", "company",
    "banner", "project", "drama", "comedy", "thriller", "sitcom", "song", "single", "memoir", "musical", "character",
    "role", "part", "turn", "performance", "version", "take", "shingle", "label", "brand", "imprint",
)  # fmt: skip
_ACTORS_CHARACTER = Led(
    rf"(?P<actor>{NAME})['’]s?\s+(?:(?:adult|teen|teenage|young|younger|older|grown-up|elder|child|future)\s+)?"
    # ("X's hapless hacker Roddy Ho", "X's increasingly shifty Principal Dort": a character described; not a work,
    # "X's new film Big Prize")
    r"(?:(?:(?!(?:new|latest|next|last|first|own|upcoming|debut|hit|production|credits?|include[sd]?|including"
    r"|work|works|career|roles|films|shows|past|previous|other|earlier|recent|former|breakout|best|famous)\b)"
    r"[a-z][a-z-]{2,14}\s+){1,2}" + "".join(rf"(?<!\b{noun}\s)" for noun in _WORK_NOUNS) + r"(?=[A-Z]))?"
    rf"(?:{_OFFICE})?(?P<character>{NAME}){_NOT_POSSESSIVE}"
    r"(?=\s*[,;:.!?)—–]|\s*$|\s+(?:is|was|are|were|have|has|had|gets|got|remains|still|returns|return|finally|meanwhile|and|who|also|calls"
    r"|where|when|while|whose|[a-z]{3,20}ed|[a-z]{3,20}ing"
    r"|becomes|spends|takes|makes|does|did|can|could|will|would|might|never|always|accepted|accepts|learns"
    r"|finds|tries|goes|comes|keeps|gives|faces|wants|decides|falls|leaves|stays|steals|runs|turns|[a-z]{2,20}s)\b)",
    NAME,
)
# "Ines Varga as the voice of Lady Gullwing", "is back to voice X", "X, voiced by Ines Varga".
_VOICE = Led(
    rf"(?P<actor>{NAME})\s+(?:[a-z][\w'’-]*\s+){{0,4}}(?:as\s+the\s+voice\s+of|to\s+voice|voices|voiced)\s+"
    rf"(?P<character>{NAME}){_NOT_POSSESSIVE}{_NOT_NEXT}",
    NAME,
)
# "Jane Roe rounds out the core Harbour House team as Lottie Fenn": a group of the show's, then her role.
_ROUNDS_OUT_AS = Led(
    rf"(?P<actor>{NAME})\s+(?:rounds|rounded|will\s+round)\s+out\s+the\s+(?:[\w'’-]+\s+){{0,4}}?"
    r"(?:team|cast|ensemble|line-?up|group|trio|quartet|family|gang|crew|regulars|newcomers)\s+as\s+"
    rf"{_DESCRIBED}(?P<character>{NAME}){_NOT_POSSESSIVE}{_NOT_NEXT}",
    NAME,
)
# "Benedict (Luke Thompson, who deserves the world)": a person described in the brackets is the actor.
_PERSON_IN_BRACKETS = Led(
    # (not a work's maker: "the film Tidewater (Jane Roe, who directed it)")
    r"(?<!\bfilm\s)(?<!\bmovie\s)(?<!\bseries\s)(?<!\bshow\s)(?<!\bbook\s)(?<!\bnovel\s)(?<!\bplay\s)"
    rf"(?P<character>{NAME})\s*\((?P<actor>{NAME}),\s+who\s+(?!(?:also\s+)?(?:directed|wrote|created|produced|made"
    r"|helmed|co-wrote|penned|developed|composed|directs|writes|produces|runs|founded|owns|hosts|hosted"
    # (nor another role: "Ann Vale (Jane Roe, who plays her mother)")
    r"|plays|played|portrays|portrayed|voices|voiced)\b)"
    r"[^()]{1,80}\)",
    NAME,
)
_VOICED_BY = Led(rf"(?P<character>{NAME}),?\s+(?:is\s+|was\s+)?voiced\s+by\s+(?P<actor>{NAME})", NAME)
# "Lord Jane Roe, the family's eldest son, played by John Doe": the character described, then its actor.
_DESCRIBED_PLAYED_BY = Led(
    rf"(?P<character>{NAME}),\s+(?:the|a|an|her|his|their|[a-z]+['’]s)\s+[^,;()]{{1,60}},\s+(?:(?:is|was|will\s+be)\s+)?"
    r"(?:played|portrayed)"
    rf"\s+by\s+(?P<actor>{NAME})",
    NAME,
)
# "Ines Varga is their mother, Hettie Fenn".
_COPULA_RELATIVE = Led(
    rf"(?P<actor>{NAME})\s+(?:is|will\s+be|was)\s+(?:her|his|their|the|{NAME}['’]s)\s+(?:[a-z][\w'’-]*\s+){{0,2}}"
    rf"[a-z][\w'’-]*,\s+(?P<character>{NAME}){_NOT_POSSESSIVE}{_NOT_NEXT}",
    NAME,
)
# "Ines Varga and Bram Olufemi play Lottie and Corwin": two actors and their characters, in order.
_BOTH_PLAY = Led(
    rf"(?P<actor>{NAME})\s+and\s+(?P<actor2>{NAME})\s+(?:play|portray|star\s+as|appear\s+as|(?:are|were)\s+back\s+as"
    r"|(?:will\s+)?return\s+as|are\s+returning\s+as|reprise\s+their\s+roles\s+as|(?P<bare>as))\s+"
    rf"{_DESCRIBED}"
    rf"(?P<character>{NAME})\s+and\s+(?P<character2>{NAME}){_NOT_POSSESSIVE}"
    # a bare "as" must end the pairing's clause ("met A and B as C and D walked in" is a conjunction)
    r"(?(bare)(?=\s*[,.;:)]|\s*$|,?\s+respectively\b))",
    NAME,
)
_PLAYED_BY = Led(
    rf"(?P<character>{NAME})\s*[,—–-]?\s+(?:(?:is|was|will\s+be)\s+)?(?:played|portrayed)\s+(?:[a-z][\w'’-]*\s+){{0,4}}by\s+(?P<actor>{NAME})",
    NAME,
)
# "A as B", "A as the insufferable hacker B".
_BARE_AS = Led(
    rf"(?P<actor>{NAME})\s+as\s+(?:(?:(?:the|a|an|her|his|their)\s+)?(?:{_DESCRIPTOR_WORD}\s+){{1,3}}(?=[{UPPER}])"
    # "as the Legion commander Lacerta Legate": a capitalised word and a noun describe the character named next
    rf"|(?:the|a|an)\s+[{UPPER}][\w-]*\s+(?:[a-z][\w-]*\s+){{1,2}}(?=[{UPPER}])|{_OFFICE})?"
    rf"(?P<character>{NAME}){_NOT_POSSESSIVE}{_NOT_ADJECTIVE}"
    # ("as the Irish actor X did before him", "as X explained": a comparison or a source, not a role)
    r"(?!\s+(?:did|does|do|had|explained|said|says|noted|put\s+it|once\s+did)\b)",
    NAME,
)
_IN_OTHER_TITLE = re.compile(
    rf"[^.;]{{0,20}}?\s+(?:in|on)\s+(?:{NAME}['’]s?\s+)?[\"“‘']?(?P<title>[{UPPER}][^,.;]{{0,80}})"
)
# "playing Lip Gallagher on Showtime's Other Title": a network's or creator's other title in the sentence.
_OTHER_WORK = re.compile(
    rf"\b(?:on|in|from)\s+{NAME}['’]s?\s+[\"“‘']?(?P<title>[{UPPER}][\w'’:-]*(?:\s+[{UPPER}][\w'’:-]*)*)"
)
# "for playing a prime minister in "Other Title,"": a quoted title after in/on/from is a work of its own.
_QUOTED_WORK = re.compile(r"\b(?:on|in|from)\s+[\"“](?P<title>[A-Z][^\"“”]{0,80}?)[,.]?[\"”]")
# A verb giving a role right after "A (B)": then B is A's earlier work, not a character.
_ROLE_VERB_AFTER = re.compile(
    r"\s+(?:(?:also|now|will|is\s+set\s+to|has|have)\s+)?(?:plays?|played|portrays?|stars?\s+as|(?:has\s+been|is|was)\s+cast\s+as"
    r"|turns?\s+up|shows?\s+up|appears?|recurs|guest[- ]stars?"
    r"|joins|joined|boards?|boarded|signs?\s+on|signed\s+on|comes?\s+aboard|came\s+aboard)\b"
)
_MAKER_WORDS = frozenset(
    {"creator", "co-creator", "author", "novelist", "writer", "showrunner", "director", "producer"}
)
# A maker's role written before a name: "novelist Jane Roe's Lottie" is the novelist's character.
_MAKER_BEFORE = re.compile(
    r"\b(?:creator|co-creator|author|novelist|writer|showrunner|director|producer|creators|authors)\s+$",
    re.IGNORECASE,
)
# What may come before a sentence's subject ("..., while Jane Roe's Lottie turns ...").
_JOINING_WORD = re.compile(r"(?:^|\s)(?:and|while|but|as|whereas|meanwhile)$")
# "Season two stars ...", "The ensemble also stars ...": the show's own season or cast is the subject.
_SEASON_SUBJECT = re.compile(
    r"(?:\b[Ss]eason\s+\w+|\b(?:[Tt]he|[Tt]his|[Ii]ts)\s+(?:(?:new|upcoming|latest|next|final|fourth|third|second|fifth"
    r"|sixth)\s+)?season|\bensemble|\bcast)\s+(?:also\s+)?$"
)
# A name that only a question or a condition puts in the role.
_HEDGED_BEFORE = re.compile(r"\b(?:[Ww]hether|[Ii]f|[Uu]nless)\s+$")
# Each pattern with the words it cannot match without, tested as plain substrings (the cheapest test there
# is). Case matters: "star" the verb, not "Star" the surname; "Starring" may open a sentence.
_CAST_PATTERNS = [
    (_BOTH_PLAY, False, frozenset({" play", " portray", " star as", " appear as", " back as", " as "})),
    (_WHO_PLAYS, False, frozenset({"who "})),
    (_VERB_AS, False, frozenset({" as "})),
    (_AS_RELATIVE, False, frozenset({" as "})),
    (_WORDS_AS, False, frozenset({" as "})),
    (_COPULA, False, frozenset({" is ", " will be ", " was "})),
    (_COPULA_RELATIVE, False, frozenset({" is ", " will be ", " was "})),
    (_VOICE, False, frozenset({"voice"})),
    (_VOICED_BY, False, frozenset({"voiced by"})),
    (_PERSON_IN_BRACKETS, False, frozenset({", who "})),
    (_ROUNDS_OUT_AS, False, frozenset({"ound out the", "ounds out the"})),
    (_DESCRIBED_PLAYED_BY, False, frozenset({"ed by"})),
    (_ACTORS_CHARACTER, True, frozenset({"'s ", "’s ", "s' ", "s’ "})),
    (_PLAYED_BY, False, frozenset({"ed by", " by "})),
    (_PLAYS, False, frozenset({"play", "portray", "repris"})),
    (_HAS_PLAYED_SINCE, False, frozenset({"s played", "s portrayed", "e played", "e portrayed"})),
    (
        _PRIZE_FOR,
        False,
        frozenset({" for playing ", " for portraying ", " role as ", " work as ", " turn as "}),
    ),
    (_ROLE_OF, False, frozenset({" role of "})),
    (_GUIDE_LINE, False, frozenset({"—", "–", ":"})),
    (_TAKES_OVER, False, frozenset({" over the "})),
    (_REPLACES_AS, False, frozenset({"replac"})),
    (_BARE_AS, True, frozenset({" as "})),
]
# Cheaper tests that must hold before a costly pattern runs (it would find nothing without them): no names
# in them, so no attempt at every capital letter.
_AS_THEN_CAPITAL = re.compile(rf"\bas\s+(?:[a-z][\w'’-]{{0,40}}+,?\s+){{0,6}}[{UPPER}]")
_PRECHECKS: dict[Led, re.Pattern[str]] = {
    # The whole line is the item: a bullet at most before the character.
    _GUIDE_LINE: re.compile(
        r"^\s*(?:[•*·▪-]\s*)?[^\W\d_][^()]{0,80}\((?=[^()]*\d)[^()]{1,40}\)\s*[—–:]\s*[^\W\d_][^()]{0,80}$"
    ),
    _COPULA: re.compile(
        rf"\b(?:is|was|be)\s+[{UPPER}][^,;]{{0,80}},\s+(?:the|a|an|who|whose|[a-z]+['’]s|[{UPPER}][\w-]*['’]s)\b"
    ),
    _COPULA_RELATIVE: re.compile(
        rf"\b(?:is|was|be)\s+(?:her|his|their|the|[{UPPER}][\w'’-]{{0,40}}?['’]s?)\s+(?:[a-z][\w'’-]{{0,40}}+\s+){{0,2}}"
        rf"[a-z][\w'’-]{{0,40}}+,\s+[{UPPER}]"
    ),
    _ACTORS_CHARACTER: re.compile(
        rf"[{UPPER}][\w-]{{0,40}}+['’]s?\s+(?:[a-z][\w-]{{0,14}}\s+){{0,2}}[{UPPER}]"
    ),
    _VERB_AS: _AS_THEN_CAPITAL,
    # (the name up to its possessive lazily: a possessive quantifier would take the "'s" too and never give it back)
    _AS_RELATIVE: re.compile(r"\bas\s+(?:her|his|their|that|the|[A-Z][\w'’-]{0,40}?['’]s?)\s+[^,]{1,40},\s"),
    _WORDS_AS: _AS_THEN_CAPITAL,
    _BARE_AS: re.compile(
        rf"\bas\s+(?:(?:the|a|an|her|his|their)\s+(?:[a-z][\w'’-]{{0,40}}+\s+){{1,3}})?[{UPPER}]"
    ),
}
# Compiled patterns hash their whole (long) source on every lookup: pair each with its test once.
_CAST_PATTERNS_CHECKED = [
    (pattern, needs_known, needed, next((check for key, check in _PRECHECKS.items() if key is pattern), None))
    for pattern, needs_known, needed in _CAST_PATTERNS
]
_CAST_KEYS = sorted(
    frozenset().union(*(p[-1] for p in _CAST_PATTERNS), *(p[-1] for p in _CAST_LIST_PATTERNS))
)

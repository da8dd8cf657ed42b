"""Whose age a sentence gives, for "How old is <name>?".

An age belongs to the person it is written beside: "Putin, 69," is Putin's; "43-year-old
President Volodymyr Zelensky" is Zelensky's, even in a sentence that also names Putin. A
sentence that gives only other people's ages does not answer "How old is Putin?", and one that
gives his answers it whatever else it says. Regular expressions over the sentence (no model
load): the same cheap notion of a name as `qa.text.names`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .casing import written_mostly_in_lower_case
from .names import _CALENDAR, _NAME, _NOT_NAMES, _NUMBER_KINDS, _POSSESSIVE, name_spans

# "How old is Putin?", "How old are Putin, Zelensky and Stoltenberg?", "At what age did X…"
_ASKS_AGE = re.compile(r"\bhow old (is|was|are|were|will be|would be)\b|\b(at )?what age (is|was|did|does|were|are)\b",
                       re.IGNORECASE)
# Where the asked names end: a clause of time or source ("…when she sang", "…according to CNN").
_CLAUSE = re.compile(r"\b(when|while|after|before|during|in|at|on|according|as|since|by|now|today|then)\b|[?;:]",
                     re.IGNORECASE)
# An age written before its noun: "the 43-year-old president", "a seventy-year-old".
_BEFORE_NOUN = re.compile(r"[\s-]year[\s-]old$|-years-old$", re.IGNORECASE)
_WORD = re.compile(r"\S+")
# Between a name and the age of a noun phrase in apposition to it: "Smith, a 25-year-old man".
_APPOSITION = re.compile(r"\s*[,(–—-]\s*(the|a|an)?\s*", re.IGNORECASE)


def asked_age_of(question: str) -> list[str]:
    """The names whose age the question asks ("How old is Vladimir Putin?" → ["Vladimir Putin"];
    "How old are Putin, Zelensky and Stoltenberg, according to…" → all three), or [] when it asks
    no named person's age: a thing's ("How old is the flint tool?"), or someone described by a
    name ("How old was Erin Spiceland's daughter?": the daughter's, not Erin Spiceland's)."""
    asks = _ASKS_AGE.search(question)
    if not asks:
        return []
    end = _CLAUSE.search(question, asks.end())
    stop = end.start() if end else len(question)
    names: list[str] = []
    previous = asks.end()
    for start, finish in name_spans(question):
        if start < asks.end() or finish > stop:
            continue
        between = question[previous:start].strip()
        if names and not re.fullmatch(r",?\s*(and|or)?", between):
            break  # "Malcolm Borwick, Royal Salute's polo ambassador": an apposition, not another person
        if not names and between and not re.fullmatch(r"(the )?", between.lower() + " "):
            return []  # "How old is the Mozilla project" asks a thing's age
        rest = question[finish:stop].lstrip()
        describes = re.match(r"[a-z]", rest) and not re.match(r"(and|or)\b", rest)
        if names and describes:
            break  # "…, Royal Salute's polo ambassador" describes the person asked
        if not names and asks.group(0).lower().startswith("how") and describes:
            return []  # "How old was Erin Spiceland's daughter": the daughter's age, not hers
        names.append(question[start:finish])
        previous = finish
    return names


def _tokens(name: str) -> list[str]:
    return [_POSSESSIVE.sub("", w).lower() for w in re.split(r"[\s]+", name) if w
            and _POSSESSIVE.sub("", w).lower() not in _CALENDAR]


def _owner_after(sentence: str, end: int) -> str:
    """The name right after an age written before its noun ("43-year-old President Volodymyr
    Zelensky"), or "" when a common noun comes first ("a 25-year-old man"); from 0, the name
    that opens the sentence ("Leif Dahleen, the blogger…" → "Leif Dahleen")."""
    words = []
    for match in _WORD.finditer(sentence, end):
        word = match.group(0).strip("“”\"‘'(),.;:")
        if not word or not _NAME.fullmatch(word) or word.lower() in _NOT_NAMES:
            break
        words.append(word)
        if match.group(0)[-1:] in ",.;:)":
            break
    return " ".join(words)


def _owner_before(sentence: str, start: int, apposition_only: bool = False) -> str:
    """The nearest name before the age ("Putin, 69," → "Putin"), or "" when none is. With
    `apposition_only` (an age written before a common noun), only a name the noun phrase stands
    beside: "John Smith, a 25-year-old man" is Smith's, but in "…his compound in Harare, insisting
    the 93-year-old finishes his term" the 93-year-old is someone named earlier, not Harare."""
    last, last_end = "", 0
    for match in _NAME.finditer(sentence[:start]):
        word = match.group(1)
        if word.lower() in _NOT_NAMES or word[0].isdigit():
            continue
        last, last_end = word, match.end()  # the first word too: "Putin, 69, asked…" (furniture is in `_NOT_NAMES`)
    if apposition_only and not _APPOSITION.fullmatch(sentence[last_end:start]):
        return ""
    return last


_DEFINITE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_AT_AGE = re.compile(r"\bat (the )?$", re.IGNORECASE)
_SUBJECT_PRONOUN = re.compile(r"\b(she|he|they|I|we)\b", re.IGNORECASE)


@lru_cache(maxsize=4096)  # an age question checks each candidate up to three times
def age_owners(sentence: str) -> tuple[str, ...]:
    """For each age the sentence gives, whose it is: a name, or "" when the sentence does not
    say ("He is 69", "a 25-year-old man" with no name before it)."""
    owners = []
    for match in _NUMBER_KINDS["age"].finditer(sentence):
        before_noun = bool(_BEFORE_NOUN.search(match.group(0)))
        owner = _owner_after(sentence, match.end()) if before_noun else ""
        if not owner and _AT_AGE.search(sentence[: match.start()]):
            # "at age 43", "at the age of 43" tells when the subject did something: the name
            # that opens the sentence ("Leif Dahleen, the blogger behind the Physician on FIRE,
            # retired … at age 43" is Dahleen's, not FIRE's), or a pronoun before the nearest
            # name ("she gave birth to her daughter Zoe Slater at the age of 13": she was 13)
            owner = _owner_after(sentence, 0)
            nearest = "" if owner else _owner_before(sentence, match.start())
            if nearest and _SUBJECT_PRONOUN.search(sentence[: sentence.rfind(nearest, 0, match.start())]):
                owners.append("")
                continue
        owner = owner or _owner_before(sentence, match.start(), apposition_only=before_noun)
        if not owner and before_noun and _DEFINITE.search(sentence[: match.start()]):
            # "the 37-year-old small-city mayor" points back to someone named before, and within
            # one sentence to its subject: "Buttigieg stepped aggressively into the establishment
            # lane…, but many donors remain skeptical of the 37-year-old small-city mayor's chances"
            opener = _owner_after(sentence, 0)
            owner = "" if " " not in opener and written_mostly_in_lower_case(opener) else opener  # not "Officers"
        owners.append(owner)
    return tuple(owners)


def _same_person(owner: str, asked: str) -> bool:
    """"Putin" and "Vladimir Putin" name the same person; "Joe Biden" and "Joe Manchin" do not:
    the family name decides."""
    mine, theirs = _tokens(owner), _tokens(asked)
    return bool(mine and theirs) and (mine[-1] in theirs or theirs[-1] in mine)


def gives_age_of(sentence: str, asked: list[str]) -> bool:
    """Whether the sentence gives the age of one of the `asked` names."""
    return any(owner and any(_same_person(owner, name) for name in asked) for owner in age_owners(sentence))


def gives_only_others_ages(sentence: str, asked: list[str]) -> bool:
    """Whether every age the sentence gives is, by its wording, someone else's than the `asked`
    names (and it gives at least one). An age whose owner the sentence does not name counts as
    possibly the asked person's: "He turned 70" may be about him."""
    owners = age_owners(sentence)
    return bool(owners) and all(owner and not any(_same_person(owner, name) for name in asked) for owner in owners)

"""Follow-up questions made standalone from the conversation, without an LLM.

The conversation state is the names of all earlier turns, questions and answers, most recent
first. A follow-up that points back is rewritten into a question that stands alone:
- a personal pronoun ("Where did *he* meet Wendy Sherman?") becomes the person last talked
  about ("Where did Sergei Ryabkov meet Wendy Sherman?");
- "it"/"they"/"that" becomes the thing the last answer introduced ("Who directed it?" after
  an answer naming the film *Parasite* → "Who directed Parasite?");
- "there", where it points to a place ("Who sent troops there?", not "Is there a deadline?"),
  becomes the last place named after a preposition of place ("they met in Geneva" → "Who
  else was in Geneva?");
- a name is what a sentence names, not the capitalised word that opens it ("All", "Some",
  "Volunteers went…", unless the text capitalises it elsewhere too), nor a day or a month
  ("Wednesday", "January": a time is not what "he" or "it" points to); an outlet is never
  "he" or "she" (the indexed outlets are told apart when `source_spans` is given);
- an elliptical turn naming an outlet after a question that named another ("What does CNN say
  about NATO?" → "And the LA Times?") asks the same of the new outlet ("What does the LA Times
  say about NATO?"): an outlet can only stand in for an outlet;
- any other elliptical turn ("And Kazakhstan?", "What about Biden?") or a bare "Why?" is asked
  together with the previous question ("Kazakhstan? Where did Putin send troops?"): which name
  of the previous question the new one replaces is not knowable without understanding, so both
  stay.
The previous question is taken as it was searched (itself made standalone), so a chain of
follow-ups keeps its topic.
The result is always a question, never a keyword list; a question that stands alone is
returned unchanged, so history never hurts a fresh question.
"""
from __future__ import annotations

import re
from typing import Callable, Sequence

from ..text.names import MONTHS, WEEKDAYS, question_names
from ..text.terms import FUNCTION_WORDS, NEGATIONS, STOPWORDS

HISTORY_CHARS = 500
MAX_TURNS = 6

_PERSONAL = {"he": "{e}", "she": "{e}", "him": "{e}", "his": "{e}'s", "her": "{e}'s", "hers": "{e}'s"}
_THING = {"it": "{e}", "its": "{e}'s", "they": "{e}", "them": "{e}", "their": "{e}'s"}
_POINTS_BACK = re.compile(r"\b(he|she|him|his|her|hers|it|its|they|them|their|that|this|those|these|there|then)\b",
                          re.IGNORECASE)
_ELLIPTICAL = re.compile(r"^(and|what about|how about|also|so|then)\b\s*", re.IGNORECASE)
_BARE = re.compile(r"^(why|why not|how|how so|when|where|who|really|what else)\s*[?.!]*$", re.IGNORECASE)
_ATTRIBUTION = re.compile(r"\b(According to|[A-Z][\w .’'&-]{0,60} (writes|asks):)\s*[^,]{0,80},?|\[\d+\]")
_ENTITY = re.compile(r"\b(?:[A-Z][\w’'-]+)(?:\s+(?:of\s+|the\s+)?[A-Z][\w’'-]+)*")
# Grammar words that open a sentence capitalised ("All in all…", "Some say…"): not names.
_FURNITURE = STOPWORDS | FUNCTION_WORDS | NEGATIONS
_CALENDAR = frozenset(MONTHS + WEEKDAYS)
# "there" points to a place unless it opens an existential clause: "Is there…", "there were…"
_EXISTENTIAL = frozenset("""is are was were be been being will would can could should may might must has have had
seem seems seemed appear appears remain remains exist exists 's""".split())
_PLACE = re.compile(r"\b(?:in|at|to|into|from|near|inside|across|towards?)\s+((?:the\s+)?[A-Z][\w’'-]+(?:\s+(?:of\s+)?[A-Z][\w’'-]+)*)")
_STOP_STARTS = {"Who", "What", "When", "Where", "Why", "How", "Which", "Did", "Does", "Do", "Is", "Are", "Was",
                "Were", "Can", "Could", "Should", "Would", "Will", "And", "But", "The", "A", "An", "In", "On",
                "According", "Tell", "Name", "List", "I", "It", "He", "She", "They", "This", "That", "So", "Then"}


def _opens_sentence(text: str, start: int) -> bool:
    before = text[:start].rstrip(" \t\n“\"‘'(")
    return not before or before[-1] in ".!?:"


def entities(text: str) -> list[str]:
    """Capitalised name phrases, minus question words at the start ("Who is Sergei Ryabkov" →
    Sergei Ryabkov). A lone capitalised word that opens a sentence is a name only when the text
    also capitalises it elsewhere ("Volunteers went in…", "Today, …" are not; "Putin said…" is
    when "…met Putin" is there too), as in `qa.text.names`."""
    found = []
    inside = {m.group(0) for m in re.finditer(r"[A-Z][\w’'-]+", text) if not _opens_sentence(text, m.start())}
    for match in _ENTITY.finditer(text):
        words = match.group(0).split()
        if len(words) == 1 and _opens_sentence(text, match.start()) and not words[0].isupper() and words[0] not in inside:
            continue
        name = _trimmed(words)
        if name:
            found.append(name)
    return found


def _trimmed(words: list[str]) -> str:
    """The name a run of capitalised words holds ("" if none): without opening grammar words
    ("All", "Some"; an acronym such as "US" stays) and a possessive ending; a day or a month is
    not one."""
    while words and (words[0] in _STOP_STARTS or (words[0].lower() in _FURNITURE and not words[0].isupper())):
        words = words[1:]
    if words:
        words = words[:-1] + [re.sub(r"['’]s?$", "", words[-1])]  # "Fiona Hill's post" names Fiona Hill
    if not words or not words[-1] or all(w.lower() in _CALENDAR for w in words):
        return ""
    return " ".join(words)


def _answer_text(answer: str) -> str:
    """An earlier answer without its attributions and markers: what it said, not who said it."""
    return _ATTRIBUTION.sub(" ", answer or "")


def _is_person(name: str) -> bool:
    """Two or more capitalised words ("Sergei Ryabkov", "Jens Stoltenberg"), not an acronym."""
    words = name.split()
    return len(words) >= 2 and not any(w.isupper() for w in words)


def _places(text: str, is_outlet: Callable[[str], bool]) -> list[str]:
    """Names after a preposition of place ("met in Geneva", "sent forces to Kazakhstan"), in
    order; not a time ("in January") and not a source ("according to CNN")."""
    found = []
    for match in _PLACE.finditer(text):
        name = match.group(1)
        bare = re.sub(r"^the\s+", "", name)
        if (re.search(r"according\s*$", text[: match.start()], re.IGNORECASE) or is_outlet(bare)
                or not _trimmed(bare.split())):
            continue
        found.append(name)
    return found


def _conversation(history: Sequence[tuple[str, str]], is_outlet: Callable[[str], bool] = lambda name: False,
                  ) -> tuple[list[str], list[str], list[str]]:
    """(people, things, places) named in the conversation, most recent turn first. Within a
    turn, "he" or "she" is first the person the question asked about, then one its answer
    introduced; "it" or "they" is first the thing the answer introduced (the film an award went
    to), then what the question named; "there" is first the place the answer named (the
    answer to "Where did they meet?"), then the question's. An outlet is a thing, never a
    person."""
    def person(name: str) -> bool:
        return _is_person(name) and not is_outlet(name)

    people: list[str] = []
    things: list[str] = []
    places: list[str] = []
    for question, answer in reversed(list(history)[-MAX_TURNS:]):
        question, said_text = question[:HISTORY_CHARS], _answer_text(answer)[:HISTORY_CHARS]
        asked = entities(question)
        said = []
        for name in entities(said_text):
            # "Sec. of State Karen Donfried" in the answer is the "Karen Donfried" asked about
            name = next((a for a in asked if a in name), name)
            if name not in asked:
                said.append(name)
        people += [n for n in asked if person(n)] + [n for n in said if person(n)]
        things += [n for n in said if not person(n)] + [n for n in asked if not person(n)]
        places += _places(said_text, is_outlet) + _places(question, is_outlet)
    return list(dict.fromkeys(people)), list(dict.fromkeys(things)), list(dict.fromkeys(places))


def _replace_there(words: list[str], place: str) -> bool:
    """The first "there" that points to a place ("Who sent troops there?", "Who else was
    there?") becomes "in `place`"; an existential one stays: before a verb ("there were…"),
    after one with more to come ("Is there a deadline?"), or counted ("How many troops are
    there?")."""
    if re.match(r"how (many|much)\b", " ".join(words), re.IGNORECASE):
        return False
    for i, word in enumerate(words):
        if word.strip("?,.!").lower() != "there":
            continue
        before = words[i - 1].strip("?,.!").lower() if i else ""
        after = words[i + 1].strip("?,.!").lower() if i + 1 < len(words) else ""
        clause_ends = not after or word[-1] in "?,.!"
        if after in _EXISTENTIAL or (before in _EXISTENTIAL and not clause_ends) or "'" in word or "’" in word:
            continue
        tail = word[len(word.rstrip("?,.!")):]
        words[i] = f"in {place}{tail}"
        return True
    return False


def _replace_first(words: list[str], table: dict[str, str], entity: str) -> bool:
    for i, word in enumerate(words):
        bare = word.strip("?,.!").lower()
        if bare in table:
            tail = word[len(word.rstrip("?,.!")):]
            words[i] = table[bare].format(e=entity) + tail
            return True
    return False


SourceSpans = Callable[[str], list[tuple[int, int]]]  # where a text names an indexed outlet or title


def _previous_standalone(history: Sequence[tuple[str, str]], source_spans: SourceSpans | None) -> str:
    """The previous question as it was searched: itself made standalone from the turns before
    it, so a chain keeps its topic ("What happened in Kazakhstan?" → "Who sent troops there?"
    → "Why?" still asks about Kazakhstan). The turns before it are cut to `MAX_TURNS`, so the
    recursion is at most that deep."""
    earlier = list(history)[:-1][-MAX_TURNS:]
    return condense(history[-1][0][:HISTORY_CHARS], earlier, source_spans)[:HISTORY_CHARS]


def _other_outlet(rest: str, previous: str, source_spans: SourceSpans | None) -> str | None:
    """`previous` asked of the outlet `rest` names, when `rest` is nothing but an outlet's name
    (with "the") and `previous` named one; else None."""
    if source_spans is None:
        return None
    named = source_spans(rest)
    leftover = "".join(ch for i, ch in enumerate(rest) if not any(a <= i < b for a, b in named))
    if not named or re.sub(r"\bthe\b|\W", "", leftover, flags=re.IGNORECASE):
        return None  # "And Putin in the LA Times?": more than an outlet, both questions stay
    spans = source_spans(previous)
    if not spans:
        return None
    start, end = spans[0]
    new = rest.strip()
    if re.search(r"\bthe\s+$", previous[:start], re.IGNORECASE):
        new = re.sub(r"^the\s+", "", new, flags=re.IGNORECASE)  # "the CNN piece" -> "the LA Times piece"
    return previous[:start] + new + previous[end:]


def condense(question: str, history: Sequence[tuple[str, str]] | None, source_spans: SourceSpans | None = None) -> str:
    """A standalone version of `question` given the earlier (question, answer) turns;
    `source_spans` finds the indexed outlets a text names (None: outlets are not told apart)."""
    question = " ".join(question.split())
    if not history:
        return question
    last_question = _previous_standalone(history, source_spans)
    own = question_names(question)
    points_back = bool(_POINTS_BACK.search(question))
    elliptical = bool(_ELLIPTICAL.match(question))
    if _BARE.match(question):
        return f"{question.rstrip('?.! ')}? {last_question}"
    if not points_back and not elliptical:
        return question  # stands alone: history must not hurt a fresh question
    if len(_POINTS_BACK.findall(question)) > 1:
        # several back-references ("How many of them did it keep?"): no single name resolves
        # them, so the question is asked together with the one it follows
        return f"{question} {last_question}"

    def is_outlet(name: str) -> bool:  # the whole name is an indexed outlet's or title's
        return source_spans is not None and any(b - a >= len(name) for a, b in source_spans(name))

    people, things, places = _conversation(history, is_outlet)
    words = question.split()
    replaced = False
    if people:
        replaced = _replace_first(words, _PERSONAL, people[0])
    if not replaced and (things or people):
        # "it"/"they": the last thing named (an answer's new name first), else the last person
        replaced = _replace_first(words, _THING, (things or people)[0])
    if not replaced and places:
        replaced = _replace_there(words, places[0])
    standalone = " ".join(words)
    if elliptical:
        rest = _ELLIPTICAL.sub("", standalone).rstrip("?.! ")
        swapped = _other_outlet(rest, last_question, source_spans) if rest else None
        if swapped:
            return swapped
        return f"{rest}? {last_question}" if rest else last_question
    if not replaced and not own:
        return f"{standalone} {last_question}"  # "Did that work?": asked of the previous question
    return standalone

"""Sentence splitting: the one splitter every stage uses (passages, answers, verification).

Spans are character offsets into the text, so a quote cut from a span is always verbatim.
It never cuts after an abbreviation ("U.S.", "Aug. 24", "Mr. Biden") or an initial.

Why our own and not a maintained one: it measures better here. nltk's Punkt, which llama-index
ships, was tried on the hand-written evidence quotes of the dev sets, counting a quote when it
lies inside one sentence:
- five articles: ours 172 of 174, Punkt 167; Punkt cuts "U.S. Asst. Sec. of State …";
- web pages: both 196 of 200.
Ours also takes a tenth of the CPU time (1 ms against 11 ms for the five articles).
`tests/text/test_splitting.py` repeats the comparison.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Which sentences `split_sentences` and `candidate_spans` give. Stored sentence vectors are kept
# by their sentence's start offset, so a change to where sentences end must bump it: records of
# another version are not read (their sentences are embedded when asked) and the next ingest
# embeds them again. 2: dotted initials ("H.W.") end no sentence. 3: nor does a full stop inside
# a short quotation the sentence goes on after (`_inside_short_quotation`). 4: nor does a
# bracketed "(Ft." or "(feat." of a song's credit. 5: a bare value joins the label line above it
# (`with_values`).
SPLITTER_VERSION = 5

# Words that end with a dot without ending a sentence (lower case, without the final dot).
ABBREVIATIONS = frozenset(["mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "col", "lt", "sgt", "gov", "sen", "rep", "asst", "sec", "dept", "no", "vs", "etc", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m"])

# "Featuring" abbreviated in a song's or a video's credit: a sentence ends at "feat." or "ft."
# (feet) often enough that only the bracketed credit counts ("(Ft. Stevie Wonder)").
_FEATURING = frozenset(["ft", "feat"])

# A candidate sentence end: terminal punctuation, optional closing quotes, then white space.
_BOUNDARY = re.compile(r"[.!?…]+[”\"’)\]]*(?=\s+[“\"‘(\[]?[A-Z0-9])|\n\s*\n")
_PREV_WORD = re.compile(r"(\S+)$")
# Initials written together, the last dot aside: "H.W" of "George H.W. Bush", "L.A" of "L.A.
# Unified", "a.k.a". Like "U.S." they end no sentence inside a paragraph; a paragraph break
# after one still does ("…in Elizabeth, N.J.\n\nThe F.B.I. …").
_DOTTED_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_NUMBER_AFTER = re.compile(r"\.\s*\d")


@dataclass(frozen=True)
class Span:
    """A [start, end) character range of the article text."""

    start: int
    end: int


_WORD_WINDOW = 64  # characters before a dot searched for its word (longer words are no abbreviation)


def _word_before(text: str, dot_index: int) -> re.Match[str] | None:
    """The white-space-delimited word ending at `dot_index`. Searched in the few characters
    before it: a search from the start of the text made splitting quadratic in its length."""
    start = max(0, dot_index - _WORD_WINDOW)
    match = _PREV_WORD.search(text, start, dot_index)
    if match is not None and match.start() == start > 0 and not text[start - 1].isspace():
        return _PREV_WORD.search(text, 0, dot_index)  # a word longer than the window: as before
    return match


def _is_abbreviation(text: str, dot_index: int) -> bool:
    match = _word_before(text, dot_index)
    if not match:
        return False
    word = match.group(1).lstrip("“\"‘(").lower()
    if len(word) == 1 and word.isalpha():  # an initial: "John F. Kennedy"
        return True
    if _DOTTED_INITIALS.fullmatch(word):  # initials: "George H.W. Bush", "H.R. (Bum) Bright"
        return True
    if word == "no":  # "No. 5" abbreviates "number"; "he said no. The talks" ends a sentence
        return bool(_NUMBER_AFTER.match(text, dot_index))
    if word in _FEATURING:  # "Only One (Ft. Stevie Wonder)"; "quite a feat. The team…" ends one
        return match.group(1).startswith("(")
    return word in ABBREVIATIONS


# A short quotation the sentence goes on after: a slogan or a title with a full stop inside
# ("South Dakota's “Meth. We're on it.” campaign drew mockery"). A cut inside it left a quote
# opening mid-slogan ("We're on it.” campaign drew mockery"). At most `_SHORT_QUOTATION` words
# from the opening mark to the closing one, and a lower-case word after it ("“We fight. We
# win,” he said." stays whole too): a longer quotation ("“We are ready to talk about the border.
# We will not talk about our army,” he said.") is speech, cut as before.
_SHORT_QUOTATION = 8
_QUOTATION_GOES_ON = re.compile(r"[^“”\n]*?”[,;:]?\s+[a-z]")


def _inside_short_quotation(text: str, start: int, boundary: int) -> bool:
    """Whether the sentence end at `boundary` lies inside a short quotation opened since
    `start` (`_SHORT_QUOTATION`) that the sentence goes on after."""
    opening = text.rfind("“", start, boundary)
    if opening < 0 or text.find("”", opening, boundary) >= 0:
        return False  # no quotation open here
    goes_on = _QUOTATION_GOES_ON.match(text, boundary)
    if goes_on is None:
        return False
    return len(text[opening : goes_on.end()].split()) <= _SHORT_QUOTATION + 1


def split_sentences(text: str) -> list[Span]:
    """Sentence spans (white space trimmed) that never cut "U.S.", "Aug. 24" or "Mr. Biden",
    nor inside a short quotation the sentence goes on after ("…'s “Meth. We're on it.” campaign…")."""
    spans: list[Span] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if match.group(0).startswith(".") and _is_abbreviation(text, match.start()):
            continue
        if _inside_short_quotation(text, start, match.end()):
            continue
        end = match.end()
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def _append_trimmed(text: str, start: int, end: int, spans: list[Span]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


MIN_WORDS = 4  # a shorter sentence ("He refused.") is never a whole answer on its own


# A short line of its own that names a thing and gives a value ("“Rez Infinite” ($30)", a
# listicle's heading with its price): a labelled fact, however few its words. Two words of
# letters besides the value, so that a date line ("January 12, 2022") is not one.
_VALUE = re.compile(r"\d")
_LETTER_WORD = re.compile(r"[^\W\d_]{2,}")
_CALENDAR_WORD = re.compile(r"(?i)^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*$|"
                            r"^(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*day$")


def _labelled_value(text: str, span: Span) -> bool:
    line_start = span.start == 0 or text[span.start - 1] == "\n"
    line_end = span.end == len(text) or text[span.end] == "\n"
    sentence = text[span.start : span.end]
    labels = [w for w in _LETTER_WORD.findall(sentence) if not _CALENDAR_WORD.match(w)]
    return line_start and line_end and bool(_VALUE.search(sentence)) and len(labels) >= 2


def is_candidate(text: str, span: Span) -> bool:
    """Whether the sentence at `span` of `text` may answer a question: at least `MIN_WORDS`
    words, or a line of its own that labels a value."""
    return len(text[span.start : span.end].split()) >= MIN_WORDS or _labelled_value(text, span)


# A value on a line of its own with at most one word besides ("$299.00", "From $6999", "37
# Ohms") tells nothing alone: on a product or listing page the thing it belongs to is the line
# above it ("Hifiman Sundara Headphones | 2020 Edition", "Mac Pro"). A label line is short and
# ends no sentence (a heading, a product's name), and tells no value of its own that a date line
# could be mistaken for.
_LABEL_WORDS = 12
_BARE_VALUE_WORDS = 3


def _own_line(text: str, span: Span) -> bool:
    return ((span.start == 0 or text[span.start - 1] == "\n")
            and (span.end == len(text) or text[span.end] == "\n"))


def _bare_value(sentence: str) -> bool:
    words = sentence.split()
    labels = _LETTER_WORD.findall(sentence)
    return (bool(_VALUE.search(sentence)) and len(words) <= _BARE_VALUE_WORDS and len(labels) < 2
            and not any(_CALENDAR_WORD.match(w) for w in labels))


def _date_line(line: str) -> bool:
    """A line with a number and a month or weekday ("January 12, 2022", "Mon 3 Feb"): a dateline,
    which labels no value below it."""
    return bool(_VALUE.search(line)) and any(_CALENDAR_WORD.match(w) for w in _LETTER_WORD.findall(line))


def _label_line(text: str, span: Span) -> bool:
    """A line of its own that may label the value under it: short, no sentence end, some letters,
    neither a bare value nor a date line."""
    label = text[span.start : span.end]
    return (_own_line(text, span) and not ends_sentence(label) and bool(_LETTER_WORD.search(label))
            and len(label.split()) <= _LABEL_WORDS and not _bare_value(label) and not _date_line(label))


def with_values(text: str, spans: list[Span]) -> list[Span]:
    """`spans` with each label line joined to the bare value on the line after it (one verbatim
    span, "Hifiman Sundara Headphones | 2020 Edition\n\n$299.00"): asked "How much do the
    Sundara headphones cost?", the name's line holds no price and the price's line no name, so
    neither alone answers, and the price was never a candidate (one word). A label of one word
    ("From", "Price") names nothing: the label line above it joins too ("- Studio Display XDR\n\n
    From\n\n$3299"), or the quote "From $3299" would not say whose price it is."""
    out: list[Span] = []
    i = 0
    while i < len(spans):
        span = spans[i]
        if i + 1 < len(spans):
            after = spans[i + 1]
            if (_label_line(text, span) and _own_line(text, after) and _bare_value(text[after.start : after.end])
                    and not text[span.end : after.start].strip()):
                start = span.start
                if (len(_LETTER_WORD.findall(text[span.start : span.end])) < 2 and out
                        and not text[out[-1].end : span.start].strip() and _label_line(text, out[-1])):
                    start = out.pop().start
                out.append(Span(start, after.end))
                i += 2
                continue
        out.append(span)
        i += 1
    return out


def answer_spans(text: str) -> list[Span]:
    """The sentences the answer step reads, each a candidate or the context of the next: the
    splitter's, a bare value joined to the label line above it (`with_values`)."""
    return with_values(text, split_sentences(text))


def candidate_spans(text: str) -> list[Span]:
    """The sentences that may answer a question (`is_candidate`): what the answer step scores
    and what the sentence index embeds, so the two agree on every offset."""
    return [span for span in answer_spans(text) if is_candidate(text, span)]


_CLOSING = re.compile(r"[”\"’')\]\s]*$")


# a sentence end, closing quotes and brackets after it (an opening mark typed for a closing one too:
# "…to their citizens.“")
_SENTENCE_END = re.compile(r"[.!?…][”“\"’‘')\]]*\s*$")


def ends_sentence(text: str) -> bool:
    """Whether the text ends as a sentence does (a full stop, "?", "!" or "…", closing quotes
    and brackets aside): a heading, a caption or a byline line does not."""
    return bool(_SENTENCE_END.search(text))


def is_headline(sentence: str) -> bool:
    """A line that titles rather than tells: no sentence end, and wrapped in brackets (a link
    to another story, "[Bardo museum houses amazing Roman treasures]") or in title case (a
    heading, "The Birth of Chaos", "Meta Yet to Explain Meta Outage"), or ending in the "¶" that
    documentation generators (Sphinx, MkDocs) link a heading by ("Example 6: Divergent
    changesets¶"). A caption or a list
    item without a full stop ("Hori Parata at his farm, the place where he was born") is
    written in sentence case and is none; nor is a line of names listed with commas (a byline,
    "Analysis: Jon Sopel, BBC News, Washington"), which answers "who"."""
    text = sentence.strip()
    if text.endswith("¶"):  # a documentation page's heading with its permalink glyph ("Setting up¶")
        return True
    if _SENTENCE_END.search(text):
        return False
    if text.startswith("[") and text.endswith("]"):
        return True
    if "\n" in text and _bare_value(text.rsplit("\n", 1)[1]):
        return False  # a label with its value under it (`with_values`): "Mac Pro\n\nFrom $6999" tells
    if "," in text:  # "Analysis: Jon Sopel, BBC News, Washington": names listed, a byline
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w’'-]*", text) if len(w) >= 4]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


# a heading that asks, written without its question mark ("Will Beard Oil make my beard grow
# thicker", "What tin to bake focaccia bread in"): a question word or an auxiliary verb first
_ASKING_OPENING = re.compile(r"^[“\"‘']?(?:what|why|how|when|where|who|whom|whose|which|will|would|can|could|should|"
                             r"shall|does|do|did|is|are|was|were|has|have|had)\s", re.IGNORECASE)
UNMARKED_QUESTION_WORDS = 15  # a longer line without a sentence end is a run-on caption or list item, not a heading


def is_unmarked_question(sentence: str) -> bool:
    """A heading that asks without a question mark: no sentence end and no colon (a lead-in,
    "When to use rebase:", introduces what follows), opening with a question word or an
    auxiliary verb, and no longer than `UNMARKED_QUESTION_WORDS` words. Like a question of the
    article, it tells nothing on its own."""
    text = sentence.strip()
    return (not ends_sentence(text) and ":" not in text and bool(_ASKING_OPENING.match(text))
            and len(text.split()) <= UNMARKED_QUESTION_WORDS)


def is_lead_in(sentence: str) -> bool:
    """Whether the line ends with a colon: it introduces what follows ("The Doobie Brothers
    50th Anniversary Tour 2020 dates:", "Here is what we know:"), which is a sentence or a list
    of its own."""
    return sentence.rstrip().endswith(":")


def is_question(sentence: str) -> bool:
    """Whether the sentence ends with a question mark, closing quotes and brackets aside
    ("So what are the Russians hoping for?", "He asked: “Why now?”"): not a statement that ends
    by quoting a short question ("Swift has a new record deal in place with Universal Music
    Group, and The Carlyle Group will be left to wonder: “what did we do to deserve this?”"),
    whose words before the quotation are twice the quotation's and eight or more."""
    bare = _CLOSING.sub("", sentence)
    if not bare.endswith("?"):
        return False
    opening = max(bare.rfind(mark) for mark in "“\"‘")
    if opening <= 0 or sentence[len(bare):].strip(" )]") == "":
        return True  # no quotation closes the sentence
    before, quoted = len(sentence[:opening].split()), len(sentence[opening:].split())
    return not (before >= 8 and before >= 2 * quoted)

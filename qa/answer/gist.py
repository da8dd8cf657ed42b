"""Questions that ask what an article says as a whole, answered by its lead.

"Summarize the Telegraph article", "What is the piece about neon about?", "Give me the gist of
the CNN story": no one sentence answers these, so the sentence scorer finds nothing it trusts and
they were refused ("The Telegraph doesn't say"). News writing puts an article's gist in its first
sentences (the inverted pyramid), so the extractive answer to such a question is the article's
opening sentences, quoted and cited like any answer: nothing is written that is not the
article's own words, and a notice says these are its opening sentences, not a written summary.
"""
from __future__ import annotations

import re

from ..text.sentences import Span, ends_sentence, is_candidate, split_sentences

_TEXT = r"(article|piece|story|report|post|op-?ed|column|editorial|page|essay|blog post|interview|review)"
# The request frames: an imperative ("Summarize…", "Sum up…", "Give me a summary of…"), a
# question for the gist ("What is the main point of…"), or what an article is about ("What is
# the Telegraph article about?", "What does the CNN piece say?").
_ASKS_GIST = re.compile(
    r"^(please\s+|can you\s+|could you\s+)?(summari[sz]e|sum up|recap|tl;?dr\b|"
    r"give (me |us )?(a |an |the )?(brief |short |quick )?(summary|gist|overview|rundown|recap) of)\b|"
    r"^what(['’]s| is| was| are)\s+(the )?(main |key |central )?(point|gist|summary|thrust|upshot|idea|takeaway|"
    r"argument|message)s? of\b|"
    rf"^what(['’]s| is| was)\s+(the|this|that)\b.{{0,80}}?\b{_TEXT}\b.{{0,80}}?\babout\s*[?.!]*\s*$|"
    rf"^what (does|did) (the|this|that)\b.{{0,80}}?\b{_TEXT}\s+(say|argue|cover|report|discuss)\s*[?.!]*\s*$",
    re.IGNORECASE)
# What is left of the question once the frame is taken out: a topic ("…the article about neon")
# or nothing but the frame's words ("What is this article about?")
_FRAME_WORDS = re.compile(
    rf"\b(please|can|could|you|summari[sz]e|sum|up|recap|give|me|us|a|an|the|this|that|brief|short|quick|summary|"
    rf"gist|overview|rundown|of|what|whats|what['’]s|is|was|are|does|did|main|key|central|point|thrust|upshot|idea|"
    rf"takeaway|argument|message|say|argue|cover|report|discuss|about|on|{_TEXT[1:-1]}|articles|pieces|stories)\b",
    re.IGNORECASE)


def asks_gist(question: str) -> bool:
    """Whether the question asks what an article says as a whole."""
    return bool(_ASKS_GIST.search(question.strip()))


_ABOUT_A_TOPIC = re.compile(rf"\b{_TEXT}s?\s+(about|on|regarding|covering)\s+\S", re.IGNORECASE)


def names_article_by_topic(question: str) -> bool:
    """Whether the question says which article it means by its subject ("the piece about
    neon"): the rest of its words then name that subject, not one aspect of the article
    ("Summarise the wider aim the column sees behind Moscow's moves" asks about an aim)."""
    return bool(_ABOUT_A_TOPIC.search(question))


def gist_topic(question: str) -> str:
    """The subject by which the question says which article it means ("the article about
    Sudan" → "Sudan"): the question without the words of its frame; "" for "What is this
    article about?"."""
    return " ".join(re.sub(r"[^\w’'-]+", " ", _FRAME_WORDS.sub(" ", question)).split())


def lede_spans(article: str, count: int) -> list[Span]:
    """The article's first `count` sentences that read as sentences of the story (a sentence
    end, enough words), from its opening; [] when its opening has none."""
    window = article[:4000]
    spans: list[Span] = []
    for span in split_sentences(window):
        text = window[span.start : span.end]
        if span.end >= len(window) and len(window) < len(article):
            break  # cut by the window: not a whole sentence
        # not a line without a sentence end (a heading, a caption, a byline), nor too short
        if is_candidate(window, span) and ends_sentence(text):
            spans.append(span)
            if len(spans) >= count:
                break
    return spans

"""Is a question written in English? The articles are answered in English words, so a question
in another language can only match names, and an answer to it would be a guess.

Deliberately modest: a question of three or more words that uses none of English's function
words ("the", "did", "what", "in"…) and writes a letter outside ASCII ("¿Qué exigió…",
"Что потребовал…") is taken as not English. Keyword queries in English ("Geneva talks
outcome") and English questions with accented names ("Who is Rasa Juknevičienė?") pass.
"""
from __future__ import annotations

import re

from .terms import STOPWORDS

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
# English function words of two letters or more (the package's stop words: `qa.text.terms`);
# a one-letter word ("a", "s") is a word in other languages too
_FUNCTION_WORDS = frozenset(w for w in STOPWORDS if len(w) > 1)


def looks_english(text: str) -> bool:
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < 3 or any(w in _FUNCTION_WORDS for w in words):
        return True
    return all(ch.isascii() for w in words for ch in w)

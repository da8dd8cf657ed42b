"""The package's one notion of a term: one word pattern, one stop-word list, one stemmer.

BM25 (bm25s, through llama-index) indexes passages with its English stop words and PyStemmer's
English Snowball stemmer. Everything else that compares words uses the same stemmer and a
superset of the same list:
- the answer step's term coverage (`qa.retrieve.hybrid.TermStats`), whose idf comes from the
  BM25 vocabulary: `STOPWORDS` (BM25's list and the question words);
- the language check (`qa.text.language`): the same;
- the LLM answer verifier (`qa.llm.verify`), which compares a written claim with its passage:
  `CLAIM_STOPWORDS`, which also leaves out pronouns, quantifiers and the words that frame a
  report, but keeps the negations.
So "what the question asks about", "what retrieval matched on" and "what a claim says" are the
same terms. The lists are English grammar (function words, question words, the words that frame
a report), not words picked from any gold item. (The broader list for the answer step's coverage
too measured slightly worse with the trained models: dev-paraphrase fact recall 0.675 -> 0.665,
web-dev 0.812 -> 0.806.)
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache

from bm25s.stopwords import STOPWORDS_EN

STEMMER_LANGUAGE = "english"  # PyStemmer's Snowball English: what the BM25 index stems with
WORD = re.compile(r"(?u)\b\w\w+\b")  # bm25s's default token pattern: words of two or more characters

# Question and auxiliary words: BM25's short list keeps them, but they never carry a topic.
QUESTION_WORDS = frozenset("""did does do done doing has have had having was were is are be been being am
what who whom whose when where why how which can could would should will shall may might must
according much many also else""".split())
# Pronouns, determiners, quantifiers and connectives: grammar, not content.
FUNCTION_WORDS = frozenset("""about from into onto out up over under than then so such its it's
he she him his her hers we you your our i me my us them those here there
all any both each other another some more most only just very even still yet like while though
although however because s t mr ms mrs dr""".split())
# Words that frame a report ("the article says", "CNN writes"): who says it, not what is said.
FRAMING_WORDS = frozenset("""article articles source sources report reports reported piece
say says said saying stated told tell tells noted note notes added adds believe believes think thinks
write writes wrote written claim claims describe describes described call calls called""".split())
NEGATIONS = frozenset("no not never none nobody nothing neither nor without cannot n't".split())

STOPWORDS = frozenset(STOPWORDS_EN) | QUESTION_WORDS
CLAIM_STOPWORDS = (STOPWORDS | FUNCTION_WORDS | FRAMING_WORDS) - NEGATIONS

_local = threading.local()  # a PyStemmer object is not to be shared between threads


def new_stemmer():
    """A PyStemmer English stemmer (the BM25 index's)."""
    import Stemmer

    return Stemmer.Stemmer(STEMMER_LANGUAGE)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem of one lower-cased word, as the BM25 index stems it."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = new_stemmer()
    return stemmer.stemWord(word)


def content_words(text: str) -> list[str]:
    """The lower-cased words of `text` that are not stop words, in order."""
    return [w for w in WORD.findall(text.lower()) if w not in STOPWORDS]

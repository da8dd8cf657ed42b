"""Cleaning: site chrome gone, glued sentences repaired, article prose kept intact.

Runs on the five real scraped articles in `corpus/` (no model, no index: fast).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import pytest

from qa.ingest.cleaning import clean_article, repair_glued_sentences
from qa.ingest.readers import article_document

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
FILES = sorted(p.name for p in CORPUS.iterdir() if p.suffix == ".txt")

# Furniture the scrapers left in the corpus. Each is a regex searched in the cleaned text;
# "Subscribe" is case-sensitive because the prose has "Putin subscribes to legend".
CHROME = {
    "Leave a Reply": r"(?i)leave a reply",
    "Source link": r"(?i)source link",
    "Select Page": r"(?i)select page",
    "Disclaimers": r"(?i)disclaimer",
    "website disclaimer": r"(?i)all the information on this website|published in good faith",
    "Related Articles": r"(?i)related articles",
    "Back to top button": r"(?i)back to top",
    "Subscribe…": r"\bSubscribe\b|(?i:subscribe us now)",
    "Your email address": r"(?i)your email address|required fields are marked",
    "Next Post": r"(?i)next post",
    "Follow us on Google News": r"(?i)follow us on google news",
    "0 thoughts on": r"(?i)\d+ thoughts on",
    "TheHitc": r"(?i)thehitc|automatic aggregator",
    "The story first appeared": r"(?i)story first appeared",
    "image prefix": r"\bimage(?=[A-Z])",
    "bare URL": r"https?://",
    "site name in body": r"MCU Times",
}

# The first and the last real sentence of each article must survive the cleaning.
FIRST_LAST = {
    "000_7072df8804a34c19.txt": (
        "US Deputy Secretary of State Wendy Sherman, left, and Russia’s Deputy Foreign Minister Sergei Ryabkov",
        "But one thing is for sure: Putin’s every move will be less than worthwhile.",
    ),
    "001_a32b31f8f4665c4d.txt": (
        "US Secretary of State Antony Blinken has said there are “two ways”",
        "if he is able to stare down at the earth’s most powerful alliance.",
    ),
    "002_59007568ff3b6b40.txt": (
        "Russian President Vladimir Putin, 69, asked President Joe Biden",
        "recognize that sovereign states have a right to pick-and-choose their international partners.",
    ),
    "003_662a1e8d4d6b319a.txt": (
        "It is both a good thing and a bad thing that Putin got the point across",
        "Does the Kremlin think Biden is in a stronger position than Trump?",
    ),
    "004_93ab12cb5d174454.txt": (
        "This week, Russian President Vladimir Putin sent forces to Kazakhstan",
        "that they would receive fierce Russian support in similar cases.",
    ),
}


@lru_cache(maxsize=None)
def cleaned(name: str) -> str:
    path = CORPUS / name
    return article_document(path, path.read_text(encoding="utf-8")).text


def test_corpus_has_the_five_articles():
    assert FILES == sorted(FIRST_LAST)


@pytest.mark.parametrize("name", FILES)
def test_no_site_chrome_left(name):
    text = cleaned(name)
    left = {label: re.search(pattern, text).group(0) for label, pattern in CHROME.items() if re.search(pattern, text)}
    assert not left, f"{name}: chrome left in cleaned text: {left}"


@pytest.mark.parametrize("name", FILES)
def test_article_prose_survives(name):
    text = cleaned(name)
    first, last = FIRST_LAST[name]
    assert text.startswith(first), f"{name} starts with {text[:120]!r}"
    assert text.rstrip().endswith(last), f"{name} ends with {text[-160:]!r}"


def test_chrome_really_was_in_the_raw_files():
    """Guard the test above against passing vacuously: the raw corpus does carry chrome."""
    raw = "\n".join((CORPUS / n).read_text(encoding="utf-8") for n in FILES)
    for label in ("Leave a Reply", "Source link", "Select Page", "Related Articles", "Back to top button",
                  "Next Post", "Follow us on Google News", "0 thoughts on", "TheHitc", "The story first appeared"):
        assert re.search(CHROME[label], raw), label


def test_known_glued_sentence_is_split():
    raw = (CORPUS / "001_a32b31f8f4665c4d.txt").read_text(encoding="utf-8")
    assert "Cold War.The NATO-Russia Council" in raw
    text = cleaned("001_a32b31f8f4665c4d.txt")
    assert "Cold War. The NATO-Russia Council" in text
    assert "worse. “Capitulating" in text  # glue before an opening quote
    assert "Eronen said. “Russia has" in text


@pytest.mark.parametrize("name", FILES)
def test_no_glued_sentences_remain(name):
    text = cleaned(name)
    glued = [
        text[max(0, m.start() - 15) : m.end() + 15]
        for m in re.finditer(r"[a-z][.!?][”\"’]?[“\"]?[A-Z]", text)
        if not re.search(r"\b(?:[A-Za-z]\.){2,}$", text[max(0, m.start() - 4) : m.start() + 2])  # U.S., e.g.
    ]
    assert not glued, f"{name}: glued sentences left: {glued}"


def test_repair_glued_sentences_leaves_abbreviations_and_numbers():
    assert repair_glued_sentences("the Cold War.The NATO") == "the Cold War. The NATO"
    assert repair_glued_sentences("worse.“Capitulating") == "worse. “Capitulating"
    assert repair_glued_sentences("the U.S. and the U.K.") == "the U.S. and the U.K."
    assert repair_glued_sentences("a 1.5 percent rise") == "a 1.5 percent rise"
    assert repair_glued_sentences("see example.com today") == "see example.com today"


def test_clean_article_on_synthetic_page():
    raw = (
        "Select Page\n\n"
        "Talks end without a deal | Example Times\n\n"
        "The delegations met for eight hours.They agreed to meet again in February.\n\n"
        "The story first appeared Example Herald.\n\n"
        "Source link\n\n"
        "Leave a Reply\n\nYour email address will not be published.\n"
    )
    article = clean_article(raw)
    assert article.title == "Talks end without a deal"
    assert article.source == "Example Herald"  # the explicit attribution wins over the site suffix
    assert article.text == "The delegations met for eight hours. They agreed to meet again in February."


def test_clean_article_site_suffix_is_the_outlet_without_attribution():
    article = clean_article("Talks end without a deal – Example Times\n\nThe delegations met for eight hours in Geneva.\n")
    assert (article.title, article.source) == ("Talks end without a deal", "Example Times")
    assert article.text == "The delegations met for eight hours in Geneva."

"""Turning a scraped article into clean prose plus its title, outlet and URL.

The site furniture that scrapers leave behind ("Leave a Reply", "Source link", disclaimers,
teasers of the next post…) is described as data in `data/site_chrome.json`, not as code per
file: a new site needs a new pattern line, never a new branch here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

_CHROME_FILE = Path(__file__).resolve().parent.parent / "data" / "site_chrome.json"

# A sentence end glued to the next sentence: "Cold War.The NATO", "worse.“Capitulating".
# Only after a lowercase letter/digit/closing bracket, so "U.S." and decimals are left alone.
_GLUED = re.compile(r"(?<=[a-z0-9)\]][.!?])(?=[“\"A-Z])|(?<=[a-z0-9)\]][.!?][”\"’])(?=[“A-Z])")
_URL = re.compile(r"https?://[^\s<>\"”]+")
_SPACES = re.compile(r"[ \t\u00a0]+")
_SENTENCE_END = re.compile(r"[.!?…][”\"’)]*$")


@dataclass(frozen=True)
class ChromePatterns:
    """Compiled form of `site_chrome.json`."""

    cut_from: tuple[re.Pattern[str], ...]
    drop_line: tuple[re.Pattern[str], ...]
    inline_strip: tuple[re.Pattern[str], ...]
    outlet_patterns: tuple[re.Pattern[str], ...]
    title_suffix: re.Pattern[str]


@lru_cache(maxsize=1)
def chrome_patterns() -> ChromePatterns:
    raw = json.loads(_CHROME_FILE.read_text(encoding="utf-8"))

    def compile_all(key: str, flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, flags) for p in raw[key])

    return ChromePatterns(
        cut_from=compile_all("cut_from"),
        drop_line=compile_all("drop_line"),
        # inline patterns are case-sensitive: "imageUS" is chrome, "Image" at a sentence start is not
        inline_strip=compile_all("inline_strip", 0),
        outlet_patterns=compile_all("outlet_patterns", 0),
        title_suffix=re.compile(raw["title_suffix"]),
    )


@dataclass
class CleanArticle:
    """The cleaned body text (what passages and quotes are cut from) and its metadata."""

    text: str
    title: str
    source: str
    url: str


def repair_glued_sentences(text: str) -> str:
    """Insert the missing space in "Cold War.The NATO-Russia Council"."""
    return _GLUED.sub(" ", text)


def _is_chrome_tail_line(line: str) -> bool:
    """A byline or link line left just above a footer ("Huynh Nguyen", a bare source URL)."""
    words = line.split()
    return bool(_URL.match(line)) or (0 < len(words) <= 4 and not _SENTENCE_END.search(line))


def _find_outlet(lines: list[str], patterns: ChromePatterns) -> str:
    for pattern in patterns.outlet_patterns:  # ordered by how explicit the attribution is
        for line in lines:
            match = pattern.search(line)
            if match:
                return match.group("outlet").strip(" .")
    return ""


def _slug_words(url: str) -> set[str]:
    path = url.split("://", 1)[-1].split("/", 1)[-1]
    return {w for w in re.split(r"[^a-z0-9]+", path.lower()) if len(w) > 2}


def _find_url(raw: str, title: str) -> str:
    """The article's own URL: one whose slug repeats most of the title's words.

    Links to *other* articles (a blog citing its earlier post) share few words with the title.
    """
    title_words = {w for w in re.split(r"[^a-z0-9]+", title.lower()) if len(w) > 2}
    best, best_overlap = "", 0.0
    for url in _URL.findall(raw):
        url = url.rstrip(".,;)")
        if not title_words:
            break
        overlap = len(_slug_words(url) & title_words) / len(title_words)
        if overlap > best_overlap:
            best, best_overlap = url, overlap
    return best if best_overlap >= 0.5 else ""


def _fallback_title(text: str, limit: int = 90) -> str:
    first = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
    if len(first) <= limit:
        return first.rstrip(".")
    return first[:limit].rsplit(" ", 1)[0] + "…"


def clean_article(raw: str, title_hint: str = "", site_hint: str = "", url_hint: str = "") -> CleanArticle:
    """Strip site chrome, repair glued sentences and pull out title, outlet and URL.

    `*_hint` come from richer sources (HTML metadata) and win over what the text implies.
    """
    patterns = chrome_patterns()
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    raw_lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    outlet = _find_outlet(raw_lines, patterns)

    kept: list[str] = []
    for line in raw_lines:
        if any(p.search(line) for p in patterns.cut_from):
            break
        if not line or any(p.search(line) for p in patterns.drop_line):
            kept.append("")
            continue
        for p in patterns.inline_strip:
            line = p.sub("", line)
        kept.append(line.strip())
    # Footers are often preceded by a byline or a source link: drop those trailing lines too.
    while kept and (not kept[-1] or _is_chrome_tail_line(kept[-1])):
        kept.pop()

    paragraphs = [p for p in kept]
    title = title_hint
    site = site_hint
    first = next((i for i, p in enumerate(paragraphs) if p), None)
    if first is not None and not title:
        candidate = paragraphs[first]
        if len(candidate.split()) <= 25 and not candidate.endswith("."):
            paragraphs[first] = ""
            match = patterns.title_suffix.match(candidate)
            if match:
                title, site = match.group("title").strip(), site or match.group("site").strip()
            else:
                title = candidate
    elif first is not None and title and paragraphs[first].startswith(title):
        paragraphs[first] = ""

    text = "\n\n".join(repair_glued_sentences(p) for p in paragraphs if p)
    text = re.sub(r"([.!?])\.+(?=\s|$)", r"\1", text)  # "she adds.." -> "she adds."
    if not title:
        title = _fallback_title(text) if text else ""
    return CleanArticle(
        text=text,
        title=title,
        source=outlet or site,
        url=url_hint or _find_url(raw, title),
    )

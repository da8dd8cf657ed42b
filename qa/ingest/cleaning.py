"""Turning a scraped article into clean prose plus its title, outlet, URL, date and author.

The site furniture that scrapers leave behind ("Leave a Reply", "Source link", disclaimers,
teasers of the next post…) is described as data in `data/site_chrome.json`, not as code per
file: a new site needs a new pattern line, never a new branch here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import groupby
from pathlib import Path

from ..text.sentences import ends_sentence
from . import metadata as md

_CHROME_FILE = Path(__file__).resolve().parent.parent / "data" / "site_chrome.json"

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
    date: str = ""  # ISO YYYY-MM-DD, "" when unknown
    author: str = ""
    thin: bool = False  # so little text that the page's article was most likely not found


# A sentence end glued to the next sentence: "Cold War.The NATO", "worse.“Capitulating",
# "said.”The". Candidates only; `repair_glued_sentences` checks the token on the left.
_GLUED = re.compile(
    r"(?<=[a-z0-9)\]”’\"])(?P<end>[.!?])(?P<close>[”’\"]?)(?P<open>[“\"]?)"
    r"(?=[A-Z][^\W\d_]*[^\W\dA-Z_][^\W\d_]*(?![\w@/]|\.\w)|[AI] [a-z])"
)


def _left_token_is_a_word(text: str, end: int) -> bool:
    """The token before a candidate glue point is a plain word, not a URL, path, domain,
    version or dotted abbreviation ("Android/Filecoder.C", "v2.0.Beta", "e.g.The", "U.S.Army")."""
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    token = text[start:end].lstrip("“\"‘(['")
    if len(token) < 2 or any(mark in token for mark in ("/", "@", "\\", ".", "_", "=")):
        return False
    return not token.lower().startswith("www")


def repair_glued_sentences(text: str) -> str:
    """Insert the missing space in "Cold War.The NATO-Russia Council" — and nowhere else.

    Only a sentence end glued to a capitalised word is split, and only when the token on
    the left is a plain word. A space never goes inside a closing quote: for a straight
    quote, the quotes before it on the line tell whether it opens or closes
    (`stubborn."The` -> `stubborn." The`, `said."The` with the quote opening -> `said. "The`).
    """
    pieces: list[str] = []
    last = 0
    for match in _GLUED.finditer(text):
        if not _left_token_is_a_word(text, match.start("end")):
            continue
        close, opening = match.group("close"), match.group("open")
        if close == '"' and not opening:
            line_start = text.rfind("\n", 0, match.start()) + 1
            if text.count('"', line_start, match.start("close")) % 2 == 0:
                close, opening = "", '"'  # an even number before it: this quote opens
        cut = match.start("close") + len(close)
        pieces.append(text[last:cut])
        pieces.append(" ")
        last = cut
    pieces.append(text[last:])
    return "".join(pieces)


# A year glued to the capitalised word after it: "Reviewed in the United States on December 12,
# 2024These are good earbuds." (a review's date and its text, two elements trafilatura joined),
# "Favorite Slate Articles of 2014Staffers pick…". No word or name is written so.
_GLUED_YEAR = re.compile(r"(?<![\w.,/-])((?:19|20)\d\d)(?=[A-Z][a-z]+\b)")


def repair_glued_years(text: str) -> str:
    """Insert the missing space between a year and the capitalised word glued to it."""
    return _GLUED_YEAR.sub(r"\1 ", text)


_SIGNATURE = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}, [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}$")


def _is_chrome_tail_line(line: str) -> bool:
    """A byline or link line left just above a footer ("Huynh Nguyen", a bare source URL);
    never a letter's signature with its place ("Jane Doe, San Jose")."""
    words = line.split()
    if _SIGNATURE.match(line):
        return False
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


_HEAD_LINES = 6  # bylines, date lines, kickers and a repeated title sit in the first lines
_OPEN_END = re.compile(r"[.!?:;,…\"”’)\]]$")


def _squash(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _head_indexes(lines: list[str], limit: int = _HEAD_LINES) -> list[int]:
    return [i for i, line in enumerate(lines) if line][:limit]


def _drop_repeated_title(lines: list[str], title: str) -> None:
    """Blank the title where the page repeats it above the text, with the kicker lines before it
    ("Tech", "#GameTechie", "October 22, 2019 report")."""
    key = _squash(title)
    if len(key) < 8:
        return
    head = _head_indexes(lines)
    for n, i in enumerate(head):
        line_key = _squash(lines[i])
        if line_key == key or (line_key.startswith(key) and len(lines[i]) <= len(title) + 30 and not _OPEN_END.search(lines[i])):
            lines[i] = ""
            for j in head[:n]:
                if len(lines[j].split()) <= 3 and not _OPEN_END.search(lines[j]):
                    lines[j] = ""
            return


def _drop_reply_subjects(lines: list[str], title: str) -> None:
    """Blank a forum reply's subject line, the thread's title after "Re:" ("Re: Discuss the
    VirtualBox 7.1.0 release here" above each post): it says nothing the title does not."""
    key = _squash(title)
    if len(key) < 8:
        return
    for i, line in enumerate(lines):
        if line[:3].lower() == "re:" and _squash(line[3:]) == key:
            lines[i] = ""


# A line that ends on a word no sentence or heading ends on: an article or "of" ("…who in 2008,
# won the" + "Africa Movie Academy Award for Best Actress…", an unseen Nigerian gossip page)
_CUT_AFTER = re.compile(r"\s(?:the|a|an|of)$", re.IGNORECASE)


# A field's label on a line of its own ("Release Date:", a product page's <dt> or <div>) and its
# short value on the next ("10 Oct, 2007"): one to four words, then the value in at most eight,
# itself no label nor holding one ("Fatalities by engine size:" + "Up to 500cc: 6%" is a table's
# caption and first row: joined, a near miss asking 2012's deaths read "fatalities … 6%"), no list
# item and not in lower case (a command or code line after "Start the site:", a note after
# "Notes:" read as its own line)
_FIELD_LABEL = re.compile(r"^[A-Z][\w’'&/-]*(?: [\w’'&/()-]+){0,3}:$")
_FIELD_VALUE_WORDS = 8


def _is_field_value(line: str) -> bool:
    return (len(line.split()) <= _FIELD_VALUE_WORDS and ":" not in line and not _LIST_ITEM.match(line)
            and not re.match(r"[a-z]", line))


def _join_broken_lines(lines: list[str]) -> list[str]:
    """Rejoin a heading or sentence cut by a line break: "Alameda County DA" + "is coddling
    criminals". A line that starts in lower case continues one that does not end a sentence, or
    one that ends on a comma ("…making the rounds on social media," + "show Nigerian actress…");
    any line continues one that ends on an article or "of" (`_CUT_AFTER`). Never a list item.
    A field's label joins its value ("Release Date:" + "10 Oct, 2007"): read apart, the date is
    a sentence that says nothing of what it dates."""
    joined: list[str] = []
    for line in lines:
        prev = joined[-1] if joined else ""
        if line and prev and not re.match(r"[-*•]\s", line) and (
                (re.match(r"[a-z]", line) and (not _OPEN_END.search(prev) or prev.endswith(",")))
                or _CUT_AFTER.search(prev) or (_FIELD_LABEL.match(prev) and _is_field_value(line))):
            joined[-1] = prev + " " + line
            continue
        joined.append(line)
    return joined


# A teaser: a long paragraph cut off mid-sentence ("…enjoyed a successful career as a writer,
# producer and"), with a sentence end inside it, as a list of other stories prints its first
# 300 characters of each. Prose, headings and list items do not end that way.
_TEASER_CHARS = 150
_TEASER_END = re.compile(r"[\w,]$")  # no full stop, colon, quote or bracket at its end
_SENTENCE_INSIDE = re.compile(r"[.!?][\"”’']?\s+[\"“‘']?[A-Z]")
TEASER_RUN = 3  # teasers that make a list of other stories (one or two cut paragraphs may be a scrape's accident)
TEASER_SHARE = 2 / 3  # of the paragraphs from the list's first teaser to the end


def _is_teaser(line: str) -> bool:
    return len(line) >= _TEASER_CHARS and bool(_TEASER_END.search(line)) and bool(_SENTENCE_INSIDE.search(line))


def _without_teaser_list(lines: list[str]) -> list[str]:
    """`lines` without a trailing list of other stories' teasers (an unseen Yahoo page ended with
    seventeen, about an actor's death, Aleppo and a yoga founder: "How old were the volunteers?"
    was answered with one of their ages). The list starts at the first teaser from which at
    least `TEASER_RUN` teasers make up `TEASER_SHARE` of the paragraphs to the end; the
    complete paragraphs among them (a teaser cut at a full stop) go with it."""
    teasers = [i for i, line in enumerate(lines) if _is_teaser(line)]
    for n, start in enumerate(teasers):
        count = len(teasers) - n
        if count < TEASER_RUN:
            break
        if count >= TEASER_SHARE * (len(lines) - start):
            return lines[:start]
    return lines


# A link to another outlet's story, listed by outlet and headline: "Wall Street Journal: The
# Scandal of K-12 Education", "Business Insider: New exam results may support Trump’s claim…". The
# label is a name of two to six capitalised words, no digit (not "Step 1:", "Q:", nor a spec
# sheet's "Core: Paulownia/Maple + Fiberglass Laminate"), the rest a headline of four words or
# more that opens with a capital (not a record's "First Posted: — November 19, 2018") and has
# no sentence end.
_OUTLET_LINK = re.compile(r"^(?:[A-Z][\w&’'.-]*\s+){1,5}[A-Z][\w&’'.-]*:\s+[“\"‘']?[A-Z]\S*(?:\s+\S+){3,}$")
LINK_RUN = 2  # such lines in a row make a reading list; one alone may be a labelled line of prose


def _is_outlet_link(line: str) -> bool:
    label = line.partition(":")[0]
    return (bool(_OUTLET_LINK.match(line)) and not ends_sentence(line) and not any(c.isdigit() for c in label)
            and len(line) <= 200)


def _without_link_lists(lines: list[str]) -> list[str]:
    """`lines` without runs of `LINK_RUN` or more outlet-and-headline links (a blog's "further
    reading" between its paragraphs, The Federalist Papers): "Which countries do American
    students lag behind?" opened with "Business Insider: New exam results may support Trump’s
    claim…", a headline of a story the page does not tell."""
    out: list[str] = []
    for is_link, run in groupby(lines, key=_is_outlet_link):
        kept = list(run)
        if not (is_link and len(kept) >= LINK_RUN):
            out.extend(kept)
    return out


# A reading-list heading left inside an article is not the page's end: an unseen Accountancy
# Age page lost all but its first two sentences to its "Further reading" box, whose headlines the
# extractor had dropped while keeping the heading. The article goes on when the heading is
# followed at once by prose (`_PROSE_WORDS` words or more, ending a sentence, not a list item)
# and `RESUMED_PROSE` such paragraphs come before any other footer line. A footer's heading is
# followed by its list (headlines, numbered references), not by prose.
RESUMED_PROSE = 3
_PROSE_WORDS = 15
_LIST_ITEM = re.compile(r"^(?:[-•*–]|\d+[.)])\s")


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and bool(_SENTENCE_END.search(line)) and not _LIST_ITEM.match(line)


def _article_resumes(lines: list[str], heading: int, patterns: ChromePatterns) -> bool:
    """Whether the article goes on after a footer heading at `heading` (see `RESUMED_PROSE`)."""
    rest = [line for line in lines[heading + 1:] if line]
    if not rest or not _is_prose(rest[0]):
        return False
    prose = 0
    for line in rest:
        if any(p.search(line) for p in patterns.cut_from):
            return False
        prose += _is_prose(line)
        if prose >= RESUMED_PROSE:
            return True
    return False


def clean_article(
    raw: str,
    title_hint: str = "",
    site_hint: str = "",
    url_hint: str = "",
    date_hint: str = "",
    author_hint: str = "",
) -> CleanArticle:
    """Strip site chrome, repair glued sentences and pull out title, outlet, URL, date, author.

    `*_hint` come from richer sources (HTML metadata) and win over what the text implies.
    """
    patterns = chrome_patterns()
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    raw_lines = [_SPACES.sub(" ", line).strip() for line in raw.split("\n")]
    attribution = _find_outlet(raw_lines, patterns)

    kept: list[str] = []
    footer_cut = False
    for n, line in enumerate(raw_lines):
        if any(p.search(line) for p in patterns.cut_from):
            if _article_resumes(raw_lines, n, patterns):
                kept.append("")
                continue
            footer_cut = True
            break
        if not line or any(p.search(line) for p in patterns.drop_line):
            kept.append("")
            continue
        for p in patterns.inline_strip:
            line = p.sub("", line)
        # a line left without a letter or digit once its links are stripped (an IETF draft's
        # list of property URLs: '* "http://…"' leaves '* "') says nothing
        kept.append(line.strip() if re.search(r"\w", line) else "")
    # A footer is often preceded by a byline or a source link: drop those trailing lines too —
    # only above a footer that was found, so that a letter's signature at the end stays.
    while kept and not kept[-1]:
        kept.pop()
    while footer_cut and kept and (not kept[-1] or _is_chrome_tail_line(kept[-1])):
        kept.pop()

    lines = _without_teaser_list(_without_link_lists([line for line in _join_broken_lines([line for line in kept if line])]))
    title, site = title_hint, site_hint
    if lines and not title:
        candidate = lines[0]
        if len(candidate.split()) <= 25 and not candidate.endswith(".") and not md.parse_meta_line(candidate):
            lines[0] = ""
            match = patterns.title_suffix.match(candidate)
            if match:
                title, site = match.group("title").strip(), site or match.group("site").strip()
            else:
                title = candidate
    if title:
        _drop_repeated_title(lines, title)
        _drop_reply_subjects(lines, title)

    # Byline and date lines ("By Jane Doe", "Published: January 14, 2022") are metadata.
    author, date = "", ""
    for i in _head_indexes(lines):
        meta = md.parse_meta_line(lines[i])
        if meta:
            author, date = author or meta.author, date or meta.date
            lines[i] = ""

    text = "\n\n".join(repair_glued_years(repair_glued_sentences(line)) for line in lines if line)
    text = re.sub(r"(?<![.!?])([!?]|(?<=\w)\.)\.(?=\s|$)", r"\1", text)  # "she adds.." -> "she adds."; "..." stays
    if not title:
        title = _fallback_title(text) if text else ""
    url = url_hint or _find_url(raw, title)
    outlet = md.choose_outlet([site] if site else [], url=url, attribution=attribution) if attribution else site
    return CleanArticle(
        text=text,
        title=title,
        source=outlet,
        url=url,
        date=date_hint or date or md.date_in_url(url),
        author=author_hint or md.clean_author(author, [outlet]),
        thin=len(text.split()) < md.THIN_WORDS,
    )

"""An HTML page in, its article text and metadata out: trafilatura first, the page's own data after.

The main text is trafilatura's (a real boilerplate remover; reader comments left out: they are
not the outlet's words). Tables are kept, each row a line of its own ("Groundhog Day — 1993 —
A weatherman…"): a Wikipedia list or a spec's table is often the whole of what a page says
(`_table_rows_as_lines`); a page laid out in a table is read without it (`_with_tables`).

When that text is much shorter than the `articleBody` the page publishes in its JSON-LD
(schema.org NewsArticle, Article, OpinionNewsArticle, …), the extraction missed the article — a
photo caption instead of an opinion piece — and the JSON-LD body is used instead. A text still under `THIN_WORDS` gets a
second try with trafilatura's `favor_recall`, then one with the readers' comments (a link
aggregator's thread is nothing but them); whatever is left then is flagged `thin`.

Metadata comes from trafilatura's `extract_metadata`, JSON-LD and Open Graph / `<meta>` tags,
and is settled in `metadata.py` (title suffixes, outlet names, ISO dates, authors).
"""
from __future__ import annotations

import copy
import difflib
import html as _html
import json
import re
from dataclasses import dataclass, field
from typing import Any

from . import metadata as md
from .html_repair import repaired

# JSON-LD types whose articleBody is the article (schema.org Article and its subtypes).
_ARTICLE_TYPES = re.compile(r"(?:^|\b)(?:\w*Article|BlogPosting|Report|LiveBlogPosting|Review)$")
# A JSON-LD body counts as the article when the extracted text has under this share of its words.
BODY_RATIO = 0.5
# trafilatura's favor_recall text is read beside its default one when it holds at least this many
# times its words: the default pass drops blocks it scores as boilerplate, and when the recall pass
# finds half as much again, the dropped blocks were the page's (a forum's replies after the first
# post, a guide's list of steps). The recall pass is no superset (it took a video's transcript
# and dropped the article around it), so the two are merged line by line (`_merged_lines`).
# Measured on the 2025 crawl's 959 pages with a hand-made main text (its held-out pages left
# out): 42 pages change, mean word F1 against that text .519 -> .622 (the recall text alone
# .631), 32 better and 7 worse; at 1.25 57 pages change (10 worse), at 2 15 (5 worse, the gain
# halves).
RECALL_RATIO = 1.5


@dataclass
class PageExtraction:
    """What one page gives: text (and where it came from) plus metadata, already settled."""

    text: str
    text_source: str  # "trafilatura", "json-ld", "trafilatura (favor_recall)" or "trafilatura (with comments)"
    title: str = ""
    outlet: str = ""
    url: str = ""
    date: str = ""
    author: str = ""
    site_names: list[str] = field(default_factory=list)


def _ld_objects(data: Any) -> list[dict]:
    """Every object of a JSON-LD document, @graph and nested lists flattened."""
    found: list[dict] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            found.append(item)
            for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
                if isinstance(item.get(key), (list, dict)):
                    stack.append(item[key])
    return found


def _types(obj: dict) -> list[str]:
    kind = obj.get("@type", [])
    return [str(k) for k in (kind if isinstance(kind, list) else [kind])]


def _names(value: Any, person_only: bool = False) -> list[str]:
    values = value if isinstance(value, list) else [value]
    names = []
    for item in values:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            if person_only and _types(item) and "Person" not in _types(item):
                continue
            if isinstance(item.get("name"), str):
                names.append(item["name"])
    return [_html.unescape(n).strip() for n in names if n and n.strip()]


@dataclass
class _PageData:
    ld_articles: list[dict]
    ld_orgs: list[str]
    meta: dict[str, str]
    feed_titles: list[str]
    # authors of what a page reviews (a fact check's ClaimReview.itemReviewed: the claim's
    # author), who did not write the page
    reviewed_authors: list[str] = field(default_factory=list)
    title_tag: str = ""  # the page's own <title>, before any extractor trims it
    # the text of a heading that is only a link to the site's home page, or the site's address:
    # the site's logo ("₦airaland Forum", "virtualbox.org" on forum threads), which names the
    # site and titles no article
    site_heading: str = ""
    # the same as a reader sees it: without the text a drawing in the logo holds, when the logo
    # writes a name beside it ("MyBB", not "Artboard Created with Sketch. MyBB")
    site_heading_shown: str = ""
    # top headings with their buttons' labels left out ("Enum Option Copy item path" ->
    # "Enum Option": a documentation page's copy button is no part of its title)
    headings_without_controls: dict[str, str] = field(default_factory=dict)


def _page_data(html: str) -> _PageData:
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except Exception:  # an unparsable page still has trafilatura's text
        return _PageData([], [], {}, [], [])
    articles, orgs, reviewed_authors = [], [], []
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        raw = (script.text_content() or "").strip()
        try:
            data = json.loads(raw)
        except ValueError:
            try:
                data = json.loads(re.sub(r"[\x00-\x1f]", " ", raw))  # raw newlines inside strings
            except ValueError:
                continue
        for obj in _ld_objects(data):
            reviewed = obj.get("itemReviewed")
            for item in reviewed if isinstance(reviewed, list) else [reviewed]:
                if isinstance(item, dict):
                    reviewed_authors.extend(_names(item.get("author")))
            kinds = _types(obj)
            if any(_ARTICLE_TYPES.search(k) for k in kinds):
                articles.append(obj)
            elif any(k in ("NewsMediaOrganization", "Organization") for k in kinds) and isinstance(obj.get("name"), str):
                orgs.append(_html.unescape(obj["name"]).strip())
    meta: dict[str, str] = {}
    for tag in tree.xpath("//meta[@content]"):
        key = (tag.get("property") or tag.get("name") or tag.get("itemprop") or "").strip().lower()
        if key and key not in meta:
            meta[key] = _html.unescape(tag.get("content") or "").strip()
    # Some saved pages hold their meta tags' values in `value=` (Postlight Parser's fixtures):
    # only a page address is read from there. A site name read so ("Magazine" for National
    # Geographic, "Al" for al.com) is often a section or a handle, measured over 278 pages; an
    # address is an address, and it lets the page's spelling of its domain name the outlet.
    for tag in tree.xpath("//meta[@value][not(@content)]"):
        key = (tag.get("property") or tag.get("name") or "").strip().lower()
        value = _html.unescape(tag.get("value") or "").strip()
        if key in ("og:url", "twitter:url") and key not in meta and re.match(r"https?://[^\s/]+\.[a-z]{2,}", value):
            meta[key] = value
    feeds = [
        t.get("title", "").strip()
        for t in tree.xpath('//link[@rel="alternate"][@title]')
        if "rss" in (t.get("type") or "") or "atom" in (t.get("type") or "")
    ]
    title_tag = _html.unescape(tree.findtext(".//title") or "").strip()
    site_heading, site_heading_shown, without_controls = "", "", {}
    for h1 in tree.xpath("//h1"):
        whole = _squashed(h1.text_content())
        links = h1.xpath(".//a[@href]")
        if len(links) == 1 and _HOME_LINK.match(links[0].get("href", "").strip()) and _squashed(links[0].text_content()) == whole:
            if not site_heading:
                site_heading, site_heading_shown = whole, _shown_text(h1)
        elif not links and _DOMAIN_NAME.match(whole):  # "virtualbox.org": a forum's heading, its address
            if not site_heading:
                site_heading = site_heading_shown = whole
        buttons = h1.xpath(".//button")
        if buttons:
            labels = " ".join(_squashed(b.text_content()) for b in buttons)
            if labels and whole.endswith(labels):
                without_controls[whole] = whole[: -len(labels)].strip()
    return _PageData(articles, orgs, meta, feeds, reviewed_authors, title_tag, site_heading, site_heading_shown,
                     without_controls)


def _shown_text(element: Any) -> str:
    """An element's text as a reader sees it beside its `<svg>` drawings: without what they hold,
    whose `<title>` is a tooltip, often the drawing tool's ("Artboard Created with Sketch.",
    which MyBB's logo heading read as "Artboard Created with Sketch. MyBB", the forum's outlet).
    A heading that is only a drawing (POLITICO's logo, titled "POLITICO") is its drawing's text."""
    if not element.xpath(".//*[local-name()='svg']"):
        return _squashed(element.text_content())
    shown = copy.deepcopy(element)
    for drawing in shown.xpath(".//*[local-name()='svg']"):
        drawing.drop_tree()  # its tail, the text after it, stays
    return _squashed(shown.text_content()) or _squashed(element.text_content())


# a link to a site's home page: "/", "./", "index.html", or the site's address with no path
_HOME_LINK = re.compile(r"^(?:/|\./|(?:\./)?index\.(?:html?|php)|https?://[^/\s]+/?)$", re.IGNORECASE)


# a site's address written as a heading: "virtualbox.org", "www.example.co.uk"
_DOMAIN_NAME = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,6}$", re.IGNORECASE)


def _squashed(text: str) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def _clean_body(body: str) -> str:
    """A JSON-LD articleBody as plain text: entities and stray tags gone, " ." repaired."""
    body = _html.unescape(re.sub(r"<[^>]+>", " ", body))
    body = body.replace("\r\n", "\n").replace("\u00a0", " ")
    body = re.sub(r"[ \t]+", " ", body)
    body = re.sub(r" +([.,;:!?])(?=\s|$)", r"\1", body)  # "primary ." left where a link was cut out
    return "\n".join(line.strip() for line in body.split("\n")).strip()


_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_SEPARATOR_ROW = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")
_REFERENCE_MARK = re.compile(r"\s*\[\d+\]")
LAYOUT_CELL_CHARS = 1000  # a table cell longer than this holds a page laid out in a table, not data


def _with_tables(html: str, favor_recall: bool = False) -> str:
    """trafilatura's text with the page's tables (`_table_rows_as_lines`), unless a table holds
    the page's layout: a cell of more than `LAYOUT_CELL_CHARS` is a post laid out in a table,
    whose lines trafilatura flattens into that cell (a changelog's "+ Added…" items run
    together); the text without tables keeps them apart."""
    import trafilatura

    tabled = trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=True,
                                 favor_recall=favor_recall) or ""
    for line in tabled.split("\n"):
        line = line.strip()
        if _TABLE_ROW.match(line) and not _SEPARATOR_ROW.match(line):
            if max(len(cell) for cell in line[1:-1].split("|")) > LAYOUT_CELL_CHARS:
                return trafilatura.extract(html, output_format="txt", include_comments=False, include_tables=False,
                                           favor_recall=favor_recall) or ""
    return _table_rows_as_lines(tabled)


_QUOTED = re.compile(r"^[\"“”'‘’](.+)[\"“”'‘’]$")  # a whole name in quotation marks
_COPYRIGHT_NOTICE = re.compile(r"\s*(©|\(c\)|&copy;|copyright\b)", re.IGNORECASE)


def _comments(html: str) -> str:
    """The readers' comments trafilatura finds on the page, in their order ("" for none)."""
    import trafilatura

    found = trafilatura.bare_extraction(html, include_comments=True, include_tables=False, with_metadata=False)
    comments = found.get("comments") if isinstance(found, dict) else getattr(found, "comments", "")
    return comments or ""


LABELLED_TABLE_COLUMNS = 3  # a header row of fewer cells may be an infobox's first key and value
HEADER_CELL_CHARS = 80  # a longer "header" cell is a sentence, not a column's name
SELF_EXPLAINING_CELL_WORDS = 12  # a cell of more words says what it is without its column's name


def _header_labels(header: list[str], body: list[list[str]]) -> list[str] | None:
    """The column names of a table whose first row is a header row of `LABELLED_TABLE_COLUMNS` or
    more named columns (trafilatura marks a row of `<th>` cells with the "|---|" line after it)
    above two or more rows of the same width; None for any other table. An infobox (two
    columns, a key in a `<th>`) and a caption row (one filled cell) have no column names."""
    filled = [cell for cell in header if cell]
    if len(filled) < LABELLED_TABLE_COLUMNS or len(body) < 2:
        return None
    if any(len(cell) > HEADER_CELL_CHARS or not re.search(r"[^\W\d_]", cell) for cell in filled):
        return None
    if any(len(row) != len(header) for row in body):
        return None
    return header


_FIGURE = re.compile(r"^[-+−~≈<>]?\s*[$€£¥]?\s*\d")  # "9%", "$172,877", "64x90", "6 (tie)", "+4%"


def _names_figures(header: list[str], body: list[list[str]]) -> bool:
    """Whether a first row written with `<td>` cells is still a header: it names, in words, the
    columns whose cells below are figures ("Acceptance Rate" above "9%", "15%"…; "Fitted Sheet
    (W x L x H)" above "39x75x16"…). Most of its named columns hold figures in two thirds or
    more of their cells, and none of its own cells is a figure."""
    named = [i for i, cell in enumerate(header) if cell]
    if not named or any(_FIGURE.match(header[i]) for i in named):
        return False

    def holds_figures(column: int) -> bool:
        cells = [row[column] for row in body if column < len(row) and row[column]]
        return bool(cells) and sum(bool(_FIGURE.match(cell)) for cell in cells) * 3 >= 2 * len(cells)

    return sum(holds_figures(i) for i in named) * 2 > len(named)


def _labelled(cell: str, label: str) -> str:
    """A body cell with its column's name in front ("Acceptance Rate: 9%"): "9%" or "20x37" on a
    line of their own say nothing of what they measure. A cell that repeats its column's name
    or that is a sentence of its own stays as it is."""
    if not label or cell.lower() == label.lower() or len(cell.split()) > SELF_EXPLAINING_CELL_WORDS:
        return cell
    return f"{label}: {cell}"


def _table_rows_as_lines(text: str) -> str:
    """trafilatura writes a table as Markdown rows ("| Repeat Performance | 1947 | A woman… |",
    a "|---|" line after a row of `<th>` cells). Each row becomes a line of its own, its filled
    cells joined by " — " ("Repeat Performance — 1947 — A woman…", "Founded — February 28, 1998"):
    a row read alone says what it holds, as a list item does. Under a header row of three or
    more named columns, each short cell carries its column's name ("Business School: Stanford
    Graduate School of Business — Acceptance Rate: 9% — …", `_header_labels`), and the header
    row, told by every row, is no line of its own. A two-column table's first row is not taken
    as a header: in a key-value table (an infobox) it is a row like the others. Separator lines
    and reference marks go; text outside tables is unchanged."""
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        stripped = lines[i].strip()
        if not _TABLE_ROW.match(stripped):
            out.append(lines[i])
            i += 1
            continue
        block: list[str] = []
        while i < len(lines) and _TABLE_ROW.match(lines[i].strip()):
            block.append(lines[i].strip())
            i += 1
        out.extend(_table_lines(block))
    return "\n".join(out)


def _table_lines(block: list[str]) -> list[str]:
    """One table's Markdown rows (`block`) as text lines (`_table_rows_as_lines`)."""
    # a reference mark left in a cell ("Remake of The Time Travelers[4]") is no text
    rows = [[_REFERENCE_MARK.sub("", cell).strip() for cell in row[1:-1].split("|")]
            for row in block if not _SEPARATOR_ROW.match(row)]
    labels = None
    marked = len(block) > 1 and _SEPARATOR_ROW.match(block[1]) and not _SEPARATOR_ROW.match(block[0])
    if rows and (marked or _names_figures(rows[0], rows[1:])):
        labels = _header_labels(rows[0], rows[1:])
    out: list[str] = []
    for number, cells in enumerate(rows):
        if labels is not None and number == 0:
            continue
        if labels is not None and sum(bool(cell) for cell in cells) > 1:  # a one-cell row heads a section
            cells = [_labelled(cell, label) if cell else "" for cell, label in zip(cells, labels)]
        filled = [cell for cell in cells if cell]
        if filled:
            out.append(" — ".join(filled))
    return out


def _merged_lines(default: str, recall: str) -> str:
    """The recall pass's lines with every line of the default pass kept in its place: where the
    two differ, the default's lines the recall pass lacks come first, then the recall's."""
    ours, theirs = default.split("\n"), recall.split("\n")
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ours, theirs, autojunk=False).get_opcodes():
        if op == "delete":
            out.extend(ours[i1:i2])
            continue
        if op == "replace":
            told = {line.strip() for line in theirs[j1:j2]}
            out.extend(line for line in ours[i1:i2] if line.strip() not in told)
        out.extend(theirs[j1:j2])
    return "\n".join(out)


def _words(text: str) -> int:
    return len(text.split())


# Google Scholar's `citation_author` meta tag is often written surname first, "Kaufman, Jeff T."
# (the Highwire Press form); trafilatura splits it at the comma into two writers ("Kaufman; Jeff
# T"), and the byline kept only "Kaufman"
_SURNAME_FIRST = re.compile(r"^\s*([A-Z][\w'’-]+),\s+([A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?)*)\s*$")


def _in_reading_order(found: str, citation_author: str) -> str:
    """`found` (trafilatura's author), or the page's one `citation_author` in reading order
    ("Jeff T. Kaufman") when it is written surname first and `found` is that tag split at its
    comma, or empty."""
    match = _SURNAME_FIRST.match(citation_author or "")
    if not match:
        return found
    surname, given = match.groups()
    letters = lambda text: re.sub(r"\W+", "", text).lower()  # noqa: E731
    if found and letters(found) != letters(surname + given):
        return found  # trafilatura found another byline: it stands
    return f"{given} {surname}"


def _is_reviewed_author(author: str, reviewed: list[str]) -> bool:
    """Whether every name of `author` ("The Russian; Syrian defense ministries", as trafilatura
    splits "and") is part of the author of an item the page reviews."""
    squashed = [re.sub(r"\W+", "", name.lower()) for name in reviewed]
    parts = [re.sub(r"\W+", "", part.lower()) for part in re.split(r";|,| and ", author)]
    return any(parts) and all(any(part in name for name in squashed) for part in parts if part)


def _site_name_not_title(found: Any, handle: str = "", title_tag: str = "") -> str:
    """trafilatura's site name, unless it is the page's headline: with no site name on the page
    it falls back to the title ("Nikki Haley to Resign as Trump's Ambassador to the U.N." on a
    New York Times page saved without its `og:site_name`), which names no outlet; nor when it
    is the page's Twitter account (`handle`, its `twitter:site`), which trafilatura takes
    when nothing else names the site: "ReutersIndia", "Reuters_Co_Uk" are accounts of
    in.reuters.com and uk.reuters.com, whose pages write "Reuters" (the domain as the page
    spells it, `metadata.choose_outlet`)."""
    sitename = ((found.sitename if found else "") or "").strip()
    title = ((found.title if found else "") or "").strip()
    if sitename and handle and sitename.lstrip("@").lower() == handle.strip().lstrip("@").lower():
        return ""
    squashed, whole = _squashed(sitename), _squashed(title)
    # nor is the part of the title after a colon, which goes on with the headline ("“Only One”
    # Lyrics : PJ Morton (Ft. Stevie Wonder)" named the singer as the outlet); a site name
    # follows a bar or a dash ("… | Tulsa World")
    tails = (whole, _squashed(_html.unescape(title_tag or "")))
    if sitename and (squashed == whole or any(re.search(r":\s*" + re.escape(squashed) + r"$", t) for t in tails)):
        return ""
    return sitename


def extract_page(html: str) -> PageExtraction:
    import trafilatura
    from trafilatura.metadata import extract_metadata

    html = repaired(html)  # markup a browser reads as text, written so trafilatura does too
    text = _with_tables(html)
    found = extract_metadata(html)
    data = _page_data(html)
    source = "trafilatura"

    bodies = [_clean_body(a["articleBody"]) for a in data.ld_articles if isinstance(a.get("articleBody"), str)]
    body = max(bodies, key=_words, default="")
    if _words(body) >= md.THIN_WORDS and _words(text) < BODY_RATIO * _words(body):
        text, source = body, "json-ld"
    if source == "trafilatura" or _words(text) < md.THIN_WORDS:
        # thin, or a page whose blocks trafilatura's default pass dropped: let it trade precision for recall
        recall = _with_tables(html, favor_recall=True)
        thin = _words(text) < md.THIN_WORDS
        if thin and _words(recall) > _words(text):
            text, source = recall, "trafilatura (favor_recall)"
        elif not thin and _words(recall) >= RECALL_RATIO * _words(text):
            text, source = _merged_lines(text, recall), "trafilatura (favor_recall)"
    if _words(text) < md.THIN_WORDS:
        # still thin: a discussion whose page is only its thread (a link aggregator's story: the
        # link's title, then the readers' comments, which trafilatura files as comments) is read
        # with them; they are the page's words
        comments = _comments(html)
        if _words(comments) >= md.THIN_WORDS:
            text, source = f"{text}\n\n{comments}".strip(), "trafilatura (with comments)"

    url = (found.url if found else "") or data.meta.get("og:url", "") or data.meta.get("twitter:url", "")
    article = data.ld_articles[0] if data.ld_articles else {}
    site_names = [
        *_names(article.get("publisher")),
        data.meta.get("og:site_name", ""),
        data.meta.get("application-name", ""),
        _site_name_not_title(found, data.meta.get("twitter:site", ""), data.title_tag),
        data.meta.get("publisher", ""),  # often the parent company ("Springer Nature" for Nature)
        *data.ld_orgs,
    ]
    # a "site name" with no letter ("2015", trafilatura's pick from a copyright line) or written
    # as an account ("Grazia_Live", the og:site_name of graziadaily.co.uk) is no outlet's name as
    # its readers know it: the <title>'s suffix ("| Grazia Daily") or the domain names it instead
    # a name the page wraps in quotation marks ('"Terabyte Systems"', a JSON-LD publisher written
    # with its quotes escaped) is that name: answers read 'According to "Terabyte Systems"'
    site_names = [_QUOTED.sub(r"\1", n.strip()) for n in site_names]
    site_names = [n for n in site_names if n and re.search(r"[^\W\d_]", n) and "_" not in n]
    # a copyright notice taken for the site's name ("© 2000-2026 Newegg Inc.", trafilatura's pick
    # from a footer) names its holder
    site_names = [md.copyright_holder(n) if _COPYRIGHT_NOTICE.match(n) else n for n in site_names]
    site_names = [n for n in site_names if n]
    segments = md.split_title(data.title_tag)
    if data.site_heading and (found.title if found else "") and _squashed(found.title) == data.site_heading:
        # trafilatura took the logo for the title, and then the <title>'s headline for the site
        # name ("Discuss the VirtualBox 7.1.0 release here" on forums.virtualbox.org): no site
        site_names = [n for n in site_names if _squashed(n) != segments[0]]
    # the blogging platform that built the page ("Blogger", its `generator`, is the JSON-LD
    # publisher of every Blogger site: an unseen LinkNaija page's answers read "According to
    # Blogger") hosts the outlet; it is none
    platform = re.sub(r"[\W\d_]+", "", data.meta.get("generator", "").split(" ")[0]).lower()
    if platform:
        site_names = [n for n in site_names if re.sub(r"[\W\d_]+", "", n).lower() != platform]
    # a site name that is only section words ("Opinion Blog", "Letters to the Editor", "Videos")
    # names no outlet: the <title>'s suffix or the domain does
    # a site name that the <title> writes between the headline and another last segment is a
    # section's ("Healthy Eating Tips | Nutrition | CDC": og:site_name "Nutrition", CDC's page)
    middles = {part.lower() for part in segments[1:-1]}
    sections = [n for n in site_names if md.is_section_label(n) or _squashed(n).lower() in middles]
    site_names = [n for n in site_names if n not in sections]
    if not site_names and data.site_heading:  # the logo names the site when nothing else does
        site_names.append(data.site_heading_shown or data.site_heading)
    credit = md.dateline_credit(text)  # "LONDON (AP) —": the agency, when the site names itself nowhere
    if credit:
        site_names.append(credit)
    page_text = " ".join([*data.feed_titles, (found.title if found else "") or "", html])
    outlet = md.choose_outlet(site_names, url=url, page_text=page_text)

    raw_title = (found.title if found else "") or data.meta.get("og:title", "") or next(
        (a["headline"] for a in data.ld_articles if isinstance(a.get("headline"), str)), ""
    )
    if data.site_heading and _squashed(raw_title) == data.site_heading:
        # the site's logo, taken for the headline of a page with one heading: the <title> (its
        # site suffix is cut below) or the Open Graph title is the page's
        raw_title = data.meta.get("og:title", "") or data.title_tag or raw_title
    raw_title = data.headings_without_controls.get(_squashed(raw_title), raw_title)
    og_title = data.meta.get("og:title", "")
    if og_title and not _shares_word(raw_title, og_title) and _shares_word(og_title, data.title_tag or og_title):
        # a JSON-LD headline left as the CMS's placeholder ("escenic") shares no word with the
        # page's Open Graph title, which its <title> confirms: the page's title is that one
        raw_title = og_title
    if sections and not site_names:  # the <title> may name the outlet, and twice on the page will do
        outlet = md.site_in_title_suffix(data.title_tag, html, times=2) or outlet
    outlet = outlet or md.domain_in_title(_html.unescape(raw_title)) or md.site_in_title_suffix(data.title_tag, html)
    found_author = _in_reading_order((found.author if found else "") or "", data.meta.get("citation_author", ""))
    if found_author and _is_reviewed_author(found_author, data.reviewed_authors):
        found_author = ""  # a fact check's claimant ("The Russian and Syrian defense ministries")
    authors = found_author or "; ".join(
        name for a in data.ld_articles for name in _names(a.get("author"), person_only=True)
    ) or data.meta.get("author", "") or data.meta.get("article:author", "")
    owner = md.copyright_holder(data.meta.get("copyright", ""))  # "Condé Nast" is WIRED's owner, no writer
    author = md.clean_author(authors, [outlet, *site_names, owner])
    # a byline suffix is no part of the title ("'What is the sea telling us?': … | Eleanor Ainge Roy")
    writers = re.split(r", | and ", author) if author else []
    title, title_date = md.clean_title(_html.unescape(raw_title), [outlet, *site_names, *writers], url)

    found_date = (found.date if found else "") or ""
    if md.is_copyright_start(found_date, html) or md.is_namespace_date(found_date, html):
        found_date = ""
    date = _choose_date(url, title_date, found_date, data)
    return PageExtraction(text, source, title, outlet, url, date, author, site_names)


_TITLE_WORD = re.compile(r"[^\W\d_]{3,}")


def _shares_word(a: str, b: str) -> bool:
    """Whether two titles share a word of three or more letters (case-blind)."""
    return bool({w.lower() for w in _TITLE_WORD.findall(a)} & {w.lower() for w in _TITLE_WORD.findall(b)})


def _choose_date(url: str, title_date: str, found: str, data: _PageData) -> str:
    """The publication date: one in the URL path or the title suffix (the site's own statement)
    first, then trafilatura's (htmldate), checked against a /YYYY/MM/ in the URL; then the
    JSON-LD/Open Graph published date."""
    for candidate in (md.date_in_url(url), title_date):
        if candidate:
            return candidate
    structured = [
        md.parse_date(str(a.get("datePublished", ""))) for a in data.ld_articles
    ] + [md.parse_date(data.meta.get(k, "")) for k in ("article:published_time", "datepublished", "date", "dc.date")]
    structured = [d for d in structured if d]
    month = md.month_in_url(url)
    candidates = [md.parse_date(found)] + structured
    for candidate in candidates:
        if candidate and (not month or candidate.startswith(month)):
            return candidate
    return ""

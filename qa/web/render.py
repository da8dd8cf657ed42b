"""Pure functions that turn answers, passages and library rows into HTML for the web chat.

Why a module of its own: `app.py` stays UI wiring only, and everything that decides what an
article's text looks like on the page is here, testable without a browser or a server.

Safety rules, because ALL article text (titles, outlets, passages, quotes, file names) is
untrusted:
* every piece of text goes through `esc`: HTML-escaped, and the characters Markdown or LaTeX
  would act on (`[ ] ( ) * _ ` ~ # ! | $ \\ { }`) become numeric entities, so neither raw
  HTML nor Markdown syntax from an article can reach the page (no `<script>`, no
  `<img onerror>`, no `![](http://elsewhere)` image that would leave the machine);
* each chat message is ONE HTML block with no newline in it: the chatbot's Markdown parser
  passes an HTML block through untouched until a blank line, so nothing we build is
  re-interpreted as Markdown;
* URLs become links only when they are plain http(s) URLs, and are escaped like text.

This module may import only `qa.types` (and the standard library).
"""
from __future__ import annotations

import re
from typing import Mapping, Protocol, Sequence

from ..types import Answer, Citation, Passage

# One pass, so that no entity is escaped twice: HTML's five characters, then the characters
# Markdown / KaTeX / Gradio's chatbot could act on, as numeric entities.
_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#!|~$"}
_ENTITIES.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;", ord("'"): "&#39;"})
_MARKER = re.compile(r"(\[\d+\])")
_URL_OK = re.compile(r"^https?://[^\s<>\"']+$", re.IGNORECASE)
PARAGRAPH_BREAK = "\n\n"
MAX_CONTEXT_CHARS = 2400

MODE_LABELS = {
    "extractive": "Extractive: every sentence is quoted word for word from an article",
    "llm": "LLM: a language model writes the answer; each citation is checked against its passage",
}


class LibraryRow(Protocol):
    """What the library table needs of an article (`qa.assistant.DocumentInfo` fits).

    Also read when present (default ""): `date`, `author`, `thin_warning`."""

    doc_id: str
    title: str
    source: str
    url: str
    passages: int


# ---- escaping ---------------------------------------------------------------------------
def esc(text: str) -> str:
    """Untrusted text → inert HTML: escaped, Markdown/LaTeX characters as entities, newlines as <br>."""
    escaped = str(text).translate(_ENTITIES)
    return escaped.replace("\r\n", "\n").replace("\n", "<br>")


def esc_attr(text: str) -> str:
    """Untrusted text for an attribute value (no <br>: newlines become spaces)."""
    return " ".join(str(text).split()).translate(_ENTITIES)


def _one_line(markup: str) -> str:
    """No newline may survive: a blank line would end the HTML block and re-enable Markdown."""
    return markup.replace("\r", " ").replace("\n", " ")


def safe_link(url: str, label: str) -> str:
    """A link for a plain http(s) URL; anything else (javascript:, data:, relative) stays text."""
    url = (url or "").strip()
    if not _URL_OK.match(url):
        return esc(label)
    return f'<a href="{esc_attr(url)}" target="_blank" rel="noopener noreferrer nofollow">{esc(label)}</a>'


def mode_label(mode: str) -> str:
    """The human label of an answer mode ("extractive", "llm")."""
    return MODE_LABELS.get(mode, f"{mode} mode")


def plural(n: int, word: str) -> str:
    """ "1 passage", "3 passages"."""
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def outlet_label(source: str) -> str:
    return source.strip() if source and source.strip() else "outlet not stated"


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def date_html(date: str) -> str:
    """An article date ("2022-01-14") as a <time> element; "" when unknown."""
    date = str(date or "").strip()
    if not date:
        return ""
    attr = f' datetime="{esc_attr(date)}"' if _ISO_DAY.fullmatch(date) else ""
    return f'<time class="qa-date"{attr}>{esc(date)}</time>'


def byline_html(author: str) -> str:
    """ "by Jane Doe" as a span; "" when unknown."""
    author = " ".join(str(author or "").split())
    return f'<span class="qa-author">by {esc(author)}</span>' if author else ""


def source_meta(source: str, date: str = "", author: str = "") -> str:
    """Outlet, then the article date and the author when known: the head of a card."""
    return f'<span class="qa-outlet">{esc(outlet_label(source))}</span>{date_html(date)}{byline_html(author)}'


def _field(row: object, name: str) -> str:
    """An optional text field of a library row ("" when the row has none)."""
    return str(getattr(row, name, "") or "")


def thin_html(warning: str) -> str:
    """The warning for a page whose text looks thin; "" when there is none."""
    return f'<div class="qa-thin">{esc(warning)}</div>' if warning else ""


# ---- locating the quote and the paragraph -------------------------------------------------
def find_span(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` sits in `text`: exact match first, then ignoring differences in white space."""
    quote = (quote or "").strip()
    if not quote:
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = quote.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    match = re.search(pattern, text)
    return (match.start(), match.end()) if match else None


def paragraph_bounds(doc_text: str, start: int, end: int, max_chars: int = MAX_CONTEXT_CHARS) -> tuple[int, int]:
    """Character range of the paragraph(s) around [start, end) in the cleaned article.

    Paragraphs are separated by blank lines. When the passage already is whole paragraphs,
    the neighbouring paragraph on each side is added, so "show more" always shows more.
    Capped at about `max_chars` so that a wall-of-text article does not flood the card.
    """
    n = len(doc_text)
    start, end = max(0, min(start, n)), max(0, min(end, n))

    def para_start(i: int) -> int:
        j = doc_text.rfind(PARAGRAPH_BREAK, 0, i)
        return 0 if j < 0 else j + len(PARAGRAPH_BREAK)

    def para_end(i: int) -> int:
        j = doc_text.find(PARAGRAPH_BREAK, i)
        return n if j < 0 else j

    lo, hi = para_start(start), para_end(end)
    if doc_text[lo:hi].strip() == doc_text[start:end].strip():
        lo = para_start(max(0, lo - len(PARAGRAPH_BREAK)))
        hi = para_end(min(n, hi + len(PARAGRAPH_BREAK)))
    if hi - lo > max_chars:  # keep the passage in the middle of a window of max_chars
        room = max(0, max_chars - (end - start)) // 2
        lo, hi = max(lo, start - room), min(hi, end + room)
    return lo, hi


Numbered = Sequence[tuple[int, str]]  # (marker number, quoted sentence)


def _quoted(text: str, quotes: Numbered) -> str:
    """`text` escaped, each quote inside it highlighted; quotes not found are shown beneath.

    With more than one quote the highlights carry their marker number, so that [1] and [2]
    citing the same passage point at different sentences of one card.
    """
    spans: list[tuple[int, int, int]] = []
    missing: list[tuple[int, str]] = []
    for number, quote in quotes:
        span = find_span(text, quote)
        if span is None or any(s < span[1] and span[0] < e for s, e, _ in spans):
            if quote.strip() and span is None:
                missing.append((number, quote))
            continue
        spans.append((span[0], span[1], number))
    spans.sort()
    numbered = len(quotes) > 1
    out, at = [], 0
    for s, e, number in spans:
        tag = f'<sup class="qa-mark-num">{number}</sup>' if numbered else ""
        out.append(f'{esc(text[at:s])}{tag}<mark class="qa-quote">{esc(text[s:e])}</mark>')
        at = e
    out.append(esc(text[at:]))
    for number, quote in missing:
        label = f"Quoted [{number}]" if numbered else "Quoted"
        out.append(f'<div class="qa-quote-apart">{esc(label)}: <mark class="qa-quote">{esc(quote)}</mark></div>')
    return "".join(out)


def render_passage(passage: Passage, quote: str | Numbered) -> str:
    """The passage text with the quoted sentence(s) highlighted (or shown beneath it)."""
    return _quoted(passage.text, [(1, quote)] if isinstance(quote, str) else quote)


def render_context(doc_text: str, passage: Passage, quote: str | Numbered) -> str | None:
    """The surrounding paragraph with the passage underlined and the quote(s) highlighted.

    None when the passage cannot be located in the article (offsets stale or text changed),
    so the card simply offers no "show more" rather than a wrong one.
    """
    quotes = [(1, quote)] if isinstance(quote, str) else quote
    start, end = passage.start, passage.end
    if not (0 <= start < end <= len(doc_text)) or doc_text[start:end] != passage.text:
        span = find_span(doc_text, passage.text)
        if span is None:
            return None
        start, end = span
    lo, hi = paragraph_bounds(doc_text, start, end)
    before, inside, after = doc_text[lo:start], doc_text[start:end], doc_text[end:hi]
    lead = "… " if lo > 0 else ""
    tail = " …" if hi < len(doc_text) else ""
    return f'{lead}{esc(before)}<span class="qa-in-passage">{_quoted(inside, quotes)}</span>{esc(after)}{tail}'


# ---- chat messages ------------------------------------------------------------------------
def card_id(turn: int, number: int) -> str:
    return f"qa-t{int(turn)}-s{int(number)}"


def group_citations(citations: Sequence[Citation]) -> list[list[tuple[int, Citation]]]:
    """Citations of the same passage share one card (in order of their first marker).

    Two cards showing the same passage with a different sentence lit is the first thing a
    reader trips over; one card with both sentences highlighted and numbered is not.
    """
    groups: dict[tuple, list[tuple[int, Citation]]] = {}
    for number, citation in enumerate(citations, 1):
        p = citation.passage
        groups.setdefault((p.doc_id, p.start, p.end, p.text), []).append((number, citation))
    return list(groups.values())


def card_targets(citations: Sequence[Citation]) -> dict[int, int]:
    """Marker number → number of the card it is shown on (the first marker of its group)."""
    return {number: group[0][0] for group in group_citations(citations) for number, _ in group}


def render_text_with_markers(text: str, citations: Sequence[Citation], turn: int) -> str:
    """Answer text with each valid `[n]` turned into a link to the card that shows source n."""
    targets = card_targets(citations)
    parts = []
    for piece in _MARKER.split(text):
        match = re.fullmatch(r"\[(\d+)\]", piece)
        n = int(match.group(1)) if match else 0
        if match and 1 <= n <= len(citations):
            cit = citations[n - 1]
            cls = "qa-ref" if cit.supported else "qa-ref qa-ref-unverified"
            where = ", ".join(x for x in (outlet_label(cit.passage.source), cit.passage.date) if x)
            tip = f"Source {n}: {cit.passage.title} ({where})"
            parts.append(
                f'<a class="{cls}" href="#{card_id(turn, targets[n])}" title="{esc_attr(tip)}">&#91;{n}&#93;</a>'
            )
        else:
            parts.append(esc(piece))
    return "".join(parts)


def render_card(citation: Citation, number: int, turn: int, doc_text: str | None = None) -> str:
    """One numbered source card (see `render_card_group`)."""
    return render_card_group([(number, citation)], turn, doc_text)


def render_card_group(numbered: Sequence[tuple[int, Citation]], turn: int, doc_text: str | None = None) -> str:
    """A source card: number(s), title, outlet with the article's date and author (when known),
    passage with the quote(s) highlighted, and a "show the surrounding paragraph" expansion
    when the article text is at hand."""
    p = numbered[0][1].passage
    quotes = [(n, c.quote) for n, c in numbered]
    supported = all(c.supported for _, c in numbered)
    badges = "".join(f'<span class="qa-num">{n}</span>' for n, _ in numbered)
    flag = "" if supported else '<span class="qa-unverified">not found in the passage</span>'
    head = (
        f'<div class="qa-card-head">{badges}'
        f'<span class="qa-title">{safe_link(p.url, p.title or p.doc_id)}</span>'
        f'{source_meta(p.source, p.date, p.author)}{flag}</div>'
    )
    body = f'<div class="qa-passage">{render_passage(p, quotes)}</div>'
    more = ""
    if doc_text:
        context = render_context(doc_text, p, quotes)
        if context:
            more = (
                '<details class="qa-more"><summary><span class="qa-when-closed">Show the surrounding paragraph</span>'
                '<span class="qa-when-open">Show only the passage</span></summary>'
                f'<div class="qa-context">{context}</div></details>'
            )
    cls = "qa-card" if supported else "qa-card qa-card-unverified"
    return f'<div class="{cls}" id="{card_id(turn, numbered[0][0])}">{head}{body}{more}</div>'


def render_related(passages: Sequence[Passage]) -> str:
    """Closest passages after a refusal: clearly labelled as not being an answer."""
    if not passages:
        return ""
    items = "".join(
        f'<li><span class="qa-title">{esc(p.title or p.doc_id)}</span> {source_meta(p.source, p.date)}'
        f'<div class="qa-passage">{esc(p.text)}</div></li>'
        for p in passages
    )
    return (
        '<details class="qa-related"><summary>Closest passages found (related, but they do not answer it)</summary>'
        f"<ul>{items}</ul></details>"
    )


def render_understood(question: str, query: str) -> str:
    """ "Searched for: …" when a follow-up was searched with the conversation (else nothing)."""
    if not query or not question or " ".join(query.split()).lower() == " ".join(question.split()).lower():
        return ""
    return f'<div class="qa-understood">Searched for: <q>{esc(query)}</q> (using the conversation so far)</div>'


def render_answer(answer: Answer, turn: int, doc_texts: Mapping[str, str] | None = None, question: str = "") -> str:
    """The final assistant message: answer (or refusal), source cards, mode and notice.

    `question` is what the user typed: when the assistant searched for a follow-up together
    with the question before it (`answer.query`), the message says so: what the conversation
    added to the search is visible, not magic.
    """
    doc_texts = doc_texts or {}
    notice = f'<div class="qa-notice">{esc(answer.notice)}</div>' if answer.notice else ""
    notice += render_understood(question, answer.query)
    mode = f'<div class="qa-mode">{esc(mode_label(answer.mode))}</div>'
    if not answer.answered:
        head = (
            "Could not answer" if answer.error else "Not answered: the articles do not say"
        )
        body = (
            f'<div class="qa-refusal"><div class="qa-refusal-head">{head}</div>'
            f'<div class="qa-text">{esc(answer.text)}</div>{render_related(answer.related)}</div>'
        )
        return _one_line(f'<div class="qa-msg qa-msg-refusal">{notice}{body}{mode}</div>')
    text = f'<div class="qa-text">{render_text_with_markers(answer.text, answer.citations, turn)}</div>'
    groups = group_citations(answer.citations)
    cards = "".join(render_card_group(g, turn, doc_texts.get(g[0][1].passage.doc_id)) for g in groups)
    head = "Sources · the highlighted sentence is the one quoted" if groups else ""
    sources = f'<div class="qa-sources"><div class="qa-sources-head">{head}</div>{cards}</div>' if groups else ""
    return _one_line(f'<div class="qa-msg qa-msg-answer">{notice}{text}{sources}{mode}</div>')


def render_streaming(text: str, note: str = "") -> str:
    """The answer while it streams in: plain escaped text and a cursor (links come at the end),
    and under it `note` (e.g. `writing_label`) when given. No text yet: the note alone, as
    `render_pending` shows it."""
    if note and not text:
        return render_pending(note)
    extra = f'<div class="qa-pending qa-writing">{esc(note)}</div>' if note else ""
    return _one_line(
        f'<div class="qa-msg qa-streaming"><div class="qa-text">{esc(text)}<span class="qa-cursor">▍</span></div>{extra}</div>'
    )


def writing_label(dropped: int = 0) -> str:
    """What the chat says while a language model writes: only verified sentences are shown,
    so this is all there is to see until the next one is checked; `dropped` counts the
    sentences held back so far because their cited source does not back them."""
    label = "Writing the answer …"
    if dropped:
        were = "was" if dropped == 1 else "were"
        label += f" ({plural(dropped, 'sentence')} {were} held back: not supported by the cited source)"
    return label


def render_pending(message: str) -> str:
    """A short status bubble ("Searching the articles …") before the first words arrive."""
    return _one_line(f'<div class="qa-msg qa-pending">{esc(message)}</div>')


def render_error(message: str) -> str:
    """A problem with the question or the server, styled apart from answers and refusals."""
    return _one_line(f'<div class="qa-msg qa-error"><div class="qa-error-head">Could not answer</div>{esc(message)}</div>')


def render_question(question: str) -> str:
    """The user's own message, shown literally (no Markdown or HTML interpretation)."""
    return _one_line(f'<div class="qa-question">{esc(question)}</div>')


# ---- library ------------------------------------------------------------------------------
def render_library(rows: Sequence[LibraryRow]) -> str:
    """The articles as a table: title (with the thin-page warning under it), outlet, date,
    author, passages and id (all escaped); a count of thin pages above it."""
    if not rows:
        return '<div class="qa-library-empty">No articles indexed yet. Add some below.</div>'
    body = "".join(
        f"<tr{' class=qa-row-thin' if _field(r, 'thin_warning') else ''}><td>{i}</td>"
        f"<td>{esc(r.title or r.doc_id)}{thin_html(_field(r, 'thin_warning'))}</td><td>{esc(outlet_label(r.source))}</td>"
        f'<td class="qa-date-col">{date_html(_field(r, "date")) or "—"}</td><td>{esc(_field(r, "author")) or "—"}</td>'
        f'<td class="qa-num-col">{int(r.passages)}</td><td><code>{esc(r.doc_id)}</code></td></tr>'
        for i, r in enumerate(rows, 1)
    )
    total = sum(int(r.passages) for r in rows)
    thin = sum(1 for r in rows if _field(r, "thin_warning"))
    note = f' · <span class="qa-thin-count">{plural(thin, "page")} with little text: check below</span>' if thin else ""
    return _one_line(
        f'<div class="qa-library"><div class="qa-library-sum">{plural(len(rows), "article")} · {plural(total, "passage")}{note}</div>'
        '<table class="qa-table"><thead><tr><th>#</th><th>Title</th><th>Outlet</th><th>Date</th><th>Author</th>'
        "<th>Passages</th><th>File id</th></tr></thead>"
        f"<tbody>{body}</tbody></table></div>"
    )


def render_article(row: LibraryRow, text: str) -> str:
    """One article's cleaned text (what passages and quotes are cut from), paragraph by paragraph."""
    paragraphs = [p for p in text.split(PARAGRAPH_BREAK) if p.strip()]
    body = "".join(f"<p>{esc(p.strip())}</p>" for p in paragraphs)
    url = f'<div class="qa-article-url">{safe_link(row.url, row.url)}</div>' if row.url else ""
    dated = f" · {date_html(_field(row, 'date'))}" if _field(row, "date") else ""
    byline = f" · {byline_html(_field(row, 'author'))}" if _field(row, "author") else ""
    return _one_line(
        f'<div class="qa-article"><h3 class="qa-article-title">{esc(row.title or row.doc_id)}</h3>'
        f'<div class="qa-article-meta">{esc(outlet_label(row.source))}{dated}{byline} · {plural(int(row.passages), "passage")} · '
        f"file id <code>{esc(row.doc_id)}</code></div>{thin_html(_field(row, 'thin_warning'))}{url}"
        f'<div class="qa-article-body">{body}</div></div>'
    )


def render_upload_result(
    added: Sequence[str], updated: Sequence[str], unchanged: Sequence[str], errors: Sequence[str],
    thin: Sequence[str] = (),
) -> str:
    """What an upload did, or why it did nothing (each bad file named); `thin` lines ("name: 1
    passage: the page's text may not have been found") warn about pages with little text."""
    if errors:
        items = "".join(f"<li>{esc(e)}</li>" for e in errors)
        return _one_line(
            '<div class="qa-upload qa-upload-bad"><b>Nothing was added.</b> '
            f"Fix or leave out these files, then choose the files again:<ul>{items}</ul></div>"
        )
    parts = []
    for label, names in (("Added", added), ("Updated", updated), ("Already in the library, unchanged", unchanged)):
        if names:
            parts.append(f"<li>{label}: {esc(', '.join(names))}</li>")
    warn = ""
    if thin:
        items = "".join(f"<li>{esc(t)}</li>" for t in thin)
        warn = (
            '<div class="qa-upload-thin"><b>Check these pages:</b> little text was found, so the article itself may '
            f"have been missed (see its cleaned text in the table).<ul>{items}</ul></div>"
        )
    return _one_line(
        f'<div class="qa-upload qa-upload-ok"><b>Done.</b><ul>{"".join(parts)}</ul>{warn}You can ask about them in the Chat tab.</div>'
    )


def render_status(state: str, detail: str, mode: str) -> str:
    """The one-line status under the title: loading / ready / failed, and the answer mode in use."""
    cls = {"ready": "qa-ok", "failed": "qa-bad"}.get(state, "qa-wait")
    return _one_line(
        f'<div class="qa-status {cls}" data-state="{esc_attr(state)}"><span class="qa-dot"></span>{esc(detail)}'
        f'<span class="qa-status-mode">Answer mode: <b>{esc(mode_label(mode).split(":")[0])}</b></span></div>'
    )


CSS = """
.qa-msg, .qa-question { line-height: 1.55; }
.qa-text { margin-bottom: .35em; }
a.qa-ref { display: inline-block; min-width: 1.6em; padding: 0 .3em; margin: 0 .1em; border-radius: .6em;
  background: var(--color-accent-soft, #e0e7ff); color: var(--color-accent, #4f46e5) !important; font-size: .82em;
  font-weight: 600; text-align: center; text-decoration: none !important; vertical-align: .1em; }
a.qa-ref:hover { background: var(--color-accent, #4f46e5); color: #fff !important; }
a.qa-ref-unverified { background: #fde68a; color: #7c2d12 !important; }
.qa-sources { margin-top: .6em; border-top: 1px solid var(--border-color-primary, #ddd); padding-top: .4em; }
.qa-sources-head { font-size: .8em; text-transform: uppercase; letter-spacing: .04em; opacity: .75; margin-bottom: .3em; }
.qa-card { border: 1px solid var(--border-color-primary, #ddd); border-radius: 8px; padding: .5em .7em; margin: .45em 0;
  background: var(--background-fill-secondary, #fafafa); scroll-margin: 2em; transition: box-shadow .3s; }
.qa-card:target, .qa-card.qa-flash { box-shadow: 0 0 0 3px var(--color-accent, #4f46e5); }
.qa-card-head { display: flex; flex-wrap: wrap; gap: .4em; align-items: baseline; margin-bottom: .25em; }
.qa-mark-num { font-size: .7em; font-weight: 700; color: var(--color-accent, #4f46e5); margin-right: .1em; }
.qa-num + .qa-num { margin-left: -.2em; }
.qa-num { display: inline-block; min-width: 1.6em; border-radius: .6em; text-align: center; font-weight: 700; font-size: .82em;
  background: var(--color-accent, #4f46e5); color: #fff; }
.qa-title { font-weight: 600; }
.qa-outlet { font-size: .85em; opacity: .75; font-style: italic; }
.qa-date, .qa-author { font-size: .85em; opacity: .75; }
.qa-card-head .qa-date::before, .qa-card-head .qa-author::before, .qa-related .qa-date::before { content: "· "; }
.qa-thin, .qa-upload-thin { font-size: .85em; color: #92400e; }
.qa-thin::before { content: "\\26A0\\FE0E  "; }
.qa-thin-count { color: #92400e; }
.qa-date-col { white-space: nowrap; }
.qa-table .qa-date { font-size: inherit; opacity: 1; }
.qa-passage { font-size: .92em; }
mark.qa-quote { background: #fde047; color: #1f2937; padding: 0 .1em; border-radius: 2px; }
.qa-in-passage { background: rgba(99, 102, 241, .10); border-radius: 2px; }
.qa-context { font-size: .9em; margin-top: .3em; padding: .4em .6em; border-left: 3px solid var(--color-accent, #4f46e5); }
.qa-card:has(details.qa-more[open]) > .qa-passage { display: none; }
details.qa-more[open] .qa-when-closed, details.qa-more:not([open]) .qa-when-open { display: none; }
.qa-understood { font-size: .85em; opacity: .8; margin-bottom: .3em; }
details.qa-more summary, details.qa-related summary { cursor: pointer; font-size: .85em; color: var(--color-accent, #4f46e5); margin-top: .2em; }
.qa-mode { font-size: .75em; opacity: .65; margin-top: .4em; }
.qa-notice { font-size: .85em; padding: .3em .5em; border-radius: 6px; background: #fef3c7; color: #78350f; margin-bottom: .4em; }
.qa-refusal { border-left: 4px solid #d97706; padding: .2em .7em; background: rgba(217, 119, 6, .08); border-radius: 4px; }
.qa-refusal-head { font-weight: 700; color: #b45309; margin-bottom: .2em; }
.qa-refusal-head::before { content: "\\26A0\\FE0E  "; }
.qa-related ul { padding-left: 1.1em; margin: .3em 0; } .qa-related li { margin: .3em 0; }
.qa-error { border-left: 4px solid #dc2626; padding: .2em .7em; background: rgba(220, 38, 38, .08); border-radius: 4px; }
.qa-error-head { font-weight: 700; color: #b91c1c; }
.qa-pending { opacity: .7; font-style: italic; }
.qa-writing { font-size: .9em; margin-top: .2em; }
.qa-cursor { animation: qa-blink 1s steps(2) infinite; opacity: .6; }
@keyframes qa-blink { 50% { opacity: 0; } }
.qa-unverified { font-size: .75em; color: #b45309; }
.qa-status { display: flex; flex-wrap: wrap; gap: .6em; align-items: center; font-size: .9em; }
.qa-status .qa-dot { width: .65em; height: .65em; border-radius: 50%; background: #f59e0b; display: inline-block; }
.qa-status.qa-ok .qa-dot { background: #16a34a; } .qa-status.qa-bad .qa-dot { background: #dc2626; }
.qa-status.qa-wait .qa-dot { animation: qa-blink 1s steps(2) infinite; }
.qa-status-mode { margin-left: auto; padding: .1em .6em; border-radius: 1em; background: var(--background-fill-secondary, #f3f4f6); }
.qa-table { width: 100%; border-collapse: collapse; font-size: .92em; }
.qa-table th, .qa-table td { text-align: left; padding: .35em .5em; border-bottom: 1px solid var(--border-color-primary, #ddd); vertical-align: top; }
.qa-num-col { text-align: right; }
.qa-library-sum { margin-bottom: .4em; opacity: .8; }
.qa-article-meta { opacity: .75; font-size: .9em; margin-bottom: .6em; }
.qa-article-body p { margin: 0 0 .8em 0; }
.qa-upload ul { margin: .3em 0 .3em 1.2em; }
.qa-upload { border-left: 4px solid; padding: .3em .7em; border-radius: 4px; }
.qa-upload-bad { border-color: #dc2626; background: rgba(220, 38, 38, .08); }
.qa-upload-ok { border-color: #16a34a; background: rgba(22, 163, 74, .08); }
"""

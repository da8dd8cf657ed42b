"""Seven repairs of a page's HTML before trafilatura reads it, for markup a browser shows as the
page's text but that trafilatura's parser reads otherwise.

- **End tags written too early.** Some site themes print `</body></html>` after the page's
  header and the article after them (an Escalon blog post: 38 words of menu teasers were
  ingested instead of its 800). A browser keeps such content in the body, as the HTML
  standard says ("after body" mode goes back to "in body"); lxml's parser drops it. Without
  those end tags the parser closes the body at the end of the document, as it does for any
  page that never writes them, so a page that wrote them in their place reads as before.
- **Inline code.** A paragraph holding a `<code>` element keeps its source's line breaks in
  trafilatura's text (it reads the paragraph as preformatted), so "the file is named
  `nginx.conf` and placed in the directory …" came out as five lines, each read as a sentence
  of its own. In a `<p>` that holds inline code, the source's line breaks become spaces, as a
  browser shows them; the breaks between paragraphs and a `<pre>` block's lines are kept.
- **An image between two runs of text.** trafilatura drops the image and joins the text on
  either side: "Updated: December 9, 2024<img …>If you are serving food…" became "2024If",
  and the date was no longer read as one. An image written right between the end of a word
  or sentence and a capital letter gets a space after it, as the gap a browser shows.
- **A closed dialog.** A `<dialog>` without `open` is not shown until a script opens it (a
  modal of terms, a search box, a cookie notice); trafilatura read a ResetEra thread as the
  "Your Use of Our Content" terms its ad network hides in one, and not the thread. Closed
  dialogs go.
- **Text in an "embed" block.** trafilatura drops every element whose class holds "embed", as a
  share or social widget; a site builder's block of custom HTML is one too (Webflow's
  `w-embed`), and a tipping guide kept its chart tables and the rest of its article in one
  (474 of ~1,500 words were ingested). An element of such a class that holds a table or a
  heading is content, not a widget: its "embed" class names go. Only such pages are parsed and
  written again (lxml); every other page is read as it came.
- **A machine-written summary.** A block the page marks as an AI summary (an `ai-summary` or
  `ai_summary` id or class) holds a model's words about the page, not the page's own. On a
  Physics Forums thread such a block ("Click For Summary", collapsed in a `<details>`) was
  one dense run of prose, and trafilatura took it for the page: 347 words of summary were
  ingested and none of the thread's 1,100. Such blocks go, and what they hid reads as before.
- **A quotation's attribution.** A forum quotes an earlier post in a `<blockquote>` that opens
  with a `<cite>` naming it ("Quote from: Arantor on June 09, 2024, 03:29:46 AM"); the forum's
  style shows that line above the quotation, but `<cite>` is an inline element, and trafilatura
  ran it into the quoted text ("…03:29:46 AMAs for other options for AI…"). A line break
  follows such a `<cite>`; a `<cite>` within running text ("as <cite>Wired</cite> put it") is
  left as it is.
"""
from __future__ import annotations

import re
from typing import Any

# a <dialog> element with no `open` attribute, and all it holds
_CLOSED_DIALOG = re.compile(r"<dialog\b(?![^>]*\sopen\b)[^>]*>.*?</dialog\s*>", re.IGNORECASE | re.DOTALL)
_EMBED_CLASS = re.compile(r"""class\s*=\s*["'][^"']*embed""", re.IGNORECASE)
_EMBED_CLASS_NAME = re.compile(r"\S*embed\S*", re.IGNORECASE)
# an id or class that names an AI summary ("ai-summary-block", "pdp-ai-summary", "ai_summary")
_AI_SUMMARY_ATTRIBUTE = re.compile(r"""\b(?:id|class)\s*=\s*["'][^"']*(?<![^\W_])ai[-_]summary(?![^\W\d_])""", re.IGNORECASE)
_AI_SUMMARY_NAME = re.compile(r"(?<![^\W_])ai[-_]summary(?![^\W\d_])", re.IGNORECASE)
# a <cite> that opens a <blockquote>: the attribution line of a quoted post
_OPENING_CITE = re.compile(r"(<blockquote\b[^>]*>\s*<cite\b[^>]*>(?:(?!</?cite\b|</?blockquote\b)[\s\S])*?</cite\s*>)",
                           re.IGNORECASE)
_EARLY_END_TAG = re.compile(r"</(?:body|html)\s*>", re.IGNORECASE)
# a paragraph (no nested paragraph or preformatted block) that holds a `<code>` element
_CODE_PARAGRAPH = re.compile(r"<p\b[^>]*>(?:(?!</?p\b|<pre\b)[\s\S])*?<code\b(?:(?!</?p\b|<pre\b)[\s\S])*?</p\s*>",
                             re.IGNORECASE)
# an image right after a word or a sentence's end and right before a capital letter
_IMAGE_BETWEEN_TEXT = re.compile(r"(?<=[\w.,;:!?)])(<(?:img|IMG)\b[^>]*>)(?=[A-Z])")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")
_EDGE_SPACE = re.compile(r"^(<p\b[^>]*>)\s+|\s+(</p\s*>)$", re.IGNORECASE)


def without_early_end_tags(html: str) -> str:
    """The page without its `</body>` and `</html>` end tags (optional in HTML: the parser
    closes both at the document's end), so content written after them stays in the body."""
    return _EARLY_END_TAG.sub("", html)


def code_paragraphs_on_one_line(html: str) -> str:
    """Each `<p>` that holds a `<code>` element with its source line breaks written as spaces."""
    if "<code" not in html.lower():
        return html
    return _CODE_PARAGRAPH.sub(_on_one_line, html)


def _on_one_line(match: re.Match[str]) -> str:
    paragraph = _LINE_BREAK.sub(" ", match.group(0))
    return _EDGE_SPACE.sub(lambda m: m.group(1) or m.group(2), paragraph)


def images_apart_from_text(html: str) -> str:
    """Each image that sits between a word and a capital letter followed by a space."""
    return _IMAGE_BETWEEN_TEXT.sub(r"\1 ", html)


def without_closed_dialogs(html: str) -> str:
    """The page without its closed `<dialog>` elements (a dialog written `open` stays)."""
    if "<dialog" not in html.lower():
        return html
    return _CLOSED_DIALOG.sub("", html)


def embeds_holding_text_kept(html: str) -> str:
    """The page with the "embed" class names taken off each element (no `<body>` or `<html>`)
    that holds a table or a heading; the page as it came when none does."""
    tree = _parsed(html) if _EMBED_CLASS.search(html) else None
    if tree is None:
        return html
    changed = False
    for element in tree.xpath('//*[contains(translate(@class, "EMBD", "embd"), "embed")]'
                              '[.//table or .//h2 or .//h3 or .//h4]'):
        if element.tag in ("html", "body"):
            continue
        element.set("class", " ".join(_EMBED_CLASS_NAME.sub("", element.get("class", "")).split()))
        changed = True
    return _written(tree) if changed else html


def without_machine_summaries(html: str) -> str:
    """The page without each element (no `<body>` or `<html>`) whose id or class names an AI
    summary; the page as it came when none does."""
    tree = _parsed(html) if _AI_SUMMARY_ATTRIBUTE.search(html) else None
    if tree is None:
        return html
    marked = [element for element in tree.iter()
              if isinstance(element.tag, str) and element.tag not in ("html", "body")
              and any(_AI_SUMMARY_NAME.search(element.get(name) or "") for name in ("id", "class"))]
    for element in marked:
        if element.getparent() is not None:  # an outer marked block may already have taken it
            element.drop_tree()
    return _written(tree) if marked else html


def _parsed(html: str) -> Any:
    """The page's element tree (lxml), or None for a page lxml cannot parse: trafilatura will
    say what it can of it, as it came."""
    import lxml.html

    try:
        return lxml.html.fromstring(html)
    except Exception:
        return None


def _written(tree: Any) -> str:
    """The tree written back as HTML, with the page's doctype."""
    import lxml.html

    doctype = tree.getroottree().docinfo.doctype
    return lxml.html.tostring(tree, encoding="unicode", doctype=doctype or None)


def attributions_on_their_own_line(html: str) -> str:
    """Each `<cite>` that opens a `<blockquote>` with a line break after it."""
    if "<cite" not in html.lower():
        return html
    return _OPENING_CITE.sub(r"\1<br>", html)


def repaired(html: str) -> str:
    """The seven repairs, in the order trafilatura's parser needs them."""
    html = attributions_on_their_own_line(html)
    html = without_machine_summaries(without_closed_dialogs(without_early_end_tags(html)))
    return embeds_holding_text_kept(images_apart_from_text(code_paragraphs_on_one_line(html)))

"""Four repairs of a page's HTML before trafilatura reads it, for markup a browser shows as the
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
"""
from __future__ import annotations

import re

# a <dialog> element with no `open` attribute, and all it holds
_CLOSED_DIALOG = re.compile(r"<dialog\b(?![^>]*\sopen\b)[^>]*>.*?</dialog\s*>", re.IGNORECASE | re.DOTALL)
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


def repaired(html: str) -> str:
    """The four repairs, in the order trafilatura's parser needs them."""
    return images_apart_from_text(code_paragraphs_on_one_line(without_closed_dialogs(without_early_end_tags(html))))

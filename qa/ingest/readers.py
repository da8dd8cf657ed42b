"""Reading article files into clean llama-index Documents, and the `python -m qa.ingest` CLI.

`.txt`, `.md` and `.html` files are read by `ArticleReader`, a llama-index reader plugged into
`SimpleDirectoryReader`, so the rest of the pipeline sees ordinary `Document`s whose id is the
file stem and whose metadata carries title, outlet (`source`), URL, date, author and a `thin`
flag (HTML pages: `html.py`; rules: `metadata.py`). Bad files raise
`IngestError` naming the file, before anything is written.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llama_index.core import Document, SimpleDirectoryReader
from llama_index.core.readers.base import BaseReader

from ..errors import IngestError  # defined in qa.errors; imported from here too
from ..settings import HTML_SIZE_FACTOR
from .cleaning import clean_article

SUPPORTED_EXTENSIONS = (".txt", ".md", ".html", ".htm")
_DOC_ID = re.compile(r"^[\w][\w.-]{0,127}$")


@dataclass
class FileCheck:
    path: Path
    text: str


def doc_id_for(path: Path) -> str:
    """The document id is the file stem: stable across re-ingests and readable in citations."""
    return path.stem


def size_limit(path: Path, max_bytes: int) -> int:
    """The byte limit of one file: `max_bytes`, or `HTML_SIZE_FACTOR` times that for a web page."""
    return max_bytes * HTML_SIZE_FACTOR if path.suffix.lower() in (".html", ".htm") else max_bytes


def check_file(path: Path, max_bytes: int) -> FileCheck:
    """Reject what would poison the index: wrong type, empty, huge, binary, not UTF-8."""
    name = path.name
    if path.suffix.lower() not in SUPPORTED_EXTENSIONS:
        raise IngestError(f"{name}: unsupported file type {path.suffix or '(none)'}; use .txt, .md or .html")
    if not _DOC_ID.match(path.stem):
        raise IngestError(f"{name}: file name must be letters, digits, '.', '-' or '_' (it becomes the document id)")
    if not path.is_file():
        raise IngestError(f"{name}: not a regular file")
    size = path.stat().st_size
    if size == 0:
        raise IngestError(f"{name}: the file is empty")
    limit = size_limit(path, max_bytes)
    if size > limit:
        raise IngestError(f"{name}: {size:,} bytes is over the {limit:,}-byte limit")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise IngestError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{name}: not valid UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise IngestError(f"{name}: the file has no text")
    return FileCheck(path, text)


_MD_OWN_LINE = re.compile(r"[ \t]{0,3}(#{1,6}[ \t]|[-*+][ \t]|\d+[.)][ \t])")


def _unwrap_markdown(text: str) -> str:
    """Join hard-wrapped lines: in markdown a single newline is a space, not a paragraph break.

    Cleaning treats every line as a paragraph, so without this a wrapped sentence would be
    cut in two. Headings and list items keep their own lines.
    """
    blocks = []
    for block in re.split(r"\n[ \t]*\n", text):
        lines: list[str] = []
        for line in block.split("\n"):
            if lines and line.strip() and not _MD_OWN_LINE.match(line) and not _MD_OWN_LINE.match(lines[-1]):
                lines[-1] = lines[-1].rstrip() + " " + line.strip()
            else:
                lines.append(line)
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _markdown_to_text(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links -> their text
    text = re.sub(r"^[ \t]{0,3}>[ \t]?", "", text, flags=re.MULTILINE)  # block quotes (not \s: it eats newlines)
    text = _unwrap_markdown(text.replace("\r\n", "\n"))
    text = re.sub(r"^[ \t]{0,3}#{1,6}[ \t]*", "", text, flags=re.MULTILINE)  # headings
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    return re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", text)


def _html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Main text and metadata of a page (trafilatura, then the page's JSON-LD / Open Graph)."""
    from .html import extract_page

    page = extract_page(html)
    hints = {"title": page.title, "site": page.outlet, "url": page.url, "date": page.date, "author": page.author}
    return page.text, hints


# Document metadata keys: every value is a str/bool so that Chroma can store it on each passage.
METADATA_KEYS = ("doc_id", "title", "source", "url", "date", "author", "thin")


def article_document(path: Path, text: str) -> Document:
    """One cleaned article as a llama-index Document (id = file stem).

    Metadata: doc_id, title, source (the outlet), url, date (ISO YYYY-MM-DD or ""),
    author ("" when unknown) and thin (True when so little text was found that the page's
    article was probably missed; see `metadata.thin_warning`).
    """
    hints: dict[str, str] = {}
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        text, hints = _html_to_text(text)
    elif suffix == ".md":
        text = _markdown_to_text(text)
    article = clean_article(
        text, hints.get("title", ""), hints.get("site", ""), hints.get("url", ""),
        date_hint=hints.get("date", ""), author_hint=hints.get("author", ""),
    )
    if len(article.text.split()) < 5:
        raise IngestError(f"{path.name}: no article text left after removing page furniture")
    doc_id = doc_id_for(path)
    metadata = {
        "doc_id": doc_id, "title": article.title, "source": article.source, "url": article.url,
        "date": article.date, "author": article.author, "thin": article.thin,
    }
    return Document(
        id_=doc_id,
        text=article.text,
        metadata=metadata,
        excluded_embed_metadata_keys=list(METADATA_KEYS),
        excluded_llm_metadata_keys=["doc_id", "url"],
    )


class ArticleReader(BaseReader):
    """llama-index reader for one news article file (.txt, .md, .html)."""

    def __init__(self, max_bytes: int = 2_000_000) -> None:
        self.max_bytes = max_bytes

    def load_data(self, file: Path, extra_info: dict[str, Any] | None = None, **_: Any) -> list[Document]:
        checked = check_file(Path(file), self.max_bytes)
        return [article_document(checked.path, checked.text)]


def list_article_files(paths: list[Path]) -> list[Path]:
    """Supported files under the given files/folders, sorted so ingest order is deterministic."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(p for p in sorted(path.iterdir()) if p.suffix.lower() in SUPPORTED_EXTENSIONS and p.is_file())
        else:
            files.append(path)
    return files


_readers_imported = False


def _import_default_readers_quietly() -> None:
    """Import llama-index-readers-file once, undoing the `logging.basicConfig(level=INFO)` that
    its slides reader runs on import (SimpleDirectoryReader imports it for every file): that
    call put INFO/DEBUG chatter of every library (bm25s logs at DEBUG) on stderr."""
    global _readers_imported
    if _readers_imported:
        return
    import logging

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        import llama_index.readers.file  # noqa: F401
    except ImportError:
        pass
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
        _readers_imported = True


def load_documents(paths: list[Path], max_bytes: int, show_progress: bool = False) -> list[Document]:
    """Read and clean every file; raises IngestError listing *all* bad files, reading nothing in."""
    files = list_article_files(paths)
    errors: list[str] = []
    for path in files:
        try:
            check_file(path, max_bytes)
        except IngestError as exc:
            errors.append(str(exc))
    if errors:
        raise IngestError("; ".join(errors))
    if not files:
        return []
    reader = ArticleReader(max_bytes)
    _import_default_readers_quietly()
    try:
        documents = SimpleDirectoryReader(
            input_files=[str(p) for p in files],
            file_extractor={ext: reader for ext in SUPPORTED_EXTENSIONS},
            # no file-system metadata: a touched but unchanged file must hash the same
            file_metadata=lambda _path: {},
            raise_on_error=True,
        ).load_data(show_progress=show_progress)
    except Exception as exc:  # the reader wraps errors; surface ours with the file name
        if isinstance(exc.__cause__, IngestError):
            raise exc.__cause__ from None
        raise
    for doc in documents:
        doc.excluded_embed_metadata_keys = list(doc.metadata)
        doc.excluded_llm_metadata_keys = ["doc_id", "url"]
    ids = [d.id_ for d in documents]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise IngestError(f"two files share the document id(s) {', '.join(duplicates)}")
    return documents

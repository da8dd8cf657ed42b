"""Ingest: metadata of the five articles, HTML through trafilatura, markdown, file checks."""
from __future__ import annotations

from pathlib import Path

import pytest

from qa.ingest.readers import IngestError, article_document, check_file, list_article_files, load_documents

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def _doc(name: str):
    path = CORPUS / name
    return article_document(path, path.read_text(encoding="utf-8"))


# (file, title, outlet, url prefix); 002's title is checked separately (it has none).
METADATA = [
    ("000_7072df8804a34c19.txt", "Just meeting Putin with permission – the US must be careful to offer more", "Los Angeles Times", ""),
    ("001_a32b31f8f4665c4d.txt", "The West has a rare window to put Putin in his place", "CNN", ""),
    ("003_662a1e8d4d6b319a.txt", "The Biden-Putin Talk", "", ""),
    (
        "004_93ab12cb5d174454.txt",
        "What the crisis in Kazakhstan and Ukraine tells us about Vladimir Putin",
        "Orange County Register",
        "https://www.ocregister.com/2022/01/14/",
    ),
]


@pytest.mark.parametrize("name,title,outlet,url_prefix", METADATA)
def test_article_metadata(name, title, outlet, url_prefix):
    doc = _doc(name)
    meta = doc.metadata
    assert doc.id_ == meta["doc_id"] == Path(name).stem
    assert meta["title"] == title
    assert meta["source"] == outlet
    if url_prefix:
        assert meta["url"].startswith(url_prefix), meta["url"]
    else:
        assert meta["url"] == ""
    assert not doc.text.startswith(title), "the title line must not stay in the body text"


def test_article_without_title_or_outlet_falls_back_to_first_sentence():
    doc = _doc("002_59007568ff3b6b40.txt")
    title = doc.metadata["title"]
    assert title.strip()
    assert doc.metadata["source"] == ""  # no outlet is named anywhere in the text
    assert doc.metadata["url"] == ""
    # what the code does: the first sentence, cut at a word boundary with an ellipsis
    assert title.endswith("…") and len(title) <= 91
    assert doc.text.startswith(title.rstrip("…"))
    assert title.startswith("Russian President Vladimir Putin, 69, asked President Joe Biden")


HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Baltic ministers meet in Riga | The Daily Ledger</title>
<meta property="og:title" content="Baltic ministers meet in Riga">
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:url" content="https://ledger.example.com/2022/01/20/baltic-ministers-meet-in-riga/">
<link rel="canonical" href="https://ledger.example.com/2022/01/20/baltic-ministers-meet-in-riga/">
<script>window.tracking = "HEADSCRIPTTOKEN";</script>
<style>.menu { color: red } /* STYLETOKEN */</style>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World NAVTOKEN</a></li>
<li><a href="/subscribe">Subscribe to our newsletter</a></li></ul></nav>
<header><div class="menu">Select Page</div></header>
<main><article>
<h1>Baltic ministers meet in Riga</h1>
<p>The foreign ministers of Estonia, Latvia and Lithuania met in Riga on Thursday to discuss the security
of the region. They agreed to ask NATO for more air defence systems before the summer.</p>
<p>The Latvian minister said the meeting had been planned for months. Officials from Finland attended as
observers and promised closer cooperation on energy.</p>
<p>A joint statement will be published next week, according to the ministry in Riga.</p>
</article></main>
<aside class="related"><h3>Related Articles</h3><ul><li><a href="/x">Ten recipes for the winter</a></li></ul></aside>
<footer><p>Copyright 2022 The Daily Ledger. All rights reserved. FOOTERTOKEN</p><p>Leave a Reply</p></footer>
<script>console.log("BODYSCRIPTTOKEN");</script>
</body></html>
"""


def test_html_goes_through_trafilatura(tmp_path):
    path = tmp_path / "riga-meeting.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    [doc] = load_documents([path], max_bytes=1_000_000)
    text = doc.text
    assert text.startswith("The foreign ministers of Estonia, Latvia and Lithuania met in Riga on Thursday")
    assert "They agreed to ask NATO for more air defence systems before the summer." in text
    assert "promised closer cooperation on energy." in text
    assert text.endswith("A joint statement will be published next week, according to the ministry in Riga.")
    for chrome in ("TOKEN", "Home", "Subscribe", "newsletter", "Select Page", "Related Articles",
                   "recipes", "Copyright", "Leave a Reply", "window.", "console", "<", "color"):
        assert chrome not in text, f"page furniture {chrome!r} survived: {text!r}"
    assert doc.metadata == {
        "doc_id": "riga-meeting",
        "title": "Baltic ministers meet in Riga",
        "source": "The Daily Ledger",
        "url": "https://ledger.example.com/2022/01/20/baltic-ministers-meet-in-riga/",
        "date": "2022-01-20",  # from the URL path: the page names no other date
        "author": "",
        "thin": False,
    }


MARKDOWN = """# Talks in Geneva end without a deal

The delegations met for *eight hours* in Geneva on Monday. The US side said the talks were **frank** and
useful, according to [the State Department](https://example.com/state).

![a photo of the delegations](https://example.com/photo.jpg)

> The next round is planned for February, a diplomat said.

Russia repeated its demand that NATO __stop expanding__ to the east.
"""


def test_markdown_is_reduced_to_prose(tmp_path):
    path = tmp_path / "geneva.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    [doc] = load_documents([path], max_bytes=1_000_000)
    assert doc.metadata["title"] == "Talks in Geneva end without a deal"
    assert doc.metadata["doc_id"] == "geneva"
    # hard-wrapped lines are joined (a wrapped sentence stays one sentence); paragraphs stay apart
    assert doc.text == (
        "The delegations met for eight hours in Geneva on Monday. The US side said the talks were frank and "
        "useful, according to the State Department.\n\n"
        "The next round is planned for February, a diplomat said.\n\n"
        "Russia repeated its demand that NATO stop expanding to the east."
    ), repr(doc.text)
    for markup in ("#", "*", "__", "](", "![", "> ", "https://", "photo"):
        assert markup not in doc.text, markup


# ---- bad files --------------------------------------------------------------------------------
BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n\t \n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "latin1.txt": "Le président a parlé à Genève d’une réunion très importante.".encode("cp1252"),
    "report.pdf": b"%PDF-1.4 a real article would be here but this type is not supported",
    "huge.txt": b"Putin met Biden in Geneva on Monday. " * 40,
}
REASONS = {
    "empty.txt": "empty",
    "blank.txt": "no text",
    "binary.txt": "binary",
    "latin1.txt": "UTF-8",
    "report.pdf": "unsupported",
    "huge.txt": "limit",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_check_file_rejects_bad_files_by_name(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(BAD_FILES[name])
    with pytest.raises(IngestError) as err:
        check_file(path, max_bytes=1000)
    assert name in str(err.value)
    assert REASONS[name].lower() in str(err.value).lower(), str(err.value)


def test_a_web_page_may_be_larger_than_the_limit_by_its_markup_but_not_without_end(tmp_path):
    """A modern news page is mostly scripts and styles (an unseen CNN article: 2.9 MB of HTML,
    302 words): it is accepted up to `HTML_SIZE_FACTOR` times the limit; text files are not."""
    from qa.ingest.readers import HTML_SIZE_FACTOR

    script = "<script>" + "var x = 1;" * 300 + "</script>"
    page = tmp_path / "page.html"
    page.write_text(f"<html><head>{script}</head><body><p>Putin met Biden in Geneva.</p></body></html>")
    size = page.stat().st_size
    check_file(page, max_bytes=size // 2)  # twice the limit: accepted
    with pytest.raises(IngestError, match="limit"):
        check_file(page, max_bytes=size // (HTML_SIZE_FACTOR + 1))
    text = tmp_path / "notes.txt"
    text.write_text("Putin met Biden in Geneva. " * 200)
    with pytest.raises(IngestError, match="limit"):
        check_file(text, max_bytes=text.stat().st_size // 2)


def test_load_documents_names_every_bad_file_and_reads_nothing(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("A perfectly good article about talks in Geneva. It has two sentences.", encoding="utf-8")
    bad = []
    for name in ("empty.txt", "binary.txt", "latin1.txt"):
        (tmp_path / name).write_bytes(BAD_FILES[name])
        bad.append(name)
    with pytest.raises(IngestError) as err:
        load_documents([tmp_path], max_bytes=1_000_000)
    for name in bad:
        assert name in str(err.value)
    assert "good.txt" not in str(err.value)


def test_page_with_only_furniture_is_rejected(tmp_path):
    path = tmp_path / "chrome-only.txt"
    path.write_text("Select Page\n\nLeave a Reply\n\nYour email address will not be published.\n", encoding="utf-8")
    with pytest.raises(IngestError, match="chrome-only.txt"):
        load_documents([path], max_bytes=1_000_000)


def test_folder_listing_is_sorted_and_skips_unsupported(tmp_path):
    for name in ("b.txt", "a.md", "c.html", "notes.pdf", "d.json"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in list_article_files([tmp_path])] == ["a.md", "b.txt", "c.html"]


def test_duplicate_document_ids_are_rejected(tmp_path):
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    for folder in ("one", "two"):
        (tmp_path / folder / "same.txt").write_text("An article about talks in Geneva on Monday.", encoding="utf-8")
    with pytest.raises(IngestError, match="same"):
        load_documents([tmp_path / "one", tmp_path / "two"], max_bytes=1_000_000)


# ---- thin pages: JSON-LD articleBody, then a `thin` flag -------------------------------------------
BODY = " ".join(
    f"Sentence {i} of the opinion piece explains why the council should publish its budget before the vote."
    for i in range(1, 31)
)


def _page(article_html: str, ld: dict | None) -> str:
    import json

    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    return (f"<html><head><title>Budget vote | The Daily Ledger</title>"
            f'<meta property="og:site_name" content="The Daily Ledger">{script}</head>'
            f"<body><main><article>{article_html}</article></main></body></html>")


def test_caption_only_page_uses_the_json_ld_article_body(tmp_path):
    ld = {"@context": "https://schema.org", "@type": "OpinionNewsArticle", "headline": "Budget vote",
          "articleBody": BODY, "author": {"@type": "Person", "name": "Jane Doe"}, "datePublished": "2022-03-01T10:00:00+08:00"}
    path = tmp_path / "budget.html"
    path.write_text(_page("<figure><figcaption>The council chamber on Monday. Photo: AP</figcaption></figure>", ld), encoding="utf-8")
    [doc] = load_documents([path], max_bytes=1_000_000)
    assert doc.text.startswith("Sentence 1 of the opinion piece")
    assert len(doc.text.split()) == len(BODY.split())
    assert (doc.metadata["author"], doc.metadata["date"], doc.metadata["thin"]) == ("Jane Doe", "2022-03-01", False)


def test_a_longer_extraction_is_not_replaced_by_a_json_ld_summary(tmp_path):
    ld = {"@type": "NewsArticle", "articleBody": " ".join(BODY.split()[:70])}  # a teaser, shorter than the page
    paragraphs = "".join(f"<p>{s}.</p>" for s in BODY.split(". "))
    path = tmp_path / "full.html"
    path.write_text(_page(paragraphs, ld), encoding="utf-8")
    [doc] = load_documents([path], max_bytes=1_000_000)
    assert len(doc.text.split()) > 300


def test_thin_page_is_flagged_with_a_warning(tmp_path):
    from qa.ingest.metadata import thin_warning

    path = tmp_path / "stub.html"
    path.write_text(_page("<p>Subscribers can read the whole story about the council budget vote on our app today.</p>", None),
                    encoding="utf-8")
    [doc] = load_documents([path], max_bytes=1_000_000)
    assert doc.metadata["thin"] is True
    assert thin_warning(doc.metadata, passages=1) == "1 passage: the page's text may not have been found"
    normal = _doc("001_a32b31f8f4665c4d.txt")
    assert normal.metadata["thin"] is False and thin_warning(normal.metadata, passages=9) == ""


def test_markdown_and_text_files_get_date_and_author_from_their_lines(tmp_path):
    md_path = tmp_path / "geneva-talks.md"
    md_path.write_text("# Talks in Geneva end without a deal\n\n*By Jane Doe*\n\nJanuary 14, 2022\n\n"
                       "The delegations met for eight hours in Geneva on Monday.\n", encoding="utf-8")
    txt_path = tmp_path / "riga.txt"
    txt_path.write_text("Baltic ministers meet in Riga\n\nPublished: 20.01.2022 | By John Roe\n\n"
                        "The foreign ministers met in Riga on Thursday to discuss the security of the region.\n", encoding="utf-8")
    docs = {d.id_: d for d in load_documents([md_path, txt_path], max_bytes=1_000_000)}
    md_doc, txt_doc = docs["geneva-talks"], docs["riga"]
    assert (md_doc.metadata["title"], md_doc.metadata["author"], md_doc.metadata["date"]) == (
        "Talks in Geneva end without a deal", "Jane Doe", "2022-01-14")
    assert md_doc.text == "The delegations met for eight hours in Geneva on Monday."
    assert (txt_doc.metadata["author"], txt_doc.metadata["date"]) == ("John Roe", "2022-01-20")
    assert txt_doc.text.startswith("The foreign ministers met in Riga")


def test_a_tables_rows_are_kept_each_a_line_of_its_own():
    """A Wikipedia "List of films featuring time loops" page kept 539 characters: its table,
    the whole of its content, was left out."""
    from qa.ingest.html import _table_rows_as_lines, extract_page

    rows = "".join(f"<tr><td>{film}</td><td>{year}</td><td>{about}</td></tr>" for film, year, about in [
        ("Repeat Performance", 1947, "A woman who shot her husband on New Year's Eve wishes she could live the year again."),
        ("Groundhog Day", 1993, "A weatherman finds himself living the same day again and again in Punxsutawney."),
        ("Palm Springs", 2020, "Two wedding guests are stuck in a time loop in the desert town of Palm Springs."),
    ])
    prose = " ".join(["Time loops are a plot device in which characters relive the same period again and again."] * 8)
    page = (f"<html><head><title>List of films featuring time loops</title></head><body><article><h1>List of films"
            f"</h1><p>{prose}</p><table><tr><th>Film</th><th>Year</th><th>Description</th></tr>{rows}</table>"
            f"</article></body></html>")
    text = extract_page(page).text
    # under a header row of three named columns, each short cell carries its column's name; a
    # cell that is a sentence of its own does not, and the header row is no line of its own
    assert "Film: Groundhog Day — Year: 1993 — A weatherman finds himself" in text
    assert "Film — Year — Description" not in text
    assert "|" not in text and "---" not in text
    # a caption row stays a line; reference marks go
    markdown = "Intro.\n| Films with time loops | | |\n|---|---|---|\n| Groundhog Day | 1993 | Weatherman.[12] |\nAfter."
    assert _table_rows_as_lines(markdown) == "Intro.\nFilms with time loops\nGroundhog Day — 1993 — Weatherman.\nAfter."
    # an infobox's first row is a row like the others, not a header
    assert _table_rows_as_lines("| Industry | Software |\n|---|---|\n| Founded | 1998 |") == "Industry — Software\nFounded — 1998"


def test_a_header_row_of_td_cells_names_the_figures_below_it():
    """A US News MBA table written with `<td>` cells only: "| 6 (tie) | Stanford Graduate School
    of Business | 3 (tie) | 9% | 737 |" read alone does not say that 9% is the acceptance rate,
    so "What was Stanford's acceptance rate?" found no line that holds both."""
    from qa.ingest.html import _table_rows_as_lines

    markdown = ("| Rank | Business School | Acceptance Rate | Average GMAT Score |\n"
                "| 1 | Chicago Booth School of Business | 30% | 729 |\n"
                "| 6 (tie) | Stanford Graduate School of Business | 9% | 737 |\n"
                "| 7 | Columbia Business School | 19% | 729 |")
    lines = _table_rows_as_lines(markdown).split("\n")
    assert lines[1] == ("Rank: 6 (tie) — Business School: Stanford Graduate School of Business — "
                        "Acceptance Rate: 9% — Average GMAT Score: 737")
    assert len(lines) == 3  # the header row is told by every row
    # a size chart: the first column has no name, its rows' labels stay as they are
    sizes = ("|  | Fitted Sheet (W x L x H) | Flat Sheet (W x L) | Pillowcases (W x L) |\n"
             "| Queen | 60x80x16 | 92x104 | 20x27 |\n| King | 76x80x16 | 110x104 | 20x37 |")
    assert _table_rows_as_lines(sizes).split("\n")[1] == (
        "King — Fitted Sheet (W x L x H): 76x80x16 — Flat Sheet (W x L): 110x104 — Pillowcases (W x L): 20x37")
    # a first row of words above rows of words is not told from a row like the others
    words = "| Apples | Pears | Plums |\n| Red | Green | Purple |\n| Sweet | Soft | Tart |"
    assert _table_rows_as_lines(words) == "Apples — Pears — Plums\nRed — Green — Purple\nSweet — Soft — Tart"
    # a row with one filled cell heads a section of the table and is not labelled
    menu = ("| Ingredients | Per person | For 2 people | For 4 people |\n|---|---|---|---|\n"
            "| Vegetables | | | |\n| Onions | 1 | 2 | 4 |\n| Carrots | 4 | 8 | 16 |")
    assert _table_rows_as_lines(menu).split("\n")[:2] == [
        "Vegetables", "Ingredients: Onions — Per person: 1 — For 2 people: 2 — For 4 people: 4"]


def test_a_page_laid_out_in_a_table_is_read_without_it():
    """A Tumblr changelog sits in one table cell, which trafilatura flattens: its "+ Added…"
    lines ran together into one quote of 3,000 characters."""
    from qa.ingest.html import extract_page

    items = "".join(f"<p>+ Added block number {n} to the game, with its own recipe and sounds</p>" for n in range(40))
    page = (f"<html><head><title>Update</title></head><body><table><tr><td><h1>Minecraft 1.8</h1>{items}</td>"
            f"</tr></table></body></html>")
    text = extract_page(page).text
    assert "+ Added block number 3 to the game, with its own recipe and sounds\n+ Added block number 4" in text


def test_a_thread_that_is_all_comments_is_read_with_them():
    # a link aggregator's story page (lobste.rs) is the link's title and the readers' comments,
    # which trafilatura leaves out as comments: 23 words were left of a 900-word thread
    from qa.ingest.html import extract_page

    said = ["Very interested in the ergonomic ref counting work, since I clone reference-counted pointers all the "
            "time in my async code.",
            "So do I, and I really find that eliding clones would not especially improve ergonomics for anyone who "
            "writes servers.",
            "Cargo script is going to be amazing, as well as a number of the other goals on the list for the second "
            "half of the year."]
    comments = "".join(f'<li class="comments_subtree"><div class="comment"><div class="byline"><a href="/~u{i}">u{i}</a>'
                       f'</div><div class="comment_text"><p>{text}</p></div></div></li>' for i, text in enumerate(said))
    page = extract_page(f"""<html><head><title>Rust Project goals for 2024 | Lobsters</title></head><body>
        <div class="story"><a href="https://blog.rust-lang.org/goals.html">Rust Project goals for 2024</a> via scvalex</div>
        <ol class="comments comments1">{comments}</ol></body></html>""")
    assert page.text_source == "trafilatura (with comments)"
    assert all(text in page.text for text in said)
    # an article with text of its own keeps the readers' comments out
    body = " ".join(said * 3)
    article = extract_page(f"""<html><head><title>Goals</title></head><body><article><p>{body}</p></article>
        <ol class="comments">{comments.replace("Cargo script", "Reader remark")}</ol></body></html>""")
    assert article.text_source == "trafilatura" and "Reader remark" not in article.text


def test_a_copyright_notice_taken_for_the_site_name_names_its_holder():
    # trafilatura reads Newegg's footer "© 2000-2026 Newegg Inc." as its site name; answers read
    # "According to © 2000-2026 Newegg, …"
    from qa.ingest.html import extract_page

    page = Path(__file__).resolve().parents[2] / "eval" / "corpora" / "web32" / "pages" / "newegg-titanz.html"
    assert extract_page(page.read_text(encoding="utf-8")).outlet == "Newegg"

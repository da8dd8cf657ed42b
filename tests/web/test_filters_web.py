"""Dates, authors and filters on the page and in the API: source cards show each article's date
(and author), the Library shows date/author columns and the thin-page warning, uploads mention
thin pages, the Settings panel has an outlet choice and a date range, and `/ask` takes
`sources`, `since`, `until` after its old positional parameters (through gradio_client against
the launched app).
"""
from __future__ import annotations

import html

import pytest

from qa.assistant import DocumentInfo

from qa.types import Answer, Citation, Passage
from qa.web import render as wr
from test_app import CARD_QUESTION, shared_app

OCR = "004_93ab12cb5d174454"
CNN = "001_a32b31f8f4665c4d"


def passage(doc_id, source, date="", author="", text="Some passage text here.") -> Passage:
    return Passage(doc_id=doc_id, title=f"Title {doc_id}", source=source, url="", text=text, date=date, author=author,
                   start=0, end=len(text))


Row = DocumentInfo  # the library rows the renderer is given


# ---- rendering -------------------------------------------------------------------------------
def test_each_card_shows_its_own_outlet_date_and_author():
    a = passage("a", "Orange County Register", "2022-01-14", "Jane <b>Doe</b>", "The first one says so.")
    b = passage("b", "CNN", "2021-12-30", "", "The second one says more.")
    c = passage("c", "", "", "", "The third one has no date.")
    answer = Answer(text="One [1]. Two [2]. Three [3].",
                    citations=[Citation(a, "The first one says so."), Citation(b, "The second one says more."),
                               Citation(c, "The third one has no date.")])
    out = wr.render_answer(answer, 1)
    cards = out.split('class="qa-card"')[1:]
    assert len(cards) == 3
    assert '<span class="qa-outlet">Orange County Register</span><time class="qa-date" datetime="2022-01-14">2022-01-14</time>' in cards[0]
    assert '<span class="qa-author">by Jane &lt;b&gt;Doe&lt;/b&gt;</span>' in cards[0]  # escaped, never markup
    assert '<span class="qa-outlet">CNN</span><time class="qa-date" datetime="2021-12-30">2021-12-30</time>' in cards[1]
    assert "qa-author" not in cards[1]
    assert "qa-date" not in cards[2] and "outlet not stated" in cards[2]
    assert 'title="Source 1: Title a (Orange County Register, 2022-01-14)"' in html.unescape(out)


def test_related_passages_show_their_date():
    refusal = Answer(text="The articles don't say.", answered=False, related=[passage("a", "CNN", "2022-01-14")])
    assert 'datetime="2022-01-14"' in wr.render_answer(refusal, 1)


def test_library_has_date_and_author_columns_and_the_thin_warning():
    rows = [Row("a", "Dated", "CNN", "", 3, date="2022-01-14", author="Ann Lee"),
            Row("b", "Thin page", "Site", "", 1, thin_warning="1 passage: the page's text may not have been found"),
            Row("c", "Undated", "", "", 4)]
    table = wr.render_library(rows)
    assert "<th>Date</th><th>Author</th>" in table
    assert '<time class="qa-date" datetime="2022-01-14">2022-01-14</time></td><td>Ann Lee</td>' in table
    assert '<div class="qa-thin">1 passage: the page&#39;s text may not have been found</div>' in table
    assert "1 page with little text" in table
    article = wr.render_article(rows[1], "Only a caption.")
    assert "qa-thin" in article and "may not have been found" in html.unescape(article)
    dated = wr.render_article(rows[0], "Text.")
    assert "2022-01-14" in dated and "by Ann Lee" in dated
    assert "qa-thin" not in wr.render_library([rows[0], rows[2]])


def test_library_rows_without_the_new_fields_still_render():
    class Old:
        doc_id, title, source, url, passages = "x", "Old row", "CNN", "", 2

    assert "Old row" in wr.render_library([Old()]) and "Old row" in wr.render_article(Old(), "Text.")


def test_upload_result_mentions_thin_pages():
    ok = wr.render_upload_result(["Note (1 passage)"], [], [], [], ["Note (note): 1 passage: the page's text may not have been found"])
    assert "Check these pages" in ok and "the page&#39;s text may not have been found" in ok
    assert "Check these pages" not in wr.render_upload_result(["Fine (9 passages)"], [], [], [])


# ---- the page and the API handler ---------------------------------------------------------------
def test_settings_offer_outlets_and_a_date_range(tmp_path):
    import gradio as gr

    from conftest import make_settings
    from qa.web import app

    demo = app.build_ui(app.Backend(make_settings(tmp_path / "i")))
    blocks = {b.elem_id: b for b in demo.blocks.values() if getattr(b, "elem_id", None)}
    assert isinstance(blocks["qa-outlets"], gr.Dropdown) and blocks["qa-outlets"].multiselect
    assert isinstance(blocks["qa-since"], gr.Textbox) and isinstance(blocks["qa-until"], gr.Textbox)


def test_outlet_choices_come_from_the_library_once_each(tmp_path):
    from conftest import make_settings
    from qa.web import app

    backend = app.Backend(make_settings(tmp_path / "i"))
    backend._library = [Row("a", "A", "CNN", "", 1), Row("b", "B", "cnn", "", 1), Row("c", "C", "", "", 1), Row("d", "D", "BBC", "", 1)]
    assert app.Handlers(backend).outlets() == ["BBC", "CNN"]


def test_api_sources_accept_a_list_json_text_or_one_name():
    import gradio as gr

    from qa.web import app

    assert app.outlet_list(None) == [] and app.outlet_list("") == [] and app.outlet_list([]) == []
    assert app.outlet_list(["CNN", " "]) == ["CNN"]
    assert app.outlet_list('["CNN", "BBC"]') == ["CNN", "BBC"]
    assert app.outlet_list("Orange County Register") == ["Orange County Register"]
    for bad in ("[CNN", [1, 2], {"a": 1}):
        with pytest.raises(gr.Error, match="sources"):
            app.outlet_list(bad)


# ---- the launched app, through gradio_client ------------------------------------------------------
@pytest.fixture()
def client(request, tmp_path_factory):
    from gradio_client import Client

    return Client(shared_app(request, tmp_path_factory).url, verbose=False)


@pytest.mark.slow
def test_api_answers_only_from_the_chosen_outlet(client):
    result = client.predict(CARD_QUESTION, "[]", 5, "", ["cnn"], "", "", api_name="/ask")
    assert result["answered"] and result["citations"]
    assert {c["passage"]["source"] for c in result["citations"]} == {"CNN"}
    assert {c["passage"]["doc_id"] for c in result["citations"]} == {CNN}
    by_keyword = client.predict(CARD_QUESTION, sources=["CNN"], api_name="/ask")
    assert by_keyword["text"] == result["text"]


@pytest.mark.slow
def test_api_answers_only_from_the_date_range(client):
    result = client.predict("Why did Russian troops go to Kazakhstan?", "[]", 5, "", None, "2022-01-01", "", api_name="/ask")
    assert result["answered"] and result["citations"]
    assert {(c["passage"]["doc_id"], c["passage"]["date"]) for c in result["citations"]} == {(OCR, "2022-01-14")}
    old_style = client.predict(CARD_QUESTION, "[]", 5, "", api_name="/ask")  # the old positional call still works
    assert len({c["passage"]["doc_id"] for c in old_style["citations"]}) >= 1 and old_style["answered"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "extra, message",
    [((["BBC"], "", ""), "no article in the library is from 'BBC'"), ((None, "14/01/2022", ""), "since must be a date as YYYY-MM-DD"),
     ((None, "2022-02-01", "2022-01-01"), "is after until")],
)
def test_api_rejects_bad_filters_clearly(client, extra, message):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match=message):
        client.predict(CARD_QUESTION, "[]", 5, "", *extra, api_name="/ask")

"""qa.web.render: answers become safe, one-block HTML with linked markers and source cards.

Article text is untrusted, so most of these tests feed hostile titles, outlets and passages
and check, with a real HTML parser, that no tag, attribute or Markdown construct of theirs
survives: only the markup web_render itself writes.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser


from qa.web import render as wr
from qa.types import Answer, Citation, Passage

HOSTILE = '<script>alert(1)</script><img src=x onerror="alert(2)"> ![pic](http://evil.example/a.png) [link](javascript:alert(3)) $$x$$'
# every tag web_render writes; anything else in the output came from an article
OUR_TAGS = {"div", "span", "a", "mark", "details", "summary", "ul", "li", "b", "q", "br", "table", "thead",
            "tbody", "tr", "th", "td", "code", "p", "h3", "sup"}


class TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def parse(markup: str) -> TagCollector:
    collector = TagCollector()
    collector.feed(markup)
    collector.close()
    return collector


def assert_inert(markup: str) -> None:
    """Only our own tags, no event handlers, no script/img, no Markdown link or image syntax."""
    parsed = parse(markup)
    for tag, attrs in parsed.tags:
        assert tag in OUR_TAGS, f"unexpected tag <{tag}> in output"
        assert not any(name.startswith("on") for name in attrs), f"event handler on <{tag}>"
        for name in ("href", "src"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:")), value
            assert "evil.example" not in value
    assert "\n" not in markup, "a newline could end the HTML block and re-enable Markdown"
    for syntax in ("](", "![", "$$", "<script", "<img"):
        assert syntax not in markup


def passage(text: str, **kw) -> Passage:
    fields = dict(doc_id="doc_1", title="A title", source="CNN", url="", text=text, start=0, end=len(text))
    fields.update(kw)
    return Passage(**fields)


# ---- escaping -----------------------------------------------------------------------------
def test_esc_round_trips_and_neutralises_html_and_markdown():
    raw = "Tom & Jerry's <b>\"show\"</b> *bold* _it_ [1](x) `code` #tag |t| ~s~ $5 {x} \\"
    out = wr.esc(raw)
    assert html.unescape(out) == raw
    bare = re.sub(r"&#?\w+;", "", out)  # what is left besides entities
    for ch in "<>\"'*_[]()`#|~${}\\":
        assert ch not in bare
    assert "&amp;" in out and "&#x27;" not in out  # one pass: nothing escaped twice


def test_esc_turns_newlines_into_breaks():
    assert wr.esc("a\n\nb") == "a<br><br>b"


def test_safe_link_only_for_plain_http_urls():
    assert wr.safe_link("javascript:alert(1)", "t") == "t"
    assert wr.safe_link("data:text/html,hi", "t") == "t"
    assert "href" not in wr.safe_link("", "t")
    link = wr.safe_link('https://example.com/a?b="c"', "T")
    assert 'href="https://example.com/a?b=' not in link or "&quot;" not in link  # quote can't break out
    assert wr.safe_link("https://example.com/a", "<T>") == (
        '<a href="https://example.com/a" target="_blank" rel="noopener noreferrer nofollow">&lt;T&gt;</a>'
    )


# ---- answers ------------------------------------------------------------------------------
def test_markers_link_to_numbered_cards_with_the_quote_highlighted():
    text = "Russia published two draft agreements. They demanded a halt to NATO expansion. Other words."
    cit = Citation(passage(text, title="The West has a window", source="CNN"), "They demanded a halt to NATO expansion.")
    answer = Answer(text="According to CNN, they demanded a halt. [1] Unknown [7] stays text.", citations=[cit])
    out = wr.render_answer(answer, turn=3, doc_texts={"doc_1": text})
    assert_inert(out)
    parsed = parse(out)
    links = [a for t, a in parsed.tags if t == "a" and "qa-ref" in (a.get("class") or "")]
    assert [a["href"] for a in links] == ["#qa-t3-s1"]  # [7] has no citation: not a link
    assert "[7]" in "".join(parsed.text)
    cards = [a for t, a in parsed.tags if t == "div" and a.get("id") == "qa-t3-s1"]
    assert cards and "qa-card" in cards[0]["class"]
    assert '<mark class="qa-quote">They demanded a halt to NATO expansion.</mark>' in out
    assert "The West has a window" in out and "CNN" in out
    assert "Sources" in out and "qa-msg-answer" in out


def test_citations_of_one_passage_share_a_card_with_numbered_highlights():
    text = "Alpha said one thing. Beta said another. Gamma said a third."
    same = passage(text)
    other = passage("A different passage entirely.", doc_id="doc_2", title="Other")
    cits = [Citation(same, "Alpha said one thing."), Citation(other, "A different passage entirely."),
            Citation(same, "Gamma said a third.")]
    out = wr.render_answer(Answer(text="One. [1] Two. [2] Three. [3]", citations=cits), 4)
    assert_inert(out)
    hrefs = [a["href"] for t, a in parse(out).tags if t == "a" and "qa-ref" in (a.get("class") or "")]
    assert hrefs == ["#qa-t4-s1", "#qa-t4-s2", "#qa-t4-s1"]  # [3] points at the shared card
    assert out.count('class="qa-card"') == 2 and 'id="qa-t4-s3"' not in out
    first = out[out.index('id="qa-t4-s1"'):out.index('id="qa-t4-s2"')]
    assert first.count('<span class="qa-num">') == 2 and first.count('<mark class="qa-quote">') == 2
    assert '<sup class="qa-mark-num">3</sup><mark class="qa-quote">Gamma said a third.</mark>' in first


def test_quote_is_found_despite_different_white_space():
    cit = Citation(passage("First one.  Second\nsentence here. Third."), "Second sentence here.")
    out = wr.render_card(cit, 1, 1)
    assert '<mark class="qa-quote">Second<br>sentence here.</mark>' in out


def test_quote_not_in_passage_is_shown_apart_not_lost():
    cit = Citation(passage("Some passage."), "A different sentence.")
    out = wr.render_card(cit, 1, 1)
    assert "qa-quote-apart" in out and "A different sentence." in out


def test_hostile_article_text_is_inert_everywhere():
    p = passage(f"Before. {HOSTILE} After.", title=HOSTILE, source=HOSTILE, url="javascript:alert(4)")
    answer = Answer(text=f"{HOSTILE} [1]", citations=[Citation(p, HOSTILE)], notice=HOSTILE, query=HOSTILE)
    doc = f"Intro paragraph.\n\n{p.text}\n\nLast paragraph."
    p.start, p.end = doc.index(p.text), doc.index(p.text) + len(p.text)
    out = wr.render_answer(answer, 1, {"doc_1": doc}, question="something else")
    assert_inert(out)
    assert "&lt;script&gt;" in out  # shown as text, not dropped silently
    refusal = Answer(text=HOSTILE, answered=False, related=[p])
    assert_inert(wr.render_answer(refusal, 2))
    assert_inert(wr.render_streaming(HOSTILE + "\n\nmore"))
    assert_inert(wr.render_question(HOSTILE))
    assert_inert(wr.render_pending(HOSTILE))
    assert_inert(wr.render_error(HOSTILE))


def test_refusal_looks_different_and_offers_related_passages():
    related = [passage("Close but not it.", title="Near miss")]
    out = wr.render_answer(Answer(text="The articles don't say.", answered=False, related=related), 1)
    assert_inert(out)
    assert "qa-msg-refusal" in out and "qa-refusal" in out and "qa-msg-answer" not in out
    assert "Not answered" in out and '<a class="qa-ref' not in out and "qa-card" not in out
    assert "related, but they do not answer it" in out and "Near miss" in out
    assert "don&#39;t" in out


def test_unverified_llm_citation_is_flagged():
    cit = Citation(passage("Text."), "Claim.", supported=False)
    out = wr.render_answer(Answer(text="Claim. [1]", citations=[cit], mode="llm", notice="LLM fallback"), 1)
    assert "qa-ref-unverified" in out and "qa-card-unverified" in out and "not found in the passage" in out
    assert "LLM: a language model writes the answer" in out and "LLM fallback" in out


def test_rewritten_follow_up_is_shown_only_when_it_differs():
    answer = Answer(text="In Geneva. [1]", citations=[Citation(passage("In Geneva."), "In Geneva.")],
                    query="Where did Sergei Ryabkov meet Wendy Sherman?")
    shown = wr.render_answer(answer, 2, question="Where did he meet Wendy Sherman?")
    assert "Searched for:" in shown and "Sergei Ryabkov" in shown
    same = wr.render_answer(answer, 2, question="where did Sergei Ryabkov meet  Wendy Sherman?")
    assert "Searched for:" not in same


# ---- surrounding paragraph ------------------------------------------------------------------
DOC = "Para one is here.\n\nPara two starts. The passage sits inside it. Para two ends.\n\nPara three."


def test_paragraph_bounds_expand_to_blank_lines():
    start = DOC.index("The passage")
    end = start + len("The passage sits inside it.")
    lo, hi = wr.paragraph_bounds(DOC, start, end)
    assert DOC[lo:hi] == "Para two starts. The passage sits inside it. Para two ends."


def test_whole_paragraph_passage_gets_its_neighbours():
    start = DOC.index("Para two")
    end = DOC.index("\n\nPara three")
    lo, hi = wr.paragraph_bounds(DOC, start, end)
    assert DOC[lo:hi] == DOC  # one paragraph before and after


def test_paragraph_bounds_are_capped_around_the_passage():
    doc = ("word " * 2000).strip()
    lo, hi = wr.paragraph_bounds(doc, 5000, 5100, max_chars=600)
    assert hi - lo <= 600 and lo <= 5000 and hi >= 5100


def test_card_expands_to_the_paragraph_with_passage_and_quote_marked():
    start = DOC.index("The passage")
    text = "The passage sits inside it."
    cit = Citation(passage(text, start=start, end=start + len(text)), text)
    out = wr.render_card(cit, 2, 5, DOC)
    assert_inert(out)
    assert 'id="qa-t5-s2"' in out and "Show the surrounding paragraph" in out
    context = out[out.index('class="qa-context"'):]
    assert "Para two starts." in context and "Para two ends." in context
    assert '<span class="qa-in-passage"><mark class="qa-quote">The passage sits inside it.</mark></span>' in context


def test_stale_offsets_fall_back_to_finding_the_passage_or_no_expansion():
    text = "The passage sits inside it."
    moved = Citation(passage(text, start=0, end=len(text)), text)  # offsets wrong, text present
    assert "Para two starts." in wr.render_card(moved, 1, 1, DOC)
    gone = Citation(passage("Not in the article at all."), "Not in the article at all.")
    assert "qa-more" not in wr.render_card(gone, 1, 1, DOC)


# ---- library --------------------------------------------------------------------------------
class Row:
    def __init__(self, doc_id, title, source, passages, url=""):
        self.doc_id, self.title, self.source, self.passages, self.url = doc_id, title, source, passages, url


def test_library_table_and_article_are_escaped():
    rows = [Row("a_1", HOSTILE, "CNN", 3), Row("b_2", "Plain", "", 4, url="javascript:alert(1)")]
    table = wr.render_library(rows)
    assert_inert(table)
    assert "2 articles · 7 passages" in table and "outlet not stated" in table
    article = wr.render_article(rows[1], f"First para.\n\n{HOSTILE}\n\nLast.")
    assert_inert(article)
    assert article.count("<p>") == 3 and "javascript" in article and 'href="javascript' not in article
    assert "No articles" in wr.render_library([])


def test_upload_messages_name_each_bad_file():
    bad = wr.render_upload_result([], [], [], ["<x>.txt: the file is empty", "b.pdf: unsupported file type .pdf"])
    assert_inert(bad)
    assert "Nothing was added" in bad and "&lt;x&gt;.txt: the file is empty" in bad and "b.pdf" in bad
    ok = wr.render_upload_result(["New one (3 passages)"], [], ["Old"], [])
    assert "Added: New one (3 passages)" in html.unescape(ok) and "unchanged: Old" in ok and "qa-upload-ok" in ok


def test_status_shows_state_and_mode():
    out = wr.render_status("ready", "Ready · 5 articles", "extractive")
    assert 'data-state="ready"' in out and "Answer mode: <b>Extractive</b>" in out
    assert "qa-wait" in wr.render_status("loading", "Loading", "llm") and "<b>LLM</b>" in wr.render_status("x", "", "llm")


# ---- with the real index ----------------------------------------------------------------------
def test_real_answer_renders_linked_marker_and_highlighted_quote(assistant):
    answer = assistant.ask("What did Putin demand in the draft agreements?")
    assert answer.answered and answer.citations
    texts = {c.passage.doc_id: assistant.document_text(c.passage.doc_id) for c in answer.citations}
    out = wr.render_answer(answer, 1, texts, question="What did Putin demand in the draft agreements?")
    assert_inert(out)
    assert 'href="#qa-t1-s1"' in out and 'id="qa-t1-s1"' in out
    for n in sorted(set(wr.card_targets(answer.citations).values())):  # citations of one passage share a card
        card = out[out.index(f'id="qa-t1-s{n}"'):]
        assert '<mark class="qa-quote">' in card.split('class="qa-more"')[0]
        assert "qa-context" in card  # every real passage can expand to its paragraph


def test_writing_state_shows_no_model_text_only_the_verified_draft_and_a_note():
    assert wr.writing_label() == "Writing the answer …"
    assert wr.writing_label(1) == "Writing the answer … (1 sentence was held back: not supported by the cited source)"
    assert "2 sentences were held back" in wr.writing_label(2)
    # nothing verified yet: the note alone, as a pending bubble (the page's pinning script knows it)
    assert wr.render_streaming("", wr.writing_label()) == wr.render_pending("Writing the answer …")
    out = wr.render_streaming("According to CNN, a verified sentence [1].", wr.writing_label(1))
    assert "qa-streaming" in out and "qa-writing" in out and "1 sentence was held back" in out
    assert out.index("a verified sentence") < out.index("Writing the answer")
    assert "qa-writing" not in wr.render_streaming("extractive text")  # no note: as before
    assert_inert(wr.render_streaming(HOSTILE, HOSTILE))
    assert "\n" not in out

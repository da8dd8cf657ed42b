"""End to end in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Against the launched app shared with test_app.py: the card question streams in and links
[1] to a source card with the quoted sentence highlighted; the follow-up pair resolves "he";
refusals look different; an uploaded article can be asked about; and every request the page
makes stays on the loopback interface. Screenshots go to tests/artifacts/ (gitignored).
"""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from servers import CHROMIUM_ARGS, launch_chromium, needs_chromium
from test_app import CARD_QUESTION, shared_app, start_app

ARGS = CHROMIUM_ARGS  # test_reliability.py imports ARGS from here
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
ANSWER_DONE = "#qa-chat .qa-msg-answer, #qa-chat .qa-msg-refusal, #qa-chat .qa-error"

UPLOAD_TXT = """Marisol Dawn ferry launched at Vesterhavn

Harbour Courier

The new ferry Marisol Dawn was launched at the Vesterhavn shipyard on Friday by captain Oren Talvik.
The ferry will carry 300 passengers a day across Lake Ostra from next spring.
Talvik said the crossing would take forty minutes in good weather.
"""

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


def assert_loopback_only(requests: list[str]) -> None:
    hosts = {urlparse(u).hostname for u in requests if not u.startswith(("data:", "blob:", "about:"))}
    assert requests, "no requests were recorded"
    assert hosts <= LOOPBACK, f"requests left the machine: {sorted(h for h in hosts if h not in LOOPBACK)}"


def open_page(browser, url: str):
    """A new browser context and page on `url` that records every request URL it makes."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    pg = context.new_page()
    pg.on("websocket", lambda ws: requests.append(ws.url))
    pg.set_default_timeout(60_000)
    pg.goto(url)
    return context, pg, requests


@pytest.fixture()
def page(browser, request, tmp_path_factory):
    """A fresh page on the ready app; after the test, every request it made must have stayed local."""
    server = shared_app(request, tmp_path_factory)
    context, pg, requests = open_page(browser, server.url)
    pg.wait_for_selector("#qa-status [data-state=ready]", timeout=120_000)
    yield pg
    context.close()
    assert_loopback_only(requests)


def shot(pg, name: str) -> None:
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"))


def ask(pg, question: str, done: int) -> None:
    """Type a question, press Enter, wait for the `done`-th final answer (or refusal)."""
    pg.fill("#qa-question textarea", question)
    pg.press("#qa-question textarea", "Enter")
    wait_answers(pg, done)


def wait_answers(pg, done: int) -> None:
    pg.wait_for_function(f"document.querySelectorAll({ANSWER_DONE!r}).length >= {done}")
    errors = pg.locator("#qa-chat .qa-error")
    assert errors.count() == 0, errors.first.inner_text()
    pg.wait_for_timeout(300)  # let the pinning script settle before a screenshot


def wait_file_listed(pg, name: str, listed: bool = True) -> None:
    """Wait until the upload box lists (or no longer lists) `name` (shown split as stem + extension)."""
    js = f"(document.querySelector('#qa-files')?.textContent || '').replace(/\\s+/g, '')"
    pg.wait_for_function(f"{js}.includes({name!r}) === {str(listed).lower()}")


def record_streaming(pg) -> None:
    pg.evaluate(
        """() => { window.__qaStream = [];
        new MutationObserver(() => {
          const s = document.querySelector('#qa-chat .qa-streaming .qa-text');
          if (!s) return;
          const n = s.textContent.length, seen = window.__qaStream;
          if (!seen.length || seen[seen.length - 1] !== n) seen.push(n);
        }).observe(document.querySelector('#qa-chat'), {subtree: true, childList: true, characterData: true}); }"""
    )


def test_card_question_streams_in_with_a_linked_highlighted_source_card(page):
    shot(page, "01_start")
    assert "Answer mode" in page.inner_text("#qa-status") and "Extractive" in page.inner_text("#qa-status")
    record_streaming(page)
    page.click(f"#qa-chat button:has-text({CARD_QUESTION!r})")  # the example in the empty chat
    wait_answers(page, 1)
    lengths = page.evaluate("window.__qaStream")
    assert len(lengths) >= 3 and lengths == sorted(lengths), f"answer did not stream progressively: {lengths}"
    shot(page, "02_card_answer")

    answer = page.locator("#qa-chat .qa-msg-answer").last
    marker = answer.locator("a.qa-ref", has_text="[1]").first
    assert marker.is_visible()
    card_id = marker.get_attribute("href").lstrip("#")
    card = answer.locator(f"#{card_id}")
    assert card.locator(".qa-num").first.inner_text() == "1"
    assert card.locator(".qa-title").inner_text().strip()
    assert card.locator(".qa-outlet").inner_text().strip()
    quote = card.locator(".qa-passage mark.qa-quote")
    assert quote.count() >= 1 and len(quote.first.inner_text()) > 20
    quote = quote.first
    background = quote.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "the quoted sentence is not highlighted"

    marker.click()
    # the smooth scroll takes as long as the machine needs: wait until the card is in view
    page.wait_for_function(
        """(id) => { const c = document.getElementById(id), w = document.querySelector('#qa-chat .panel-wrap');
          if (!c || !w) return false; const b = c.getBoundingClientRect(), v = w.getBoundingClientRect();
          return b.top < v.bottom && b.bottom > v.top; }""",
        arg=card_id,
    )
    box, view = card.bounding_box(), page.locator("#qa-chat .panel-wrap").bounding_box()
    assert box["y"] < view["y"] + view["height"] and box["y"] + box["height"] > view["y"], "card not scrolled into view"
    quote_text = " ".join(quote.inner_text().split())  # read now: the passage hides when expanded
    card.locator("details.qa-more summary").click()
    context = card.locator(".qa-context")
    assert context.is_visible() and quote_text in " ".join(context.inner_text().split())
    assert not card.locator(".qa-passage").is_visible()  # the paragraph replaces the passage
    shot(page, "03_card_expanded")


def test_follow_up_pair_uses_the_conversation(page):
    ask(page, "Who is Sergei Ryabkov?", 1)
    ask(page, "Where did he meet Wendy Sherman?", 2)
    last = page.locator("#qa-chat .qa-msg").last
    assert "Geneva" in last.locator(".qa-text").inner_text()
    assert last.locator("a.qa-ref").count() >= 1
    assert "Sergei Ryabkov" in last.inner_text()  # "Searched for: Where did Sergei Ryabkov meet …"
    shot(page, "04_follow_up")
    # Gradio's per-message copy button copied the card HTML instead of the answer: it is off
    assert page.locator("#qa-chat button[aria-label='Copy message']").count() == 0
    page.click("#qa-new-chat")
    page.wait_for_function("document.querySelectorAll('#qa-chat .qa-msg').length === 0")
    assert page.locator(f"#qa-chat button:has-text({CARD_QUESTION!r})").is_visible()  # examples are back


def test_refusal_looks_different_from_an_answer(page):
    ask(page, "What is the weather forecast for Paris tomorrow?", 1)
    refusal = page.locator("#qa-chat .qa-msg-refusal")
    assert refusal.count() == 1 and "Not answered" in refusal.inner_text()
    shot(page, "05_refusal")
    assert refusal.locator("a.qa-ref").count() == 0
    border = refusal.locator(".qa-refusal").evaluate("e => getComputedStyle(e).borderLeftColor")
    ask(page, CARD_QUESTION, 2)
    answer_border = page.locator("#qa-chat .qa-msg-answer .qa-text").evaluate("e => getComputedStyle(e).borderLeftColor")
    assert border != answer_border


def pick_outlet(pg, name: str) -> None:
    """Choose `name` in the Settings' outlet multi-select (typed, then its option clicked)."""
    box = pg.locator("#qa-outlets input")
    box.click()
    box.fill(name)
    pg.locator("#qa-outlets [role=option]", has_text=name).first.click()
    pg.keyboard.press("Escape")
    pg.wait_for_function(f"(document.querySelector('#qa-outlets')?.textContent || '').includes({name!r})")


def card_outlets(answer) -> list[str]:
    return [" ".join(t.split()) for t in answer.locator(".qa-card .qa-outlet").all_inner_texts()]


def test_outlet_chosen_in_settings_limits_every_source_card(page):
    pick_outlet(page, "CNN")
    ask(page, CARD_QUESTION, 1)
    answer = page.locator("#qa-chat .qa-msg-answer").last
    outlets = card_outlets(answer)
    assert outlets and set(outlets) == {"CNN"}, outlets
    shot(page, "09_outlet_filter")


def test_date_range_in_settings_limits_every_source_card(page):
    page.fill("#qa-since input", "2022-01-01")
    page.fill("#qa-until input", "2022-01-31")
    ask(page, "Why did Russian troops go to Kazakhstan?", 1)
    answer = page.locator("#qa-chat .qa-msg-answer").last
    dates = answer.locator(".qa-card time.qa-date")
    assert dates.count() == answer.locator(".qa-card").count() >= 1
    assert {dates.nth(i).get_attribute("datetime") for i in range(dates.count())} == {"2022-01-14"}
    assert set(card_outlets(answer)) == {"Orange County Register"}
    shot(page, "10_date_filter")
    page.fill("#qa-since input", "2022-14-01")  # a bad date is shown in the chat, not a silent failure
    page.fill("#qa-question textarea", "Who is Sergei Ryabkov?")
    page.press("#qa-question textarea", "Enter")
    page.wait_for_selector("#qa-chat .qa-error")
    assert "since must be a date as YYYY-MM-DD" in page.inner_text("#qa-chat .qa-error")


def test_upload_an_article_then_ask_about_it(page, tmp_path):
    page.click("button[role=tab]:has-text('Library')")
    page.wait_for_selector("#qa-library table")
    rows_before = page.locator("#qa-library tbody tr").count()
    assert rows_before >= 5

    empty = tmp_path / "empty-story.txt"
    empty.write_bytes(b"")
    page.set_input_files("#qa-files input[type=file]", [str(empty)])
    wait_file_listed(page, "empty-story.txt")
    page.click("#qa-add")
    page.wait_for_selector("#qa-upload-result .qa-upload-bad")
    assert "empty-story.txt" in page.inner_text("#qa-upload-result")
    assert page.locator("#qa-library tbody tr").count() == rows_before
    shot(page, "06_upload_rejected")

    good = tmp_path / "marisol-dawn.txt"
    good.write_text(UPLOAD_TXT, encoding="utf-8")
    wait_file_listed(page, "empty-story.txt", listed=False)  # cleared for the next try
    page.set_input_files("#qa-files input[type=file]", [str(good)])
    wait_file_listed(page, "marisol-dawn.txt")
    page.click("#qa-add")
    page.wait_for_selector("#qa-upload-result .qa-upload-ok", timeout=120_000)
    assert "Marisol Dawn" in page.inner_text("#qa-upload-result")
    page.wait_for_function(f"document.querySelectorAll('#qa-library tbody tr').length === {rows_before + 1}")
    page.wait_for_selector("#qa-article :text('captain Oren Talvik')")  # the new article opens
    shot(page, "07_library_after_upload")

    page.click("button[role=tab]:has-text('Chat')")
    ask(page, "Who launched the Marisol Dawn ferry?", 1)
    answer = page.locator("#qa-chat .qa-msg-answer").last
    assert "Talvik" in answer.locator(".qa-text").inner_text()
    assert re.search(r"Marisol Dawn ferry launched", answer.locator(".qa-card").first.inner_text())
    shot(page, "08_upload_answer")


def test_first_run_shows_the_index_being_built(browser, tmp_path):
    """On a first run the page is up while the index builds; a question asked meanwhile waits
    visibly and is answered once the index is ready. Whether the page still catches the build
    depends on the machine's speed, so both states are accepted; nothing is timed."""
    server = start_app(tmp_path, ready=False)  # empty index: the page is up while it builds
    try:
        context, pg, requests = open_page(browser, server.url)
        status = pg.locator("#qa-status .qa-status")
        state, first = status.get_attribute("data-state"), status.inner_text()
        assert state in ("loading", "ready"), (state, first)
        if state == "loading":
            assert "First run: building the search index" in first, first
        else:  # a fast machine finished the build before the page asked
            assert "Ready" in first, first
        pg.fill("#qa-question textarea", "Who is Sergei Ryabkov?")
        pg.press("#qa-question textarea", "Enter")
        # the question is not lost: it waits visibly (or, once ready, is answered)
        pg.wait_for_selector(f"#qa-chat .qa-pending, {ANSWER_DONE}")
        if state == "loading":
            shot(pg, "00_first_run_loading")
        pg.wait_for_selector("#qa-status [data-state=ready]", timeout=300_000)
        wait_answers(pg, 1)
        answer = pg.locator("#qa-chat .qa-msg").last
        assert "Ryabkov" in answer.inner_text() and answer.locator("a.qa-ref").count() >= 1
        context.close()
        assert_loopback_only(requests)
    finally:
        server.stop()

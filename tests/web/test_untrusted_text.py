"""Untrusted article text is shown as text, never run (headless Chromium against the app).

An uploaded article carries `<script>` and `<img onerror=…>` in its title and body. It is
asked about, so its sentences appear in the answer, the source card, the expanded paragraph
and (title) the card head; then the library table and the article view show it. Each of the
three payloads would set `window.__pwned`: it must stay undefined, no <script>/<img> from the
article may exist in the page, and the markup must be visible literally, as text.
The LLM path's prompt-injection checks live in tests/llm/test_injection.py.
"""
from __future__ import annotations

import pytest

from servers import launch_chromium, needs_chromium
from test_app import shared_app
from test_browser import ANSWER_DONE, ARTIFACTS, assert_loopback_only, open_page

SCRIPT = "<script>window.__pwned=1</script>"
IMG_BODY = '<img src=x onerror="window.__pwned=2">'
IMG_TITLE = '<img src=x onerror="window.__pwned=3">'
HOSTILE_TXT = f"""Glimmer Lake council cuts ferry fares {IMG_TITLE}

Lakeside Herald

The Glimmer Lake council voted on Thursday to cut ferry fares to two crowns {SCRIPT} for every rider.
Councillor Breda Fenn said the cheaper ferry fares {IMG_BODY} would start in May.
The vote passed by seven to two after a long debate about the harbour budget.
"""
# Elements the article's markup would create if it were interpreted anywhere in the page.
INJECTED = "script:not([src]):is(:not([type]), [type='text/javascript'])"

pytestmark = [pytest.mark.slow, needs_chromium]


@pytest.fixture(scope="module")
def browser():
    with launch_chromium() as chromium:
        yield chromium


def assert_inert(page) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", "script from an article ran"
    injected = page.evaluate(
        """() => [...document.querySelectorAll('script, img')]
              .filter(e => (e.outerHTML || '').includes('__pwned')).map(e => e.outerHTML)"""
    )
    assert injected == [], f"article markup became elements: {injected}"


def squash(text: str) -> str:
    return " ".join(text.split())


def test_script_and_onerror_in_an_article_are_shown_as_text(browser, request, tmp_path_factory, tmp_path):
    server = shared_app(request, tmp_path_factory)
    context, page, requests = open_page(browser, server.url)
    try:
        page.wait_for_selector("#qa-status [data-state=ready]", timeout=120_000)

        # Upload the hostile article through the library.
        path = tmp_path / "glimmer-ferry.txt"
        path.write_text(HOSTILE_TXT, encoding="utf-8")
        page.click("button[role=tab]:has-text('Library')")
        page.wait_for_selector("#qa-library table")
        page.set_input_files("#qa-files input[type=file]", [str(path)])
        page.wait_for_selector("#qa-files [aria-label='glimmer-ferry.txt']")
        page.click("#qa-add")
        page.wait_for_selector("#qa-upload-result .qa-upload-ok", timeout=120_000)
        assert IMG_TITLE in page.inner_text("#qa-upload-result")  # the title, as text
        page.wait_for_selector("#qa-article :text('Councillor Breda Fenn')")  # the new article opens
        article = squash(page.inner_text("#qa-article"))
        for payload in (SCRIPT, IMG_BODY, IMG_TITLE):
            assert payload in article, f"{payload} is not shown literally in the article view"
        assert IMG_TITLE in page.inner_text("#qa-library")
        assert_inert(page)
        page.screenshot(path=str(ARTIFACTS / "21_untrusted_library.png"))

        # Ask about it: the answer, the source card and its paragraph quote the hostile sentences.
        page.click("button[role=tab]:has-text('Chat')")
        page.fill("#qa-question textarea", "When will the cheaper ferry fares on Glimmer Lake start?")
        page.press("#qa-question textarea", "Enter")
        page.wait_for_function(f"document.querySelectorAll({ANSWER_DONE!r}).length >= 1")
        message = page.locator("#qa-chat .qa-msg").last
        assert "qa-msg-answer" in message.get_attribute("class"), message.inner_text()
        card = message.locator(".qa-card").first
        assert IMG_TITLE in card.locator(".qa-title").inner_text()
        assert IMG_BODY in squash(card.locator(".qa-passage").inner_text())
        assert "May" in message.locator(".qa-text").inner_text()
        card.locator("details.qa-more summary").click()
        assert SCRIPT in squash(card.locator(".qa-context").inner_text())
        page.wait_for_timeout(500)  # an onerror would have fired by now
        assert_inert(page)
        page.screenshot(path=str(ARTIFACTS / "22_untrusted_card.png"))
    finally:
        context.close()
    assert_loopback_only(requests)

"""`qa.ingest.html_repair`: markup a browser reads as the page's text, written so trafilatura
reads it so too. Synthetic pages for each repair, and the real nginx page (web33) whose
inline code broke a sentence into five lines. No model: well under a second."""
from __future__ import annotations

from pathlib import Path

from qa.ingest.html import extract_page
from qa.ingest.html_repair import (attributions_on_their_own_line, code_paragraphs_on_one_line, embeds_holding_text_kept, images_apart_from_text, repaired,
                                   without_closed_dialogs, without_early_end_tags,
                                   without_machine_summaries)

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = " ".join(
    f"Sentence {i} of the article says that outsourcing human resources saves the firm time and money."
    for i in range(12)
)
TEASERS = "".join(f"<li><p>Teaser {i} of another post...</p></li>" for i in range(3))


def _theme_page(early: bool) -> str:
    """A header with menu teasers, then the article; the theme wrote `</body></html>` after the header."""
    end = "</body></html>" if early else ""
    tail = "" if early else "</body></html>"
    return (f"<html><head><title>Six kinds</title></head><body><header><nav><ul>{TEASERS}</ul></nav></header>{end}"
            f"<div class='blog-detail'><h1>Six kinds</h1><div id='blog-content'><p>{ARTICLE}</p></div></div>{tail}")


def test_content_after_an_early_body_end_tag_is_read():
    assert "Sentence 11 of the article" in extract_page(_theme_page(early=True)).text
    assert extract_page(_theme_page(early=True)).text == extract_page(_theme_page(early=False)).text


def test_end_tags_go_and_nothing_else_changes():
    page = "<html><body><p>One</p></BODY >\n</html><p>Two</p>"
    assert without_early_end_tags(page) == "<html><body><p>One</p>\n<p>Two</p>"


def test_a_paragraph_with_inline_code_is_one_line():
    page = ("<p>The file is named <code>nginx.conf</code>\nand placed in the directory\n"
            "<code>/usr/local/nginx/conf</code>,\n<code>/etc/nginx</code>, or\n<code>/usr</code>.\n</p>")
    assert code_paragraphs_on_one_line(page) == (
        "<p>The file is named <code>nginx.conf</code> and placed in the directory "
        "<code>/usr/local/nginx/conf</code>, <code>/etc/nginx</code>, or <code>/usr</code>.</p>")


def test_code_blocks_and_paragraphs_without_code_keep_their_lines():
    page = ("<p>Plain text\nover two lines.</p>\n<pre><code>line one\n  line two</code></pre>\n"
            "<p>Run this:</p><pre>ls -l\ncd /</pre>")
    assert code_paragraphs_on_one_line(page) == page


def test_a_paragraph_holding_a_pre_block_is_left_alone():
    page = "<p>Before <code>x</code>\n<pre>keep\nlines</pre>\nafter</p>"
    assert code_paragraphs_on_one_line(page) == page


def test_the_nginx_guide_keeps_its_sentence_whole():
    html = (ROOT / "eval" / "corpora" / "web33" / "pages" / "nginx-beginners-guid.html").read_text(encoding="utf-8")
    lines = extract_page(html).text.split("\n")
    assert ("By default, the configuration file is named nginx.conf and placed in the directory "
            "/usr/local/nginx/conf, /etc/nginx, or /usr/local/etc/nginx.") in " ".join(lines)
    assert not any(line.strip() == "and placed in the directory" for line in lines)
    assert repaired(html) != html


def test_an_image_between_a_date_and_a_sentence_keeps_them_apart():
    # Happily Connected (web36): "Updated: December 9, 2024<img …>If you are serving food…"
    assert images_apart_from_text('<p>Updated: December 9, 2024<img src="a.png">If you serve food.</p>') == (
        '<p>Updated: December 9, 2024<img src="a.png"> If you serve food.</p>')
    # an emoji image before punctuation or lower case, and an image after a tag, stay as they are
    for page in ('<p>I love it<img class="emoji" alt="x">!</p>', '<p>a<img src="b">c</p>', '<p><img src="a">The</p>'):
        assert images_apart_from_text(page) == page
    text = extract_page("<html><body><article><p>" + ARTICLE + "</p><p>Updated: December 9, 2024"
                        '<img src="a.png">If you are serving food, choose a caterer.</p></article></body></html>').text
    assert "2024 If you are serving food" in text


def test_a_closed_dialog_is_no_text_of_the_page():
    # ResetEra (web38): the thread was read as the terms of use an ad network keeps in a closed <dialog>
    html = (ROOT / "eval" / "corpora" / "web38" / "pages" / "resetera-you-and-your-rea.html").read_text(encoding="utf-8")
    text = extract_page(html).text
    assert "chosen by a twist of fate to prevent the world's demise" in text
    assert "The content we make available on this website" not in text
    assert without_closed_dialogs("<p>a</p><dialog open><p>Shown</p></dialog>") == "<p>a</p><dialog open><p>Shown</p></dialog>"
    assert without_closed_dialogs("<p>a</p><DIALOG id=x>\n<p>Hidden</p>\n</DIALOG><p>b</p>") == "<p>a</p><p>b</p>"


def test_a_table_or_heading_in_an_embed_block_is_read():
    # a tipping guide (2025 crawl, not in a corpus): its chart tables and the rest of the article
    # sat in a Webflow "w-embed" block, which trafilatura drops as a share widget
    chart = "<table><tr><th>Service</th><th>Tip</th></tr><tr><td>Full Service Restaurant</td><td>20%</td></tr></table>"
    rest = "".join(f"<p>Paragraph {i} after the chart explains how to tip a server in a restaurant fairly.</p>" for i in range(8))
    page = (f"<html><body><div class='rich-text'><p>{ARTICLE}</p><div class='w-embed'>{chart}<h3>Why use a chart?</h3>"
            f"{rest}</div></div><div class='share-embed'><p>Share on X</p></div></body></html>")
    text = extract_page(page).text
    assert "Full Service Restaurant — 20%" in text and "Paragraph 7 after the chart" in text
    assert embeds_holding_text_kept("<p>No embed here</p>") == "<p>No embed here</p>"
    widget = "<html><body><div class='embed'><p>Share</p></div></body></html>"
    assert embeds_holding_text_kept(widget) == widget  # a widget without table or heading is left as it is


def _thread_with_summary(marker: str) -> str:
    """A forum thread whose theme puts a collapsed summary block above the posts."""
    summary = " ".join(f"Participants discuss point {i} about the legitimacy of cheap licences." for i in range(10))
    posts = "".join(f"<article class='message-body'><div class='bbWrapper'>Post {i}: I bought Office for thirty pounds "
                    f"and the key from that shop worked for me.</div></article>" for i in range(6))
    return (f"<html><body><h1>Buying Office</h1><div {marker}><details><summary>Click For Summary</summary>"
            f"<div class='block-body'><h2>Discussion Overview</h2><p>{summary}</p></div></details></div>"
            f"<div class='posts'>{posts}</div></body></html>")


def test_a_block_marked_as_an_ai_summary_is_no_text_of_the_page():
    # Physics Forums (2025 crawl, held-out set AV): 347 words of "Click For Summary" were ingested, none of the thread
    text = extract_page(_thread_with_summary("id='ai-summary-block'")).text
    assert "Post 5: I bought Office" in text and "Participants discuss" not in text
    for marker in ("class='pdp-ai-summary'", "class='x ai_summary'", "id='AI-Summary'"):
        assert "Participants discuss" not in without_machine_summaries(_thread_with_summary(marker))


def test_other_summaries_and_look_alike_names_are_kept():
    for marker in ("class='summary'", "class='yoast-ai-summarize'", "id='thai-summary'", "data-testid='review-ai-summary'"):
        page = _thread_with_summary(marker)
        assert without_machine_summaries(page) == page


def test_blocks_the_default_pass_drops_are_read_when_the_recall_pass_finds_half_as_much_again():
    # HRSA's oral health page (web30): trafilatura's default pass kept 142 words, its topic
    # cards (dry mouth, HIV, nutrition, pregnancy) only the favor_recall pass found (320 words)
    html = (ROOT / "eval" / "corpora" / "web30" / "pages" / "hrsa-oralhealth.html").read_text(encoding="utf-8")
    extracted = extract_page(html)
    assert extracted.text_source == "trafilatura (favor_recall)"
    assert "Having dry mouth all or most of the time" in extracted.text
    # a page the default pass reads whole keeps that text (the nginx guide, web33)
    nginx = (ROOT / "eval" / "corpora" / "web33" / "pages").glob("*nginx*")
    assert all(extract_page(p.read_text(encoding="utf-8")).text_source == "trafilatura" for p in nginx)


def test_a_quoted_posts_attribution_is_a_line_of_its_own():
    # Simple Machines' forum (web40): "Quote from: Arantor on June 09, 2024, 03:29:46 AMAs for other options…"
    html = (ROOT / "eval" / "corpora" / "web40" / "pages" / "simplemachines-index.html").read_text(encoding="utf-8")
    text = extract_page(html).text
    assert "Quote from: Arantor on June 09, 2024, 03:29:46 AM\nAs for other options for AI" in text
    inline = "<p>As <cite>Wired</cite> put it, the forum is quiet.</p>"
    assert attributions_on_their_own_line(inline) == inline  # a title cited in running text stays in its sentence
    quoted = "<blockquote class='q'><cite>Quote from: A</cite>Text</blockquote>"
    assert attributions_on_their_own_line(quoted) == "<blockquote class='q'><cite>Quote from: A</cite><br>Text</blockquote>"

"""Reliability: nothing a user types or uploads breaks the assistant, changes the index by
accident, or writes outside the corpus and index folders.

Bad questions (empty, white space, 100,000 characters, control characters, HTML/<script>,
not English, only punctuation) go through `Assistant.ask`/`ask_stream`, the `/ask` API and the
web chat (Chromium): each gets a clear answer or message and the app keeps serving.
Bad files (empty, binary, not UTF-8, over the size limit, a duplicate, odd or climbing names)
go through `Assistant.ingest` and the web upload: each is refused with a message naming the
file, the index is unchanged, and nothing is written anywhere else.
"""
from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from conftest import CORPUS, make_settings
from test_app import shared_app

ROOT = Path(__file__).resolve().parents[2]
CARD_QUESTION = "What did Putin demand in the draft agreements?"
FIRST = "000_7072df8804a34c19"

# ---- bad questions ---------------------------------------------------------------------------
HUGE = ("What did Putin demand? " * 5000)[:100_000]
QUESTIONS = {
    "empty": "",
    "whitespace": " \n\t  \u200b ",
    "huge": HUGE,
    "control": "Who is\x00 Sergei\x07 Ryabkov?\x1b[31m\x7f",
    "html": "<script>window.__pwned=1</script><img src=x onerror=\"window.__pwned=2\"> What did Putin demand?",
    "spanish": "¿Qué exigió Putin en los borradores de acuerdo?",
    "russian": "Что потребовал Путин на переговорах?",
    "punctuation": "?!?... ;; -- !!",
}
# What the message must say (regex), where the question cannot be asked as it is.
MESSAGES = {
    "empty": r"question is empty|Please type a question",
    "whitespace": r"question is empty|Please type a question",
    "huge": r"100,?000 characters.*limit is 2,?000",
    "punctuation": r"no words to search for",
}


def assert_honest(answer: dict) -> None:
    """An answer that cites what it says, or a refusal that says why: never an empty reply."""
    assert answer["text"].strip()
    if answer["answered"]:
        assert answer["citations"], answer["text"]
    for citation in answer["citations"]:
        assert citation["quote"] in citation["passage"]["text"]


@pytest.mark.parametrize("case", sorted(QUESTIONS))
def test_bad_question_gets_a_clear_answer_from_the_assistant(assistant, case):
    from qa.types import Answer

    events = list(assistant.ask_stream(QUESTIONS[case]))
    answer = events[-1]
    assert isinstance(answer, Answer) and all(isinstance(e, str) for e in events[:-1]) and len(events) >= 2
    assert_honest(answer.to_dict())
    if case in MESSAGES:
        assert not answer.answered and re.search(MESSAGES[case], answer.text), answer.text
    if case == "control":  # the junk is dropped, the question itself is answered
        assert answer.answered and "Ryabkov" in answer.text
        assert not re.search(r"[\x00-\x1f\x7f]", answer.query)
    if case in ("spanish", "russian"):  # English articles: an honest refusal, not a guess
        assert not answer.answered, answer.text
    assert assistant.ask(CARD_QUESTION).answered  # and it keeps answering


def test_question_check_cleans_and_limits():
    from qa.assistant import check_question

    assert check_question("Who is\u200b Sergei\tRyabkov?\x1b[1;31m\n", 2000) == ("Who is Sergei Ryabkov?", "")
    assert check_question("a" * 2000, 2000) == ("a" * 2000, "")
    assert "2,001 characters" in check_question("a" * 2001, 2000)[1]
    assert check_question("\x00\x01\x1b[0m", 2000)[1].startswith("Please type a question")
    assert "no words" in check_question("¿?¡!", 2000)[1]
    assert check_question("Путин?", 2000) == ("Путин?", "")


@pytest.mark.slow
def test_bad_questions_through_the_api(request, tmp_path_factory):
    from gradio_client import Client
    from gradio_client.exceptions import AppError

    server = shared_app(request, tmp_path_factory)
    client = Client(server.url, verbose=False)
    for case, question in QUESTIONS.items():
        try:
            answer = client.predict(question, "[]", 5, "", api_name="/ask")
        except AppError as exc:  # the API refuses what it cannot ask, with the reason
            assert case in MESSAGES and re.search(MESSAGES[case], str(exc)), (case, str(exc))
            continue
        assert_honest(answer)
        if case in MESSAGES:
            assert not answer["answered"] and re.search(MESSAGES[case], answer["text"]), (case, answer["text"])
        if case == "control":
            assert answer["answered"] and "Ryabkov" in answer["text"]
    assert server.proc.poll() is None
    assert client.predict(CARD_QUESTION, "[]", 5, "", api_name="/ask")["answered"]


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/usr/bin/chromium"), reason="Debian chromium is not installed at /usr/bin/chromium")
def test_bad_questions_in_the_web_chat(request, tmp_path_factory):
    sync_api = pytest.importorskip("playwright.sync_api")
    from servers import CHROMIUM
    from test_browser import ANSWER_DONE, ARGS, ARTIFACTS, assert_loopback_only, open_page

    server = shared_app(request, tmp_path_factory)
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context, page, requests = open_page(browser, server.url)
        try:
            page.wait_for_selector("#qa-status [data-state=ready]", timeout=120_000)

            def submit(text: str) -> None:
                page.fill("#qa-question textarea", text)
                page.press("#qa-question textarea", "Enter")

            submit("")  # an empty box: nothing is sent, nothing breaks
            page.wait_for_timeout(1000)
            assert page.locator(ANSWER_DONE).count() == 0 and page.locator("#qa-chat .qa-question").count() == 0
            for case in ("whitespace", "huge", "control", "html", "spanish", "punctuation", "card"):
                # one question per chat (an error bubble is not kept in the history). On an empty chat a
                # click would race the question typed next: its clearing can land after the question
                if page.locator("#qa-chat .qa-msg").count():
                    page.click("#qa-new-chat")
                    page.wait_for_function("document.querySelectorAll('#qa-chat .qa-msg').length === 0")
                question = {"control": "Who is\u200b Sergei\u0007 Ryabkov?\u001b[31m", "card": CARD_QUESTION}.get(case)
                submit(question or QUESTIONS[case])
                page.wait_for_function(f"document.querySelectorAll({ANSWER_DONE!r}).length >= 1", timeout=60_000)
                last = page.locator("#qa-chat .qa-msg").last
                shown = last.inner_text()
                assert shown.strip(), case
                if case in MESSAGES:
                    assert re.search(MESSAGES[case], shown), (case, shown)
                if case in ("control", "card"):  # junk dropped and answered; and still serving at the end
                    assert "qa-msg-answer" in last.get_attribute("class"), (case, shown)
                if case == "control":
                    assert "Ryabkov" in shown
                if case == "html":  # the question is shown as typed, as text
                    assert "<script>window.__pwned=1</script>" in page.locator("#qa-chat .qa-question").last.inner_text()
                    page.screenshot(path=str(ARTIFACTS / "23_html_question.png"))
            assert page.evaluate("typeof window.__pwned") == "undefined"
        finally:
            context.close()
            browser.close()
    assert_loopback_only(requests)
    assert server.proc.poll() is None


# ---- bad files: Assistant.ingest -----------------------------------------------------------
STORY = """Quillon lighthouse repainted

Harbour Courier

The Quillon lighthouse was repainted on Tuesday by its keeper, Arvid Moen.
It now shines red and white over the bay, and the work took eleven days.
Moen said the old paint had been on the tower since 1987.
"""


def bad_files(max_bytes: int) -> dict[str, tuple[bytes, str]]:
    """name → (content, what the message must say)."""
    return {
        "empty.txt": (b"", "empty"),
        "blank.md": (b" \n\n\t\n", "no text"),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        "latin1.txt": ("Le président a parlé à Genève d’une réunion très importante.".encode("cp1252"), "UTF-8"),
        "too-big.txt": (b"Putin met Biden in Geneva on Monday. " * (max_bytes // 30), "limit"),
        "copy-of-first.txt": ((CORPUS / f"{FIRST}.txt").read_bytes(), f"same article text as {FIRST}"),
        "bad name!.txt": (STORY.encode(), "file name"),
        "scan.pdf": (b"%PDF-1.4 an article would be here", "unsupported"),
    }


def tree(folder: Path, skip: tuple[Path, ...] = ()) -> dict[str, tuple[int, int]]:
    """Every file under `folder` (but not under `skip`) → (size, mtime): to see any write."""
    out = {}
    for path in folder.rglob("*"):
        if path.is_file() and not any(path.is_relative_to(s) for s in skip):
            stat = path.stat()
            out[str(path.relative_to(folder))] = (stat.st_size, stat.st_mtime_ns)
    return out


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """A writable Assistant over two real articles, with a small (100 kB) file limit."""
    from qa import Assistant

    base = tmp_path_factory.mktemp("library")
    corpus = base / "corpus"
    corpus.mkdir()
    for name in (f"{FIRST}.txt", "004_93ab12cb5d174454.txt"):
        shutil.copy(CORPUS / name, corpus / name)
    bot = Assistant(make_settings(base / "index", corpus, max_file_bytes=100_000))
    return bot, base


def index_state(bot) -> tuple:
    got = bot.store.collection.get(include=[])
    state_dir = bot.store.state_dir
    state = bot.store.kv.collection.get(include=["documents"])  # docstore, library records, version
    return sorted(got["ids"]), sorted(zip(state["ids"], state["documents"])), tree(state_dir / "bm25")


@pytest.mark.parametrize("name", sorted(bad_files(100_000)))
def test_bad_file_on_ingest_is_refused_by_name_and_changes_nothing(library, name):
    bot, base = library
    content, reason = bad_files(bot.settings.max_file_bytes)[name]
    incoming = base / "incoming"
    shutil.rmtree(incoming, ignore_errors=True)
    incoming.mkdir()
    (incoming / name).write_bytes(content)
    good = incoming / "quillon-lighthouse.txt"  # a good file in the same call gets in neither
    good.write_text(STORY, encoding="utf-8")
    before, files_before = index_state(bot), tree(base, skip=(base / "index",))
    from qa.ingest.readers import IngestError

    with pytest.raises(IngestError) as err:
        bot.ingest([incoming / name, good])  # named files (a folder ingest skips non-article types)
    message = str(err.value)
    assert name in message and reason.lower() in message.lower(), message
    assert "quillon" not in message
    assert index_state(bot) == before
    assert tree(base, skip=(base / "index",)) == files_before  # nothing written outside the index
    assert bot.ask(CARD_QUESTION).answered is not None  # still serving


def test_two_files_with_one_id_and_climbing_paths(library):
    """Same stem in two folders is refused; a path with ../ is just a path: the file is read,
    indexed under its own name, and nothing is written next to it or anywhere but the index."""
    from qa.ingest.readers import IngestError

    bot, base = library
    for folder in ("one", "two"):
        (base / folder).mkdir(exist_ok=True)
        (base / folder / "same-story.txt").write_text(STORY.replace("Tuesday", folder), encoding="utf-8")
    before = index_state(bot)
    with pytest.raises(IngestError, match="same-story"):
        bot.ingest([base / "one", base / "two"])
    assert index_state(bot) == before

    outside = base / "outside"
    outside.mkdir(exist_ok=True)
    (outside / "quillon-lighthouse.txt").write_text(STORY, encoding="utf-8")
    files_before = tree(base, skip=(base / "index",))
    climbing = base / "corpus" / ".." / "outside" / "quillon-lighthouse.txt"
    report = bot.ingest([climbing])
    assert report.added == ["quillon-lighthouse"]
    assert tree(base, skip=(base / "index",)) == files_before
    answer = bot.ask("Who repainted the Quillon lighthouse?")
    assert answer.answered and "Moen" in answer.text


# ---- bad files: the web upload -----------------------------------------------------------------
def as_text(markup: str) -> str:
    """An upload result as the user reads it (tags dropped, entities decoded)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", markup)).split())


def _docstore(server) -> bytes:
    """The index state version the app's BM25 folder was built at: any ingest that changed
    something renews it (the state itself is in the app's embedded Chroma, not read from here)."""
    return (server.index_dir / "local" / "bm25" / "qa_version.json").read_bytes()


def _staging_dirs() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("qa-upload-*")}


@pytest.mark.slow
def test_bad_uploads_are_refused_by_name_and_change_nothing(request, tmp_path_factory, tmp_path):
    from gradio_client import Client, handle_file

    server = shared_app(request, tmp_path_factory)
    client = Client(server.url, verbose=False)
    max_bytes = 2_000_000  # the app's default QA_MAX_FILE_BYTES
    staging = _staging_dirs()
    for name, (content, reason) in bad_files(max_bytes).items():
        if name in ("scan.pdf", "bad name!.txt"):
            continue  # the picker offers only .txt/.md/.html, Gradio strips odd characters: see the names test
        path = tmp_path / name
        path.write_bytes(content)
        corpus_before, docstore_before = sorted(p.name for p in server.corpus_dir.iterdir()), _docstore(server)
        message = as_text(client.predict([handle_file(str(path))], "extractive", api_name="/add_articles")[0])
        shown = name if name != "bad name!.txt" else "bad_name!.txt"  # spaces become '_'
        assert "Nothing was added" in message and shown in message, (name, message)
        assert reason.lower() in message.lower(), (name, message)
        assert sorted(p.name for p in server.corpus_dir.iterdir()) == corpus_before
        assert _docstore(server) == docstore_before
    assert _staging_dirs() <= staging  # the app's staging folders are removed
    assert server.proc.poll() is None


@pytest.mark.slow
def test_upload_names_cannot_escape_the_corpus_folder(request, tmp_path_factory):
    import httpx
    from gradio_client import Client

    server = shared_app(request, tmp_path_factory)
    client = Client(server.url, verbose=False)
    base = server.corpus_dir.parent
    watched = {"repo": (ROOT, tree(ROOT, skip=(ROOT / ".git", ROOT / "tests" / "artifacts", ROOT / ".venv", ROOT / ".pytest_cache"))),
               "app base": (base, tree(base, skip=(server.corpus_dir, server.index_dir)))}
    staging = _staging_dirs()
    results = {}
    for i, raw in enumerate(["../evil.txt", "/etc/passwd.txt", "..\\x.txt", "../../tmp/escape.md", "C:\\Windows\\win.ini.txt"]):
        text = STORY.replace("Quillon", f"Quillon{i}").replace("Arvid Moen", f"Arvid Moen{i}")
        uploaded = httpx.post(server.url + "gradio_api/upload", files={"files": (raw, text.encode(), "text/plain")}, timeout=30)
        assert uploaded.status_code == 200, uploaded.text
        (cached,) = uploaded.json()
        message = as_text(client.predict([{"path": cached, "orig_name": raw, "meta": {"_type": "gradio.FileData"}}],
                                         "extractive", api_name="/add_articles")[0])
        results[raw] = message
        # Either refused with the name in the message, or saved under its bare name inside corpus/.
        assert ("Nothing was added" in message and Path(cached).name in message) or "Added" in message, (raw, message)
        if "Added" in message:
            saved = [p for p in server.corpus_dir.iterdir() if f"Quillon{i} " in p.read_text(encoding="utf-8", errors="replace")]
            assert [p.name for p in saved] == [Path(cached).name], (raw, saved)  # its bare name, in corpus/
    for where, (folder, before) in watched.items():
        skip = (server.corpus_dir, server.index_dir) if where == "app base" else (
            ROOT / ".git", ROOT / "tests" / "artifacts", ROOT / ".venv", ROOT / ".pytest_cache")
        after = tree(folder, skip=skip)
        new = sorted(set(after) - set(before))
        assert not [n for n in new if not n.endswith(".log") and "__pycache__" not in n], f"written in {where}: {new}"
    for outside in (Path("/etc/passwd.txt"), Path("/tmp/escape.md"), base / "evil.txt", ROOT / "evil.txt"):
        assert not outside.exists(), f"{outside} was written"
    assert all(p.parent == server.corpus_dir for p in server.corpus_dir.iterdir())
    assert _staging_dirs() <= staging
    assert "..x.txt: not an acceptable file name" in results["..\\x.txt"]
    print("\n" + "\n".join(f"{raw!r}: {m[:140]}" for raw, m in results.items()))


@pytest.mark.slow
def test_upload_over_the_server_limit_is_refused_before_it_is_stored(request, tmp_path_factory):
    import httpx

    server = shared_app(request, tmp_path_factory)
    corpus_before = sorted(p.name for p in server.corpus_dir.iterdir())
    from qa.settings import HTML_SIZE_FACTOR

    cap = 2 * HTML_SIZE_FACTOR * 2_000_000  # the app's upload cap at the default QA_MAX_FILE_BYTES
    huge = b"Putin met Biden in Geneva on Monday. " * (cap // 36 + 10_000)  # just over it
    response = httpx.post(server.url + "gradio_api/upload", files={"files": ("huge.txt", huge, "text/plain")}, timeout=60)
    assert response.status_code == 413 and "maximum allowed size" in response.text
    assert sorted(p.name for p in server.corpus_dir.iterdir()) == corpus_before
    assert server.proc.poll() is None

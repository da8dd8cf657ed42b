"""The blind sets: well-formed, as large and as varied as promised, and never read by the product.

Blind sets are scored and guarded, never used to choose anything. Two checks make that visible:
no code outside `eval/` names them, and an Assistant that builds its index and answers questions
opens no file under `eval/blind/` (watched with a `sys.addaudithook` in a child process).
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pytest

from eval.gold_schema import load_gold
from eval.metrics import contains

ROOT = Path(__file__).resolve().parents[2]
BLIND = ROOT / "eval" / "blind"
FIVE = load_gold(BLIND / "five.jsonl")
WEB = load_gold(BLIND / "web.jsonl")
WEB2 = load_gold(BLIND / "web_new_pages.jsonl")
WEB2_PAGES = ROOT / "eval" / "corpora" / "web2" / "pages"


@lru_cache(maxsize=1)
def five_articles() -> dict[str, str]:
    from qa.ingest.readers import article_document

    corpus = ROOT / "corpus"
    return {p.stem: article_document(p, p.read_text(encoding="utf-8")).text for p in sorted(corpus.iterdir())}


@lru_cache(maxsize=1)
def web_pages_as_the_writer_saw_them() -> dict[str, str]:
    """Plain trafilatura text plus any JSON-LD articleBody: what the blind writer was given."""
    import trafilatura

    pages = {}
    for path in sorted((ROOT / "eval" / "corpora" / "web" / "pages").glob("*.html")):
        html = path.read_text(encoding="utf-8", errors="replace")
        bodies = []
        for block in re.findall(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", html, re.S):
            try:
                data = json.loads(block)
            except json.JSONDecodeError:
                continue
            for entry in data if isinstance(data, list) else [data]:
                if isinstance(entry, dict) and isinstance(entry.get("articleBody"), str):
                    bodies.append(entry["articleBody"])
        pages[path.stem] = (trafilatura.extract(html) or "") + "\n" + "\n".join(bodies)
    return pages


def pairs(items) -> int:
    return sum(1 for i in items if i.follows)


def test_the_five_article_blind_set_has_the_promised_size_and_mix():
    answerable = [i for i in FIVE if i.answerable]
    kinds = Counter(i.kind for i in FIVE)
    assert len(FIVE) >= 120
    assert kinds["near_miss"] >= 20
    assert pairs(FIVE) >= 8
    assert sum(i.kind == "paraphrase" for i in answerable) >= len(answerable) / 2
    outlets = re.compile(r"LA Times|OC Register|CNN|op-ed|Biden-Putin Talk|opinion piece", re.I)
    assert sum(bool(outlets.search(i.question)) for i in FIVE) >= 10


def test_the_web_blind_set_has_the_promised_size_and_mix():
    kinds = Counter(i.kind for i in WEB)
    assert len(WEB) >= 80
    assert kinds["near_miss"] >= 10 and pairs(WEB) >= 8
    assert {i.doc for i in WEB if i.doc} >= {p.stem for p in (ROOT / "eval" / "corpora" / "web" / "pages").glob("*.html")}


def test_the_second_web_blind_set_has_the_promised_size_and_mix():
    """Pages no question of any other set is asked of, and no choice of the product was made on."""
    kinds = Counter(i.kind for i in WEB2)
    assert len(WEB2) >= 150
    assert kinds["near_miss"] >= 20 and pairs(WEB2) >= 15
    assert sum(i.kind == "paraphrase" for i in WEB2 if i.answerable) >= sum(i.answerable for i in WEB2) / 2
    assert {i.doc for i in WEB2 if i.answerable} == {p.stem for p in WEB2_PAGES.glob("*.html")}


def test_second_web_blind_evidence_is_verbatim_in_the_text_the_assistant_indexes():
    """The writer was given the pages' cleaned text as the assistant indexes it."""
    from qa.ingest.readers import article_document

    texts = [article_document(p, p.read_text(encoding="utf-8", errors="replace")).text for p in sorted(WEB2_PAGES.glob("*.html"))]
    missing = [(i.id, q) for i in WEB2 if i.answerable for q in i.evidence if not any(contains(t, q) for t in texts)]
    assert not missing, missing[:5]


@pytest.mark.parametrize("item", [i for i in FIVE if i.answerable], ids=lambda i: i.id)
def test_five_article_evidence_is_verbatim_in_the_cleaned_articles(item):
    texts = five_articles()
    for quote in item.evidence:
        assert any(contains(t, quote) for t in texts.values()), f"{item.id}: {quote!r}"
    sources = [t for t in texts.values() if any(contains(t, q) for q in item.evidence)]
    for group in item.facts:
        assert any(contains(t, a) for t in sources for a in group), f"{item.id}: no alias of {group}"


def test_web_evidence_is_verbatim_in_the_pages_the_writer_saw():
    texts = web_pages_as_the_writer_saw_them()
    missing = [(i.id, q) for i in WEB if i.answerable for q in i.evidence if not any(contains(t, q) for t in texts.values())]
    assert not missing, missing[:5]


def _product_files() -> list[Path]:
    """Every tracked source or data file of the product and its tooling, outside eval/."""
    out = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    keep = []
    for name in out:
        path = ROOT / name
        if name.startswith(("eval/", "tests/eval/")) or path.suffix not in {".py", ".json", ".sh", ".toml", ".txt", ".cfg"}:
            continue
        keep.append(path)
    return keep


def test_no_code_outside_eval_names_a_blind_set():
    pattern = re.compile(r"eval[/\\.]blind|blind[/\\](five|web)|BLIND_DIR|five\.jsonl|blind\.jsonl|web_new_pages\.jsonl|corpora[/\\]web2")
    offenders = [str(p.relative_to(ROOT)) for p in _product_files() if p.exists() and pattern.search(p.read_text(encoding="utf-8", errors="replace"))]
    assert not offenders, f"these files name a blind set: {offenders}"


def test_no_blind_question_is_copied_into_the_product():
    """A word list or special case lifted from a blind item would carry its wording along."""
    product = "\n".join(p.read_text(encoding="utf-8", errors="replace").lower()
                        for p in _product_files() if p.exists() and p.parts[len(ROOT.parts)] in ("qa", "prompts"))
    copied = [i.id for i in FIVE + WEB + WEB2 if i.question.lower() in product]
    assert not copied, copied


AUDIT = r"""
import sys, os
from pathlib import Path
blind = str(Path(sys.argv[1]).resolve())
opened = []
def hook(event, args):
    if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path = os.fsdecode(args[0])
        if os.path.abspath(path).startswith(blind):
            opened.append(path)
sys.addaudithook(hook)
from qa import Assistant
from qa.settings import Settings
settings = Settings()
settings.index_dir = Path(sys.argv[2])
settings.chroma_url = ""
settings.llm_url = ""
bot = Assistant(settings)
for q in ["What did Putin demand?", "Who is Sergei Ryabkov?", "Where did he meet Wendy Sherman?"]:
    bot.ask(q)
print("OPENED", len(opened), opened[:3])
"""


@pytest.mark.slow
def test_the_assistant_opens_no_blind_file_while_it_builds_and_answers(tmp_path):
    proc = subprocess.run([sys.executable, "-c", AUDIT, str(BLIND), str(tmp_path / "index")], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "OPENED 0 []" in proc.stdout, proc.stdout

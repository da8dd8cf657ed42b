"""`python -m qa.ingest`: the command-line entry point that brings the index up to date.

An entry point, not part of the ingest stage: it drives the index stage (`qa.index.store`),
which in turn uses the readers of this package. Progress and errors are log messages of the
`qa` loggers, sent to stderr here; the summary line is the command's output (stdout).
"""
from __future__ import annotations

import argparse
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from qa.errors import IndexUnavailable, IngestError, QAError, SettingsError, index_unreachable
from qa.settings import Settings, child_environment, configure_logging

log = logging.getLogger("qa.ingest")


def main(argv: list[str] | None = None) -> int:
    """`python -m qa.ingest [PATH ...] [--prune]`: bring the index up to date with the files."""
    parser = argparse.ArgumentParser(prog="python -m qa.ingest", description=main.__doc__)
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the corpus folder)")
    parser.add_argument(
        "--prune", action="store_true",
        help="drop indexed documents that have no file in the given folder(s) (folders only: the folder is the whole corpus)",
    )
    parser.add_argument(
        "--workers", type=int, default=1,
        help="processes that share the work of a large batch (needs QA_CHROMA_URL: an embedded index "
             "is opened by one process at a time); on several machines, run one ingest per machine instead",
    )
    parser.add_argument("--no-bm25", action="store_true", help=argparse.SUPPRESS)  # a worker of --workers
    args = parser.parse_args(argv)
    configure_logging()
    try:
        settings = Settings()
        paths = args.paths or [settings.corpus_dir]
        if args.prune and not all(p.is_dir() for p in paths):
            raise IngestError("--prune takes folders only: with single files it would drop every other article")
        if args.workers < 1:
            raise SettingsError(f"--workers must be 1 or more, not {args.workers}")
        if args.workers > 1 and not settings.chroma_url:
            raise SettingsError("--workers needs a Chroma server (QA_CHROMA_URL): an embedded index "
                                "is opened by one process at a time; run without --workers")
        from qa.index.store import IndexStore

        try:
            store = IndexStore(settings)
            if args.workers > 1:
                report = ingest_in_workers(store, paths, args.workers, prune=args.prune)
            else:
                report = store.ingest(paths, prune=args.prune, show_progress=True, rebuild_bm25=not args.no_bm25)
        except Exception as exc:
            if index_unreachable(exc):
                raise IndexUnavailable(f"the index server is unreachable ({settings.chroma_url}): {exc}") from exc
            raise
    except QAError as exc:  # a bad file, a bad setting, an unreachable server: the message says which
        log.error("%s", exc)
        return 2
    print(report.summary())
    return 0


def ingest_in_workers(store: Any, paths: list[Path], workers: int, prune: bool = False) -> Any:
    """Share a large batch among `workers` processes writing to the same Chroma server.

    This process validates every file first (one bad file or duplicate stops everything before
    anything is written), splits the new and changed files into shares of about equal size and
    runs one `python -m qa.ingest` per share (each embedding with its share of the CPUs). Then
    one more pass here finds every file up to date, applies `--prune` and builds BM25 once.
    """
    from qa.ingest.readers import list_article_files, load_documents

    documents = load_documents(paths, store.settings.max_file_bytes)
    known = {doc_id: h for h, doc_id in store.docstore.get_all_document_hashes().items()}
    store._reject_duplicates(documents, paths, prune, known)
    changed = {d.id_: d for d in documents if known.get(d.id_) != d.hash}
    files = [f for f in list_article_files(paths) if f.stem in changed]
    shares: list[list[Path]] = [[] for _ in range(min(workers, len(files)) or 1)]
    sizes = [0] * len(shares)
    for path in sorted(files, key=lambda f: -f.stat().st_size):  # largest first, to the lightest share
        i = sizes.index(min(sizes))
        shares[i].append(path)
        sizes[i] += path.stat().st_size
    threads = max(1, (os.cpu_count() or 1) // len(shares))
    settings = store.settings
    env = child_environment(QA_CHROMA_URL=settings.chroma_url, QA_COLLECTION=settings.collection,
                            QA_INDEX_DIR=str(settings.index_dir), QA_MAX_FILE_BYTES=str(settings.max_file_bytes),
                            QA_EMBED_THREADS=str(settings.embed_threads or threads))
    procs = [subprocess.Popen([sys.executable, "-m", "qa.ingest", "--no-bm25", *map(str, share)], env=env,
                              stdout=subprocess.DEVNULL) for share in shares if share]
    log.info("ingesting %d new or changed files in %d worker processes", len(files), len(procs))
    failed = [p.args for p in procs if p.wait() != 0]
    if failed:
        raise IngestError(f"{len(failed)} of {len(procs)} ingest workers failed (see the messages above); "
                          f"run the command again to finish: finished files are kept")
    report = store.ingest(paths, prune=prune)
    report.added = sorted(d for d in changed if d not in known)
    report.updated = sorted(d for d in changed if d in known)
    report.unchanged = sorted(set(report.unchanged) - set(changed))
    return report


if __name__ == "__main__":
    raise SystemExit(main())

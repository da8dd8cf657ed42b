"""`python -m qa.ingest`: the command-line entry point that brings the index up to date.

An entry point, not part of the ingest stage: it drives the index stage (`qa.index.store`),
which in turn uses the readers of this package. Progress and errors are log messages of the
`qa` loggers, sent to stderr here; the summary line is the command's output (stdout).
"""
from __future__ import annotations

import argparse
import logging
from pathlib import Path

from qa.errors import IndexUnavailable, IngestError, QAError, index_unreachable
from qa.settings import Settings, configure_logging

log = logging.getLogger("qa.ingest")


def main(argv: list[str] | None = None) -> int:
    """`python -m qa.ingest [PATH ...] [--prune]`: bring the index up to date with the files."""
    parser = argparse.ArgumentParser(prog="python -m qa.ingest", description=main.__doc__)
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the corpus folder)")
    parser.add_argument(
        "--prune", action="store_true",
        help="drop indexed documents that have no file in the given folder(s) (folders only: the folder is the whole corpus)",
    )
    args = parser.parse_args(argv)
    configure_logging()
    try:
        settings = Settings()
        paths = args.paths or [settings.corpus_dir]
        if args.prune and not all(p.is_dir() for p in paths):
            raise IngestError("--prune takes folders only: with single files it would drop every other article")
        from qa.index.store import IndexStore

        try:
            store = IndexStore(settings)
            report = store.ingest(paths, prune=args.prune, show_progress=True)
        except Exception as exc:
            if index_unreachable(exc):
                raise IndexUnavailable(f"the index server is unreachable ({settings.chroma_url}): {exc}") from exc
            raise
    except QAError as exc:  # a bad file, a bad setting, an unreachable server: the message says which
        log.error("%s", exc)
        return 2
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

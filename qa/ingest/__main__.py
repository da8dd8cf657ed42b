"""`python -m qa.ingest`: the command-line entry point that brings the index up to date.

An entry point, not part of the ingest stage: it drives the index stage (`qa.index.store`),
which in turn uses the readers of this package.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from qa.index.store import IndexStore
from qa.ingest.readers import IngestError
from qa.settings import Settings


def main(argv: list[str] | None = None) -> int:
    """`python -m qa.ingest [PATH ...] [--prune]`: bring the index up to date with the files."""
    parser = argparse.ArgumentParser(prog="python -m qa.ingest", description=main.__doc__)
    parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: the corpus folder)")
    parser.add_argument(
        "--prune", action="store_true",
        help="drop indexed documents that have no file in the given folder(s) (folders only: the folder is the whole corpus)",
    )
    args = parser.parse_args(argv)
    settings = Settings()
    paths = args.paths or [settings.corpus_dir]
    try:
        store = IndexStore(settings)
        if args.prune and not all(p.is_dir() for p in paths):
            raise IngestError("--prune takes folders only: with single files it would drop every other article")
        report = store.ingest(paths, prune=args.prune, show_progress=True)
    except IngestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

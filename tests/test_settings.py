"""`qa.settings`: the one reader of the environment. Every QA_* variable is documented in the
README, bad values raise SettingsError naming the variable, and no other module of `qa/` (or
the root app.py) reads the environment itself."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def test_readme_lists_every_variable():
    from qa.settings import environment_variables

    names = environment_variables()
    assert {"QA_CORPUS_DIR", "QA_EMBED_BACKEND", "QA_HOST", "QA_PORT", "QA_AUTH"} <= set(names)
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Configuration", 1)[1].split("\n## ", 1)[0]
    missing = [name for name in names if f"`{name}`" not in section]
    assert not missing, f"README's configuration table lacks {missing}"


def test_defaults_and_values_from_a_mapping(tmp_path):
    from qa.settings import Settings

    default = Settings.from_env({})
    assert (default.top_k, default.host, default.port, default.auth, default.embed_backend) == (5, "127.0.0.1", 7860, "", "onnx-int8")
    assert default.cache_dir.name == "news-qa" and default.model_dir is None and default.llm_chat is True
    custom = Settings.from_env({
        "QA_TOP_K": "7", "QA_PORT": "8080", "QA_EMBED_BACKEND": "ONNX", "QA_CACHE_DIR": str(tmp_path),
        "QA_LLM_CHAT": "0", "QA_EMBED_THREADS": "2", "QA_CORPUS_DIR": str(tmp_path / "c"),
    })
    assert (custom.top_k, custom.port, custom.embed_backend, custom.cache_dir, custom.llm_chat, custom.embed_threads) == (
        7, 8080, "onnx", tmp_path.resolve(), False, 2)
    assert custom.corpus_dir == (tmp_path / "c").resolve()
    assert Settings.from_env({"XDG_CACHE_HOME": str(tmp_path)}).cache_dir == tmp_path / "news-qa"


@pytest.mark.parametrize("name, value", [
    ("QA_TOP_K", "five"), ("QA_TOP_K", "0"), ("QA_PORT", "70000"), ("QA_LLM_TIMEOUT", "soon"), ("QA_LLM_CHAT", "maybe"),
    ("QA_EMBED_BACKEND", "gpu"), ("QA_CHROMA_URL", "localhost:8000"), ("QA_EMBED_THREADS", "-1"),
])
def test_bad_values_raise_settings_error_naming_the_variable(name, value):
    from qa.errors import QAError, SettingsError
    from qa.settings import Settings

    with pytest.raises(SettingsError, match=name) as err:
        Settings.from_env({name: value})
    assert isinstance(err.value, QAError) and isinstance(err.value, ValueError)


def test_settings_is_the_only_reader_of_the_environment():
    """No module of qa/ but settings.py (and no line of app.py) reads os.environ or getenv."""
    readers = []
    for path in [ROOT / "app.py", *sorted((ROOT / "qa").rglob("*.py"))]:
        if path == ROOT / "qa" / "settings.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "environb"):
                readers.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not readers, readers


def test_the_embedder_takes_its_backend_from_settings(tmp_path, monkeypatch):
    from qa.index import embedding

    monkeypatch.setenv("QA_EMBED_BACKEND", "torch")
    assert embedding.default_backend() == "torch"
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    assert embedding.cache_root() == tmp_path.resolve()
    assert embedding.cache_root(tmp_path / "x") == tmp_path / "x"
    assert embedding.cpu_threads(3) == 3 and embedding.cpu_threads(0) >= 1

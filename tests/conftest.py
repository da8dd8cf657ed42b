"""Shared fixtures. The real corpus is indexed once per test session into a temp folder,
so tests never touch the developer's index_store/ and never reach the network."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"
for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy"):
    os.environ.pop(var, None)
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
os.environ.pop("QA_CHROMA_URL", None)
os.environ.pop("QA_LLM_URL", None)

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


def make_settings(index_dir: Path, corpus_dir: Path = CORPUS, **overrides):
    from qa.settings import Settings

    settings = Settings()
    settings.index_dir = index_dir
    settings.corpus_dir = corpus_dir
    settings.chroma_url = ""
    settings.llm_url = ""
    for key, value in overrides.items():
        setattr(settings, key, value)
    return settings


@pytest.fixture(scope="session")
def embedder():
    """One MiniLM instance for the whole session (loading it is the slow part)."""
    from qa.settings import default_model_dir
    from qa.index.embedding import load_embedder

    return load_embedder(default_model_dir())


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    """An Assistant over the five articles, index built once in a temp folder. Read-only use!"""
    from qa import Assistant

    index_dir = tmp_path_factory.mktemp("index")
    return Assistant(make_settings(index_dir))


@pytest.fixture()
def ask_with_policy(assistant):
    """`ask(question, **changes)`: the shared assistant's answer with its answer policy changed
    for that one question (`typed_refusal=False`: "without the rule…"), the policy restored after."""
    import dataclasses

    def ask(question: str, **changes):
        answerer = assistant.answerer
        models = answerer.models
        try:
            answerer.models = dataclasses.replace(models, policy=dataclasses.replace(models.policy, **changes))
            return assistant.ask(question)
        finally:
            answerer.models = models

    return ask


@pytest.fixture()
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the corpus for tests that add, change or remove files."""
    target = tmp_path / "corpus"
    shutil.copytree(CORPUS, target)
    return target


ONE_ARTICLE = "000_7072df8804a34c19"  # the Los Angeles Times op-ed


@pytest.fixture()
def one_article_corpus(tmp_path) -> Path:
    """A writable corpus folder holding one real article (`ONE_ARTICLE`): small indexes to change."""
    target = tmp_path / "corpus"
    target.mkdir()
    shutil.copy(CORPUS / f"{ONE_ARTICLE}.txt", target / f"{ONE_ARTICLE}.txt")
    return target

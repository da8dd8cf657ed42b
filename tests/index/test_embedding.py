"""The embedder's settings come from `Settings`, and a read-only cache folder falls back to a
private temp folder for the process (once), without touching the environment."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest


def test_read_only_cache_exports_to_a_temp_folder_once(tmp_path, monkeypatch):
    from qa.index import embedding
    from qa.settings import default_model_dir

    read_only = tmp_path / "read-only"
    written: list[Path] = []

    def fake_export(model_dir: Path, target: Path) -> None:
        if read_only in target.parents:
            raise PermissionError(13, "Permission denied", str(target))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(b"onnx")
        written.append(target)

    monkeypatch.setattr(embedding, "export_onnx", fake_export)
    monkeypatch.setattr(embedding, "_fallback_cache", [])
    environ = dict(os.environ)
    try:
        path = embedding.ensure_onnx(default_model_dir(), "onnx", read_only)
        assert path.exists() and read_only not in path.parents and written == [path]
        assert embedding.cache_root(read_only) == embedding._fallback_cache[0]  # later calls reuse it
        assert embedding.ensure_onnx(default_model_dir(), "onnx", read_only) == path and written == [path]
        assert dict(os.environ) == environ  # nothing written to the environment
    finally:
        for folder in embedding._fallback_cache:
            shutil.rmtree(folder, ignore_errors=True)


def test_unknown_backend_is_a_settings_error(tmp_path):
    from qa.errors import SettingsError
    from qa.index.embedding import load_embedder
    from qa.settings import default_model_dir

    with pytest.raises(SettingsError, match="backend"):
        load_embedder(default_model_dir(), "gpu")
    with pytest.raises(SettingsError, match="no embedding model"):
        load_embedder(tmp_path)

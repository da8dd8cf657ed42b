"""The package layout is a map of the data flow: stages as folders, imports only downward.

Every `import` in `qa/` (module level and inside functions alike) is read with `ast`; the test
fails on an import cycle between modules and on an import that points up the flow (e.g. the
index stage importing the answer stage). `__main__` modules are entry points and are exempt.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QA = ROOT / "qa"

# Lower rank = earlier in the flow. A module may import modules of its own rank or lower.
STAGE_RANK = {
    "qa.types": 0, "qa.errors": 0, "qa.settings": 0, "qa.text": 0,
    "qa.ingest": 1,
    "qa.index": 2,
    "qa.retrieve": 3,
    "qa.answer": 4,
    "qa.llm": 5,
    "qa.assistant": 6,
    "qa.web": 7,
    "qa": 8,  # the package's __init__: the public face, which re-exports Assistant and the types
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def stage_of(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else parts[0]


def qa_imports(path: Path) -> set[str]:
    """The qa modules that `path` imports (absolute or relative, anywhere in the file)."""
    module = module_name(path)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.split(".")[0] == "qa")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] != "qa":
                continue
            for alias in node.names:  # `from qa.index import store` imports the module qa.index.store
                sub = f"{target}.{alias.name}"
                found.add(sub if (ROOT / Path(*sub.split("."))).with_suffix(".py").exists() else target)
    found.discard(module)
    return found


def import_graph() -> dict[str, set[str]]:
    return {module_name(p): qa_imports(p) for p in sorted(QA.rglob("*.py")) if p.name != "__main__.py"}


def test_every_stage_is_a_documented_package():
    for stage in [s for s in STAGE_RANK if s.count(".") == 1 and (QA / s.split(".")[1]).is_dir()]:
        init = QA / stage.split(".")[1] / "__init__.py"
        assert init.exists(), f"{stage} has no __init__.py"
        assert ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))), f"{stage} has no docstring saying its job"


def test_imports_only_point_down_the_flow():
    wrong = []
    for module, targets in import_graph().items():
        rank = STAGE_RANK[stage_of(module)]
        for target in targets:
            if STAGE_RANK.get(stage_of(target), 0) > rank:
                wrong.append(f"{module} imports {target}")
    assert not wrong, "imports that point up the flow:\n" + "\n".join(sorted(wrong))


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a path [a, b, ..., a], or [] when there is none (iterative DFS)."""
    state: dict[str, int] = {}
    for start in graph:
        if state.get(start):
            continue
        stack = [(start, iter(sorted(graph.get(start, ()))))]
        path = [start]
        state[start] = 1
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
                path.pop()
            elif state.get(child) == 1:
                return path[path.index(child):] + [child]
            elif not state.get(child) and child in graph:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(sorted(graph[child]))))
    return []


def test_no_import_cycle_inside_qa():
    cycle = find_cycle(import_graph())
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) == []

"""Which app imports which, and whether the house rules about it hold.

    python -m senco.import_graph          # the graph, one line per app, and any breach
    make graph                            # the same

The rules (docs/architecture.md, docs/adding-a-capability.md):
1. The core (schools, accounts, pupils, register, audit, operations, lib, and access.py,
   registry.py) never imports a capability.
2. A capability imports another capability only through its `selectors` or `services`.
3. No import cycle between apps. access.py and registry.py are the shared gate: every app
   may import them, and they import only the core's models, so they are left out of the
   cycle check.
4. lib/ imports nothing of senco but lib/.
5. The calendar (diary) imports no capability at all: it reads them through the registry.

Tests are left out: a test may reach into any app it tests. Imports are read from the
source (ast), so nothing is imported or run.
"""

import ast
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent
CORE_APPS = {"schools", "accounts", "pupils", "register", "audit", "operations", "lib"}
GATE = {"access", "registry"}
# Modules of the senco package itself (not apps): the home page, URLs, settings, tags.
PROJECT = "senco"
ALLOWED_ACROSS = {"selectors", "services"}
# Capabilities that gather from every other one through the registry, and so import none
# of them, not even their selectors (the calendar: docs/calendar.md).
GATHERERS = {"diary"}


def _is_test(path: Path) -> bool:
    parts = path.relative_to(ROOT).parts
    return "tests" in parts or path.name in {"conftest.py", "testing.py", "factories.py"}


def app_of(module: str) -> str:
    """senco.plans.views -> plans; senco.access -> access; senco.views -> senco."""
    parts = module.split(".")
    if len(parts) < 2 or parts[0] != "senco":
        return ""
    name = parts[1]
    if name in GATE:
        return name
    if (ROOT / name / "apps.py").is_file() or name == "lib":
        return name
    return PROJECT


def _module_name(path: Path) -> str:
    rel = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _exists(module: str) -> bool:
    path = ROOT.parent.joinpath(*module.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from senco.plans import selectors` imports a module, not a name
            modules = [f"{node.module}.{alias.name}" for alias in node.names]
            modules = [m for m in modules if _exists(m)]
            found += modules or [node.module]
    return [name for name in found if name.startswith("senco.")]


def module_edges(root: Path = ROOT) -> list[tuple[str, str]]:
    """(importer, imported) for every senco import in non-test, non-migration code."""
    edges = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts or _is_test(path):
            continue
        importer = _module_name(path)
        for imported in _imports(path):
            edges.append((importer, imported))
    return edges


def app_graph(edges) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for importer, imported in edges:
        a, b = app_of(importer), app_of(imported)
        if a and b and a != b:
            graph[a].add(b)
    return graph


def _is_capability(app: str) -> bool:
    return app not in CORE_APPS | GATE | {PROJECT, ""}


def breaches(edges) -> list[str]:
    found = []
    for importer, imported in edges:
        a, b = app_of(importer), app_of(imported)
        if not a or not b or a == b:
            continue
        if not _is_capability(a) and _is_capability(b):
            found.append(f"core imports a capability: {importer} -> {imported}")
        elif a in GATHERERS and _is_capability(b):
            found.append(f"{a} gathers through the registry, yet imports {imported}")
        elif (
            _is_capability(a)
            and _is_capability(b)
            and not (ALLOWED_ACROSS & set(imported.split(".")[2:3]))
        ):
            found.append(f"{a} reaches into {b} past its selectors/services: {imported}")
        if a == "lib" and b != "lib":
            found.append(f"lib imports beyond lib: {importer} -> {imported}")
    graph = app_graph(edges)
    cycle = find_cycle({k: v - GATE for k, v in graph.items() if k not in GATE})
    if cycle:
        found.append("import cycle between apps: " + " -> ".join(cycle))
    return sorted(set(found))


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph as a path that starts and ends at the same node, or []."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt) :] + [nxt]
            if nxt not in state:
                cycle = visit(nxt)
                if cycle:
                    return cycle
        stack.pop()
        state[node] = 2
        return []

    for node in sorted(graph):
        if node not in state:
            cycle = visit(node)
            if cycle:
                return cycle
    return []


def main() -> int:
    edges = module_edges()
    graph = app_graph(edges)
    for app in sorted(graph):
        kind = "capability" if _is_capability(app) else "core"
        print(f"{app:<10} ({kind:<10}) -> {', '.join(sorted(graph[app]))}")
    problems = breaches(edges)
    for problem in problems:
        print("BREACH:", problem)
    if not problems:
        print("No breach: the core imports no capability; no cycle between apps.")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

"""The plugin's layout (docs/architecture.md): imports flow one way, modules stay small.

Read from the source with ``ast``, nothing imported: every import counts, at module level
or inside a function, because a lazy import hides a cycle without removing it.
"""

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "pact_pages"
MAX_LINES = 400

# The base every feature may import: shared helpers and the plugin's settings.
BASE = ("core", "conf")
# Features, lowest first: each imports only the base and the features before it.
FEATURES = (
    "pillars",
    "signatories",
    "initiatives",
    "events",
    "safeguarding",
    "follow_up",
    "security",
    "search",
    "api",
    "map",
    "public",
    "translation",
    "onboarding",
    "staff",
    "newsletter",
    "moderation",
    "trust",
    "twofactor",
    "progress",
)
# What Django and Wagtail load by name: on top, importing features, imported by none of them.
ENTRY_POINTS = (
    "__init__",
    "apps",
    "models",
    "urls",
    "wagtail_hooks",
    "permission_policies",
    "templatetags",
    "management",
)
SITE = ("home", "oneinfive")  # the reference site: it uses the plugin, never the reverse
HOW_TO = "See docs/architecture.md for the order and the ways to turn an import around."


def _modules() -> dict[str, Path]:
    modules = {}
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.relative_to(ROOT).parts:
            continue
        parts = ("pact_pages",) + path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = path
    return modules


MODULES = _modules()


def _imports(module: str, path: Path) -> list[tuple[str, int]]:
    """(imported name, line) for every import in the file, wherever it stands."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                submodule = f"{target}.{alias.name}"
                found.append((submodule if submodule in MODULES else target, node.lineno))
    return found


def _edges() -> dict[str, dict[str, int]]:
    """Module -> {plugin module it imports: line of the first such import}."""
    edges: dict[str, dict[str, int]] = {module: {} for module in MODULES}
    for module, path in MODULES.items():
        for name, line in _imports(module, path):
            target = name
            while target and target not in MODULES:  # pact_pages.x.Y (a name) -> pact_pages.x
                target = target.rpartition(".")[0]
            if target and target != module:
                edges[module].setdefault(target, line)
    return edges


EDGES = _edges()


def _where(module: str, target: str) -> str:
    path = MODULES[module].relative_to(ROOT.parent)
    return f"{path}:{EDGES[module][target]} ({module} -> {target})"


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _package(module: str) -> str:
    """pact_pages.signatories.models -> signatories; pact_pages.apps -> apps."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _rank(package: str) -> int | None:
    if package in BASE:
        return 0
    if package in FEATURES:
        return 1 + FEATURES.index(package)
    if package in ENTRY_POINTS:
        return 1 + len(FEATURES)
    return None


def test_no_import_cycle_between_modules():
    graph = {module: set(targets) for module, targets in EDGES.items()}
    problems = []
    for component in _cycles(graph):
        members = set(component)
        inside = [
            _where(module, target)
            for module in component
            for target in sorted(EDGES[module])
            if target in members
        ]
        listing = "\n    ".join(inside)
        problems.append(f"{len(component)} modules import each other:\n    {listing}")
    assert not problems, (
        "Import cycles (break one edge of each: move the code where it belongs, look a model up "
        "with django.apps.apps.get_model, or send a signal from pact_pages.core.signals). "
        + HOW_TO
        + "\n"
        + "\n".join(problems)
    )


def test_packages_import_downwards_only():
    unknown = sorted({_package(m) for m in MODULES if _rank(_package(m)) is None})
    assert not unknown, (
        f"New folder(s) {unknown} in pact_pages: add each to FEATURES in tests/test_layout.py "
        f"at its place in the order, and to docs/architecture.md. {HOW_TO}"
    )
    wrong = []
    for module, targets in EDGES.items():
        source = _package(module)
        for target in sorted(targets):
            goal = _package(target)
            if goal == source:
                continue
            if source in BASE and goal not in BASE:
                wrong.append(f"{_where(module, target)}: core imports no feature")
            elif _rank(goal) == _rank(ENTRY_POINTS[0]) and source not in ENTRY_POINTS:
                wrong.append(f"{_where(module, target)}: a feature imports no entry point ({goal})")
            elif source in FEATURES and _rank(goal) >= _rank(source):
                wrong.append(f"{_where(module, target)}: {goal} sits above {source}")
    assert not wrong, (
        f"Imports against the order {' and '.join(BASE)} < {' < '.join(FEATURES)} < entry points. "
        f"{HOW_TO}\n" + "\n".join(wrong)
    )
    packages: dict[str, set[str]] = defaultdict(set)
    for module, targets in EDGES.items():
        packages[_package(module)] |= {_package(t) for t in targets} - {_package(module)}
    assert not _cycles(packages), f"Packages import each other: {_cycles(packages)}. {HOW_TO}"


def test_the_plugin_does_not_import_the_site():
    found = [
        f"{MODULES[module].relative_to(ROOT.parent)}:{line} imports {name}"
        for module, path in MODULES.items()
        for name, line in _imports(module, path)
        if name.split(".")[0] in SITE
    ]
    assert not found, (
        "The plugin imports the reference site (home/, oneinfive/): move what it needs into "
        "pact_pages or make it a setting (pact_pages.conf).\n" + "\n".join(found)
    )


def test_modules_stay_small():
    long = [
        f"{path.relative_to(ROOT.parent)}: {count} lines"
        for path in MODULES.values()
        if (count := len(path.read_text().splitlines())) > MAX_LINES
    ]
    assert not long, (
        f"Modules over {MAX_LINES} lines: split each by concern inside its folder.\n"
        + "\n".join(long)
    )


def test_no_module_imports_the_models_aggregator():
    users = [
        _where(module, "pact_pages.models")
        for module in MODULES
        if "pact_pages.models" in EDGES[module]
    ]
    assert not users, (
        "pact_pages.models gathers every model for Django and host sites only; inside the "
        "plugin import a model from its feature (pact_pages.signatories.models, …).\n"
        + "\n".join(users)
    )

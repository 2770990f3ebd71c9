"""The shape of the code: layers, import cycles and URLs, checked from the source itself.

These rules are easy to break by accident and costly to find later: an import cycle
shows up as a confusing ImportError only when modules happen to load in a new order, and
a hand-written path in a template keeps working until a route moves. apps.content is
the bottom layer: everything else reads the content through it.
"""

import ast
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings

BASE_DIR = Path(settings.BASE_DIR)
APPS_DIR = BASE_DIR / "apps"
STATIC_JS = BASE_DIR / "static" / "js"
"""The site's own scripts (vendored libraries live below, in vendor/)."""
TEMPLATE_DIRS = (BASE_DIR / "templates", *sorted(APPS_DIR.glob("*/templates")))

CONTENT = "apps.content"
HIGHER_LAYERS = (
    "apps.selfcheck",
    "apps.bodymap",
    "apps.pages",
    "apps.conditions",
    "apps.exercises",
)
"""The packages apps.content must never import: they build on it."""

HAND_WRITTEN_PATH = re.compile(
    r"""\b(?:href|src|action|formaction|data-hx-(?:get|post|put|patch|delete|push-url))\s*=\s*["']/"""
)
"""An attribute whose value starts with "/": a URL written out instead of reversed."""


@dataclass(frozen=True, slots=True)
class Import:
    """One import of an apps.* module, with where it was written."""

    source: str
    """The importing module, e.g. apps.selfcheck.views."""
    target: str
    """The imported module (a submodule when ``from package import submodule``)."""
    line: int
    function: str | None
    """The enclosing function or class body, or None at module level."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(BASE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def _modules() -> dict[str, Path]:
    """Every module under apps/, by dotted name."""
    return {_module_name(path): path for path in sorted(APPS_DIR.rglob("*.py"))}


def _is_package(module: str) -> bool:
    return _modules()[module].name == "__init__.py"


def _resolve(source: str, node: ast.ImportFrom) -> str:
    """The absolute module a ``from ... import`` names, relative imports included."""
    if not node.level:
        return node.module or ""
    base = source.split(".")
    keep = len(base) - node.level + (1 if _is_package(source) else 0)
    return ".".join([*base[:keep], *([node.module] if node.module else [])])


def _targets(source: str, node: ast.Import | ast.ImportFrom) -> Iterable[str]:
    modules = _modules()
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = _resolve(source, node)
    for alias in node.names:
        submodule = f"{base}.{alias.name}"
        yield submodule if submodule in modules else base


def _imports_in(source: str, tree: ast.AST) -> Iterable[Import]:
    def walk(node: ast.AST, scope: str | None) -> Iterable[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.Import, ast.ImportFrom)):
                for target in _targets(source, child):
                    if target == "apps" or target.startswith("apps."):
                        yield Import(source, target, child.lineno, scope)
            inner = scope
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                inner = f"{scope}.{child.name}" if scope else child.name
            yield from walk(child, inner)

    return walk(tree, None)


@cache
def _all_imports() -> tuple[Import, ...]:
    imports: list[Import] = []
    for module, path in _modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        imports.extend(_imports_in(module, tree))
    return tuple(imports)


def _package_of(module: str) -> str:
    """apps.content.library -> apps.content; top-level modules (apps.urls) are themselves."""
    parts = module.split(".")
    if len(parts) >= 2 and (APPS_DIR / parts[1]).is_dir():
        return ".".join(parts[:2])
    return module


def _module_graph(imports: Iterable[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for item in imports:
        graph.setdefault(item.source, set())
        if item.target != item.source:
            graph[item.source].add(item.target)
    return graph


def _package_graph(imports: Iterable[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for item in imports:
        source, target = _package_of(item.source), _package_of(item.target)
        graph.setdefault(source, set())
        if source != target:
            graph[source].add(target)
    return graph


def find_cycle(graph: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A cycle as a path that ends where it starts, or None; nodes are visited in order."""
    done: set[str] = set()
    path: list[str] = []
    on_path: set[str] = set()

    def visit(node: str) -> list[str] | None:
        path.append(node)
        on_path.add(node)
        for target in sorted(graph.get(node, ())):
            if target in on_path:
                return [*path[path.index(target) :], target]
            if target not in done and (cycle := visit(target)):
                return cycle
        on_path.discard(node)
        path.pop()
        done.add(node)
        return None

    for start in sorted(graph):
        if start not in done and (cycle := visit(start)):
            return cycle
    return None


# The import scanner itself, so the rules below cannot pass by seeing nothing.


def test_the_scanner_sees_the_imports_the_site_is_built_on() -> None:
    """If parsing silently found no imports, every rule below would pass vacuously."""
    imports = _all_imports()
    edges = {(i.source, i.target) for i in imports}
    assert ("apps.urls", "apps.pages.views") in edges
    assert ("apps.content.library", "apps.content.files") in edges
    assert any(
        i.source.startswith("apps.selfcheck") and i.target.startswith(CONTENT) for i in imports
    )
    ready = [i for i in imports if i.source == "apps.content.apps"]
    assert [(i.target, i.function) for i in ready] == [
        ("apps.content.checks", "ContentConfig.ready")
    ]


def test_the_scanner_tells_module_level_imports_from_hidden_ones() -> None:
    """Relative imports, submodules and imports inside functions are all recognised."""
    source = (
        "import os\n"
        "from apps.content import library\n"
        "from .engine import assess\n"
        "def view():\n"
        "    from apps.pages import views\n"
        "class Config:\n"
        "    def ready(self):\n"
        "        import apps.query\n"
    )
    found = [
        (i.target, i.line, i.function)
        for i in _imports_in("apps.selfcheck.views", ast.parse(source))
    ]
    assert found == [
        ("apps.content.library", 2, None),
        ("apps.selfcheck.engine", 3, None),
        ("apps.pages.views", 5, "view"),
        ("apps.query", 8, "Config.ready"),
    ]


def test_find_cycle_reports_the_cycle_it_finds() -> None:
    """The cycle finder must find what it is meant to, or the rules below prove nothing."""
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"x": {"y"}, "y": {"y"}}) == ["y", "y"]


# The rules.


def test_no_import_cycle_between_packages() -> None:
    """Packages form layers; a cycle between two means neither can be understood alone."""
    graph = _package_graph(_all_imports())
    assert CONTENT in graph  # the graph covers the packages, not just top-level modules
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle between packages: " + " -> ".join(cycle or ())


def test_no_import_cycle_between_modules() -> None:
    """A module cycle works or fails depending on which module happens to load first."""
    cycle = find_cycle(_module_graph(_all_imports()))
    assert cycle is None, "import cycle between modules: " + " -> ".join(cycle or ())


def test_apps_are_imported_at_the_top_of_modules() -> None:
    """Imports hidden in functions hide dependencies (and cycles) from readers and tools.

    The one exception is AppConfig.ready() in apps/*/apps.py, where Django wants checks
    registered once the app registry is ready.
    """
    hidden = [
        f"{_modules()[i.source].relative_to(BASE_DIR)}:{i.line}: {i.target} inside {i.function}"
        for i in _all_imports()
        if i.function is not None
        and not (i.source.endswith(".apps") and i.function.endswith(".ready"))
    ]
    assert hidden == [], "imports inside functions or classes:\n" + "\n".join(hidden)


def test_content_is_the_bottom_layer() -> None:
    """apps.content serves every other package; importing one of them would turn the
    layers into a tangle (and content checks would start depending on views)."""
    content_imports = [i for i in _all_imports() if _package_of(i.source) == CONTENT]
    assert content_imports, "the scanner found no imports in apps.content"
    upward = [
        f"{_modules()[i.source].relative_to(BASE_DIR)}:{i.line}: imports {i.target}"
        for i in content_imports
        if _package_of(i.target) in HIGHER_LAYERS
    ]
    assert upward == [], "apps.content imports a higher layer:\n" + "\n".join(upward)


# Templates.


def _templates() -> list[Path]:
    return sorted(path for folder in TEMPLATE_DIRS for path in folder.rglob("*.html"))


def test_templates_hold_no_hand_written_internal_paths() -> None:
    """Internal URLs come from {% url %} and static files from {% static %}, so moving a
    route or hashing a file name never leaves a dead link behind."""
    templates = _templates()
    assert templates, f"no templates found under {', '.join(map(str, TEMPLATE_DIRS))}"
    found = [
        f"{path.relative_to(BASE_DIR)}:{number}: {line.strip()}"
        for path in templates
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if HAND_WRITTEN_PATH.search(line)
    ]
    assert found == [], "hand-written internal paths (use {% url %} or {% static %}):\n" + (
        "\n".join(found)
    )


def test_the_template_rule_catches_what_it_is_meant_to() -> None:
    """The pattern must catch each attribute it names, and leave reversed URLs alone."""
    caught = [
        '<a href="/conditions/">',
        "<img src='/static/logo.svg'>",
        '<form action="/self-check/results/">',
        '<div data-hx-get="/body-map/left-hip/">',
        '<button data-hx-push-url="/self-check/">',
    ]
    allowed = [
        "<a href=\"{% url 'conditions' %}\">",
        "<img src=\"{% static 'logo.svg' %}\">",
        '<a href="https://www.nhs.uk/">',
        '<a href="#main">',
        '<form action="{{ request.path }}">',
    ]
    assert all(HAND_WRITTEN_PATH.search(line) for line in caught)
    assert not any(HAND_WRITTEN_PATH.search(line) for line in allowed)


BARE_HTMX_ATTRIBUTE = re.compile(r"(?<![\w-])hx-[a-z-]+\s*=")
"""An htmx attribute without the ``data-`` prefix: htmx reads both, only one is valid HTML."""


def test_htmx_attributes_are_written_as_valid_data_attributes() -> None:
    """Templates, and Python that writes markup, use ``data-hx-*`` (the HTML checker
    rejects the bare form as an unknown attribute)."""
    sources = [*_templates(), *sorted(APPS_DIR.rglob("*.py")), *sorted(STATIC_JS.glob("*.js"))]
    found = [
        f"{path.relative_to(BASE_DIR)}:{number}: {line.strip()}"
        for path in sources
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if BARE_HTMX_ATTRIBUTE.search(line)
    ]
    assert found == [], "write htmx attributes as data-hx-*:\n" + "\n".join(found)


def test_the_htmx_attribute_rule_catches_what_it_is_meant_to() -> None:
    caught = ['<a hx-get="{{ url }}">', "<form hx-target='#x'>", "attrs = 'hx-swap=\"outerHTML\"'"]
    allowed = ['<a data-hx-get="{{ url }}">', "HX-Request", '"hx-request" in headers']
    assert all(BARE_HTMX_ATTRIBUTE.search(line) for line in caught)
    assert not any(BARE_HTMX_ATTRIBUTE.search(line) for line in allowed)

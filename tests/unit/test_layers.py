"""The layers stay apart: services and the database never import telegram."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, id=str(p.relative_to(ROOT)))
        for folder in ("bot/services", "db")
        for p in sorted((ROOT / folder).rglob("*.py"))
    ],
)
def test_services_and_db_do_not_import_telegram(path: Path) -> None:
    assert "telegram" not in _imports(path)


def _modules(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, id=str(p.relative_to(ROOT)))
        for folder in ("bot/services", "bot/jobs")
        for p in sorted((ROOT / folder).rglob("*.py"))
    ],
)
def test_jobs_and_services_never_import_handlers(path: Path) -> None:
    assert not {name for name in _modules(path) if name.startswith("bot.handlers")}


@pytest.mark.parametrize("name", ["presentation.py", "views.py"])
def test_what_services_render_with_does_not_import_telegram(name: str) -> None:
    # The delivery registry, a service, renders with these.
    assert "telegram" not in _imports(ROOT / "bot" / name)
    assert not {m for m in _modules(ROOT / "bot" / name) if m.startswith("bot.handlers")}

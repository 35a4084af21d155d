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

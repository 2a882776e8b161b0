"""The engine's rooms keep to their floors: what each may import is written in its ``__init__``."""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ENGINE = ROOT / "games" / "engine"

#: room -> the engine rooms it may import (besides itself)
MAY_IMPORT = {
    "core": set(),
    "records": {"core"},
    "voice": {"core"},
    "writing": {"core", "voice", "records"},
    "play": {"core", "voice", "writing", "records"},
    "grownups": {"core", "voice", "writing", "records", "play"},
}
#: the only modules of core that records may use: none of them imports pygame
RECORDS_MAY_USE_FROM_CORE = {"games.engine.core.paths", "games.engine.core.storage", "games.engine.core.letters"}


def imports_of(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports (absolute names), at any depth, with its line."""
    return imports_in(path.read_text(), list(path.relative_to(ROOT).parts[:-1]))


def imports_in(source: str, package: list[str]) -> list[tuple[str, int]]:
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            found.append((mod, node.lineno))
            found += [(f"{mod}.{a.name}", node.lineno) for a in node.names]
    return found


def engine_modules():
    return sorted(p for p in ENGINE.rglob("*.py"))


def test_every_engine_module_lives_in_a_room_with_a_docstring():
    loose = [p.name for p in ENGINE.glob("*.py") if p.name not in ("__init__.py", "app.py")]
    assert not loose, f"engine modules outside a room: {loose}; move each into the room of its job"
    for room in MAY_IMPORT:
        init = ENGINE / room / "__init__.py"
        assert init.exists(), f"{room}/ has no __init__.py"
        doc = ast.get_docstring(ast.parse(init.read_text()))
        assert doc and "import" in doc, f"{room}/__init__.py must say what lives there and what it may import"


def test_rooms_import_only_the_rooms_below_them():
    wrong = []
    for path in engine_modules():
        rel = path.relative_to(ENGINE).parts
        if len(rel) < 2:
            continue
        room = rel[0]
        for mod, line in imports_of(path):
            if mod.startswith("games.engine."):
                other = mod.split(".")[2]
                if other in MAY_IMPORT and other != room and other not in MAY_IMPORT[room]:
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports {mod} ({room} may not use {other})")
                if other == "app" and room != "app":
                    wrong.append(f"{path.relative_to(ROOT)}:{line} imports the app module ({mod})")
    assert not wrong, "\n".join(wrong)


def test_no_engine_module_imports_the_registry_or_a_game():
    wrong = []
    for path in engine_modules():
        for mod, line in imports_of(path):
            if mod.startswith("games.") and not mod.startswith("games.engine") or mod == "games":
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {mod}")
    assert not wrong, "the engine is handed the games (app.games); it never imports them:\n" + "\n".join(wrong)


def test_records_never_import_pygame_nor_core_drawing():
    wrong = []
    for path in (ENGINE / "records").rglob("*.py"):
        for mod, line in imports_of(path):
            if mod.split(".")[0] == "pygame":
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports pygame")
            if mod.startswith("games.engine.core.") and not any(
                    mod == m or mod.startswith(m + ".") for m in RECORDS_MAY_USE_FROM_CORE):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {mod}")
    assert not wrong, "\n".join(wrong)


def test_the_recognizer_imports_nothing_from_the_games_and_its_run_time_no_training():
    wrong = []
    for path in sorted((ROOT / "recognizer").rglob("*.py")):
        training = "training" in path.relative_to(ROOT).parts
        for mod, line in imports_of(path):
            top = mod.split(".")[0]
            if top in ("games", "pygame"):
                wrong.append(f"{path.relative_to(ROOT)}:{line} imports {mod}")
            if not training and (mod.startswith("recognizer.training") or top in ("torch", "sklearn", "scipy")):
                wrong.append(f"{path.relative_to(ROOT)}:{line}: run time imports {mod}")
    assert not wrong, "\n".join(wrong)


def test_the_rule_reads_relative_and_nested_imports():
    source = "import pygame\nfrom ..voice import speech\ndef f():\n    from .store import Store\n"
    found = [m for m, _ in imports_in(source, ["games", "engine", "records"])]
    assert {"pygame", "games.engine.voice.speech", "games.engine.records.store.Store"} <= set(found)

"""The registry: adding a game takes its folder and one registry line; each game speaks its own phrases."""
from __future__ import annotations

import json
import logging
import random
import re
import sys
from pathlib import Path

import pytest
from fakes import Driver

import games
from games import registry
from games.engine.play.common_scenes import GameStart
from games.engine.voice.phrases import Phrases
from games.launcher import Launcher

ROOT = Path(__file__).resolve().parents[2]


def readme_game() -> dict[str, str]:
    """The code blocks of the README's "Adding a game": the registry line, __init__.py, scene.py, phrases."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Adding a game", 1)[1].split("\n#", 1)[0]
    blocks = re.findall(r"```(\w+)\n(.*?)```", section, re.S)
    assert [kind for kind, _ in blocks] == ["python", "python", "python", "json"], "the README's four blocks"
    registry_line = re.search(r'"(games\.\w+)"', blocks[0][1]).group(1)
    return {"module": registry_line, "__init__.py": blocks[1][1], "scene.py": blocks[2][1],
            "phrases.json": blocks[3][1]}


@pytest.fixture
def readme_game_added(tmp_path, monkeypatch):
    """The README's example game: its folder (in a temporary games/ folder) and its one registry line."""
    game = readme_game()
    folder = tmp_path / "games" / game["module"].split(".")[1]
    folder.mkdir(parents=True)
    for name in ("__init__.py", "scene.py", "phrases.json"):
        (folder / name).write_text(game[name], encoding="utf-8")
    monkeypatch.setattr(games, "__path__", [*games.__path__, str(tmp_path / "games")])
    monkeypatch.setattr(registry, "GAME_MODULES", registry.GAME_MODULES + [game["module"]])
    yield game
    for name in [m for m in sys.modules if m.startswith(game["module"])]:
        del sys.modules[name]
    if hasattr(games, folder.name):
        delattr(games, folder.name)


def test_a_new_game_takes_its_folder_and_one_registry_line(make_app, readme_game_added):
    module = readme_game_added["module"]
    app = make_app()
    app.push(Launcher(app))
    d = Driver(app)
    d.frames(2)
    new = registry.load_games()[-1]
    assert f"{module}.scene" not in sys.modules, "the launcher does not import a game's scene"
    d.tap(d.top.cards[new.id].rect.center)
    assert isinstance(d.top, GameStart) and d.top.game is new
    d.frames(2)
    d.tap(d.top.widgets[0].rect.center)          # the one level
    d.frames(2)
    assert type(d.top).__module__ == f"{module}.scene"
    own_lines = json.loads(readme_game_added["phrases.json"])
    player = d.top.players[0].name
    said = app.speaker.caption
    assert said in [v.format(player=player) for variants in own_lines.values() for v in variants]
    assert app.phrases.game == new.id
    assert app.phrases.get("your_turn", player=player)   # the engine's lines are still there


def test_the_launcher_makes_scenes_without_importing_them_at_start():
    games = registry.load_games()
    assert all(isinstance(g.scene, str) for g in games), "each game names its scene by its dotted path"
    for game in games:
        scene = game.scene_class()
        assert scene.__name__ == game.scene.rsplit(".", 1)[1]


# -- each game's own phrases --------------------------------------------------------------------------

def _phrases(tmp_path, **games):
    engine = tmp_path / "engine.json"
    engine.write_text(json.dumps({"hello": ["Hello!"], "which_missing": ["Engine: which is missing?"]}))
    phrases = Phrases(engine, rng=random.Random(1))
    files = {}
    for game_id, lines in games.items():
        files[game_id] = tmp_path / f"{game_id}.json"
        files[game_id].write_text(json.dumps(lines))
    return phrases, files


def test_a_games_own_lines_come_first_and_never_reach_another_game(tmp_path):
    phrases, files = _phrases(tmp_path, ball={"find": ["Ball: find it!"]}, candy={"lift": ["Candy: lift!"]})
    phrases.use_game("ball", files["ball"])
    assert phrases.get("find") == "Ball: find it!"
    assert phrases.get("hello") == "Hello!"            # the engine's lines are the fallback
    phrases.use_game("candy", files["candy"])
    assert phrases.get("lift") == "Candy: lift!"
    with pytest.raises(KeyError, match="no phrase called 'find'"):
        phrases.get("find")                             # basketball's line is not candy's
    assert phrases.get("which_missing") == "Engine: which is missing?"


def test_a_game_line_with_an_engine_lines_name_is_logged(tmp_path, caplog):
    phrases, files = _phrases(tmp_path, memory={"which_missing": ["Memory: which one?"]})
    with caplog.at_level(logging.WARNING):
        phrases.use_game("memory", files["memory"])
    assert any("hides the engine's phrase" in r.getMessage() and "which_missing" in r.getMessage()
               for r in caplog.records)
    assert phrases.get("which_missing") == "Memory: which one?"   # in that game only
    phrases.use_game("other", None)
    assert phrases.get("which_missing") == "Engine: which is missing?"


def test_a_game_without_phrases_speaks_engine_lines_and_a_broken_file_says_why(tmp_path):
    phrases, files = _phrases(tmp_path)
    assert phrases.use_game("quiet", tmp_path / "none.json")
    assert phrases.get("hello") == "Hello!"
    broken = tmp_path / "broken.json"
    broken.write_text('{"find": [}')
    assert not phrases.use_game("broken", broken)
    assert str(broken) in phrases.problem
    assert phrases.get("hello") == "Hello!"


def test_playing_one_game_then_another_keeps_their_lines_apart(make_app):
    """Before: every game's file went into one flat list, so missing_letter's which_missing replaced the
    engine's for every game that came after it."""
    app = make_app()
    basketball, missing = registry.find_game("basketball"), registry.find_game("missing_letter")
    missing.make_scene(app, missing.levels[0])
    assert "Write" in " ".join(app.phrases.get("which_missing") for _ in range(2))
    basketball.make_scene(app, basketball.levels[0])
    with pytest.raises(KeyError):
        app.phrases.get("which_missing")
    assert "letter B" in app.phrases.get("find", letter="B")


# -- one path for answers --------------------------------------------------------------------------------

def test_every_game_records_through_the_recorder_its_declaration_binds():
    """Before: each game built ``Answer(game="basketball", ...)`` and called ``app.progress.record`` itself,
    beside the WritingTask's own path, so the game id was written again in every game."""
    import ast
    wrong = []
    for path in sorted((ROOT / "games").glob("*/*.py")):
        if path.parent.name == "engine":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            owner = node.func.value if isinstance(node.func, ast.Attribute) else None
            if name == "Answer" or (name == "record" and isinstance(owner, ast.Attribute) and owner.attr == "progress"):
                wrong.append(f"{path.relative_to(ROOT)}:{node.lineno} records past the game's recorder")
            wrong += [f"{path.relative_to(ROOT)}:{node.lineno} names its game again (game=...)"
                      for kw in node.keywords if kw.arg == "game"]
    assert not wrong, "\n".join(wrong)

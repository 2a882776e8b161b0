"""The registry: adding a game takes its folder and one registry line; each game speaks its own phrases."""
from __future__ import annotations

import json
import logging
import random
import sys
import textwrap

import pytest
from conftest import Driver

from games import registry
from games.engine.common_scenes import GameStart
from games.engine.phrases import Phrases
from games.launcher import Launcher

# A whole new game, as a newcomer would write it: metadata, a tiny scene, its own phrases.
TOY_INIT = '''
    """Toy: tap the star."""
    import pygame

    from games.registry import GameInfo, Level


    def paint_icon(surface, rect):
        pygame.draw.circle(surface, (250, 200, 40), rect.center, min(rect.size) // 3)


    GAME = GameInfo(
        id="toy",
        title="Toy",
        spoken_name="Toy game",
        how_to_play="Tap the star!",
        levels=(Level("Easy", 1),),
        paint_icon=paint_icon,
        scene="toy_game.scene.TapTheStar",
    )
'''
TOY_SCENE = '''
    from games.engine.scene import Scene


    class TapTheStar(Scene):
        def __init__(self, app, level, players=None):
            super().__init__(app)
            self.level, self.players = level, players

        def enter(self):
            self.app.speaker.say(self.app.phrases.get("tap_the_star", player=self.players[0].name))
'''
TOY_PHRASES = {"tap_the_star": ["Tap the star, {player}!"]}


@pytest.fixture
def toy_game(tmp_path, monkeypatch):
    """The toy game's folder on sys.path and its one line in the registry's list."""
    folder = tmp_path / "toy_game"
    folder.mkdir()
    (folder / "__init__.py").write_text(textwrap.dedent(TOY_INIT))
    (folder / "scene.py").write_text(textwrap.dedent(TOY_SCENE))
    (folder / "phrases.json").write_text(json.dumps(TOY_PHRASES))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "GAME_MODULES", registry.GAME_MODULES + ["toy_game"])
    yield
    for name in ("toy_game", "toy_game.scene"):
        sys.modules.pop(name, None)


def test_a_new_game_takes_its_folder_and_one_registry_line(make_app, toy_game):
    app = make_app()
    app.push(Launcher(app))
    d = Driver(app)
    d.frames(2)
    assert "toy_game.scene" not in sys.modules, "the launcher does not import a game's scene"
    d.tap(d.top.cards["toy"].rect.center)
    assert isinstance(d.top, GameStart) and d.top.game.id == "toy"
    d.frames(2)
    d.tap(d.top.widgets[0].rect.center)          # the one level
    d.frames(2)
    assert type(d.top).__name__ == "TapTheStar" and type(d.top).__module__ == "toy_game.scene"
    assert app.speaker.caption == f"Tap the star, {d.top.players[0].name}!"   # its own phrase, by its own key
    assert app.phrases.game == "toy"
    assert app.phrases.get("your_turn", player="Lion")   # the engine's lines are still there


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

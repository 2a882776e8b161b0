"""The registry: adding a game takes its folder and one registry line; each game speaks its own phrases."""
from __future__ import annotations

import json
import logging
import random
import re
import sys
from pathlib import Path

import pytest
from fakes import TEMPLATE_GAMES, Driver, FakeChecker, with_template_game

from games import registry
from games.engine.play.common_scenes import GameStart
from games.engine.voice.phrases import PHRASES_FILE, Phrases, read_phrase_file
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


def test_the_readme_shows_the_template_game_file_for_file():
    """The template the per-game tests play is the README's game, to the letter."""
    game = readme_game()
    folder = TEMPLATE_GAMES / game["module"].split(".")[1]
    assert folder.is_dir(), f"the README's game {game['module']} is not {folder}"
    for name in ("__init__.py", "scene.py", "phrases.json"):
        assert game[name] == (folder / name).read_text(encoding="utf-8"), f"README and {folder.name}/{name} differ"
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith("__pycache__")) == \
        ["__init__.py", "phrases.json", "scene.py"], "the README shows every file of the game"


@pytest.fixture
def template_registered(monkeypatch):
    """The README's template game with its one registry line (its folder is the tests' template folder)."""
    template = with_template_game()[-1]
    module = template.scene.rsplit(".", 2)[0]
    monkeypatch.setattr(registry, "GAME_MODULES", registry.GAME_MODULES + [module])
    sys.modules.pop(f"{module}.scene", None)
    return template


def start_template(make_app, checker):
    app = make_app(checker=checker)           # the launcher lists what the registry holds
    kids = app.progress.store.add_class("Owls")
    app.progress.store.add_child(kids.id, "Mia", "Lion", "red")
    app.push(Launcher(app))
    d = Driver(app)
    d.frames(2)
    return app, d


def play_to_the_scene(d, game):
    d.tap(d.top.cards[game.id].rect.center)
    assert isinstance(d.top, GameStart) and d.top.game is game
    d.frames(2)
    d.tap(d.top.widgets[0].rect.center)          # the one level
    d.frames(2)
    d.until(lambda: type(d.top).__name__ == "AvatarPicker", what="who is playing")
    mia = d.top.cards[1]                         # after the sun, "Just play"
    d.tap(mia.rect.center)
    d.tap(mia.rect.center)                       # her animal again: go
    d.until(lambda: type(d.top).__module__ == "games.write_a.scene", what="the game's scene")
    return d.top


def write_on(d, scene):
    pad = scene.writing.pad
    d.drag([(pad.rect.x + 200, pad.rect.y + 300), (pad.rect.x + 280, pad.rect.y + 100),
            (pad.rect.x + 360, pad.rect.y + 300)])
    d.tap(pad.done_button.rect.center)


def test_the_template_game_plays_from_the_launcher_to_the_stars(make_app, template_registered):
    app, d = start_template(make_app, FakeChecker(True))
    game = registry.load_games()[-1]
    assert game.id == "write_a" and "games.write_a.scene" not in sys.modules, "the launcher imports no scene"
    scene = play_to_the_scene(d, game)
    own = json.loads(readme_game()["phrases.json"])
    assert app.speaker.caption in own["write_a"] and app.phrases.game == "write_a"
    praise = [line.format(letter="A") for line in read_phrase_file(PHRASES_FILE)["wrote_letter"]]
    for _ in range(3):
        write_on(d, scene)
        assert app.speaker.caption in praise, app.speaker.caption   # heard, not cut off by the next prompt
        d.until(lambda: d.top is scene or type(d.top).__name__ == "StarsScreen", what="the celebration's end")
    d.until(lambda: type(d.top).__name__ == "StarsScreen", what="the stars")
    assert d.top.stars == 3 and d.top.letters == ["A", "A", "A"]
    rows = app.progress.store.answers()
    assert [(r["game"], r["level"], r["letter"], r["action"], r["correct"]) for r in rows] == \
        [("write_a", "Three A's", "a", "wrote", 1)] * 3


def test_the_template_game_keeps_the_letter_after_three_misses_and_says_so_truly(make_app, template_registered):
    app, d = start_template(make_app, FakeChecker(False))
    scene = play_to_the_scene(d, registry.load_games()[-1])
    for _ in range(3):
        write_on(d, scene)
    assert scene.written == 1 and scene.helped == 1
    assert app.speaker.caption == "Here is a letter A for you to keep!"
    d.until(lambda: d.top is scene, what="the celebration's end")
    assert scene.state == "write" and app.speaker.caption in json.loads(readme_game()["phrases.json"])["write_a"]
    assert [r["correct"] for r in app.progress.store.answers()] == [0, 0, 0]


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


# -- a declaration checks its own rules ------------------------------------------------------------------

def paint(surface, rect, level=None):
    pass


def declare(**changes):
    """A declaration like a real game's (missing letter's scene and phrases), with ``changes``."""
    fields = dict(id="toy", title="Toy", spoken_name="Toy", how_to_play="Play!",
                  levels=(registry.Level("Easy", 1, picture=paint),), paint_icon=paint,
                  scene="games.missing_letter.scene.MissingLetter")
    return registry.GameInfo(**{**fields, **changes})


def test_a_good_declaration_finds_its_phrases_without_importing_its_scene():
    sys.modules.pop("games.missing_letter.scene", None)
    game = declare()
    assert game.phrases_file == ROOT / "games" / "missing_letter" / "phrases.json"
    assert "games.missing_letter.scene" not in sys.modules


@pytest.mark.parametrize("level, says", [
    (lambda: registry.Level("Easy", 1), "level 'Easy' has no picture: add picture=paint_level"),
    (lambda: registry.Level("", 1, picture=paint), "a level needs a name for grown-ups"),
    (lambda: registry.Level("Easy", 4, picture=paint), "stars (how hard) must be 1, 2 or 3"),
    (lambda: registry.Level("Easy", 1, ["letters", 3], picture=paint), "options must be a dict"),
])
def test_a_level_declared_against_the_rules_says_what_to_add(level, says):
    """Before, a level without a picture was declared quietly and failed only in test_level_pictures.py."""
    with pytest.raises(registry.DeclarationError, match=re.escape(says)):
        level()


@pytest.mark.parametrize("changes, says", [
    ({"id": "Write A"}, "a game's id is its folder's name"),
    ({"how_to_play": " "}, "game 'toy': add how_to_play="),
    ({"levels": ()}, "levels must be a tuple of one or more Level(...)"),
    ({"levels": [registry.Level("Easy", 1, picture=paint)]}, "levels must be a tuple"),
    ({"levels": (registry.Level("Easy", 1, picture=paint), registry.Level("Easy", 2, picture=paint))},
     "two levels share a name"),
    ({"paint_icon": None}, "add paint_icon"),
    ({"players": (2, 1)}, "players is (fewest, most) with 1 <= fewest <= most <= 4"),
    ({"players": (1, 5)}, "players is (fewest, most)"),
    ({"players": (0, 2)}, "players is (fewest, most)"),
    ({"options": (registry.GameOption("x", "X"), registry.GameOption("x", "Y"))}, "two options share a key"),
    ({"scene": "games.no_such_game.scene.Nothing"}, "names no module"),
    ({"scene": None}, "scene must be the scene class or its dotted path"),
    ({"scene": "games.engine.app.App"}, "no phrases file"),
])
def test_a_game_declared_against_the_rules_says_what_to_add(changes, says):
    with pytest.raises(registry.DeclarationError, match=re.escape(says)):
        declare(**changes)


def test_a_missing_phrases_file_is_named_with_an_example(tmp_path, monkeypatch):
    (tmp_path / "quiet").mkdir()
    (tmp_path / "quiet" / "__init__.py").write_text("")
    (tmp_path / "quiet" / "scene.py").write_text("class Quiet:\n    pass\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(registry.DeclarationError) as err:
        declare(scene="quiet.scene.Quiet")
    assert str(tmp_path / "quiet" / "phrases.json") in str(err.value) and "beside the scene" in str(err.value)
    sys.modules.pop("quiet", None)

"""Every phrase key the code asks for exists, and every phrase in the data is asked for.

Found by reading the source (``ast``), not from a list kept by hand: a key is the first argument of a
``phrases.get(...)`` call, or of a call to a method that passes its argument on to ``phrases.get``
(trace_write's ``self.say(key)``). A key may be a literal, ``"a" if x else "b"``, an f-string
(``f"missing_{part}"`` matches every key of that shape), a variable set to one of those in the same
function, or ``{...}.get(kind, default)`` / ``{...}[kind]``. Anything else fails the test: keep keys readable here.

Code in ``games/<id>/`` speaks from that game's ``phrases.json`` first and the engine's after; code
anywhere else in ``games/`` only from the engine's ``assets/speech/phrases.json``.
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from fakes import TEMPLATE_GAMES

from games.engine.voice.phrases import BUILT_IN_PHRASES, PHRASES_FILE, read_phrase_file

ROOT = Path(__file__).resolve().parents[2]
GAMES_DIR = ROOT / "games"
ENGINE = "(engine)"


@dataclass(frozen=True)
class Use:
    """One phrase key (or key pattern) the code asks for."""

    pattern: str      # a regular expression that the key must match whole
    namespace: str    # the game id whose folder holds the code, or ENGINE
    where: str        # file:line, for the failure message

    def matches(self, key: str) -> bool:
        return re.fullmatch(self.pattern, key) is not None


def _is_phrases_get(call: ast.Call) -> bool:
    func = call.func
    if not (isinstance(func, ast.Attribute) and func.attr == "get"):
        return False
    owner = func.value
    return (isinstance(owner, ast.Attribute) and owner.attr == "phrases") or \
        (isinstance(owner, ast.Name) and owner.id == "phrases")


def _called_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
        return func.attr
    if isinstance(func, ast.Name):
        return func.id
    return None


class _Scanner:
    def __init__(self, path: Path, root: Path):
        self.path, self.root = path, root
        self.tree = ast.parse(path.read_text(encoding="utf-8"))
        self.parents: dict[ast.AST, ast.AST] = {}
        for node in ast.walk(self.tree):
            for child in ast.iter_child_nodes(node):
                self.parents[child] = node
        self.problems: list[str] = []

    def where(self, node) -> str:
        return f"{self.path.relative_to(self.root)}:{node.lineno}"

    def function_of(self, node) -> ast.FunctionDef | None:
        while node in self.parents:
            node = self.parents[node]
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                return node
        return None

    def wrappers(self) -> set[str]:
        """Functions that hand their first argument (after self) straight to ``phrases.get``."""
        names = set()
        for call in ast.walk(self.tree):
            if isinstance(call, ast.Call) and _is_phrases_get(call) and call.args \
                    and isinstance(call.args[0], ast.Name):
                func = self.function_of(call)
                params = [a.arg for a in func.args.args] if func else []
                if params and params[0] == "self":
                    params = params[1:]
                if params and params[0] == call.args[0].id:
                    names.add(func.name)
        return names

    def patterns(self, expr, func) -> list[str] | None:
        """Regular expressions for the keys `expr` can be; None when they cannot be read from the code."""
        if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
            return [re.escape(expr.value)]
        if isinstance(expr, ast.JoinedStr):
            return ["".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+"
                            for part in expr.values)]
        if isinstance(expr, ast.IfExp):
            return self._all([expr.body, expr.orelse], func)
        if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) and expr.func.attr == "get" \
                and isinstance(expr.func.value, ast.Dict):   # {kind: key, ...}.get(kind, default)
            return self._all(list(expr.func.value.values) + expr.args[1:], func)
        if isinstance(expr, ast.Subscript) and isinstance(expr.value, ast.Dict):   # {kind: key, ...}[kind]
            return self._all(list(expr.value.values), func)
        if isinstance(expr, ast.Attribute) and expr.attr == "prompt":
            return []   # a declared state's prompt (GameScene says it): its key is read where the State is made
        if isinstance(expr, ast.Name) and func is not None:
            values = [node.value for node in ast.walk(func) if isinstance(node, ast.Assign)
                      and any(isinstance(t, ast.Name) and t.id == expr.id for t in node.targets)]
            return self._all(values, func) if values else None
        return None

    def _all(self, exprs, func):
        found = []
        for e in exprs:
            p = self.patterns(e, func)
            if p is None:
                return None
            found += p
        return found

    def uses(self, namespace: str) -> list[Use]:
        wrappers = self.wrappers()
        found = []
        for call in ast.walk(self.tree):
            if isinstance(call, ast.Call) and _called_name(call) == "State":   # a state's prompt="key"
                found += [Use(p, namespace, self.where(call)) for kw in call.keywords if kw.arg == "prompt"
                          for p in (self.patterns(kw.value, None) or [])]
            if not isinstance(call, ast.Call) or not call.args:
                continue
            if not (_is_phrases_get(call) or _called_name(call) in wrappers):
                continue
            func = self.function_of(call)
            if isinstance(call.args[0], ast.Name) and func is not None and func.name in wrappers:
                continue   # the wrapper itself: its callers name the keys
            patterns = self.patterns(call.args[0], func)
            if patterns is None:
                self.problems.append(f"{self.where(call)}: cannot tell which phrase key {ast.unparse(call.args[0])!r} is")
                continue
            found += [Use(p, namespace, self.where(call)) for p in patterns]
        return found


def scan(root: Path = GAMES_DIR) -> tuple[list[Use], list[str]]:
    """Every phrase key use under `root` (a folder like ``games/``), and the uses that cannot be read."""
    uses, problems = [], []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        namespace = parts[0] if len(parts) > 1 and (root / parts[0] / "phrases.json").exists() else ENGINE
        scanner = _Scanner(path, root)
        uses += scanner.uses(namespace)
        problems += scanner.problems
    return uses, problems


def phrase_data(root: Path = GAMES_DIR, engine_file: Path = PHRASES_FILE) -> dict[str, set[str]]:
    """The keys of the engine's phrases and of each game's, by namespace."""
    data = {ENGINE: set(read_phrase_file(engine_file))}
    for path in sorted(root.glob("*/phrases.json")):
        data[path.parent.name] = set(read_phrase_file(path))
    return data


def check(uses: list[Use], data: dict[str, set[str]]) -> list[str]:
    """What is wrong: keys asked for but missing, phrases never asked for, game keys hiding engine keys."""
    wrong = []
    for use in uses:
        own = data.get(use.namespace, set()) if use.namespace != ENGINE else set()
        if not any(use.matches(k) for k in own | data[ENGINE]):
            wrong.append(f"{use.where}: no phrase {use.pattern!r} in {use.namespace}")
    for namespace, keys in data.items():
        asking = [u for u in uses if u.namespace == namespace or namespace == ENGINE]
        for key in sorted(keys):
            if not any(u.matches(key) for u in asking):
                wrong.append(f"phrase {key!r} of {namespace} is never said")
        if namespace != ENGINE:
            wrong += [f"{namespace}'s phrase {key!r} hides the engine's" for key in sorted(keys & data[ENGINE])]
    return wrong


def test_every_phrase_key_used_exists_and_every_phrase_is_used():
    uses, problems = scan()
    assert not problems, problems
    assert len({u.namespace for u in uses}) >= 5, "the engine and every game ask for phrases"
    assert check(uses, phrase_data()) == []


def test_the_template_games_phrase_keys_exist_and_are_all_said():
    """The README's "Adding a game" (tests/games/template_game/write_a/) keeps the same rules."""
    uses, problems = scan(TEMPLATE_GAMES)
    assert not problems, problems
    assert {u.namespace for u in uses} == {"write_a"}
    data = {**phrase_data(), **phrase_data(TEMPLATE_GAMES)}
    engine_uses, _ = scan()
    assert check(uses + engine_uses, data) == []


def test_the_built_in_phrases_are_engine_phrases():
    assert set(BUILT_IN_PHRASES) <= phrase_data()[ENGINE]


# -- the scan itself finds what is wrong ---------------------------------------------------------------

def _tree(tmp_path, engine_keys, game_keys, scene_code):
    import json
    (tmp_path / "engine").mkdir(parents=True)
    (tmp_path / "engine" / "phrases.json").write_text(json.dumps({k: ["x"] for k in engine_keys}))
    game = tmp_path / "games" / "toy"
    game.mkdir(parents=True)
    (game / "phrases.json").write_text(json.dumps({k: ["x"] for k in game_keys}))
    (game / "scene.py").write_text(scene_code)
    return scan(tmp_path / "games"), phrase_data(tmp_path / "games", tmp_path / "engine" / "phrases.json")


SCENE = '''
class Toy:
    def enter(self, kind, part):
        self.app.phrases.get("hello")
        key = "big" if kind else "small"
        self.app.phrases.get(key, letter="a")
        self.say({"missing": f"missing_{part}"}.get(kind, "plain"))
        self.say({"a": "big"}[kind])

    def say(self, key):
        self.app.speaker.say(self.app.phrases.get(key))
'''


def test_a_declared_states_prompt_key_is_a_use(tmp_path):
    scene = 'STATES = {"ask": State(shows=("pad",), prompt="hello"), "go": State(prompt=lambda g: g.line())}\n'
    (uses, problems), data = _tree(tmp_path / "right", ["hello"], [], scene)
    assert problems == [] and check(uses, data) == []
    (uses, problems), data = _tree(tmp_path / "wrong", ["hello"], [], scene.replace('"hello"', '"hullo"'))
    assert any("no phrase 'hullo'" in w for w in check(uses, data))


def test_the_scan_reads_literals_choices_fstrings_and_wrappers(tmp_path):
    (uses, problems), data = _tree(tmp_path, ["hello"], ["big", "small", "missing_dot", "plain"], SCENE)
    assert problems == []
    assert check(uses, data) == []


@pytest.mark.parametrize("engine,game,expected", [
    (["hello"], ["big", "small", "missing_dot", "plain", "spare"], "'spare' of toy is never said"),
    (["hello", "spare"], ["big", "small", "missing_dot", "plain"], "'spare' of (engine) is never said"),
    (["hello"], ["big", "missing_dot", "plain"], "no phrase 'small'"),
    (["hello"], ["big", "small", "plain"], "no phrase 'missing_.+'"),
    (["hello", "big"], ["big", "small", "missing_dot", "plain"], "toy's phrase 'big' hides the engine's"),
])
def test_the_scan_finds_missing_unused_and_hiding_phrases(tmp_path, engine, game, expected):
    (uses, _), data = _tree(tmp_path, engine, game, SCENE)
    assert any(expected in w for w in check(uses, data)), check(uses, data)


def test_a_key_the_scan_cannot_read_fails(tmp_path):
    (_, problems), _ = _tree(tmp_path, ["hello"], [], "def f(app, keys):\n    app.phrases.get(keys[0])\n")
    assert problems and "keys[0]" in problems[0]

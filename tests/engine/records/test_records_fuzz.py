"""Fuzz: class lists and exports of every kind a teacher may be handed (types, encodings, sizes, names
with NUL, ESC, BEL, RLO, zero-width and combining forms), each imported through the Children page by
real events; after each file the picker, the Children page, the class grid, a child's page and the
report are played, and what the database holds is checked (issue 20, items 4-6 and 8).

``LETTERPLAY_FUZZ_SEED`` and ``LETTERPLAY_FUZZ_FILES`` (default 20 and 30) run other or more files.
"""
from __future__ import annotations

import json
import math
import os
import random
from pathlib import Path

import pygame
import pytest
from fakes import Driver
from play_pages import button, clear_text, play_grownups_pages, play_picker, type_text

from games.engine.grownups.dialogs import Confirm, TextEntry
from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.records import exchange
from games.engine.records.names import MAX_NAME, clean_name
from games.launcher import Launcher

SEED = int(os.environ.get("LETTERPLAY_FUZZ_SEED", "20"))
FILES = int(os.environ.get("LETTERPLAY_FUZZ_FILES", "30"))
BASE_NAMES = ["Mia", "Zoë", "Chloé", "Šárka", "Œdipe", "Tom", "Леся", "李娜", "محمد", "Ünal", "O'Neil", "Ana-Lu",
              "Jean Paul", "🦊 Fox", "Ngozi", "Zoe\u0308", "A" * 60]
INVISIBLE = ["\x00", "\x1b", "\x07", "\u202e", "\u200b", "\u200d", "\ufeff", "\u2066", "\u00ad"]
ODD = INVISIBLE + ["\u0301" * 3, "\u0301" * 40, "\t", "  ", "\x7f", "\x1b[31m", "=", "+", "-", "@", "\"", ",", ";"]
CLASSES = ["Ducks", "Owls", "Zoë's", "Леся"]
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "bom-utf-16-be", "cp1252", "utf-32"]


def odd_name(rng) -> str:
    name = rng.choice(BASE_NAMES)
    for _ in range(rng.choice((0, 1, 1, 2, 4))):
        at = rng.randrange(len(name) + 1)
        name = name[:at] + rng.choice(ODD) + name[at:]
    roll = rng.random()
    if roll < 0.05:
        return rng.choice(["", "   ", "\x00\x00", "\u200b", "\u0301"])   # nothing left once cleaned
    if roll < 0.1:
        return name * 8   # longer than any name kept
    return name


def odd_class(rng) -> str:
    name = rng.choice(CLASSES)
    if rng.random() < 0.5:
        at = rng.randrange(len(name) + 1)
        name = name[:at] + rng.choice(INVISIBLE) + name[at:]
    return name.upper() if rng.random() < 0.1 else name


def encode(text: str, encoding: str) -> bytes:
    if encoding == "bom-utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be", "surrogatepass")
    if encoding == "cp1252":
        return text.encode("cp1252", "replace")
    return text.encode(encoding, "surrogatepass" if encoding.startswith("utf") else "strict")


def class_list_file(rng, folder: Path) -> tuple[Path, str]:
    """A class list as a spreadsheet (or something else) might save it; its path and what it is."""
    path = folder / rng.choice(["class.csv", "Class list.txt", "élèves.csv", "list"])
    roll = rng.random()
    if roll < 0.06:
        path.write_bytes(os.urandom(rng.choice((10, 3000, 200_000))))
        return path, "random bytes"
    if roll < 0.1:
        path.write_bytes(rng.choice([b"PK\x03\x04", b"\xd0\xcf\x11\xe0", b"%PDF-1.4", b"\x89PNG\r\n"]) + os.urandom(2000))
        return path, "another program's file"
    if roll < 0.13:
        path.write_bytes(b"Mia,Tom\n" * 150_000)
        return path, "1.2 MB"
    if roll < 0.16:
        path.write_text("".join(f"Child {i}\n" for i in range(rng.choice((201, 5000)))))
        return path, "a whole school"
    if roll < 0.18:
        path.write_bytes(b"")
        return path, "empty"
    sep = rng.choice([",", ";", "\t"])
    rows = [["Name", "Age"]] if rng.random() < 0.5 else []
    rows += [[odd_name(rng), str(rng.randint(3, 6))] for _ in range(rng.randint(1, 12))]
    lines = []
    for row in rows:
        cells = ['"' + c.replace('"', '""') + '"' if rng.random() < 0.3 or any(x in c for x in ",;\t\"\r\n") else c
                 for c in row]
        lines.append(sep.join(cells))
    encoding = rng.choice(ENCODINGS)
    path.write_bytes(encode(rng.choice(["\r\n", "\n"]).join(lines) + rng.choice(["", "\r\n", "\n\n"]), encoding))
    return path, f"{len(rows)} rows in {encoding}"


def odd_value(rng):
    return rng.choice([None, [], ["x"], {"a": 1}, 7, -1, 1e308, float("inf"), float("nan"), True, "", "x" * 500, "\x00",
                       "\ud800", 10 ** 30])


def export_file(rng, folder: Path) -> tuple[Path, str]:
    """A progress export as another computer (or something else) might have left it."""
    path = folder / rng.choice(["progress.json", "letterplay-progress-2024.json", "export"])
    roll = rng.random()
    if roll < 0.05:
        path.write_bytes(os.urandom(rng.choice((10, 5000))))
        return path, "random bytes"
    if roll < 0.08:
        path.write_bytes(b"[" * 200_000)
        return path, "nested"
    children = [{"uid": f"c{i}", "name": odd_name(rng), "class": odd_class(rng),
                 "animal": rng.choice(["Cat", "Owl", "Dragon", None]), "color": rng.choice(["blue", "red", "plaid", 3])}
                for i in range(rng.randint(0, 6))]
    answers = []
    for i in range(rng.randint(0, 60)):
        a = {"uid": f"a{rng.randrange(10 ** 9)}", "child": f"c{rng.randrange(max(1, len(children)))}",
             "at": rng.uniform(1.5e9, 1.8e9), "game": "g", "level": "1", "letter": rng.choice("abcxyzAB"),
             "letter_case": rng.choice(["upper", "lower"]), "action": rng.choice(["tapped", "found", "wrote"]),
             "correct": rng.choice([0, 1, True, False]), "chosen": None, "best_guess": None,
             "confidence": rng.choice([None, 0.5]), "help": rng.choice(["none", "guide", "choices"]),
             "seconds": rng.choice([None, 2.5]),
             "strokes": rng.choice([None, None, json.dumps([[[x, x * 2] for x in range(rng.choice((5, 2500)))]]),
                                    "[[1,2]]", '{"a":1}', "[[[\"x\", 1]]]"])}
        if rng.random() < 0.3:
            a[rng.choice(list(a))] = odd_value(rng)
        answers.append(a)
    data = {"format": "letterplay-progress", "version": rng.choice([1, 1, 1, 1, 2, "1", None]), "classes": [],
            "children": children, "answers": answers}
    if rng.random() < 0.1:
        data[rng.choice(["children", "answers", "format"])] = odd_value(rng)
    if rng.random() < 0.1:
        data = rng.choice([[data], "text", None, 5])
    text = json.dumps(data, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.08:
        text = text[:rng.randrange(len(text) + 1)]   # cut short
    encoding = rng.choice(["utf-8", "utf-8", "utf-8-sig", "utf-16"])
    path.write_bytes(encode(text, encoding))
    if rng.random() < 0.05:
        path.write_bytes(path.read_bytes() + b" " * (exchange.MAX_BYTES + 1 - path.stat().st_size))
    return path, f"{len(children)} children, {len(answers)} answers in {encoding}"


def hand_in(drv, screen, label, path) -> str | None:
    """Press ``label`` ("Import list" / "Import"), type the file's path and Enter; the error shown, or None."""
    drv.tap(button(screen, label).rect.center)
    entry = drv.top
    assert isinstance(entry, TextEntry)
    clear_text(drv)
    type_text(drv, str(path))
    drv.key(pygame.K_RETURN)
    if drv.top is screen:
        return None
    assert drv.top is entry and entry.error, "the dialog neither closed nor said why"
    error = entry.error
    drv.key(pygame.K_ESCAPE)
    assert drv.top is screen
    return error


def check_the_database(store):
    for name in [c.name for c in store.classes()] + [c.name for c in store.children()]:
        assert name and clean_name(name) == name and len(name) <= MAX_NAME, repr(name)
    for row in store.answers():
        assert math.isfinite(row["at"]) and 0 <= row["at"] < exchange.LATEST
        assert row["letter"] in "abcdefghijklmnopqrstuvwxyz" and len(row["letter"]) == 1
        for key in ("game", "level", "uid"):
            assert isinstance(row[key], str)
        if row["strokes"] is not None:
            strokes = json.loads(row["strokes"])
            assert sum(len(s) for s in strokes) <= exchange.MAX_STROKE_POINTS
            assert all(isinstance(v, int) for s in strokes for p in s for v in p)


@pytest.mark.parametrize("seed", [SEED])
def test_any_file_handed_in_leaves_every_page_playable(make_app, tmp_path, monkeypatch, seed):
    monkeypatch.setattr(exchange, "MAX_BYTES", 400_000)   # the size cap, met with smaller files
    rng = random.Random(seed)
    app = make_app()
    store = app.progress.store
    app.progress.keep_writing = True
    app.push(Launcher(app))
    drv = Driver(app)
    kinds = {"list ok": 0, "list refused": 0, "export ok": 0, "export refused": 0}
    for n in range(FILES):
        folder = tmp_path / f"file{n}"
        folder.mkdir()
        as_class_list = n % 2 == 0
        if as_class_list:
            klass = store.add_class(odd_class(rng))
            app.progress.set_active_class(klass.id)
            path, what = class_list_file(rng, folder)
        else:
            path, what = export_file(rng, folder)
        handed = path.read_bytes()
        screen = ProfilesScreen(app)
        app.push(screen)
        drv.frames(1)
        error = hand_in(drv, screen, "Import list" if as_class_list else "Import", path)
        kind = ("list " if as_class_list else "export ") + ("refused" if error else "ok")
        kinds[kind] += 1
        if error:
            assert "\n" not in error and len(error) < 300, (what, error)
        assert sorted(folder.iterdir()) == [path] and path.read_bytes() == handed, f"{what}: the file was changed"
        check_the_database(store)
        klass = app.progress.active_class()
        if klass is not None and len(store.children(klass.id)) > 16:   # keep the reports quick: the class goes
            drv.tap(button(screen, "Delete class").rect.center)
            assert isinstance(drv.top, Confirm)
            drv.tap(button(drv.top, "Delete").rect.center)
        drv.tap(button(screen, "Back").rect.center)
        play_picker(drv)
        klass = app.progress.active_class()
        play_grownups_pages(drv, only={klass.id} if klass else set())
    assert all(kinds.values()), kinds   # each kind of outcome was met

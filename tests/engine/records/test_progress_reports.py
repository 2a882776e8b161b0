"""Reports, class lists and moving records between computers."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest

from games.engine.grownups import report
from games.engine.records.classlist import export_names, import_names, read_names
from games.engine.records.progress import Answer, Progress

ROOT = Path(__file__).resolve().parents[3]


def machine(path):
    return Progress.open(path)


def add(progress, class_name, name, animal="Cat", color="blue"):
    k = progress.store.add_class(class_name)
    return progress.store.add_child(k.id, name, animal, color)


def answer(progress, child, letter, n=1, action="wrote", correct=True):
    progress.choose(child)
    for _ in range(n):
        assert progress.record(Answer("test", "1", letter, None, action, correct))


def test_report_writes_a_long_csv_and_an_a4_page_per_child(tmp_path):
    p = machine(tmp_path / "p.db")
    mia, tom = add(p, "Ducks", "Mia"), add(p, "Ducks", "Tom")
    answer(p, mia, "b", 3)
    answer(p, mia, "M", 2, action="tapped")
    answer(p, mia, "x", 1, correct=False)
    files = report.write_report(p, tmp_path / "out")
    assert sorted(f.name for f in files) == ["Ducks-Mia.png", "Ducks-Tom.png", "class.csv"]
    rows = list(csv.DictReader(open(tmp_path / "out" / "class.csv", encoding="utf-8")))
    assert list(rows[0]) == list(report.CSV_FIELDS)
    assert len(rows) == 2 * 52
    b = next(r for r in rows if r["child"] == "Mia" and r["letter"] == "b")
    assert (b["case"], b["seen"], b["right"], b["written"], b["mark"]) == ("lower", "3", "3", "3", "writes")
    m = next(r for r in rows if r["child"] == "Mia" and r["letter"] == "M")
    assert (m["case"], m["written"], m["mark"]) == ("upper", "0", "recognises")
    x = next(r for r in rows if r["child"] == "Mia" and r["letter"] == "x")
    assert (x["seen"], x["right"], x["mark"]) == ("1", "0", "seen")
    assert all(r["seen"] == "0" and r["last_seen"] == "" for r in rows if r["child"] == "Tom")
    page = pygame.image.load(str(tmp_path / "out" / "Ducks-Mia.png"))
    w, h = page.get_size()
    assert (w, h) == report.PAGE_SIZE and abs(h / w - 297 / 210) < 0.01   # A4
    p.close()


def test_the_parent_version_speaks_of_growth_without_percentages(tmp_path):
    p = machine(tmp_path / "p.db")
    mia = add(p, "Ducks", "Mia")
    for c in "bdp":
        answer(p, mia, c, 3)
    answer(p, mia, "q", 1, correct=False)
    lines = report.growth_sentences("Mia", p.states(mia.id))
    text = " ".join(lines)
    assert "Mia can now write b, d and p." in lines
    assert "%" not in text and "percent" not in text.lower()
    assert "wrong" not in text.lower() and "fail" not in text.lower()
    assert report.growth_sentences("Tom", {})[0] == "Tom has just started playing with letters."
    p.close()


def test_the_report_command_runs_from_the_command_line(tmp_path, user_home):
    p = Progress.open()   # the user's own file (LETTERPLAY_HOME)
    mia = add(p, "Ducks", "Mia")
    answer(p, mia, "b", 2)
    p.close()
    env = {**os.environ, "LETTERPLAY_HOME": str(user_home)}
    out = subprocess.run([sys.executable, "main.py", "report", "--out", str(tmp_path / "r")], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "r" / "class.csv").exists() and (tmp_path / "r" / "Ducks-Mia.png").exists()
    bad = subprocess.run([sys.executable, "main.py", "report", "--out", str(tmp_path / "r"), "--class", "Owls"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "no class called 'Owls'" in bad.stderr


def test_a_deleted_child_is_never_in_a_report(tmp_path):
    p = machine(tmp_path / "p.db")
    mia, tom = add(p, "Ducks", "Mia"), add(p, "Ducks", "Tom")
    answer(p, mia, "b", 2)
    p.delete_child(mia)
    files = report.write_report(p, tmp_path / "out")
    assert [f.name for f in files] == ["class.csv", "Ducks-Tom.png"]
    assert "Mia" not in (tmp_path / "out" / "class.csv").read_text(encoding="utf-8")
    p.close()


# -- class lists ------------------------------------------------------------------------------------

def test_a_class_list_is_read_one_name_a_line(tmp_path):
    f = tmp_path / "class.csv"
    f.write_bytes("\ufeffName\nMia\n  Tom  \n\nmia\nZoë,5 years\n".encode("utf-8"))
    assert read_names(f) == ["Mia", "Tom", "Zoë"]
    with pytest.raises(ValueError, match="no file"):
        read_names(tmp_path / "missing.csv")


def test_class_lists_go_in_and_out_and_every_child_gets_an_avatar_of_their_own(tmp_path):
    p = machine(tmp_path / "p.db")
    k = p.store.add_class("Ducks")
    assert import_names(p.store, k.id, ["Mia", "Tom", "Leo"]) == (3, 0)
    assert import_names(p.store, k.id, ["tom", "Ava"]) == (1, 1)   # Tom is already there
    kids = p.store.children(k.id)
    assert len({(c.animal, c.color) for c in kids}) == 4
    out = tmp_path / "back.csv"
    assert export_names(p.store, k.id, out) == 4
    assert read_names(out) == ["Ava", "Leo", "Mia", "Tom"]
    p.close()


# -- moving records between computers ---------------------------------------------------------------

def test_merging_exports_never_counts_an_answer_twice(tmp_path):
    a, b = machine(tmp_path / "a.db"), machine(tmp_path / "b.db")
    mia_a, mia_b = add(a, "Ducks", "Mia"), add(b, "ducks", " mia ")   # the same child, typed differently
    leo_b = add(b, "Ducks", "Leo", "Owl", "red")
    answer(a, mia_a, "b", 3)
    answer(b, mia_b, "d", 2)
    answer(b, leo_b, "s", 1)
    a.store.export_file(tmp_path / "a.json")
    b.store.export_file(tmp_path / "b.json")
    first = b.store.import_file(tmp_path / "a.json")
    assert (first["children_matched"], first["children_added"], first["answers_added"]) == (1, 0, 3)
    again = b.store.import_file(tmp_path / "a.json")
    assert (again["answers_added"], again["answers_already_here"]) == (0, 3)
    a.store.import_file(tmp_path / "b.json")
    b.store.export_file(tmp_path / "b2.json")
    a.store.import_file(tmp_path / "b2.json")   # b's copy of a's own answers comes back: still once
    for p in (a, b):
        p.forget_cache()
        assert p.store.count_answers() == 6
        names = sorted(c.name for c in p.store.children())
        assert len(names) == 2 and "Leo" in names
        mia = next(c for c in p.store.children() if c.name.strip().lower() == "mia")
        st = p.states(mia.id)
        assert st[("b", "lower")].seen == 3 and st[("d", "lower")].seen == 2
    leo_a = next(c for c in a.store.children() if c.name == "Leo")
    assert (leo_a.animal, leo_a.color) == ("Owl", "red")
    a.close()
    b.close()


def test_an_import_does_not_bring_back_a_deleted_child(tmp_path):
    a, b = machine(tmp_path / "a.db"), machine(tmp_path / "b.db")
    answer(a, add(a, "Ducks", "Mia"), "b", 2)
    a.store.export_file(tmp_path / "a.json")
    b.store.import_file(tmp_path / "a.json")
    mia_b = b.store.children()[0]
    b.delete_child(mia_b)
    counts = b.store.import_file(tmp_path / "a.json")
    assert counts["children_skipped_deleted"] == 1 and counts["answers_added"] == 0
    assert b.store.children() == [] and b.store.count_answers() == 0
    k = b.store.classes()[0]
    b.store.add_child(k.id, "Mia", "Cat", "blue")   # a grown-up adds her again on purpose: she can merge again
    assert b.store.import_file(tmp_path / "a.json")["answers_added"] == 2
    a.close()
    b.close()


def test_a_file_that_is_not_an_export_is_refused_and_changes_nothing(tmp_path):
    p = machine(tmp_path / "p.db")
    add(p, "Ducks", "Mia")
    for text in ("not json", json.dumps({"format": "something else"}), json.dumps([1, 2])):
        f = tmp_path / "x.json"
        f.write_text(text)
        with pytest.raises(ValueError):
            p.store.import_file(f)
    assert [c.name for c in p.store.children()] == ["Mia"]
    p.close()


def test_export_and_import_commands(tmp_path, user_home):
    other = machine(tmp_path / "other.db")
    answer(other, add(other, "Ducks", "Mia"), "b", 2)
    other.store.export_file(tmp_path / "other.json")
    other.close()
    env = {**os.environ, "LETTERPLAY_HOME": str(user_home)}
    run = lambda *args: subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True,
                                       text=True, timeout=120)
    out = run("import", str(tmp_path / "other.json"))
    assert out.returncode == 0 and "1 children added" in out.stdout and "2 answers added" in out.stdout, out
    out = run("import", str(tmp_path / "other.json"))
    assert "0 answers added, 2 already here" in out.stdout
    out = run("export", "--out", str(tmp_path / "mine.json"))
    assert out.returncode == 0 and len(json.loads((tmp_path / "mine.json").read_text())["answers"]) == 2
    bad = run("import", str(tmp_path / "missing.json"))
    assert bad.returncode == 1 and "letterplay:" in bad.stderr

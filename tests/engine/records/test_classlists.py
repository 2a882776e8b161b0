"""Class lists: what a spreadsheet saves is read as meant, anything else gets one line of explanation,
and the teacher's own file is never renamed (issue 20, item 5)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pygame
import pytest
from fakes import Driver
from play_pages import button, clear_text, type_text

from games.engine.grownups.profiles_screen import ProfilesScreen
from games.engine.records.classlist import MAX_CLASS, export_names, import_names, read_names
from games.engine.records.store import Store
from games.launcher import Launcher

ROOT = Path(__file__).resolve().parents[3]
NAMES = ["Zoë", "Chloé", "Šárka", "Œdipe", "Mia"]


def only_the_file_is_there(folder: Path, name: str, data: bytes | None = None):
    """The teacher's file is still where she left it, unchanged, and nothing was set aside beside it."""
    assert sorted(p.name for p in folder.iterdir()) == [name]
    if data is not None:
        assert (folder / name).read_bytes() == data


@pytest.mark.parametrize("encoding, bom", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"),
    ("utf-16-le", b""), ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b""), ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"),
])
def test_a_spreadsheets_unicode_text_is_read_in_any_form(tmp_path, encoding, bom):
    text = "Name\tAge\r\n" + "".join(f"{n}\t5\r\n" for n in NAMES)   # Excel's "Unicode Text": tabs
    path = tmp_path / "class.txt"
    path.write_bytes(bom + text.encode(encoding))
    assert read_names(path) == NAMES


@pytest.mark.parametrize("sep", [",", ";"])
def test_the_windows_code_page_is_read_as_windows_wrote_it(tmp_path, sep):
    path = tmp_path / "class.csv"
    path.write_bytes(("Name" + sep + "Group\r\n" + "".join(f"{n}{sep}A\r\n" for n in NAMES)).encode("cp1252"))
    assert read_names(path) == NAMES   # Š and Œ are not control characters


@pytest.mark.parametrize("data, says", [
    (b"PK\x03\x04" + os.urandom(300), "save it as CSV"),
    (b"\xd0\xcf\x11\xe0" + os.urandom(300), "Excel"),
    (bytes(range(256)) * 20, "does not hold text"),
    (b"\x00\x01\x02\x03" * 500, "does not hold text"),
    (b"\xff\xfeM\x00i\x00\x00\xd8", "could not be read as UTF-16"),   # half a surrogate pair
    ("Mia\n".encode() + b"\x1b\x07\x08" * 50, "does not hold text"),
])
def test_a_file_that_is_not_a_list_of_names_gets_one_line_and_stays_as_it_was(tmp_path, data, says):
    path = tmp_path / "class.csv"
    path.write_bytes(data)
    with pytest.raises(ValueError, match=says) as err:
        read_names(path)
    assert "\n" not in str(err.value) and "class.csv" in str(err.value)
    only_the_file_is_there(tmp_path, "class.csv", data)


def test_a_big_file_is_refused_and_never_renamed(tmp_path):
    path = tmp_path / "big list.csv"
    data = b"".join(b"Child number %d,with a long note about the child\n" % i for i in range(26_000))   # 1.3 MB
    path.write_bytes(data)
    with pytest.raises(ValueError, match=r"too big for a class list \(1.3 MB; at most 1 MB\)"):
        read_names(path)
    only_the_file_is_there(tmp_path, "big list.csv", data)


def test_a_list_longer_than_a_class_is_refused(tmp_path):
    path = tmp_path / "school.csv"
    path.write_text("".join(f"C{i}\n" for i in range(100_000)))   # 100,000 rows, under the size cap
    with pytest.raises(ValueError, match=f"more than {MAX_CLASS} names"):
        read_names(path)
    path.write_text("".join(f"Child {i}\n" for i in range(MAX_CLASS)))
    assert len(read_names(path)) == MAX_CLASS


def test_an_import_that_would_overfill_the_class_adds_nobody(tmp_path):
    store = Store(tmp_path / "p.db")
    k = store.add_class("Ducks")
    import_names(store, k.id, [f"Child {i}" for i in range(MAX_CLASS - 5)])
    with pytest.raises(ValueError, match=f"at most {MAX_CLASS}"):
        import_names(store, k.id, [f"New {i}" for i in range(6)])
    assert len(store.children(k.id)) == MAX_CLASS - 5
    assert import_names(store, k.id, ["Child 1", "child 1 ", "New 1", "New\u200b 1"]) == (1, 3)
    store.close()


def test_what_is_not_a_file_is_refused_without_waiting_or_moving_it(tmp_path):
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)   # nobody ever writes to it: reading it the usual way waits for ever
    with pytest.raises(ValueError, match="not a file that can be read"):
        read_names(fifo)
    zero = tmp_path / "zero.csv"
    zero.symlink_to("/dev/zero")   # endless
    with pytest.raises(ValueError, match="not a file that can be read"):
        read_names(zero)
    (tmp_path / "folder.csv").mkdir()
    with pytest.raises(ValueError, match="is a folder"):
        read_names(tmp_path / "folder.csv")
    with pytest.raises(ValueError, match="there is no file"):
        read_names(tmp_path / "missing.csv")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.csv", "pipe.csv", "zero.csv"]


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a user that file modes apply to (not root)")
def test_a_file_that_cannot_be_opened_says_why(tmp_path):
    path = tmp_path / "class.csv"
    path.write_text("Mia\n")
    path.chmod(0)
    with pytest.raises(ValueError, match="could not be read"):
        read_names(path)
    only_the_file_is_there(tmp_path, "class.csv")


def test_names_a_spreadsheet_would_run_go_out_quoted_and_come_back_as_they_were(tmp_path):
    store = Store(tmp_path / "p.db")
    k = store.add_class("Ducks")
    names = ["=HYPERLINK(\"x\")", "+Tom", "-Leo", "@Ava", "Mia"]
    import_names(store, k.id, names)
    export_names(store, k.id, tmp_path / "out.csv")
    text = (tmp_path / "out.csv").read_text()
    assert not any(line.startswith(("=", "+", "-", "@")) for line in text.splitlines())
    other = store.add_class("Owls")
    import_names(store, other.id, read_names(tmp_path / "out.csv"))
    assert sorted(c.name for c in store.children(other.id)) == sorted(names)
    store.close()


def test_the_command_line_says_one_line_and_makes_no_empty_class(tmp_path, user_home):
    bad = tmp_path / "class.xlsx"
    bad.write_bytes(b"PK\x03\x04" + bytes(200))
    env = {**os.environ, "LETTERPLAY_HOME": str(user_home)}
    run = subprocess.run([sys.executable, "main.py", "class-list", "import", str(bad), "--class", "Ducks"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert run.stderr.strip().count("\n") == 0 and "save it as CSV" in run.stderr
    store = Store(Store.default_path())
    assert store.classes() == []
    store.close()
    assert bad.exists()


def test_the_children_page_imports_a_unicode_text_list_and_explains_a_bad_one(make_app, tmp_path):
    app = make_app()
    app.progress.store.add_class("Ducks")
    app.push(Launcher(app))
    drv = Driver(app)
    screen = ProfilesScreen(app)
    app.push(screen)
    drv.frames(1)
    good = tmp_path / "ducks.txt"
    good.write_bytes(b"\xff\xfe" + "Name\r\nZoë\r\nMia\r\n".encode("utf-16-le"))
    bad = tmp_path / "ducks.xls"
    bad.write_bytes(b"\xd0\xcf\x11\xe0" + bytes(500))
    for path, ok in ((bad, False), (good, True)):
        drv.tap(button(screen, "Import list").rect.center)
        entry = drv.top
        clear_text(drv)
        type_text(drv, str(path))
        drv.key(pygame.K_RETURN)
        if ok:
            assert drv.top is screen and "2 children added" in screen.notice
        else:
            assert drv.top is entry and "Excel" in entry.error   # said on the dialog; the game goes on
            drv.key(pygame.K_ESCAPE)
        assert path.exists()
    assert sorted(c.name for c in app.progress.store.children()) == ["Mia", "Zoë"]
    drv.frames(2)

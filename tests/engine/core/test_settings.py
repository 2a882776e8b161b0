"""The teacher's settings and the rules for every user file (games/engine/core/storage.py).

A settings file can be anything a crash, a disk, an older or newer Letterplay or a curious grown-up
leaves behind. None of it may stop the game from starting, and a damaged file is set aside (never
silently overwritten) with a sentence on the settings screen saying what happened.
"""
from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from dataclasses import fields
from pathlib import Path

import pytest

from games.engine.core import paths, storage
from games.engine.core.settings import LABELS, Settings
from games.engine.core.storage import UnreadableFile, read_json, write_json_atomic

ROOT = Path(__file__).resolve().parents[3]


def settings_path() -> Path:
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def backups() -> list[Path]:
    return sorted(paths.user_config_dir().glob("settings.json.broken-*"))


def assert_usable(s: Settings):
    """Every field has the type the games expect, so nothing downstream can trip over it."""
    defaults = Settings()
    for f in fields(Settings):
        if f.name in ("problem", "unknown_keys"):
            continue
        value, default = getattr(s, f.name), getattr(defaults, f.name)
        assert type(value) is type(default), (f.name, value)
    assert all(isinstance(g, str) for g in s.hidden_games)
    assert all(isinstance(k, str) and isinstance(v, str) for k, v in s.levels.items())
    for game, options in s.game_options.items():
        assert isinstance(game, str) and isinstance(options, dict)
        assert all(isinstance(k, str) and isinstance(v, bool) for k, v in options.items())
    for name, (lo, hi) in Settings.RANGES.items():
        assert lo <= getattr(s, name) <= hi, name
    s.case, s.active_letters()   # noqa: B018  (both must work)


# -- the basics ----------------------------------------------------------------------------------------

def test_settings_round_trip():
    s = Settings(letter_set="mirror", case_mode="lower", speech_rate=120, week_letters="mxz")
    s.save()
    loaded = Settings.load()
    assert (loaded.letter_set, loaded.case_mode, loaded.speech_rate, loaded.week_letters) == ("mirror", "lower", 120, "mxz")
    assert loaded.problem is None


def test_corrupt_settings_file_is_kept_aside_and_defaults_load():
    path = settings_path()
    path.write_text('{"letter_set": "vowels", ', encoding="utf-8")
    s = Settings.load()
    assert s == Settings()
    assert "reset" in s.problem and "broken" in s.problem
    assert len(backups()) == 1 and backups()[0].read_text(encoding="utf-8").startswith('{"letter_set"')
    assert not path.exists()


def test_settings_with_wrong_values_keep_the_good_ones_and_the_file_is_set_aside_once():
    path = settings_path()
    original = {"letter_set": "vowels", "speech_rate": 999, "case_mode": "sideways", "volume": "loud"}
    write_json_atomic(path, original)
    s = Settings.load()
    assert s.letter_set == "vowels"
    assert s.speech_rate == 200 and s.case_mode == "upper" and s.volume == Settings().volume
    assert "case" in s.problem and "speech speed" in s.problem and "volume" in s.problem
    [backup] = backups()
    assert json.loads(backup.read_text(encoding="utf-8")) == original
    assert backup.name in s.problem
    # the repaired settings took the file's place: the next start is quiet and sets nothing aside
    again = Settings.load()
    assert again.problem is None and again.letter_set == "vowels" and again.case_mode == "upper"
    assert len(backups()) == 1


def test_atomic_write_leaves_the_old_file_when_writing_fails(tmp_path):
    path = tmp_path / "x.json"
    write_json_atomic(path, {"a": 1})
    with pytest.raises(TypeError):
        write_json_atomic(path, {"a": object()})
    assert json.loads(path.read_text()) == {"a": 1}
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_settings_keep_the_coach_choices_and_reset_a_bad_one():
    Settings(stroke_order="strict", case_must_match=True).save()
    loaded = Settings.load()
    assert (loaded.stroke_order, loaded.case_must_match) == ("strict", True)
    write_json_atomic(paths.settings_file(), {"stroke_order": "very strict"})
    loaded = Settings.load()
    assert loaded.stroke_order == "gentle" and "stroke order" in loaded.problem


# -- the fuzz: whatever is in the file, the game starts ---------------------------------------------

DEEP = "[" * 100_000
DAMAGED = {   # content -> the field names the message must mention (None: the whole file was unusable)
    "hidden list inside list": ('{"hidden_games": [["basketball"]]}', ["hidden_games"]),
    "hidden object inside list": ('{"hidden_games": [{"id": "basketball"}], "letter_set": "vowels"}', ["hidden_games"]),
    "hidden is text": ('{"hidden_games": "basketball"}', ["hidden_games"]),
    "levels is a list": ('{"levels": ["easy"]}', ["levels"]),
    "level is a list": ('{"levels": {"basketball": [1]}, "speech": false}', ["levels"]),
    "options as pairs": ('{"game_options": {"candy_match": [["write_to_keep", true]]}}', ["game_options"]),
    "option is text": ('{"game_options": {"candy_match": {"write_to_keep": "yes"}}}', ["game_options"]),
    "options is a list": ('{"game_options": []}', ["game_options"]),
    "volume NaN": ('{"volume": NaN}', ["volume"]),
    "rate infinite": ('{"speech_rate": Infinity}', ["speech_rate"]),
    "rate overflows": ('{"speech_rate": 1e999}', ["speech_rate"]),
    "rate is a bool": ('{"speech_rate": true}', ["speech_rate"]),
    "pen rest negative": ('{"auto_submit": -3}', ["auto_submit"]),
    "speech is 1": ('{"speech": 1}', ["speech"]),
    "fullscreen is text": ('{"fullscreen": "yes"}', ["fullscreen"]),
    "letter set is a list": ('{"letter_set": ["vowels"]}', ["letter_set"]),
    "week letters a number": ('{"week_letters": 7}', ["week_letters"]),
    "week letters no letters": ('{"week_letters": "123"}', ["week_letters"]),
    "stroke order unknown": ('{"stroke_order": "very strict"}', ["stroke_order"]),
    "case must match text": ('{"case_must_match": "no"}', ["case_must_match"]),
    "top-level list": ('[{"letter_set": "vowels"}]', None),
    "top-level text": ('"vowels"', None),
    "top-level null": ("null", None),
    "top-level number": ("3", None),
    "empty file": ("", None),
    "100,000 [": (DEEP, None),
    "100,000 [] closed": (DEEP + "]" * 100_000, None),
    "too deep to save again": ('{"letter_set": "vowels", "future": ' + "[" * 500 + "]" * 500 + "}", None),
    "5,000-digit number": ('{"speech_rate": ' + "9" * 5000 + "}", None),
    "not UTF-8": (b'{"letter_set": "\xff\xfe"}', None),
    "NUL bytes": (b"\x00" * 64, None),
}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    """One app for the whole fuzz (an app per case would double the time of this file)."""
    from fakes import FakeChecker
    from games.engine.app import App
    from games.engine.voice.speech import Speaker
    app = App(settings=Settings(), checker=FakeChecker(),
              speaker=Speaker(enabled=False, cache_dir=tmp_path_factory.mktemp("speech")))
    yield app
    app.shutdown()


def start_with(app, s: Settings):
    """What a start does with the settings: the launcher, a game's start screen, both settings pages."""
    from games.engine.play.common_scenes import GameStart
    from games.engine.grownups.settings_screen import SettingsScreen
    from games.launcher import Launcher
    from games.registry import load_games
    app.home()
    while len(app.scenes):
        app.scenes.pop()
    app.settings = s
    app.push(Launcher(app))
    app.run_frames(1)
    for game in load_games():
        app.push(GameStart(app, game))
        app.run_frames(1)
        app.pop()
    screen = SettingsScreen(app)
    app.push(screen)
    app.run_frames(1)
    screen.show_page("games")
    app.run_frames(1)
    app.pop()


@pytest.mark.parametrize("case", list(DAMAGED), ids=list(DAMAGED))
def test_a_damaged_settings_file_never_stops_the_game_and_is_set_aside_once(case, app):
    content, bad_fields = DAMAGED[case]
    path = settings_path()
    data = content if isinstance(content, bytes) else content.encode("utf-8")
    path.write_bytes(data)

    s = Settings.load()
    assert_usable(s)
    [backup] = backups()
    assert backup.read_bytes() == data, "the damaged file is kept as it was"
    assert s.problem and "reset" in s.problem and backup.name in s.problem
    for name in bad_fields or ():
        assert LABELS[name] in s.problem
    if bad_fields is None:
        assert s == Settings()

    start_with(app, s)
    s.save()
    again = Settings.load()
    assert again.problem is None and again == s
    assert len(backups()) == 1


def test_good_fields_next_to_a_bad_one_are_kept():
    settings_path().write_text(json.dumps({
        "hidden_games": ["basketball", ["x"], {"y": 1}, "candy_match", "basketball"],
        "levels": {"basketball": "Hard", "candy_match": 3},
        "game_options": {"candy_match": {"write_to_keep": True, "other": "yes"}, "basketball": "on"},
        "letter_set": "vowels", "speech_rate": 150.0, "volume": 1, "stroke_order": "strict",
    }), encoding="utf-8")
    s = Settings.load()
    assert s.hidden_games == ["basketball", "candy_match"]
    assert s.levels == {"basketball": "Hard"}
    assert s.game_options == {"candy_match": {"write_to_keep": True}}
    assert (s.letter_set, s.speech_rate, s.volume, s.stroke_order) == ("vowels", 150, 1.0, "strict")
    assert type(s.speech_rate) is int and type(s.volume) is float
    assert s.problem.startswith("Not understood, so reset: game options, games shown, last levels played.")
    assert "letter set" not in s.problem and "speech speed" not in s.problem


# -- what is read: a bounded amount from a regular file -----------------------------------------------

def test_a_settings_file_bigger_than_the_cap_is_set_aside_unread():
    path = settings_path()
    with open(path, "w", encoding="utf-8") as f:   # valid JSON, just absurdly big
        f.write('{"letter_set": "vowels"' + " " * (storage.MAX_BYTES + 10) + "}")
    s = Settings.load()
    assert s == Settings() and "too big" in s.problem
    assert len(backups()) == 1 and not path.exists()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_a_settings_path_pointing_at_an_endless_file_is_set_aside():
    path = settings_path()
    path.symlink_to("/dev/zero")
    s = Settings.load()
    assert s == Settings() and "not a regular file" in s.problem
    [backup] = backups()
    assert backup.is_symlink() and os.readlink(backup) == "/dev/zero"
    assert not os.path.lexists(path)
    s.save()
    assert Settings.load().problem is None


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_at_the_settings_path_does_not_block_the_start():
    path = settings_path()
    os.mkfifo(path)
    result = {}
    loader = threading.Thread(target=lambda: result.setdefault("s", Settings.load()), daemon=True)
    loader.start()
    loader.join(20)   # a watchdog, not a speed test: before the fix this waited forever
    if loader.is_alive():   # free the blocked reader so the test run can go on
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
        loader.join(5)
        pytest.fail("Settings.load() blocked on a FIFO")
    s = result["s"]
    assert s == Settings() and "not a regular file" in s.problem
    assert len(backups()) == 1 and stat.S_ISFIFO(os.lstat(backups()[0]).st_mode)


def test_a_folder_at_the_settings_path_is_set_aside():
    path = settings_path()
    (path / "inside").mkdir(parents=True)
    s = Settings.load()
    assert s == Settings() and s.problem
    assert len(backups()) == 1 and (backups()[0] / "inside").is_dir()
    s.save()
    assert Settings.load().problem is None


def test_a_byte_order_mark_before_valid_json_keeps_every_setting():
    settings_path().write_bytes(b"\xef\xbb\xbf" + json.dumps({"letter_set": "vowels", "speech_rate": 110}).encode())
    s = Settings.load()
    assert (s.letter_set, s.speech_rate, s.problem) == ("vowels", 110, None)
    assert backups() == []


def test_a_symlinked_settings_file_is_read_and_written_through_the_link(tmp_path):
    real = tmp_path / "dotfiles" / "letterplay.json"
    real.parent.mkdir()
    real.write_text('{"letter_set": "vowels"}', encoding="utf-8")
    settings_path().symlink_to(real)
    s = Settings.load()
    assert s.letter_set == "vowels"
    s.speech_rate = 100
    s.save()
    assert settings_path().is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["speech_rate"] == 100


def test_a_symlinked_settings_file_with_a_bad_field_is_repaired_through_the_link(tmp_path):
    real = tmp_path / "dotfiles" / "letterplay.json"
    real.parent.mkdir()
    real.write_text('{"letter_set": "vowels", "volume": "loud"}', encoding="utf-8")
    os.chmod(real, 0o640)
    settings_path().symlink_to(real)
    s = Settings.load()
    assert s.letter_set == "vowels" and "volume" in s.problem
    assert settings_path().is_symlink()
    assert json.loads(real.read_text(encoding="utf-8"))["volume"] == Settings().volume
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    [backup] = backups()
    assert json.loads(backup.read_text(encoding="utf-8"))["volume"] == "loud"


# -- what is written ----------------------------------------------------------------------------------

def test_keys_from_a_newer_version_survive_a_save():
    future = {"progress_sync": {"server": "school", "every": [1, 2]}, "theme": "night"}
    settings_path().write_text(json.dumps({"letter_set": "vowels", **future}), encoding="utf-8")
    s = Settings.load()
    assert s.problem is None
    s.speech_rate = 100
    s.save()
    saved = json.loads(settings_path().read_text(encoding="utf-8"))
    assert {k: saved[k] for k in future} == future
    assert saved["speech_rate"] == 100 and saved["letter_set"] == "vowels"


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o664])
def test_a_save_keeps_the_file_mode(mode):
    path = settings_path()
    Settings().save()
    os.chmod(path, mode)
    Settings(speech_rate=100).save()
    assert stat.S_IMODE(path.stat().st_mode) == mode
    assert Settings.load().speech_rate == 100


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o000])
def test_a_new_settings_file_and_its_folder_are_private_to_the_user_whatever_the_umask(umask):
    old = os.umask(umask)
    try:
        Settings().save()
    finally:
        os.umask(old)
    assert stat.S_IMODE(paths.settings_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(paths.settings_file().parent.stat().st_mode) == 0o700


def test_damaged_backups_made_in_the_same_second_do_not_overwrite_each_other(tmp_path):
    path = tmp_path / "x.json"
    made = []
    for text in ("first {", "second {", "third {"):
        path.write_text(text, encoding="utf-8")
        with pytest.raises(UnreadableFile) as err:
            read_json(path)
        made.append(err.value.backup)
    assert len(set(made)) == 3
    assert sorted(p.read_text(encoding="utf-8") for p in made) == ["first {", "second {", "third {"]


# -- stale temporary files from a save that was killed ------------------------------------------------

def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_stale_temp_files_are_cleaned_on_start_and_others_are_left_alone():
    folder = settings_path().parent
    old = time.time() - 3 * 3600
    stale = [folder / "settings.json.k2j4h1x9.tmp",                  # an older Letterplay's name
             folder / f"settings.json.{_dead_pid()}-1a2b3c4d.tmp"]   # its writer is gone
    for p in stale:
        p.write_text('{"letter_set": ', encoding="utf-8")
    os.utime(stale[0], (old, old))
    live = folder / f"settings.json.{os.getpid()}-0badcafe.tmp"   # another window saving right now
    young = folder / "settings.json.abcdefgh.tmp"                   # no pid, and just made
    others = [live, young, folder / "writing_help.json.k2j4h1x9.tmp", folder / "settings.json.broken-20260101-000000"]
    for p in others:
        p.write_text("{}", encoding="utf-8")
    os.utime(others[2], (old, old))
    settings_path().write_text('{"letter_set": "vowels"}', encoding="utf-8")

    assert Settings.load().letter_set == "vowels"
    assert not any(p.exists() for p in stale)
    assert all(p.exists() for p in others)


WRITER = textwrap.dedent("""
    import os, sys, time
    from games.engine.core.settings import LABELS, Settings
    real_fsync = os.fsync
    def fsync_then_hang(fd):          # the tmp file is written: stop here until killed
        real_fsync(fd)
        print("writing", flush=True)
        time.sleep(600)
    os.fsync = fsync_then_hang
    Settings(letter_set="vowels", speech_rate=int(sys.argv[1])).save()
""")


def test_a_save_killed_midway_loses_nothing_and_leaves_no_temp_file(user_home):
    Settings(letter_set="mirror", speech_rate=120).save()
    env = {**os.environ, "LETTERPLAY_HOME": str(user_home), "PYTHONPATH": str(ROOT)}
    for rate in (100, 110, 150):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(rate)], cwd=ROOT, env=env,
                                  stdout=subprocess.PIPE, text=True)
        try:
            assert writer.stdout.readline().strip() == "writing"
        finally:
            writer.send_signal(signal.SIGKILL)
            writer.wait()
            writer.stdout.close()
    folder = paths.user_config_dir()
    assert len(list(folder.glob("settings.json.*.tmp"))) == 3   # what the killed writers left
    s = Settings.load()
    assert (s.letter_set, s.speech_rate, s.problem) == ("mirror", 120, None)   # the old file, whole
    assert list(folder.glob("settings.json.*.tmp")) == []
    assert backups() == []


# -- the helper itself, for the files that come next ----------------------------------------------

def test_read_json_takes_a_smaller_cap_for_files_that_should_be_small(tmp_path):
    path = tmp_path / "small.json"
    path.write_text(json.dumps({"x": "y" * 200}), encoding="utf-8")
    assert read_json(path)["x"] == "y" * 200
    with pytest.raises(UnreadableFile, match="too big"):
        read_json(path, limit=100)
    assert not path.exists()


def test_a_missing_file_reads_as_none_and_a_dangling_link_too(tmp_path):
    assert read_json(tmp_path / "nothing.json") is None
    (tmp_path / "dangling.json").symlink_to(tmp_path / "gone.json")
    assert read_json(tmp_path / "dangling.json") is None


def test_the_message_names_settings_as_the_settings_screen_does_and_stays_short():
    settings_path().write_text(json.dumps({"speech": 1, "volume": "loud", "fullscreen": "yes", "levels": [],
                                           "stroke_order": 3}), encoding="utf-8")
    s = Settings.load()
    assert s.problem.startswith("Not understood, so reset: full screen, last levels played and 3 more. Old file kept as ")
    assert len(s.problem) < 140

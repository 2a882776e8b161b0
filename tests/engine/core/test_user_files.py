"""User files the game keeps, in odd cases: text no encoder takes, a damaged file that cannot be set
aside, and folders made private. (The settings' own rules are in test_settings.py.)"""
from __future__ import annotations

import json
import logging
import os
import stat

from games.engine.core import paths, storage
from games.engine.core.settings import Settings


def test_a_lone_surrogate_in_the_settings_file_is_kept_and_never_stops_a_save(make_app):
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"levels": {"candy_match": "\\ud800"}, "theme": "\\udfff night"}', encoding="utf-8")
    s = Settings.load()
    assert s.problem is None and s.levels == {"candy_match": "\ud800"}
    s.speech_rate = 100
    s.save()   # used to raise UnicodeEncodeError
    again = Settings.load()
    assert again.speech_rate == 100 and again.levels == {"candy_match": "\ud800"}
    assert again.unknown_keys == {"theme": "\udfff night"}
    app = make_app(settings=again)
    app.settings.volume = 0.3
    app.save_settings()   # the quit's save: never raises
    assert json.loads(path.read_text(encoding="utf-8"))["volume"] == 0.3


def test_the_quit_goes_on_when_the_settings_cannot_be_written_at_all(make_app, monkeypatch):
    app = make_app()
    app.settings.volume = 0.3

    def cannot(*args, **kw):
        raise ValueError("data the file cannot hold")
    monkeypatch.setattr(Settings, "save", cannot)
    app.save_settings()   # logged, not raised


def test_the_log_never_says_a_damaged_file_was_kept_as_none(monkeypatch, caplog):
    path = paths.settings_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"volume": "loud"}', encoding="utf-8")
    monkeypatch.setattr(storage, "set_aside", lambda p: None)   # e.g. a folder the game may not rename in
    with caplog.at_level(logging.WARNING):
        s = Settings.load()
    assert "volume" in s.problem and "could not be set aside" in s.problem
    said = " ".join(r.getMessage() for r in caplog.records)
    assert "None" not in said and "could not be set aside" in said


def test_a_new_folder_for_user_files_is_private_and_an_existing_one_is_left_alone(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o755)
    storage.write_bytes_atomic(shared / "deep" / "er" / "file.txt", b"x")
    assert stat.S_IMODE((shared / "deep").stat().st_mode) == 0o700
    assert stat.S_IMODE((shared / "deep" / "er").stat().st_mode) == 0o700
    assert stat.S_IMODE((shared / "deep" / "er" / "file.txt").stat().st_mode) == 0o600
    assert stat.S_IMODE(shared.stat().st_mode) == 0o755   # not ours to change

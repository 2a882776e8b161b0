"""Safe reading and writing of the user's JSON files (settings, later progress).

Writes are atomic: the data goes to a temporary file in the same folder, is flushed to disk, and then
replaces the old file in one step, so a crash or a full disk never leaves half a file behind.
A file that cannot be read is moved aside (never deleted) so a grown-up can still recover it.
"""
from __future__ import annotations

import json
import logging
import os
import tempfile
import time
from pathlib import Path

log = logging.getLogger(__name__)


def write_json_atomic(path: Path, data) -> None:
    """Write ``data`` as JSON to ``path`` atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(data, f, indent=2, ensure_ascii=False, sort_keys=True)
            f.write("\n")
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


class UnreadableFile(Exception):
    """A user file existed but could not be used; ``backup`` is where it was moved."""

    def __init__(self, message: str, backup: Path | None):
        super().__init__(message)
        self.backup = backup


def read_json(path: Path):
    """Read JSON from ``path``; ``None`` when it does not exist.

    A file that exists but is not valid JSON (or not readable) is moved to
    ``<name>.broken-<timestamp>`` and :class:`UnreadableFile` is raised with a plain message.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as err:
        raise UnreadableFile(f"could not read {path.name}: {err}", _move_aside(path)) from err
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        backup = _move_aside(path)
        raise UnreadableFile(
            f"{path.name} was damaged ({err.msg} at line {err.lineno}); kept a copy as "
            f"{backup.name if backup else '(could not copy)'}",
            backup,
        ) from err


def _move_aside(path: Path) -> Path | None:
    backup = path.with_name(f"{path.name}.broken-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, backup)
        log.warning("moved unreadable %s to %s", path, backup)
        return backup
    except OSError as err:
        log.warning("could not move unreadable %s aside: %s", path, err)
        return None

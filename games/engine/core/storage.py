"""The rules for every user file (settings, writing help levels, progress): read safely, write atomically.

Reading takes at most ``MAX_BYTES`` from a regular file only (a FIFO, a folder, a device or an endless
file at the path never blocks or fills the memory), accepts a UTF-8 byte-order mark, and refuses JSON
nested deeper than ``MAX_DEPTH``. A file that exists but cannot be used is *set aside* as
``<name>.broken-<date>`` (never deleted, never silently overwritten) and :class:`UnreadableFile` says
so in a sentence a grown-up can read.

Writing goes to a temporary file in the same folder, is flushed to disk and then replaces the old
file in one step, so a crash, a SIGKILL or a full disk never leaves half a file behind. The file keeps
its mode, and a symlinked file is written through its link. Temporary files that a killed save left
behind are removed on the next read.

Private: what Letterplay writes for the user (settings, progress, exports, reports, recordings) may hold
children's names, and family and school computers are shared, so a new file is made readable by this
user only (0600) and a new folder too (0700), whatever the umask.
"""
from __future__ import annotations

import json
import logging
import os
import secrets
import stat
import time
from pathlib import Path

log = logging.getLogger(__name__)

PRIVATE_FILE = 0o600     # a new user file: read and written by this user only
PRIVATE_FOLDER = 0o700   # a new folder for them: opened by this user only
MAX_BYTES = 1_000_000   # a settings file is ~1 KB; anything this big is not ours
MAX_DEPTH = 64          # deeper JSON is not ours either, and could not be written back
STALE_TMP_SECONDS = 600   # a temp file this old is stale even when its writer cannot be identified

_MISSING = object()


class UnreadableFile(Exception):
    """A user file existed but could not be used; ``backup`` is where it was set aside (or None)."""

    def __init__(self, message: str, backup: Path | None):
        super().__init__(message)
        self.backup = backup


# -- reading ----------------------------------------------------------------------------------------

def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes | None:
    """The bytes of the regular file at ``path`` (at most ``limit``); ``None`` when there is none.

    Anything else at the path (a folder, a FIFO, a device, a file over the limit, no permission) is
    set aside and :class:`UnreadableFile` raised. Stale temporary files of ``path`` are removed first.
    """
    path = Path(path)
    clean_stale_temp_files(path)
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None   # also a link that points nowhere: the next save makes the file
    except OSError as err:
        raise _unusable(path, f"could not be read ({err.strerror or err})") from err
    _check_regular(path, info, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)   # non-blocking: a FIFO swapped in after the stat cannot hang us
    except FileNotFoundError:
        return None
    except OSError as err:
        raise _unusable(path, f"could not be read ({err.strerror or err})") from err
    try:
        _check_regular(path, os.fstat(fd), limit)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise _unusable(path, f"could not be read ({err.strerror or err})") from err
    finally:
        os.close(fd)
    if size > limit:   # it grew after the stat
        raise _unusable(path, f"is too big (over {limit:,} bytes)")
    return b"".join(chunks)


def read_json(path: Path, *, limit: int = MAX_BYTES, max_depth: int = MAX_DEPTH, default=None):
    """The JSON value in ``path``; ``default`` when the file does not exist.

    A file that is not a regular file, too big, not UTF-8, not JSON or nested too deeply is set aside
    and :class:`UnreadableFile` is raised with a plain message. A UTF-8 byte-order mark is fine.
    """
    path = Path(path)
    data = read_bytes(path, limit)
    if data is None:
        return default
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise _unusable(path, f"was damaged (not UTF-8 text at byte {err.start})") from err
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise _unusable(path, f"was damaged ({err.msg} at line {err.lineno})") from err
    except RecursionError as err:
        raise _unusable(path, "was damaged (nested too deeply)") from err
    except ValueError as err:   # e.g. a number with more digits than Python converts
        raise _unusable(path, f"was damaged ({err})") from err
    if _depth(value, max_depth) > max_depth:
        raise _unusable(path, "was damaged (nested too deeply)")
    return value


def read_json_object(path: Path, *, limit: int = MAX_BYTES, what: str = "settings") -> dict | None:
    """Like :func:`read_json`, for files that hold one JSON object: anything else is set aside too."""
    value = read_json(path, limit=limit, default=_MISSING)
    if value is _MISSING:
        return None
    if not isinstance(value, dict):
        raise _unusable(Path(path), f"did not hold {what}")
    return value


def _check_regular(path: Path, info: os.stat_result, limit: int) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _unusable(path, "is not a regular file")
    if info.st_size > limit:
        raise _unusable(path, f"is too big ({info.st_size:,} bytes, at most {limit:,} are read)")


def _depth(value, limit: int) -> int:
    """How deeply ``value`` nests (stops counting just past ``limit``); no recursion."""
    deepest, todo = 0, [(value, 1)]
    while todo:
        item, level = todo.pop()
        if isinstance(item, (dict, list)):
            deepest = max(deepest, level)
            if level <= limit:
                todo.extend((child, level + 1) for child in (item.values() if isinstance(item, dict) else item))
    return deepest


def _unusable(path: Path, what: str) -> UnreadableFile:
    backup = set_aside(path)
    kept = f"kept it as {backup.name}" if backup else "could not move it aside"
    return UnreadableFile(f"{path.name} {what}; {kept}", backup)


# -- setting aside ----------------------------------------------------------------------------------

def set_aside(path: Path) -> Path | None:
    """Move whatever is at ``path`` to ``<name>.broken-<date>`` (a new name each time); None if it could not."""
    path = Path(path)
    backup = _backup_name(path)
    if backup is None:
        return None
    try:
        os.rename(path, backup)   # the link itself when ``path`` is a symlink
    except OSError as err:
        log.warning("could not move unusable %s aside: %s", path, err)
        return None
    log.warning("moved unusable %s to %s", path, backup)
    return backup


def _backup_name(path: Path) -> Path | None:
    """``<name>.broken-<date>``, with ``-2``, ``-3``... when that name is taken."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for n in range(1, 1000):
        backup = path.with_name(f"{path.name}.broken-{stamp}" + (f"-{n}" if n > 1 else ""))
        if not os.path.lexists(backup):
            return backup
    return None


def _copy_aside(path: Path, mode: int | None) -> Path | None:
    try:
        data = read_bytes(path)
        backup = _backup_name(path)
        if data is None or backup is None:
            return None
        write_bytes_atomic(backup, data, mode=mode)
    except (OSError, UnreadableFile) as err:
        log.warning("could not keep a copy of %s: %s", path, err)
        return None
    return backup


def replace_damaged(path: Path, data) -> Path | None:
    """Set the damaged file at ``path`` aside and write the repaired ``data`` in its place.

    Returns the backup (None when it could not be made; then the file is left as it was). The new file
    keeps the old one's mode; when it cannot be written the caller's next save writes it.
    """
    path = Path(path)
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        mode = None
    if _write_target(path) != path:   # a link to the real file: keep the link, set a copy aside
        backup = _copy_aside(path, mode)
    else:
        backup = set_aside(path)
    if backup is not None:
        try:
            write_json_atomic(path, data, mode=mode)
        except OSError as err:
            log.warning("could not write the repaired %s: %s", path.name, err)
    return backup


# -- private files and folders ------------------------------------------------------------------------

def keep_new_files_private() -> None:
    """From now on every file and folder this process makes is for this user only (the umask gains 077):
    reports, exports, recordings and the progress file's journals too, whoever writes them."""
    if os.name == "posix":
        os.umask(os.umask(0o077) | 0o077)


def make_private_folder(folder: Path, *, tighten: bool = False) -> Path:
    """Make ``folder`` and its missing parents, each open to this user only (0700).

    An existing folder keeps its mode unless ``tighten`` (for Letterplay's own folders: one another
    version made 0755 becomes 0700, when it is this user's). Raises OSError when ``folder`` cannot be one.
    """
    folder = Path(folder)
    missing = []
    here = folder
    while not os.path.lexists(here) and here.parent != here:
        missing.append(here)
        here = here.parent
    for new in reversed(missing):
        try:
            os.mkdir(new, PRIVATE_FOLDER)
        except FileExistsError:   # made by another process meanwhile
            pass
        else:
            os.chmod(new, PRIVATE_FOLDER)   # in case the umask took the owner's own bits
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    if tighten and not missing:
        make_private(folder, PRIVATE_FOLDER)
    return folder


def make_private(path: Path, mode: int = PRIVATE_FILE) -> None:
    """Take away the group's and others' rights on this user's ``path`` (never adds any; best effort)."""
    try:
        info = os.stat(path)
        if hasattr(os, "getuid") and info.st_uid == os.getuid() and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, stat.S_IMODE(info.st_mode) & mode)
    except OSError as err:
        log.info("could not make %s private: %s", path, err)


def create_private_file(path: Path) -> bool:
    """Make an empty file at ``path``, open to this user only, unless something is there; True if made."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0), PRIVATE_FILE)
    except FileExistsError:
        return False
    os.close(fd)
    return True


# -- writing ----------------------------------------------------------------------------------------

def write_json_atomic(path: Path, data, *, mode: int | None = None) -> None:
    """Write ``data`` as JSON to ``path`` atomically (see :func:`write_bytes_atomic`).

    ``data`` is turned into text first, so data that cannot be written (``TypeError``,
    ``ValueError``) leaves the old file and no temporary file behind.
    """
    try:
        raw = (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    except UnicodeEncodeError:   # a lone surrogate (read from an escaped "\ud800"): escaped again, kept
        raw = (json.dumps(data, indent=2, ensure_ascii=True, sort_keys=True) + "\n").encode("ascii")
    write_bytes_atomic(path, raw, mode=mode)


def write_bytes_atomic(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Replace the file at ``path`` with ``data`` in one step, keeping its mode (or ``mode``).

    A symlink to a regular file is written through (the link stays). A new file, and a new folder for
    it, are private to the user (0600, 0700).
    """
    target = _write_target(Path(path))
    make_private_folder(target.parent)
    if mode is None:
        try:
            info = os.stat(target)
            mode = stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else PRIVATE_FILE
        except OSError:
            mode = PRIVATE_FILE
    tmp = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, PRIVATE_FILE)   # nobody else may open it while the data goes in
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), mode)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if not hasattr(os, "fchmod"):
            os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    _sync_folder(target.parent)


def _write_target(path: Path) -> Path:
    """``path``, or the regular file it links to (so a symlinked settings file stays a link)."""
    if not path.is_symlink():
        return path
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return path
    return real if real.is_file() else path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort; not possible on every system)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# -- stale temporary files ----------------------------------------------------------------------------

def clean_stale_temp_files(path: Path) -> list[Path]:
    """Remove ``<name>.*.tmp`` files that a killed save of ``path`` left behind; returns them.

    A temp file is stale when the process named in it has ended, or when it is older than
    ``STALE_TMP_SECONDS`` (names without a process id come from older versions). A save running in
    another Letterplay window right now is left alone.
    """
    target = _write_target(Path(path))
    prefix = target.name + "."
    removed = []
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed
    now = time.time()
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(".tmp")) or len(name) <= len(prefix) + 4:
            continue
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode):
            continue
        pid = name[len(prefix):-4].split("-", 1)[0]
        writer_gone = pid.isdigit() and int(pid) != os.getpid() and not _process_alive(int(pid))
        if writer_gone or now - info.st_mtime > STALE_TMP_SECONDS:
            try:
                os.unlink(entry.path)
            except OSError as err:
                log.warning("could not remove the stale temporary file %s: %s", entry.path, err)
                continue
            removed.append(Path(entry.path))
    if removed:
        log.info("removed %d stale temporary file(s) of %s", len(removed), target.name)
    return removed


def _process_alive(pid: int) -> bool:
    if os.name != "posix":   # os.kill(pid, 0) would stop the process on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:   # it exists but belongs to someone else
        return True
    return True

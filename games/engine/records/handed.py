"""Files a grown-up hands the game (a class list, an export from another computer): read at most a size
cap, from a regular file only, and never moved, renamed or changed, whatever they hold. Anything that
cannot be used is a ``ValueError`` with one line a teacher can read."""
from __future__ import annotations

import os
import stat
from pathlib import Path


def size_text(n: int) -> str:
    """1,300,000 -> "1.3 MB"."""
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if n >= size:
            return f"{n / size:.1f} {unit}".replace(".0 ", " ")
    return f"{n} bytes"


def read_handed_file(path, limit: int, what: str) -> bytes:
    """The bytes of the regular file at ``path`` (``what`` it should be, for the message: "class list").

    A folder, a device (``/dev/zero``), a pipe (it would wait for ever), a file over ``limit`` bytes or
    one that cannot be opened raises ValueError; the file is left exactly where and as it is.
    """
    if "\0" in str(path):
        raise ValueError(f"{str(path)!r} is not a file name")
    path = Path(path).expanduser()
    try:
        _check(path, os.stat(path), limit, what)
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
                     | getattr(os, "O_BINARY", 0))   # non-blocking: a pipe swapped in after the check cannot hang us
    except FileNotFoundError:
        raise ValueError(f"there is no file {path}") from None
    except OSError as err:
        raise ValueError(f"{path.name} could not be read ({err.strerror or err})") from None
    try:
        _check(path, os.fstat(fd), limit, what)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as err:
        raise ValueError(f"{path.name} could not be read ({err.strerror or err})") from None
    finally:
        os.close(fd)
    if size > limit:   # it grew while we read
        raise ValueError(f"{path.name} is too big for a {what} (at most {size_text(limit)})")
    return b"".join(chunks)


def _check(path: Path, info: os.stat_result, limit: int, what: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise ValueError(f"{path.name} is a folder, not a {what}")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(f"{path.name} is not a file that can be read (a device or a pipe), so not a {what}")
    if info.st_size > limit:
        raise ValueError(f"{path.name} is too big for a {what} ({size_text(info.st_size)}; at most {size_text(limit)})")

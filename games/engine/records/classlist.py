"""Class lists as CSV files: one child's name a line (a spreadsheet's first column works too).

What a spreadsheet saves is read as it was meant: UTF-8 with or without a byte-order mark, UTF-16 (its
"Unicode Text", with a mark or recognised by its zero bytes, tab-separated), or the old Windows code
page (cp1252); commas, semicolons or tabs between columns. A file that is not text, too big, unreadable
or longer than a class gets one line of explanation, and the teacher's file is never moved or changed.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path

from games.engine.core.storage import write_bytes_atomic
from games.engine.records.avatars import next_avatar
from games.engine.records.handed import read_handed_file
from games.engine.records.names import clean_name, same_name

HEADER_WORDS = {"name", "names", "child", "children", "first name", "pupil", "pupils"}
MAX_CLASS = 200              # children in one class
MAX_BYTES = 1_000_000        # a list of 200 names, even with many columns, is far smaller
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")   # a spreadsheet would run a cell starting so

_SIGNATURES = ((b"PK\x03\x04", "a spreadsheet or zip file (.xlsx, .ods): save it as CSV first"),
               (b"\xd0\xcf\x11\xe0", "an Excel file (.xls): save it as CSV first"),
               (b"%PDF", "a PDF file, not a class list"),
               (b"\x89PNG", "a picture, not a class list"), (b"\xff\xd8\xff", "a picture, not a class list"),
               (b"GIF8", "a picture, not a class list"), (b"SQLite format 3", "a database, not a class list"))


def decode_text(data: bytes, name: str) -> str:
    """The text of a class list file's bytes, in whatever encoding a spreadsheet saved it.

    Raises ValueError (one line) for binary data or text that cannot be read.
    """
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ValueError(f"{name} is {what}")
    encoding = _encoding(data)
    if encoding is None:
        raise ValueError(f"{name} does not hold text (it looks like a program's own file): save the list as CSV")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        raise ValueError(f"{name} could not be read as {encoding.upper()} text (damaged at byte {err.start:,})") from None
    controls = sum(1 for ch in text[:20_000] if ch < " " and ch not in "\t\r\n")
    if "\0" in text or controls > max(2, len(text[:20_000]) // 100):
        raise ValueError(f"{name} does not hold text (it looks like a program's own file): save the list as CSV")
    return text


def _encoding(data: bytes) -> str | None:
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "utf-32"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    head = data[:4096]
    if b"\0" in head:   # UTF-16 without a mark: every other byte of Latin text is zero
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > len(odd) * 0.4 and even.count(0) < len(even) * 0.1:
            return "utf-16-le"
        if even.count(0) > len(even) * 0.4 and odd.count(0) < len(odd) * 0.1:
            return "utf-16-be"
        return None
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp1252")   # old spreadsheets save in the Windows code page
        return "cp1252"
    except UnicodeDecodeError:
        return "latin-1"        # the five bytes cp1252 leaves out: still letters to someone


def _delimiter(text: str) -> str:
    first = next((line for line in text.splitlines() if line.strip()), "")
    if "\t" in first:
        return "\t"
    if ";" in first and "," not in first:
        return ";"
    return ","


def read_names(path: Path) -> list[str]:
    """The names in a class list file, in order, each once; a header line ("Name") is skipped.

    Raises ValueError with a plain message when the file cannot be used (it is left where and as it is).
    """
    path = Path(path).expanduser()
    text = decode_text(read_handed_file(path, MAX_BYTES, "class list"), path.name)
    names, seen = [], set()
    try:
        for i, row in enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))):
            name = clean_name(_unescaped(row[0])) if row else ""
            key = same_name(name)
            if not name or (i == 0 and key in HEADER_WORDS) or key in seen:
                continue
            if len(names) >= MAX_CLASS:
                raise ValueError(f"{path.name} holds more than {MAX_CLASS} names; a class has at most "
                                 f"{MAX_CLASS} children: is it the right file?")
            seen.add(key)
            names.append(name)
    except csv.Error as err:
        raise ValueError(f"{path.name} could not be read as a list of names ({err})") from None
    return names


def import_names(store, class_id: int, names: list[str]) -> tuple[int, int]:
    """Add the children not yet in the class (each gets an avatar of their own); (added, already there).

    Refuses (ValueError, nothing added) when the class would hold more than ``MAX_CLASS`` children.
    """
    kids = store.children(class_id)
    here = {same_name(c.name) for c in kids}
    new = []
    for name in map(clean_name, names):
        if name and same_name(name) not in here:
            new.append(name)
            here.add(same_name(name))
    if len(kids) + len(new) > MAX_CLASS:
        raise ValueError(f"the class would have {len(kids) + len(new)} children; a class has at most {MAX_CLASS}")
    used = {(c.animal, c.color) for c in kids}
    for name in new:
        animal, color = next_avatar(used)
        store.add_child(class_id, name, animal, color)
        used.add((animal, color))
    return len(new), len(names) - len(new)


def export_names(store, class_id: int, path: Path) -> int:
    """Write the class's names, one a line (atomically); returns how many. A name a spreadsheet would
    take for a formula ("=...", "+...") starts with a quote, which reading the list takes off again."""
    names = [c.name for c in store.children(class_id)]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for name in names:
        writer.writerow([escape_cell(name)])
    write_bytes_atomic(Path(path), buf.getvalue().encode("utf-8"))
    return len(names)


def escape_cell(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs (OWASP: a leading quote before = + - @ tab CR)."""
    return "'" + text if text.startswith(FORMULA_START) else text


def _unescaped(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_START) else cell

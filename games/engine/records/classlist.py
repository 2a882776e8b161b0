"""Class lists as CSV files: one child's name a line (a spreadsheet's first column works too)."""
from __future__ import annotations

import csv
import io
from pathlib import Path

from games.engine.core.storage import UnreadableFile, read_bytes, write_bytes_atomic
from games.engine.records.avatars import next_avatar
from games.engine.records.names import clean_name, same_name

HEADER_WORDS = {"name", "names", "child", "children", "first name", "pupil", "pupils"}


def read_names(path: Path) -> list[str]:
    """The names in a class list file, in order, each once; a header line ("Name") is skipped.

    Raises ValueError with a plain message when the file cannot be used (it is left where it is).
    """
    path = Path(path)
    try:
        data = read_bytes(path)
    except UnreadableFile as err:
        raise ValueError(str(err)) from err
    if data is None:
        raise ValueError(f"there is no file {path}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("latin-1")   # old spreadsheets save in their own code page
    names, seen = [], set()
    for i, row in enumerate(csv.reader(io.StringIO(text))):
        name = clean_name(row[0]) if row else ""
        if not name or (i == 0 and same_name(name) in HEADER_WORDS) or same_name(name) in seen:
            continue
        seen.add(same_name(name))
        names.append(name)
    return names


def import_names(store, class_id: int, names: list[str]) -> tuple[int, int]:
    """Add the children not yet in the class (each gets an avatar of their own); (added, already there)."""
    here = {same_name(c.name) for c in store.children(class_id)}
    used = {(c.animal, c.color) for c in store.children(class_id)}
    added = 0
    for name in names:
        if same_name(name) in here:
            continue
        animal, color = next_avatar(used)
        store.add_child(class_id, name, animal, color)
        used.add((animal, color))
        here.add(same_name(name))
        added += 1
    return added, len(names) - added


def export_names(store, class_id: int, path: Path) -> int:
    """Write the class's names, one a line (atomically); returns how many."""
    names = [c.name for c in store.children(class_id)]
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for name in names:
        writer.writerow([name])
    write_bytes_atomic(Path(path), buf.getvalue().encode("utf-8"))
    return len(names)

"""How the names of children and classes are cleaned and compared, and the one-way key a deleted child leaves behind.

Every name that enters (typed, from a class list, from an import) goes through :func:`clean_name`:
NFC form, no control or format characters (NUL, ESC, BEL, the right-to-left override, zero-width
spaces: Unicode's Cc and Cf, and lone surrogates), spaces collapsed, at most ``MAX_NAME`` characters.
Empty after that is no name: the caller refuses it. :func:`repair_names` cleans a database that holds
names from before (schema migration 3).
"""
from __future__ import annotations

import hashlib
import unicodedata

MAX_NAME = 40
MAX_MARKS = 4       # accents kept on one letter: more only paint over the line above ("Zalgo" text)
_DROPPED = {"Cc", "Cf", "Cs"}
_MARKS = {"Mn", "Mc", "Me"}


def clean_name(text) -> str:
    """``text`` as a name may be kept ("" when nothing is left of it)."""
    kept, marks = [], MAX_MARKS   # no base letter yet: a leading accent has nothing to sit on
    for ch in unicodedata.normalize("NFC", str(text)):
        if ch.isspace():
            kept.append(" ")
            marks = MAX_MARKS
            continue
        kind = unicodedata.category(ch)
        if kind in _DROPPED:
            continue
        if kind in _MARKS:
            if marks >= MAX_MARKS:
                continue
            marks += 1
        else:
            marks = 0
        kept.append(ch)
    name = unicodedata.normalize("NFC", " ".join("".join(kept).split()))   # a dropped character may have split a pair
    return name[:MAX_NAME].rstrip()


def same_name(text) -> str:
    """How names are compared: cleaned, and case and extra spaces do not matter ("  mia " is "Mia")."""
    return unicodedata.normalize("NFC", clean_name(text).casefold())


def forget_key(class_name: str, child_name: str) -> str:
    """The one-way key a deleted child leaves behind (no name can be read back from it); the name in
    another form (NFD, a zero-width space, other case) gives the same key."""
    return hashlib.sha256(f"{same_name(class_name)}\0{same_name(child_name)}".encode()).hexdigest()


def legacy_forget_key(class_name: str, child_name: str) -> str:
    """The key releases before names were cleaned left behind (case and spaces folded, no NFC)."""
    def fold(text):
        return " ".join(str(text).split()).casefold()
    return hashlib.sha256(f"{fold(class_name)}\0{fold(child_name)}".encode()).hexdigest()


def unique_name(name: str, taken: set[str], fallback: str) -> str:
    """``name`` (``fallback`` when empty), with " 2", " 3"... when ``taken`` (a set of :func:`same_name`) has it."""
    base = name or fallback
    candidate, n = base, 1
    while same_name(candidate) in taken:
        n += 1
        suffix = f" {n}"
        candidate = base[:MAX_NAME - len(suffix)].rstrip() + suffix
    return candidate


def repair_names(conn) -> int:
    """Clean every class and child name already in the database; returns how many were changed.

    A name that cleans to nothing becomes "Class 3" / "Child 12" (by its row), and one that cleans to a
    name already there gets " 2", so nothing is merged or lost: the teacher sees it and can rename.
    """
    changed = 0
    for table, scope, fallback in (("classes", "0", "Class"), ("children", "class_id", "Child")):
        rows = [(row_id, raw if isinstance(raw, bytes) else b"", group) for row_id, raw, group in
                conn.execute(f"SELECT id, CAST(name AS BLOB), {scope} FROM {table} ORDER BY id")]
        clean = {row_id for row_id, raw, _ in rows if _is_clean(raw)}
        taken: dict = {}
        for row_id, raw, group in rows:
            if row_id in clean:
                taken.setdefault(group, set()).add(same_name(raw.decode()))
        for row_id, raw, group in rows:
            if row_id in clean:
                continue
            new = unique_name(clean_name(raw.decode("utf-8", "replace")), taken.setdefault(group, set()),
                              f"{fallback} {row_id}")
            taken[group].add(same_name(new))
            conn.execute(f"UPDATE {table} SET name = ? WHERE id = ?", (new, row_id))
            changed += 1
    return changed


def _is_clean(raw: bytes) -> bool:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:   # written by another program: not text at all
        return False
    return bool(text) and clean_name(text) == text

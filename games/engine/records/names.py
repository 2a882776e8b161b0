"""How the names of children and classes are cleaned and compared, and the one-way key a deleted child leaves behind."""
from __future__ import annotations

import hashlib


def same_name(text: str) -> str:
    """How names are compared: case and extra spaces do not matter ("  mia " is "Mia")."""
    return " ".join(str(text).split()).casefold()


def clean_name(text: str) -> str:
    return " ".join(str(text).split())[:40]


def forget_key(class_name: str, child_name: str) -> str:
    """The one-way key a deleted child leaves behind (no name can be read back from it)."""
    return hashlib.sha256(f"{same_name(class_name)}\0{same_name(child_name)}".encode()).hexdigest()

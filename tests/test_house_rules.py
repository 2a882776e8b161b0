"""House rules that hold across the tree: a file over 450 lines says at its top why it is that long."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MOST_LINES = 450
REASON = "Over 450 lines on purpose"


def long_files_without_a_reason(root: Path = ROOT) -> list[str]:
    found = []
    for folder in ("games", "recognizer", "tests", "benchmarks", "assets"):
        for path in sorted((root / folder).rglob("*.py")):
            lines = path.read_text(encoding="utf-8").splitlines()
            if len(lines) > MOST_LINES and not any(REASON in line for line in lines[:12]):
                found.append(f"{path.relative_to(root)} ({len(lines)} lines)")
    return found


def test_no_file_is_over_450_lines_without_a_reason_at_its_top():
    assert long_files_without_a_reason() == [], \
        f"split these, or say why at the top ('{REASON}: ...'): {long_files_without_a_reason()}"


def test_the_rule_finds_a_long_file_and_accepts_a_reason(tmp_path):
    (tmp_path / "games").mkdir()
    (tmp_path / "games" / "long.py").write_text("x = 1\n" * 451)
    assert long_files_without_a_reason(tmp_path) == ["games/long.py (451 lines)"]
    (tmp_path / "games" / "long.py").write_text(f'"""Long.\n\n{REASON}: a table.\n"""\n' + "x = 1\n" * 451)
    assert long_files_without_a_reason(tmp_path) == []

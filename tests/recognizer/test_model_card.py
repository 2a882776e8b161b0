"""The model card holds no paths of the machine it was made on, and one command regenerates it."""
import json
from pathlib import Path

from recognizer.model import DEFAULT_MODEL
from recognizer.training.card import machine_paths, portable_command, tidy, without_machine_paths


def test_the_shipped_card_names_no_path_of_a_machine():
    card = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text())
    assert machine_paths(card) == []


def test_commands_in_the_card_are_ones_anyone_can_run():
    assert portable_command("recognizer.training.evaluate", ["--model", "/tmp/r2/runs/e67.npz", "--update-card"]) == \
        "python -m recognizer.training.evaluate --model e67.npz --update-card"
    card = {"beside": {"command": "train --out /work/out/lead/x.npz --pool-cache /tmp/r2/cache"},
            "note": "see assets/models/letters.json", "n": 3, "list": ["C:\\Users\\me\\m.npz"]}
    assert [where for where, _ in machine_paths(card)] == ["card.beside.command", "card.beside.command", "card.list[0]"]
    clean = without_machine_paths(card)
    assert clean["beside"]["command"] == "train --out x.npz --pool-cache cache"
    assert clean["note"] == card["note"] and machine_paths(clean) == []


def test_tidy_rewrites_a_card_in_place(tmp_path):
    path = Path(tmp_path / "m.json")
    path.write_text(json.dumps({"command": "python -m x --out /tmp/a/b.npz"}))
    assert tidy(path) == [("card.command", "/tmp/a/b.npz")]
    assert json.loads(path.read_text()) == {"command": "python -m x --out b.npz"}
    assert tidy(path) == []

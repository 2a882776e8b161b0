"""The Jolly Phonics groups are letter sets a teacher can pick, in teaching order."""
from games.engine.core.letters import ALPHABET, load_letter_sets
from games.engine.core.settings import Settings


def test_the_phonics_groups_are_named_letter_sets_covering_the_alphabet():
    sets = load_letter_sets()
    groups = [sets[f"phonics{i}"] for i in range(1, 5)]
    assert [g.letters for g in groups[:3]] == ["satipn", "ckehrmd", "goulfb"]
    assert groups[0].name == "Group 1: s a t i p n"
    assert sorted("".join(g.letters for g in groups)) == sorted(ALPHABET)       # every letter, once
    for group in groups:
        assert all(c in group.name for c in group.letters)    # the name says which letters


def test_a_phonics_group_can_be_chosen_and_is_saved(tmp_path):
    s = Settings(letter_set="phonics2")
    s.save(tmp_path / "settings.json")
    loaded = Settings.load(tmp_path / "settings.json")
    assert loaded.problem is None and loaded.active_letters().letters == "ckehrmd"

"""Tests of the letter recognizer: shipped model, API contracts, bad input, rendering, data, training.

Over 450 lines on purpose: every test shares the shipped model and the EMNIST sample, loaded once
per module (``scope="module"`` fixtures).

They need neither the full EMNIST file nor a display: a 50-per-letter sample of
the EMNIST test split ships in tests/data/.
"""

import gzip
import json
import os
import struct

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from pathlib import Path

import numpy as np
import pytest

import recognizer
from recognizer import LETTERS, Recognizer, Verdict, render
from recognizer.model import DEFAULT_MODEL, SAME_SHAPES

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def rec():
    return Recognizer.load()


@pytest.fixture(scope="module")
def sample():
    with np.load(DATA_DIR / "emnist_test_sample.npz") as archive:
        return archive["x"], archive["y"].astype(np.int64)


def circle(cx, cy, r, start=0.0, end=2 * np.pi, n=40):
    t = np.linspace(start, end, n)
    return np.stack([cx + r * np.cos(t), cy + r * np.sin(t)], axis=1)


# Hand-written-ish strokes in screen pixels (y down).
LETTER_B = [[(100, 100), (100, 300)], circle(150, 250, 50)]
LETTER_O = [circle(200, 200, 80)]
LETTER_L = [[(300, 100), (302, 200), (301, 300)]]


# --- the shipped model ----------------------------------------------------------------------

def test_shipped_weights_are_small_and_described():
    assert DEFAULT_MODEL.stat().st_size <= 2_000_000
    card = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text())
    for field in ("data", "architecture", "training", "operating_point", "date", "evaluation"):
        assert field in card, f"model card lacks {field!r}"
    assert len(card["data"]["sha256"]) == 64
    assert card["training"]["seed"] is not None


def test_shipped_model_on_emnist_sample(rec, sample):
    images, labels = sample
    probabilities = rec.rank_images(images)
    top1 = np.mean(probabilities.argmax(axis=1) == labels)
    assert top1 > 0.85, f"top-1 {top1:.3f} on the 1,300-image EMNIST sample"
    # Same figure as the model card's full test split, within sampling noise (about 4 sd).
    card_top1 = rec.card["evaluation"]["emnist_test"]["top1"]
    assert abs(top1 - card_top1) < 4 * np.sqrt(card_top1 * (1 - card_top1) / len(labels)) + 0.005


def test_numpy_forward_matches_scikit_learn(rec, sample):
    pytest.importorskip("sklearn", reason="scikit-learn is only for training: pip install -e .[train]")
    from recognizer.model import Network, images_to_inputs
    from recognizer.training.train import sklearn_from_network
    inputs = images_to_inputs(sample[0][:300], "pixels")
    # The shipped perceptrons if any, else a random one of the shape --kind mlp trains.
    networks = [n for n in rec.networks if getattr(n, "kind", "mlp") == "mlp"]
    if not networks:
        rng = np.random.default_rng(0)
        networks = [Network([rng.normal(0, 0.05, (784, 64)), rng.normal(0, 0.2, (64, 27))],
                            [rng.normal(0, 0.1, 64), rng.normal(0, 0.1, 27)])]
    for network in networks:
        if network.weights[0].shape[0] != inputs.shape[1]:
            inputs = images_to_inputs(sample[0][:300], rec.features)
        ours = network.probabilities(inputs)
        theirs = sklearn_from_network(network).predict_proba(inputs)
        assert np.max(np.abs(ours - theirs)) < 1e-6


# --- the convolutional network (numpy inference of recognizer/cnn.py) ----------------------------

def _naive_conv(x, weights, bias, k):
    """Direct loops over pixels, channels last; weights rows ordered (ky, kx, c)."""
    n, h, w, c = x.shape
    kernel = weights.reshape(k, k, c, -1)
    padded = np.pad(x, ((0, 0), (k // 2, k // 2), (k // 2, k // 2), (0, 0)))
    out = np.zeros((n, h, w, kernel.shape[-1]))
    for i in range(h):
        for j in range(w):
            out[:, i, j] = np.einsum("nyxc,yxcf->nf", padded[:, i:i + k, j:j + k], kernel) + bias
    return out


def test_numpy_convolution_and_pool_match_direct_loops():
    from recognizer.cnn import conv2d, max_pool
    rng = np.random.default_rng(1)
    for k, c in ((3, 1), (3, 4), (5, 2)):
        x = rng.normal(size=(2, 7, 7, c)).astype(np.float32)
        w = rng.normal(size=(k * k * c, 3)).astype(np.float32)
        b = rng.normal(size=3).astype(np.float32)
        np.testing.assert_allclose(conv2d(x, w, b), _naive_conv(x, w, b, k), rtol=1e-4, atol=1e-4)
    x = rng.normal(size=(1, 7, 7, 2))
    pooled = max_pool(x)
    assert pooled.shape == (1, 3, 3, 2)                 # odd sizes drop the last row and column
    assert pooled[0, 1, 2, 1] == x[0, 2:4, 4:6, 1].max()


def test_convnet_numpy_forward_equals_torch():
    torch = pytest.importorskip("torch", reason="torch is only for training: pip install -e .[train]")
    from recognizer.training.cnn_train import build_torch, export
    spec = "c3x8,p,c5x12,p,c3x16,p,d20,d27"
    torch.manual_seed(0)
    model = build_torch(spec)
    with torch.no_grad():                               # batch-norm statistics as after training
        for module in model:
            if isinstance(module, torch.nn.BatchNorm2d):
                module.running_mean.uniform_(-0.2, 0.2)
                module.running_var.uniform_(0.5, 2.0)
                module.weight.uniform_(0.5, 1.5)
                module.bias.uniform_(-0.2, 0.2)
    model.eval()
    images = torch.rand(6, 1, 28, 28)
    with torch.no_grad():
        expected = torch.softmax(model(images), dim=1).numpy()
    ours = export(model, spec, precision="float32").probabilities(images.numpy().reshape(6, -1))
    assert ours.shape == (6, 27)
    np.testing.assert_allclose(ours, expected, atol=1e-5)
    # As stored (int8 per output channel) it stays close.
    stored = export(model, spec).probabilities(images.numpy().reshape(6, -1))
    assert np.abs(stored - expected).max() < 0.05


def test_convnet_survives_save_and_load(tmp_path, sample):
    from recognizer.cnn import ConvNet
    from recognizer.training.cnn_train import stored
    rng = np.random.default_rng(2)
    spec = "c3x4,p,c3x6,p,d27"
    shapes = [(9, 4), (36, 6), (6 * 7 * 7, 27)]
    weights, biases = stored([rng.normal(0, 0.3, s) for s in shapes], [rng.normal(0, 0.1, s[1]) for s in shapes])
    model = Recognizer([ConvNet(spec, weights, biases)], {"architecture": {"features": "pixels"}})
    model.save(tmp_path / "cnn.npz")
    again = Recognizer.load(tmp_path / "cnn.npz")
    assert type(again.networks[0]).__name__ == "ConvNet" and again.networks[0].spec == spec
    np.testing.assert_allclose(again.rank_images(sample[0][:8]), model.rank_images(sample[0][:8]), atol=1e-6)
    with pytest.raises(ValueError, match="layers with weights"):
        ConvNet(spec, weights[:2], biases[:2])


def test_shipped_weights_load_with_numpy_alone(rec, sample):
    outputs = rec.all_probabilities(sample[0][:20])
    assert outputs.shape == (20, 27)
    assert np.isfinite(outputs).all()
    np.testing.assert_allclose(outputs.sum(axis=1), 1.0, atol=1e-6)
    for network in rec.networks:
        for w, b in zip(network.weights, network.biases):
            assert np.isfinite(w).all() and np.isfinite(b).all() and w.shape[1] == b.shape[0]


# --- API contracts -----------------------------------------------------------------------------

def test_rank_returns_26_letters_best_first_summing_to_one(rec):
    ranking = rec.rank(LETTER_B)
    assert [letter for letter, _ in sorted(ranking)] == list(LETTERS)
    probabilities = [p for _, p in ranking]
    assert probabilities == sorted(probabilities, reverse=True)
    assert sum(probabilities) == pytest.approx(1.0, abs=1e-9)


def test_rank_images_shape_and_sums(rec, sample):
    probabilities = rec.rank_images(sample[0][:10])
    assert probabilities.shape == (10, 26)
    np.testing.assert_allclose(probabilities.sum(axis=1), 1.0, atol=1e-9)
    assert rec.rank_images(sample[0][0]).shape == (1, 26)
    with pytest.raises(ValueError, match="28, 28"):
        rec.rank_images(np.zeros((3, 32, 32), np.uint8))


def test_check_accepts_honest_letters_and_case_is_only_a_hint(rec):
    for strokes, letter in ((LETTER_B, "b"), (LETTER_O, "o"), (LETTER_L, "l")):
        lower, upper = rec.check(strokes, letter), rec.check(strokes, letter.upper())
        assert isinstance(lower, Verdict)
        assert lower.accepted, (letter, lower)
        assert upper.accepted == lower.accepted
        if letter not in SAME_SHAPES and letter.upper() not in SAME_SHAPES:   # a bar is also an I
            assert upper.confidence == lower.confidence


def test_check_refuses_the_wrong_letter(rec):
    for strokes, wrong in ((LETTER_B, "x"), (LETTER_O, "t"), (LETTER_L, "m")):
        verdict = rec.check(strokes, wrong)
        assert not verdict.accepted, (wrong, verdict)
        assert verdict.reason


def test_school_letters_are_accepted(rec):
    from recognizer.skeletons import school_strokes
    accepted = [rec.check([s * 200 + 50 for s in school_strokes(c)], c).accepted
                for c in LETTERS + LETTERS.upper()]
    assert sum(accepted) >= 48, [c for c, ok in zip(LETTERS + LETTERS.upper(), accepted) if not ok]


def test_scribbles_are_refused(rec):
    zigzag = [[(x * 30, 0 if x % 2 else 80) for x in range(10)]]
    blob = [np.array([(np.cos(a) * r, np.sin(a) * r) for a in np.linspace(0, 60, 400)
                      for r in [40 * abs(np.sin(a * 7.3))]])]
    flat_line = [[(0, 100), (300, 110)]]
    for strokes in (zigzag, blob, flat_line):
        best = rec.rank(strokes)[0][0]
        assert not rec.check(strokes, best).accepted, best


@pytest.mark.parametrize("strokes, reason", [
    ([], "nothing"),
    ([[]], "nothing"),
    ([[(5, 5)]], "dot"),
    ([[(5, 5), (5, 5)]], "dot"),
    ([[(float("nan"), 1.0), (float("inf"), 2.0)]], "nothing"),
    ([[(3, 3), (6, 4)]], "small"),
])
def test_check_handles_empty_and_degenerate_drawings(rec, strokes, reason):
    verdict = rec.check(strokes, "a")
    assert verdict.accepted is False
    assert reason in verdict.reason


@pytest.mark.parametrize("bad", [None, "abc", 5, [5, 6], [[1, 2, 3]], [["x", "y"]], [[(1, 2), (3,)]]])
def test_rank_and_check_explain_input_that_is_not_strokes(rec, bad):
    with pytest.raises(ValueError):
        rec.rank(bad)
    verdict = rec.check(bad, "a")
    assert not verdict.accepted and "not strokes" in verdict.reason


def test_check_wants_one_letter_target(rec):
    for target in ("", "ab", "1", None, "é"):
        with pytest.raises(ValueError):
            rec.check(LETTER_B, target)


def test_nan_points_are_ignored_not_fatal(rec):
    with_nan = [[(100, 100), (float("nan"), 5), (100, 300)], circle(150, 250, 50)]
    assert rec.rank(with_nan)[0][0] == rec.rank(LETTER_B)[0][0]


# --- rendering ---------------------------------------------------------------------------------

def test_render_is_an_emnist_style_image():
    image = recognizer.render(LETTER_B)
    assert image.shape == (28, 28) and image.dtype == np.uint8
    assert image.max() == 255
    ink_fraction = np.mean(image > 127)
    assert 0.08 < ink_fraction < 0.35
    # Centred, with about 2 px of black border like EMNIST.
    rows, cols = np.flatnonzero(image.max(axis=1) > 30), np.flatnonzero(image.max(axis=0) > 30)
    assert rows[0] >= 1 and rows[-1] <= 26
    assert abs((rows[0] + rows[-1]) / 2 - 13.5) <= 1 and abs((cols[0] + cols[-1]) / 2 - 13.5) <= 1


def test_render_ignores_position_and_scale():
    moved = [np.asarray(s, float) * 3.7 + [900, -40] for s in LETTER_B]
    assert np.abs(render(moved).astype(int) - render(LETTER_B)).max() <= 2


def test_render_keeps_thin_letters_thin():
    image = render(LETTER_L)
    ink_columns = np.flatnonzero(image.max(axis=0) > 127)
    assert len(ink_columns) <= 5          # a bar, not a blob
    assert np.flatnonzero(image.max(axis=1) > 127).size >= 20


def test_render_of_nothing_is_black():
    assert not render([]).any()


def test_rendered_traces_look_like_emnist(sample):
    """Per-letter mean image of rendered synthetic traces matches the EMNIST per-letter mean."""
    from recognizer.training.synth import synth_dataset
    traces, labels, _ = synth_dataset(16, np.random.default_rng(3), cases="both")
    rendered = np.stack([render(t) for t in traces]).reshape(len(traces), -1).astype(float)
    images, emnist_labels = sample
    emnist = images.reshape(len(images), -1).astype(float)
    ours = np.stack([rendered[labels == i].mean(axis=0) for i in range(26)])
    theirs = np.stack([emnist[emnist_labels == i].mean(axis=0) for i in range(26)])
    correlation = np.corrcoef(ours, theirs)[:26, 26:]
    same_letter = np.diag(correlation)
    other_letters = (correlation.sum(axis=1) - same_letter) / 25
    assert np.mean(same_letter) > 0.65
    # Every letter resembles its own EMNIST mean more than the average other letter's.
    assert np.all(same_letter > other_letters + 0.05), LETTERS[int(np.argmin(same_letter - other_letters))]
    # Same ink amount as EMNIST, within a quarter.
    assert abs(np.mean(rendered > 127) / np.mean(emnist > 127) - 1) < 0.25


# --- data files --------------------------------------------------------------------------------

def _write_idx(path, array, type_code=0x08):
    header = bytes([0, 0, type_code, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    with gzip.open(path, "wb") as handle:
        handle.write(header + array.astype(np.uint8).tobytes())


def test_official_idx_files_are_read_upright_with_labels_from_zero(tmp_path):
    from recognizer.training.data import OFFICIAL_FILES, load_official, read_idx
    upright = np.zeros((3, 28, 28), np.uint8)
    upright[:, 2, 5:20] = 255                         # a horizontal bar near the top
    labels = np.array([1, 2, 26], np.uint8)
    _write_idx(tmp_path / OFFICIAL_FILES["x_train"], upright.transpose(0, 2, 1))  # stored transposed
    _write_idx(tmp_path / OFFICIAL_FILES["y_train"], labels)
    _write_idx(tmp_path / OFFICIAL_FILES["x_test"], upright[:1].transpose(0, 2, 1))
    _write_idx(tmp_path / OFFICIAL_FILES["y_test"], labels[:1])
    data = load_official(tmp_path)
    np.testing.assert_array_equal(data["x_train"], upright)
    np.testing.assert_array_equal(data["y_train"], [0, 1, 25])
    assert read_idx(tmp_path / OFFICIAL_FILES["y_test"]).tolist() == [1]


def test_broken_idx_files_get_a_clear_message(tmp_path):
    from recognizer.training.data import read_idx
    (tmp_path / "junk.idx").write_bytes(b"hello world")
    with pytest.raises(ValueError, match="magic"):
        read_idx(tmp_path / "junk.idx")
    (tmp_path / "short.idx").write_bytes(bytes([0, 0, 8, 1]) + struct.pack(">I", 10) + b"abc")
    with pytest.raises(ValueError, match="expected 10"):
        read_idx(tmp_path / "short.idx")


def test_model_card_matches_the_data_file_when_present(rec):
    from recognizer.training.data import default_data_path, sha256_of
    path = default_data_path()
    if not path.exists():
        pytest.skip(f"EMNIST letters npz not present at {path} (only needed for training/evaluation)")
    assert rec.card["data"]["sha256"] == sha256_of(path)


# --- training ----------------------------------------------------------------------------------

def test_two_epoch_training_smoke_run(tmp_path, sample):
    pytest.importorskip("sklearn", reason="training needs scikit-learn: pip install -e .[train]")
    pytest.importorskip("scipy", reason="training needs scipy: pip install -e .[train]")
    from recognizer.ood import not_a_letter_strokes
    from recognizer.training.train import network_from_sklearn, train
    images, labels = sample
    rng = np.random.default_rng(0)
    pick = np.concatenate([np.flatnonzero(labels == i)[:12] for i in range(26)])   # 312 images
    scribbles = np.stack([render(not_a_letter_strokes(rng)) for _ in range(30)])
    lines = []
    classifier, history = train(images[pick], labels[pick], images[:200], labels[:200], epochs=2,
                                hidden=(32,), per_class=12, scribbles=scribbles, log=lines.append)
    assert len(history) == 2 and len(lines) == 2 and "epoch" in lines[0]
    model = Recognizer([network_from_sklearn(classifier)], {"note": "smoke"})
    model.save(tmp_path / "smoke.npz")
    again = Recognizer.load(tmp_path / "smoke.npz")
    np.testing.assert_allclose(again.rank_images(images[:5]), model.rank_images(images[:5]))
    assert again.card == {"note": "smoke", "architecture": {"features": "pixels"}}   # the card says what it reads


def test_test_time_slants_average_leaning_copies(rec):
    from recognizer.model import slanted
    upright = [np.array([[0.0, 0.0], [0.0, 100.0]])]
    leaning = slanted(upright, 0.2)[0]
    assert leaning[1, 0] == pytest.approx(-20.0)        # the bottom moves left: leans right
    card = {**rec.card, "architecture": {**rec.card.get("architecture", {}), "test_time_slants": [0.0, 0.15, -0.15]}}
    with_slants = Recognizer(rec.networks, card)
    ranking = with_slants.rank(LETTER_B)
    assert sum(p for _, p in ranking) == pytest.approx(1.0)
    assert ranking[0][0] == "b"


def test_zigzags_and_waves_are_refused_for_their_back_and_forth(rec):
    from recognizer.ood import back_and_forth
    zigzag = [np.array([(x * 20.0, 0.0 if x % 2 else 60.0) for x in range(12)])]
    t = np.linspace(0, 1, 200)
    wave = [np.column_stack([t * 300, np.sin(t * 5 * 2 * np.pi) * 30])]
    for strokes in (zigzag, wave):
        assert back_and_forth(strokes) >= 8
        verdict = rec.check(strokes, rec.rank(strokes)[0][0])
        assert not verdict.accepted and "back and forth" in verdict.reason
    # An honest 'm' and 'w' go back and forth far less.
    m = [np.array([[0, 0], [0, 100]]), circle(30, 30, 30, np.pi, 2 * np.pi)[:, :] + [0, 0],
         np.array([[60, 30], [60, 100]])]
    assert back_and_forth([np.asarray(s, float) for s in m]) <= 4


def test_a_straight_upright_line_is_an_honest_l_but_a_flat_one_is_not(rec):
    from recognizer.ood import is_upright_line
    leaning_l = [np.array([[100.0, 100.0], [112.0, 160.0], [125.0, 220.0]])]     # about 12 degrees
    assert is_upright_line(leaning_l)
    assert rec.check(leaning_l, "l").accepted or rec.check(leaning_l, "I").accepted
    flat = [np.array([[0.0, 100.0], [150.0, 130.0], [300.0, 160.0]])]
    assert not is_upright_line(flat)
    assert not rec.check(flat, rec.rank(flat)[0][0]).accepted
    assert not is_upright_line(LETTER_B) and not is_upright_line([circle(0, 0, 50)])


def test_download_unpacks_the_official_archive_layout(tmp_path):
    """The real download code, fed a tiny archive with the official layout through a file:// URL."""
    import zipfile
    from recognizer.training.data import OFFICIAL_FILES, download_official
    source = tmp_path / "source"
    source.mkdir()
    images = np.zeros((2, 28, 28), np.uint8)
    images[1, 10:20, 3] = 200
    for key, name in OFFICIAL_FILES.items():
        array = images.transpose(0, 2, 1) if key.startswith("x") else np.array([3, 4], np.uint8)
        _write_idx(source / name, array)
    with zipfile.ZipFile(tmp_path / "gzip.zip", "w") as bundle:
        for name in OFFICIAL_FILES.values():
            bundle.write(source / name, f"gzip/{name}")
    data = download_official(tmp_path / "emnist", url=(tmp_path / "gzip.zip").as_uri())
    np.testing.assert_array_equal(data["x_test"], images)
    assert data["y_train"].tolist() == [2, 3]


def test_scale_does_not_matter_normalised_coordinates_are_judged_like_pixels(rec):
    from recognizer.skeletons import school_strokes
    rng = np.random.default_rng(0)
    for c in "aBkMs":
        pixels = [s * 200 + 50 + rng.normal(0, 1.5, s.shape) for s in school_strokes(c)]
        unit = [s / 400.0 for s in pixels]   # a tablet's 0..1 coordinates
        assert [l for l, _ in rec.rank(pixels)[:3]] == [l for l, _ in rec.rank(unit)[:3]]
        assert rec.check(unit, c).accepted == rec.check(pixels, c).accepted


# --- damaged models are refused at load, not at the first check --------------------------------

def small_model(directory, kind):
    """A small model of `kind` ("mlp": 2 x 784-16-8-27, "cnn": 2 x c3x4,p,c3x6,p,d10,d27) with random
    weights and the shipped model card, saved the way Recognizer.save stores the shipped one."""
    from recognizer.cnn import ConvNet, layer_shapes
    from recognizer.model import Network
    rng = np.random.default_rng(5)
    card = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text())
    card["architecture"]["features"] = "pixels" if kind == "cnn" else "pixels+directions"
    networks = []
    for _ in range(2):
        if kind == "cnn":
            spec = "c3x4,p,c3x6,p,d10,d27"
            shapes = layer_shapes(spec)
            networks.append(ConvNet(spec, [rng.normal(0, 0.3, w) for w, _ in shapes],
                                    [rng.normal(0, 0.1, b) for _, b in shapes]))
        else:
            sizes = [1176, 16, 8, 27]
            networks.append(Network([rng.normal(0, 0.1, s) for s in zip(sizes, sizes[1:])],
                                    [rng.normal(0, 0.1, s) for s in sizes[1:]]))
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"{kind}.npz"
    Recognizer(networks, card).save(path)
    return path


def damaged_model(tmp_path, change_arrays=None, change_card=None, card=True, base=DEFAULT_MODEL):
    """A copy of a model (the shipped one unless `base` says) in tmp_path, arrays and/or card changed."""
    with np.load(base) as archive:
        arrays = {name: archive[name] for name in archive.files}
    data = json.loads(base.with_suffix(".json").read_text())
    if change_arrays:
        change_arrays(arrays)
    if change_card:
        change_card(data)
    path = tmp_path / "letters.npz"
    np.savez(path, **arrays)
    if card:
        path.with_suffix(".json").write_text(json.dumps(data))
    return path


def test_an_undamaged_copy_loads_and_checks(tmp_path):
    copy = Recognizer.load(damaged_model(tmp_path))
    assert copy.check(LETTER_O, "o").accepted


def _set(mapping, key, value):
    mapping[key] = value


@pytest.mark.parametrize("damage, words", [
    (dict(card=False), "model card"),
    (dict(change_card=lambda c: _set(c["architecture"], "features", "pixels+colours")), "features"),
    (dict(change_card=lambda c: _set(c["operating_point"], "max_rank", "3")), "max_rank"),
    (dict(change_card=lambda c: _set(c["operating_point"], "max_rank", 2.5)), "max_rank"),
    (dict(change_card=lambda c: _set(c["operating_point"], "min_probability", None)), "min_probability"),
    (dict(change_card=lambda c: _set(c["operating_point"], "per_letter_min", {"a": "high"})), "per_letter_min"),
    (dict(change_card=lambda c: _set(c["architecture"], "test_time_slants", ["left"])), "test_time_slants"),
    (dict(change_card=lambda c: _set(c["architecture"], "test_time_slants", 0.1)), "test_time_slants"),
    (dict(change_card=lambda c: _set(c["architecture"], "features", ["pixels"])), "features"),
    (dict(change_card=lambda c: _set(c, "operating_point", [0.5])), "operating_point"),
    (dict(change_card=lambda c: c.clear() or c.update(x=1) or None), "features"),
    (dict(change_arrays=lambda a: _set(a, "net0_w1", a["net0_w1"][:-1])), "shape"),
    (dict(change_arrays=lambda a: _set(a, "net1_w2", a["net1_w2"][:, :-1])), "shape"),
    (dict(change_arrays=lambda a: _set(a, "net0_b0", a["net0_b0"][:-1])), "shape"),
    (dict(change_arrays=lambda a: _set(a, "net0_scale1", a["net0_scale1"][:5])), "shape"),
    (dict(change_arrays=lambda a: _set(a, "net1_b2", a["net1_b2"].astype(str))), "numbers"),
    (dict(change_arrays=lambda a: _set(a, "net0_b1", np.full_like(a["net0_b1"], np.nan))), "finite"),
    (dict(change_arrays=lambda a: _set(a, "net1_scale0", np.full_like(a["net1_scale0"], np.inf))), "finite"),
    (dict(change_arrays=lambda a: a.pop("net1_b1")), "net1_b1"),
    (dict(change_arrays=lambda a: _set(a, "network_count", np.array(0))), "network_count"),
    (dict(change_arrays=lambda a: _set(a, "net0_layers", np.array([3, 3]))), "net0_layers"),
])
@pytest.mark.parametrize("kind", ["mlp", "cnn"])
def test_a_damaged_model_is_refused_at_load_with_a_clear_message(tmp_path, damage, words, kind):
    path = damaged_model(tmp_path, **damage, base=small_model(tmp_path / "base", kind))
    with pytest.raises(ValueError) as problem:
        Recognizer.load(path)
    assert words in str(problem.value) and str(path.name) in str(problem.value)


def test_undamaged_small_models_of_each_kind_load(tmp_path):
    for kind, network in (("mlp", "Network"), ("cnn", "ConvNet")):
        model = Recognizer.load(damaged_model(tmp_path, base=small_model(tmp_path / "base", kind)))
        assert [type(n).__name__ for n in model.networks] == [network, network]
        assert model.rank_images(np.zeros((1, 28, 28), np.uint8)).shape == (1, 26)


def _cnn_spec(arrays, spec):
    arrays["net1_spec"] = np.array(spec)


@pytest.mark.parametrize("damage, words", [
    (dict(change_arrays=lambda a: _set(a, "net0_kind", np.array("transformer"))), "net0_kind"),
    (dict(change_arrays=lambda a: _set(a, "net1_kind", np.array([1.0]))), "net1_kind"),
    (dict(change_arrays=lambda a: a.pop("net1_spec")), "net1_spec"),
    (dict(change_arrays=lambda a: _cnn_spec(a, "c3x4,p,c3x6,p,d10,q27")), "unknown layer"),
    (dict(change_arrays=lambda a: _cnn_spec(a, "c4x4,p,c3x6,p,d10,d27")), "unknown layer"),
    (dict(change_arrays=lambda a: _cnn_spec(a, "c3x4,p,c3x6,p,d27")), "layers with weights"),
    (dict(change_arrays=lambda a: _cnn_spec(a, "c3x4,p,c3x6,p,c3x6,d27")), "shape"),
    (dict(change_arrays=lambda a: _cnn_spec(a, "c3x4,p,c3x6,p,d10,c3x27")), "after a dense layer"),
    (dict(change_arrays=lambda a: _cnn_spec(a, "c3x4,p,c3x8,p,d10,d27")), "shape"),
    (dict(change_arrays=lambda a: _cnn_spec(a, "c3x4,p,p,p,p,p,p,c3x6,d10,d27")), "pools"),
    (dict(change_arrays=lambda a: _set(a, "net0_w0", a["net0_w0"][:4])), "shape"),
    (dict(change_arrays=lambda a: _set(a, "net1_w2", a["net1_w2"][:200])), "shape"),
    (dict(change_arrays=lambda a: _set(a, "net0_w3", a["net0_w3"][:, :26])), "shape"),
    (dict(change_arrays=lambda a: _set(a, "net0_b1", np.full_like(a["net0_b1"], np.nan))), "finite"),
    (dict(change_card=lambda c: _set(c["architecture"], "features", "pixels+directions")), "reads pixels"),
])
def test_a_damaged_convolutional_model_is_refused_at_load(tmp_path, damage, words):
    path = damaged_model(tmp_path, **damage, base=small_model(tmp_path / "base", "cnn"))
    with pytest.raises(ValueError) as problem:
        Recognizer.load(path)
    assert words in str(problem.value) and str(path.name) in str(problem.value)


def test_a_file_that_is_not_a_model_is_refused_with_a_clear_message(tmp_path):
    path = tmp_path / "letters.npz"
    path.write_bytes(b"not a zip archive at all")
    path.with_suffix(".json").write_text(DEFAULT_MODEL.with_suffix(".json").read_text())
    with pytest.raises(ValueError, match="letters.npz"):
        Recognizer.load(path)


@pytest.mark.parametrize("far", [1e308, 1e12])
def test_strokes_spanning_absurd_distances_are_refused_not_fatal(rec, far):
    strokes = [[(-far, 0.0), (far, 10.0)], [(0, 0), (0, 100)]]
    verdict = rec.check(strokes, "a")
    assert not verdict.accepted and "not strokes" in verdict.reason and "far" in verdict.reason
    with pytest.raises(ValueError, match="far"):
        rec.rank(strokes)
    with pytest.raises(ValueError, match="far"):
        render(strokes)


def test_a_huge_drawing_is_resampled_to_a_bounded_number_of_points(rec):
    from recognizer.render import MAX_POINTS, clean_strokes
    t = np.linspace(0, 2 * np.pi, 200_000)
    ring = np.stack([200 + 80 * np.cos(t), 200 + 80 * np.sin(t)], axis=1)
    cleaned = clean_strokes([ring, [(100, 100), (100, 300)]])
    assert sum(len(s) for s in cleaned) <= MAX_POINTS + 2
    assert np.abs(cleaned[0][0] - ring[0]).max() < 1e-9 and np.abs(cleaned[0][-1] - ring[-1]).max() < 1e-9
    assert rec.rank([ring])[0][0] == rec.rank(LETTER_O)[0][0]


def test_numpy_distance_and_blur_match_scipy():
    """render needs no scipy at run time; its distance and blur give scipy.ndimage's numbers."""
    ndimage = pytest.importorskip("scipy.ndimage", reason="scipy is only for training: pip install -e .[train]")
    from recognizer.render import distance_to_path, gaussian_blur
    rng = np.random.default_rng(5)
    for density in (0.002, 0.02, 0.2):
        on_path = rng.random((84, 84)) < density
        on_path[rng.integers(84), rng.integers(84)] = True
        exact = ndimage.distance_transform_edt(~on_path)
        ours = distance_to_path(on_path, reach=4.7)
        near = exact <= 4.7
        assert np.allclose(ours[near], exact[near]) and np.all(np.isinf(ours[~near]))
        image = rng.random((84, 84)) * (rng.random((84, 84)) < 0.3)
        assert np.allclose(gaussian_blur(image, 1.0), ndimage.gaussian_filter(image, 1.0), atol=1e-12)


def test_the_default_training_run_is_the_one_that_made_the_shipped_weights():
    """`python -m recognizer.training.train` with no options must reproduce the shipped weights: same kind,
    layers, epochs, images per letter, seeds and network count as the model card records."""
    from recognizer.training import train
    card = json.loads(DEFAULT_MODEL.with_suffix(".json").read_text())
    defaults = {a.dest: a.default for a in train.build_parser()._actions}
    assert defaults["kind"] == "cnn" and "convolutional" in card["architecture"]["kind"]
    assert defaults["spec"] == card["architecture"]["spec"]
    assert (defaults["epochs"] or train.CNN_EPOCHS) == card["training"]["epochs"]
    assert (defaults["per_class"] or train.CNN_PER_CLASS) == card["training"]["per_letter_per_epoch"]
    assert card["training"]["seeds"] == [defaults["seed"] + n for n in range(defaults["networks"] or 2)]
    assert card["architecture"]["networks"] == len(Recognizer.load().networks) == 2

"""Pools of rendered drawings for training the letter networks (recognizer.training.train):
synthetic traces, scribbles, real pen letters of the training writers, validation scribbles;
rendered on several processes and cached in .npz files between runs."""

from multiprocessing import Pool
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.model import SMALLEST_LETTER_PX
from recognizer.ood import MAX_LETTER_REVERSALS, back_and_forth, not_a_letter_strokes
from recognizer.render import clean_strokes, ink_extent, render


# --- rendered stroke pools -------------------------------------------------------------------

def _render_all(strokes_list):
    return np.stack([render(s) for s in strokes_list]) if strokes_list else np.zeros((0, 28, 28), np.uint8)


def render_many(strokes_list, workers=2):
    """Render many drawings, split over `workers` processes."""
    if workers <= 1 or len(strokes_list) < 200:
        return _render_all(strokes_list)
    chunks = [strokes_list[i::workers * 4] for i in range(workers * 4)]
    with Pool(workers) as pool:
        parts = pool.map(_render_all, chunks)
    # Undo the interleaved split so images line up with their labels again.
    images = np.zeros((len(strokes_list), 28, 28), np.uint8)
    for i, part in enumerate(parts):
        images[i::workers * 4] = part
    return images


def scribble_pool(count, seed, workers=2, their_share=0.0):
    """`count` rendered non-letter drawings: from recognizer.ood, and a share from recognizer.training.scribbles."""
    rng = np.random.default_rng(seed)
    theirs = int(round(count * their_share))
    drawings = [not_a_letter_strokes(rng) for _ in range(count - theirs)]
    if theirs:
        from recognizer.training.scribbles import scribble_dataset
        drawings += scribble_dataset(theirs, rng)
    # Only what check() would hand to the network: tiny smudges and zig-zags never get there.
    drawings = [clean_strokes(d) for d in drawings]
    drawings = [d for d in drawings if ink_extent(d) >= SMALLEST_LETTER_PX // 2]
    return render_many(drawings, workers)


def synthetic_pool(per_letter, seed, workers=2):
    """Rendered synthetic traces, both cases, tidy to very messy -> (images, labels).

    None if recognizer.training.synth is missing.
    """
    try:
        from recognizer.training.synth import synth_dataset
    except ImportError as problem:
        print(f"no synthetic traces ({problem}); training on EMNIST images only", flush=True)
        return None
    rng = np.random.default_rng(seed)
    strokes, labels = [], []
    for messiness, share in ((0.6, 0.3), (1.0, 0.4), (1.5, 0.3)):
        traces, letters, _ = synth_dataset(max(int(per_letter * share), 1), rng, cases="both", messiness=messiness)
        strokes += traces
        labels.append(letters)
    return render_many(strokes, workers), np.concatenate(labels).astype(np.int64)


def cached(path, make):
    """Load arrays from `path` (.npz) if it exists, else make them and save them there."""
    if path is not None and Path(path).exists():
        with np.load(path) as archive:
            return tuple(archive[k] for k in sorted(archive.files))
    made = make()
    if path is not None and made is not None:
        made = made if isinstance(made, tuple) else (made,)
        np.savez(path, **{f"a{i}": a for i, a in enumerate(made)})
    return made


def realpen_pool(path=None):
    """Rendered real-pen letters of the writers we may train on -> (images, labels), or None."""
    from recognizer.training.realpen import DEFAULT_REALPEN, load_realpen, train_writer
    path = Path(path or DEFAULT_REALPEN)
    if not path.exists():
        print(f"no real pen letters at {path}; training without them", flush=True)
        return None
    samples = [s for s in load_realpen(path) if train_writer(s["writer"])]
    images = np.stack([render(clean_strokes(s["strokes"])) for s in samples])
    return images, np.array([LETTERS.index(s["letter"]) for s in samples], np.int64)


def validation_scribbles(count, seed, workers=2):
    """Scribbles for choosing the rule: half ours (recognizer.ood), half recognizer.training.scribbles.

    Returns (images, refused): `refused` marks drawings that check() turns down
    before the network sees them (too small, too much back and forth).
    """
    rng = np.random.default_rng(seed)
    drawings = [not_a_letter_strokes(rng) for _ in range(count // 2)]
    try:
        from recognizer.training.scribbles import scribble_dataset
        drawings += scribble_dataset(count - count // 2, np.random.default_rng(seed + 1))
    except ImportError:
        pass
    drawings = [clean_strokes(d) for d in drawings]
    refused = np.array([ink_extent(d) < SMALLEST_LETTER_PX or back_and_forth(d) > MAX_LETTER_REVERSALS
                        for d in drawings])
    return render_many(drawings, workers), refused

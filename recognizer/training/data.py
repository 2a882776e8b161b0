"""EMNIST letters: loading, downloading, splitting and augmenting.

Only training and evaluation need this; the games never do.

    python -m recognizer.training.data                       # summary of our npz
    python -m recognizer.training.data --idx DIR             # read official gzip/idx files in DIR
    python -m recognizer.training.data --download DIR        # fetch the official archive into DIR
"""

import argparse
import gzip
import hashlib
import os
import shutil
import struct
import sys
import urllib.request
import zipfile
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_NPZ = REPO_ROOT.parent / "shared" / "data" / "emnist-letters.npz"
OFFICIAL_URL = "https://biometrics.nist.gov/cs_links/EMNIST/gzip.zip"
OFFICIAL_FILES = {
    "x_train": "emnist-letters-train-images-idx3-ubyte.gz",
    "y_train": "emnist-letters-train-labels-idx1-ubyte.gz",
    "x_test": "emnist-letters-test-images-idx3-ubyte.gz",
    "y_test": "emnist-letters-test-labels-idx1-ubyte.gz",
}
_IDX_TYPES = {0x08: np.uint8, 0x09: np.int8, 0x0B: ">i2", 0x0C: ">i4", 0x0D: ">f4", 0x0E: ">f8"}


def _training_only(module):
    """Import ``module``, which only training needs (the games run without it)."""
    import importlib
    try:
        return importlib.import_module(module)
    except ImportError as error:
        raise ImportError(f"training needs {module.split('.')[0]}, which the games do not install: "
                          f'pip install -e ".[train]"') from error


def default_data_path():
    """Where the EMNIST letters npz is looked for ($LETTERPLAY_EMNIST overrides)."""
    return Path(os.environ.get("LETTERPLAY_EMNIST", DEFAULT_NPZ))


def sha256_of(path):
    """Hex sha256 of a file."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_npz(path=None):
    """Load our npz: dict with x_train, y_train, x_test, y_test (upright, labels 0..25)."""
    path = Path(path or default_data_path())
    if not path.exists():
        raise FileNotFoundError(f"EMNIST letters data not found at {path}; "
                                "pass --data or set LETTERPLAY_EMNIST")
    with np.load(path) as archive:
        return {key: archive[key] for key in ("x_train", "y_train", "x_test", "y_test")}


def read_idx(path):
    """Read one idx file (optionally gzipped) into a numpy array."""
    path = Path(path)
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rb") as handle:
        raw = handle.read()
    if len(raw) < 4 or raw[0] != 0 or raw[1] != 0:
        raise ValueError(f"{path} is not an idx file (bad magic number)")
    type_code, ndim = raw[2], raw[3]
    if type_code not in _IDX_TYPES:
        raise ValueError(f"{path}: unknown idx data type 0x{type_code:02x}")
    shape = struct.unpack(f">{ndim}I", raw[4:4 + 4 * ndim])
    dtype = np.dtype(_IDX_TYPES[type_code])
    expected = int(np.prod(shape)) * dtype.itemsize
    body = raw[4 + 4 * ndim:]
    if len(body) != expected:
        raise ValueError(f"{path}: expected {expected} data bytes for shape {shape}, found {len(body)}")
    return np.frombuffer(body, dtype=dtype).reshape(shape).astype(dtype.newbyteorder("="))


def load_official(directory):
    """Read the official EMNIST letters gzip/idx files from `directory`.

    The official images are stored transposed; they are returned upright, and
    the labels 1..26 become 0..25, matching our npz.
    """
    directory = Path(directory)
    data = {}
    for key, name in OFFICIAL_FILES.items():
        path = directory / name
        if not path.exists() and (directory / name[:-3]).exists():
            path = directory / name[:-3]
        if not path.exists():
            raise FileNotFoundError(f"{name} not found in {directory}")
        array = read_idx(path)
        if key.startswith("x"):
            data[key] = np.ascontiguousarray(array.transpose(0, 2, 1))
        else:
            if array.min() < 1 or array.max() > 26:
                raise ValueError(f"{name}: labels should be 1..26, found {array.min()}..{array.max()}")
            data[key] = (array - 1).astype(np.uint8)
    return data


def download_official(directory, url=OFFICIAL_URL):
    """Download the official EMNIST archive (about 560 MB) and unpack the letters files."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / "gzip.zip"
    if not archive.exists():
        print(f"downloading {url} -> {archive}", flush=True)
        partial = archive.with_suffix(".part")
        with urllib.request.urlopen(url, timeout=60) as response, open(partial, "wb") as out:
            total = int(response.headers.get("Content-Length", 0))
            done = 0
            while block := response.read(1 << 20):
                out.write(block)
                done += len(block)
                if total:
                    print(f"\r  {done / total:6.1%}", end="", flush=True)
        print()
        partial.rename(archive)
    with zipfile.ZipFile(archive) as bundle:
        for member in bundle.namelist():
            name = Path(member).name
            if name in OFFICIAL_FILES.values():
                with bundle.open(member) as source, open(directory / name, "wb") as target:
                    shutil.copyfileobj(source, target)
    return load_official(directory)


def split_validation(labels, fraction, seed):
    """Stratified split of indices into (train, validation)."""
    rng = np.random.default_rng(seed)
    train, validation = [], []
    for letter in np.unique(labels):
        members = rng.permutation(np.flatnonzero(labels == letter))
        cut = int(round(len(members) * fraction))
        validation.append(members[:cut])
        train.append(members[cut:])
    return np.sort(np.concatenate(train)), np.sort(np.concatenate(validation))


def balanced_indices(labels, per_class, rng):
    """Draw `per_class` indices of every class (with replacement for small classes)."""
    chosen = []
    for letter in np.unique(labels):
        members = np.flatnonzero(labels == letter)
        chosen.append(rng.choice(members, per_class, replace=len(members) < per_class))
    return rng.permutation(np.concatenate(chosen))


# --- augmentation --------------------------------------------------------------------------

def _sample(images, source_y, source_x):
    """Bilinear lookup images[n, source_y, source_x] for every output pixel; outside is black."""
    n, size, _ = images.shape
    padded = np.zeros((n, size + 2, size + 2), np.float32)   # a black frame catches outside reads
    padded[:, 1:-1, 1:-1] = images
    y = np.clip(source_y + 1, 0, size + 0.999)
    x = np.clip(source_x + 1, 0, size + 0.999)
    y0, x0 = np.floor(y).astype(np.intp), np.floor(x).astype(np.intp)
    y0, x0 = np.minimum(y0, size), np.minimum(x0, size)
    fy, fx = (y - y0).astype(np.float32), (x - x0).astype(np.float32)
    flat = padded.reshape(n, -1)
    width = size + 2
    base = y0 * width + x0
    rows = np.arange(n)[:, None]
    base = base.reshape(n, -1)

    def at(offset):
        return np.take_along_axis(flat, base + offset, axis=1).reshape(n, size, size)

    top = at(0) * (1 - fx) + at(1) * fx
    bottom = at(width) * (1 - fx) + at(width + 1) * fx
    del rows
    return top * (1 - fy) + bottom * fy


def reframe(images, box=24, threshold=0.1):
    """Crop each float image to its ink and centre it so its longer side spans `box` pixels.

    This is what the stroke renderer does, so augmented EMNIST images keep
    EMNIST's framing however they were rotated or scaled.
    """
    n, size, _ = images.shape
    ink = images > threshold
    rows, cols = ink.any(axis=2), ink.any(axis=1)
    empty = ~rows.any(axis=1)
    top = rows.argmax(axis=1)
    bottom = size - 1 - rows[:, ::-1].argmax(axis=1)
    left = cols.argmax(axis=1)
    right = size - 1 - cols[:, ::-1].argmax(axis=1)
    height, width = bottom - top + 1, right - left + 1
    zoom = np.maximum(height, width) / box          # source pixels per output pixel
    centre_y, centre_x = (top + bottom) / 2, (left + right) / 2
    zoom[empty], centre_y[empty], centre_x[empty] = 1.0, (size - 1) / 2, (size - 1) / 2
    grid = np.arange(size) - (size - 1) / 2
    source_y = centre_y[:, None, None] + zoom[:, None, None] * grid[None, :, None]
    source_x = centre_x[:, None, None] + zoom[:, None, None] * grid[None, None, :]
    return _sample(images, *np.broadcast_arrays(source_y, source_x))


def _smooth_field(rng, n, size, knots=5):
    """Random smooth displacement fields (n, size, size): noise on a coarse grid, bilinearly enlarged."""
    coarse = rng.normal(0, 1, (n, knots, knots)).astype(np.float32)
    position = np.linspace(0, knots - 1, size)
    low = np.minimum(np.floor(position).astype(int), knots - 2)
    frac = (position - low).astype(np.float32)
    spread = np.zeros((size, knots), np.float32)
    spread[np.arange(size), low] = 1 - frac
    spread[np.arange(size), low + 1] = frac
    return np.einsum("yk,nkl,xl->nyx", spread, coarse, spread, optimize=True)


def augment(images, rng, strength=1.0):
    """Finger-writing augmentation of uint8 (N, 28, 28) images -> float32 in 0..1.

    Small rotations, shears, uneven stretch, elastic wobble and thicker or
    thinner strokes; every result is re-framed like EMNIST.
    """
    images = images.astype(np.float32) / 255.0
    n, size, _ = images.shape
    angle = np.radians(rng.normal(0, 8, n).clip(-20, 20)) * strength
    shear = rng.normal(0, 0.15, n).clip(-0.4, 0.4) * strength
    stretch = np.exp(rng.normal(0, 0.12, n).clip(-0.3, 0.3) * strength)
    cos, sin = np.cos(angle), np.sin(angle)
    # Output (y, x) -> source (y, x): rotation, then shear, then stretch of x against y.
    a11, a12 = cos, -sin + shear * cos
    a21, a22 = sin * stretch, (cos + shear * sin) * stretch
    grid = np.arange(size, dtype=np.float32) - (size - 1) / 2
    gy = grid[None, :, None]
    gx = grid[None, None, :]
    source_y = a11[:, None, None] * gy + a12[:, None, None] * gx + (size - 1) / 2
    source_x = a21[:, None, None] * gy + a22[:, None, None] * gx + (size - 1) / 2
    # Elastic wobble: a smooth random displacement of up to about a pixel.
    wobble = rng.uniform(0, 1.2, (n, 1, 1)).astype(np.float32) * strength
    source_y = source_y + _smooth_field(rng, n, size) * wobble
    source_x = source_x + _smooth_field(rng, n, size) * wobble
    images = _sample(images, source_y, source_x)
    # Stroke thickness: thicken some (finger-fat strokes), thin or fatten others by gamma.
    fat = rng.random(n) < 0.1 * strength
    if fat.any():
        images[fat] = _training_only("scipy.ndimage").grey_dilation(images[fat], size=(1, 2, 2))
    gamma = np.exp(rng.normal(0, 0.3, n) * strength).astype(np.float32)
    images = np.clip(images, 0, 1) ** gamma[:, None, None]
    images = reframe(images)
    peak = images.reshape(n, -1).max(axis=1)
    images /= np.maximum(peak, 1e-6)[:, None, None]
    return images.astype(np.float32)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None, help="our npz (default: ../shared/data/emnist-letters.npz)")
    parser.add_argument("--idx", default=None, help="directory with the official EMNIST letters gzip/idx files")
    parser.add_argument("--download", default=None, help="download the official archive into this directory")
    args = parser.parse_args(argv)
    try:
        if args.download:
            data = download_official(args.download)
        elif args.idx:
            data = load_official(args.idx)
        else:
            data = load_npz(args.data)
    except (OSError, ValueError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    for split in ("train", "test"):
        images, labels = data[f"x_{split}"], data[f"y_{split}"]
        counts = np.bincount(labels, minlength=26)
        print(f"{split}: {images.shape} {images.dtype}, per letter {counts.min()}..{counts.max()}, "
              f"mean ink {images.mean() / 255:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

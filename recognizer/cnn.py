"""A small convolutional network run in plain numpy (no torch at game time).

The layers are described by a short spec, e.g. ``"c5x32,p,c3x64,p,c3x128,p,d256,d27"``:
``cKxN`` a KxK convolution to N channels (same padding, ReLU), ``p`` a 2x2 max-pool
(odd sizes drop the last row/column, like torch's floor), ``dN`` a dense layer
(ReLU except the last one, which is followed by a softmax). Batch-norm layers are
folded into the convolutions when exported from torch (recognizer/training/cnn_train.py).

Convolutions run as one matrix product per layer over the image patches
(im2col with numpy's sliding windows), in float32; activations are kept
channels-last (N, H, W, C).
"""

import numpy as np


MAX_SPEC_LENGTH = 200        # a spec is a short line; anything longer is not one of ours
MAX_UNITS = 4096             # channels or units of one layer


def parse_spec(spec):
    """"c5x32,p,d27" -> [("conv", 5, 32), ("pool",), ("dense", 27)]; ValueError if it is not a spec."""
    if not isinstance(spec, str) or not spec or len(spec) > MAX_SPEC_LENGTH:
        raise ValueError(f"network spec must be a short text like 'c3x32,p,d27', got {spec!r:.80}")
    layers = []
    for part in spec.split(","):
        part = part.strip()
        try:
            if part == "p":
                layers.append(("pool",))
                continue
            if part.startswith("c") and "x" in part:
                size, channels = (int(v) for v in part[1:].split("x"))
                if size % 2 == 1 and 1 <= size <= 9 and 1 <= channels <= MAX_UNITS:
                    layers.append(("conv", size, channels))
                    continue
            elif part.startswith("d"):
                units = int(part[1:])
                if 1 <= units <= MAX_UNITS:
                    layers.append(("dense", units))
                    continue
        except ValueError:
            pass
        raise ValueError(f"unknown layer {part!r} in network spec {spec!r} (cKxN with odd K up to 9, p, or dN)")
    return layers


def layer_shapes(spec, image_size=28, channels=1):
    """The (weights, biases) shapes of each learned layer of `spec`, in the order they are stored.

    Raises ValueError if the spec cannot run on an image of `image_size` (pooled to nothing, a
    convolution after a dense layer, no dense layer at the end).
    """
    shapes, size, flat = [], image_size, None
    layers = parse_spec(spec)
    for layer in layers:
        if layer[0] == "conv":
            if flat is not None:
                raise ValueError(f"network spec {spec!r} has a convolution after a dense layer")
            shapes.append(((layer[1] * layer[1] * channels, layer[2]), (layer[2],)))
            channels = layer[2]
        elif layer[0] == "pool":
            if flat is not None or size < 2:
                raise ValueError(f"network spec {spec!r} pools a {size}x{size} image or after a dense layer")
            size //= 2
        else:
            inputs = flat if flat is not None else channels * size * size
            shapes.append(((inputs, layer[1]), (layer[1],)))
            flat = layer[1]
    if flat is None or layers[-1][0] != "dense":
        raise ValueError(f"network spec {spec!r} must end with a dense layer")
    return shapes


def conv2d(x, weights, bias):
    """Same-padded convolution, channels last: (N, H, W, C) x (K*K*C, F) -> (N, H, W, F).

    `weights` rows are ordered (ky, kx, c), matching the patches below.
    """
    n, h, w, c = x.shape
    k = int(round(np.sqrt(weights.shape[0] // c)))
    pad = k // 2
    padded = np.pad(x, ((0, 0), (pad, pad), (pad, pad), (0, 0)))
    # (N, H, W, C, ky, kx) view -> (N, H, W, ky, kx, C) copy -> rows of patches
    patches = np.lib.stride_tricks.sliding_window_view(padded, (k, k), axis=(1, 2))
    patches = patches.transpose(0, 1, 2, 4, 5, 3).reshape(n * h * w, k * k * c)
    return (patches @ weights + bias).reshape(n, h, w, -1)


def max_pool(x):
    """2x2 max-pool, channels last; an odd last row/column is dropped."""
    n, h, w, c = x.shape
    h2, w2 = h // 2, w // 2
    return x[:, :h2 * 2, :w2 * 2].reshape(n, h2, 2, w2, 2, c).max(axis=(2, 4))


def _softmax(values):
    values = values - values.max(axis=1, keepdims=True)
    np.exp(values, out=values)
    values /= values.sum(axis=1, keepdims=True)
    return values


class ConvNet:
    """Convolutional letter network; `probabilities` has the same contract as model.Network."""

    kind = "cnn"

    def __init__(self, spec, weights, biases, image_size=28):
        self.spec = spec
        self.layers = parse_spec(spec)
        self.image_size = image_size
        self.weights = [np.asarray(w, np.float32) for w in weights]
        self.biases = [np.asarray(b, np.float32) for b in biases]
        learned = [layer for layer in self.layers if layer[0] != "pool"]
        if len(learned) != len(self.weights) or len(self.weights) != len(self.biases):
            raise ValueError(f"network spec {spec!r} has {len(learned)} layers with weights, "
                             f"but {len(self.weights)} weight and {len(self.biases)} bias arrays were given")

    def probabilities(self, inputs):
        """(N, 784) pixels row by row (or (N, 28, 28)), ink 1.0 on 0.0 -> (N, classes) probabilities."""
        return self.outputs(inputs)[0]

    def features(self, inputs):
        """(N, 784) pixels -> (N, units) the penultimate layer's activations (after its ReLU): the
        network's compact description of each drawing (recognizer.adapt compares drawings on it)."""
        return self.outputs(inputs)[1]

    def outputs(self, inputs):
        """One forward pass -> ((N, classes) probabilities, (N, units) penultimate features).

        Both come from the same pass: a check that needs the description as well as the answer
        runs the network once."""
        x = np.asarray(inputs, np.float32).reshape(-1, self.image_size, self.image_size, 1)
        learned = 0
        dense_count = sum(layer[0] == "dense" for layer in self.layers)
        dense_seen = 0
        features = None
        for layer in self.layers:
            if layer[0] == "pool":
                x = max_pool(x)
                continue
            w, b = self.weights[learned], self.biases[learned]
            learned += 1
            if layer[0] == "conv":
                x = np.maximum(conv2d(x, w, b), 0)
            else:
                if x.ndim == 4:                    # flatten like torch: channels first
                    x = x.transpose(0, 3, 1, 2).reshape(len(x), -1)
                features = x                       # what the last dense layer reads
                x = x @ w + b
                dense_seen += 1
                if dense_seen < dense_count:
                    np.maximum(x, 0, out=x)
        return _softmax(x.astype(np.float64)), features

    @property
    def parameter_count(self):
        return int(sum(w.size + b.size for w, b in zip(self.weights, self.biases)))

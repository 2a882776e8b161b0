"""A small convolutional network run in plain numpy (no torch at game time).

The layers are described by a short spec, e.g. ``"c5x32,p,c3x64,p,c3x128,p,d256,d27"``:
``cKxN`` a KxK convolution to N channels (same padding, ReLU), ``p`` a 2x2 max-pool
(odd sizes drop the last row/column, like torch's floor), ``dN`` a dense layer
(ReLU except the last one, which is followed by a softmax). Batch-norm layers are
folded into the convolutions when exported from torch (recognizer/cnn_train.py).

Convolutions run as one matrix product per layer over the image patches
(im2col with numpy's sliding windows), in float32; activations are kept
channels-last (N, H, W, C).
"""

import numpy as np


def parse_spec(spec):
    """"c5x32,p,d27" -> [("conv", 5, 32), ("pool",), ("dense", 27)]."""
    layers = []
    for part in spec.split(","):
        part = part.strip()
        if part == "p":
            layers.append(("pool",))
        elif part.startswith("c") and "x" in part:
            size, channels = part[1:].split("x")
            layers.append(("conv", int(size), int(channels)))
        elif part.startswith("d"):
            layers.append(("dense", int(part[1:])))
        else:
            raise ValueError(f"unknown layer {part!r} in network spec {spec!r}")
    return layers


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
        x = np.asarray(inputs, np.float32).reshape(-1, self.image_size, self.image_size, 1)
        learned = 0
        dense_count = sum(layer[0] == "dense" for layer in self.layers)
        dense_seen = 0
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
                x = x @ w + b
                dense_seen += 1
                if dense_seen < dense_count:
                    np.maximum(x, 0, out=x)
        return _softmax(x.astype(np.float64))

    @property
    def parameter_count(self):
        return int(sum(w.size + b.size for w, b in zip(self.weights, self.biases)))

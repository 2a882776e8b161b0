"""The multi-layer perceptron networks (the recognizer before its convolutional networks), numpy only,
and the inputs they read: pixels, optionally with stroke-direction histograms."""

import numpy as np


def _relu(values):
    return np.maximum(values, 0, out=values)


def _softmax(values):
    values = values - values.max(axis=1, keepdims=True)
    np.exp(values, out=values)
    values /= values.sum(axis=1, keepdims=True)
    return values


class Network:
    """A multi-layer perceptron (ReLU hidden layers, softmax output), numpy only."""

    def __init__(self, weights, biases):
        self.weights = [np.asarray(w, np.float64) for w in weights]
        self.biases = [np.asarray(b, np.float64) for b in biases]

    def probabilities(self, inputs):
        """(N, features) float -> (N, classes) probabilities, same maths as scikit-learn."""
        values = np.asarray(inputs, np.float64)
        for layer, (w, b) in enumerate(zip(self.weights, self.biases)):
            values = values @ w + b
            if layer < len(self.weights) - 1:
                _relu(values)
        return _softmax(values)


GRADIENT_CELL = 4        # pixels per side of a gradient-histogram cell (7 x 7 cells)
GRADIENT_BINS = 8        # stroke directions per cell, 0..180 degrees


def stroke_directions(images):
    """Histograms of stroke-edge directions in 4x4-pixel cells: (N, 28, 28) in 0..1 -> (N, 392).

    They tell the network which way the ink runs in each part of the letter
    (like HOG features); each image's vector has length 4.
    """
    n, size = len(images), images.shape[1]
    dy = np.zeros_like(images)
    dx = np.zeros_like(images)
    dy[:, 1:-1] = images[:, 2:] - images[:, :-2]
    dx[:, :, 1:-1] = images[:, :, 2:] - images[:, :, :-2]
    strength = np.hypot(dx, dy)
    direction = np.minimum((np.arctan2(dy, dx) % np.pi / np.pi * GRADIENT_BINS).astype(int), GRADIENT_BINS - 1)
    cells = size // GRADIENT_CELL
    histograms = np.zeros((n, cells, cells, GRADIENT_BINS), images.dtype)
    for b in range(GRADIENT_BINS):
        histograms[..., b] = (strength * (direction == b)).reshape(
            n, cells, GRADIENT_CELL, cells, GRADIENT_CELL).sum(axis=(2, 4))
    histograms = histograms.reshape(n, -1)
    return histograms / (np.linalg.norm(histograms, axis=1, keepdims=True) + 1e-6) * 4


def images_to_inputs(images, features="pixels"):
    """uint8 (N, 28, 28) images -> float64 network inputs (see `unit_images_to_inputs`)."""
    return unit_images_to_inputs(np.asarray(images).astype(np.float64) / 255.0, features)


def unit_images_to_inputs(images, features="pixels"):
    """(N, 28, 28) images with ink 1.0 on 0.0 -> network inputs: the pixels row by row,
    followed by the stroke directions if `features` is "pixels+directions"."""
    pixels = images.reshape(len(images), -1)
    if features == "pixels":
        return pixels
    if features == "pixels+directions":
        return np.hstack([pixels, stroke_directions(images)])
    raise ValueError(f"unknown network input features {features!r}")

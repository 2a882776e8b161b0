"""Reading the recognizer's files: the model card and the weights, each array checked.

`recognizer.model.Recognizer.load` uses these; a damaged file gives a ModelError (a ValueError)
naming the file and the fault. `quantize` and `as_stored` are how weights are stored as int8.
"""

import json

import numpy as np

from recognizer.cnn import ConvNet
from recognizer.mlp import GRADIENT_BINS, Network


class ModelError(ValueError):
    """The recognizer's weights or model card are damaged or do not fit together."""


# Network input size for each kind of features: 28 x 28 pixels, plus 7 x 7 cells x 8 directions.
FEATURE_SIZES = {"pixels": 28 * 28, "pixels+directions": 28 * 28 + 7 * 7 * GRADIENT_BINS}
MAX_NETWORKS, MAX_LAYERS = 16, 16
NETWORK_KINDS = ("mlp", "cnn")      # model.Network, recognizer.cnn.ConvNet


def _is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool) and np.isfinite(value)


def read_card(path):
    """The model card (.json beside the weights) as a dict; ModelError if it is missing or not JSON."""
    card_path = path.with_suffix(".json")
    try:
        card = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: its model card {card_path.name} is missing "
                         f"(it says how to read the weights)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ModelError(f"{path}: its model card {card_path.name} cannot be read: {err}") from None
    if not isinstance(card, dict):
        raise ModelError(f"{path}: its model card {card_path.name} is not a JSON object")
    for section in ("architecture", "operating_point"):
        if not isinstance(card.get(section, {}), dict):
            raise ModelError(f"{path}: the model card's {section} is not a JSON object")
    if "features" not in card.get("architecture", {}):
        raise ModelError(f"{path}: the model card's architecture.features is missing "
                         f"(it says what the networks read: {', '.join(FEATURE_SIZES)})")
    return card


def read_networks(archive, name):
    """Networks from an opened .npz archive, checking every array's presence, type and shape."""
    def array(key, ndim):
        if key not in archive.files:
            raise ModelError(f"{name}: the array {key} is missing")
        value = archive[key]
        if not (np.issubdtype(value.dtype, np.integer) or np.issubdtype(value.dtype, np.floating)):
            raise ModelError(f"{name}: {key} holds {value.dtype} values, not numbers")
        if value.ndim != ndim:
            raise ModelError(f"{name}: {key} has shape {value.shape}; expected {ndim} dimension(s)")
        if not np.isfinite(value).all():
            raise ModelError(f"{name}: {key} holds values that are not finite numbers (NaN or infinity)")
        return value

    def count(key, most):
        value = array(key, 0)
        if not (np.issubdtype(value.dtype, np.integer) and 1 <= int(value) <= most):
            raise ModelError(f"{name}: {key} must be a whole number from 1 to {most}, got {value!r}")
        return int(value)

    def text(key):
        if key not in archive.files:
            raise ModelError(f"{name}: the array {key} is missing")
        value = archive[key]
        if value.dtype.kind != "U" or value.ndim != 0:
            raise ModelError(f"{name}: {key} must be one text, got {value.dtype} values of shape {value.shape}")
        return str(value)

    networks = []
    for n in range(count("network_count", MAX_NETWORKS)):
        kind = text(f"net{n}_kind") if f"net{n}_kind" in archive.files else "mlp"
        if kind not in NETWORK_KINDS:
            raise ModelError(f"{name}: net{n}_kind is {kind!r}; known kinds: {', '.join(NETWORK_KINDS)}")
        dtype = np.float32 if kind == "cnn" else np.float64
        weights, biases = [], []
        for i in range(count(f"net{n}_layers", MAX_LAYERS)):
            w = array(f"net{n}_w{i}", 2).astype(dtype)
            if f"net{n}_scale{i}" in archive.files:          # int8 weights, one scale per unit
                scale = array(f"net{n}_scale{i}", 1)
                if scale.shape != (w.shape[1],):
                    raise ModelError(f"{name}: net{n}_scale{i} has shape {scale.shape}; expected ({w.shape[1]},), "
                                     f"one scale per unit of net{n}_w{i}")
                w = w * scale.astype(dtype)
            weights.append(w)
            biases.append(array(f"net{n}_b{i}", 1))
        if kind == "mlp":
            networks.append(Network(weights, biases))
            continue
        spec = text(f"net{n}_spec")
        try:
            networks.append(ConvNet(spec, weights, biases))
        except ValueError as err:
            raise ModelError(f"{name}: network {n} (net{n}_spec): {err}") from None
    return networks


def quantize(weights):
    """float weights (inputs, units) -> (int8 weights, float32 scale per unit), w ~ q * scale."""
    scale = (np.abs(weights).max(axis=0) / 127).astype(np.float32)
    scale[scale == 0] = 1
    return np.round(weights / scale.astype(np.float64)).astype(np.int8), scale


def as_stored(network, precision="int8"):
    """The network with its weights rounded exactly as `Recognizer.save` stores them.

    A convolutional network (recognizer.cnn) is rounded when exported and comes back as it is.
    """
    if getattr(network, "kind", "mlp") != "mlp":
        return network
    if precision == "int8":
        weights = []
        for w in network.weights:
            q, scale = quantize(w)
            weights.append(q.astype(np.float64) * scale.astype(np.float64))
    else:
        weights = [w.astype(np.float16) for w in network.weights]
    return Network(weights, [b.astype(np.float32) for b in network.biases])

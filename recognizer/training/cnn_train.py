"""Train the convolutional letter network with PyTorch (CPU) and export it to numpy.

Only training needs torch (``pip install .[train]``); the games run the exported
weights with recognizer.cnn. `python -m recognizer.training.train` calls `train_cnn`.
"""

import time

import numpy as np

from recognizer.cnn import ConvNet, parse_spec
from recognizer.training.data import augment, balanced_indices
from recognizer.model import quantize

NOT_A_LETTER = 26


def build_torch(spec, image_size=28, classes=27, dropout=0.3):
    """The torch twin of ConvNet(spec): conv + batch-norm + ReLU blocks, max-pools, dense layers."""
    import torch.nn as nn

    modules, channels, size, flat = [], 1, image_size, None
    layers = parse_spec(spec)
    dense_total = sum(layer[0] == "dense" for layer in layers)
    dense_seen = 0
    for layer in layers:
        if layer[0] == "conv":
            _, k, out = layer
            modules += [nn.Conv2d(channels, out, k, padding=k // 2, bias=False), nn.BatchNorm2d(out), nn.ReLU()]
            channels = out
        elif layer[0] == "pool":
            modules.append(nn.MaxPool2d(2))
            size //= 2
        else:
            if flat is None:
                modules.append(nn.Flatten())
                flat = channels * size * size
                channels = flat
            dense_seen += 1
            modules += [nn.Dropout(dropout), nn.Linear(channels, layer[1])]
            if dense_seen < dense_total:
                modules.append(nn.ReLU())
            channels = layer[1]
    if channels != classes:
        raise ValueError(f"network spec {spec!r} ends with {channels} outputs, not {classes}")
    return nn.Sequential(*modules)


def export(model, spec, precision="int8"):
    """Torch model -> ConvNet with batch-norm folded in, weights rounded as they will be stored."""
    import torch.nn as nn

    weights, biases = [], []
    mods = list(model)
    for i, mod in enumerate(mods):
        if isinstance(mod, nn.Conv2d):
            bn = mods[i + 1]
            w = mod.weight.detach().double().numpy()                    # (F, C, k, k)
            scale = (bn.weight / (bn.running_var + bn.eps).sqrt()).detach().double().numpy()
            shift = bn.bias.detach().double().numpy() - bn.running_mean.detach().double().numpy() * scale
            w = w * scale[:, None, None, None]
            weights.append(w.transpose(2, 3, 1, 0).reshape(-1, w.shape[0]))   # rows (ky, kx, c)
            biases.append(shift)
        elif isinstance(mod, nn.Linear):
            weights.append(mod.weight.detach().double().numpy().T)
            biases.append(mod.bias.detach().double().numpy())
    return ConvNet(spec, *stored(weights, biases, precision))


def stored(weights, biases, precision="int8"):
    """Weights and biases rounded exactly as Recognizer.save keeps them."""
    if precision == "int8":
        rounded = []
        for w in weights:
            q, scale = quantize(w)
            rounded.append(q.astype(np.float32) * scale)
    else:
        rounded = [np.asarray(w, np.float16).astype(np.float32) for w in weights]
    return rounded, [np.asarray(b, np.float32) for b in biases]


def train_cnn(x_train, y_train, x_val, y_val, *, spec, epochs=12, seed=0, per_class=2000,
              synthetic=None, synthetic_val=None, scribbles=None, scribbles_val=None, realpen=None,
              realpen_repeats=3, batch_size=128, learning_rate=3e-3, weight_decay=5e-4, threads=2, log=print):
    """Fit the network epoch by epoch on fresh augmentations; return (ConvNet, history).

    The data of an epoch is drawn like the MLP's (recognizer.training.train.train): a
    class-balanced augmented EMNIST draw, the synthetic traces, the scribbles
    (class 27) and, if given, rendered real-pen letters of the writers we may
    train on, `realpen_repeats` augmented copies of each.
    """
    import torch
    import torch.nn.functional as F

    torch.manual_seed(seed)
    torch.set_num_threads(threads)
    rng = np.random.default_rng(seed)
    model = build_torch(spec)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=weight_decay)
    per_class = min(per_class, max(np.bincount(y_train)))
    history = []
    steps_per_epoch = None
    scheduler = None
    for epoch in range(1, epochs + 1):
        started = time.time()
        chosen = balanced_indices(y_train, per_class, rng)
        parts_x, parts_y = [augment(x_train[chosen], rng)], [y_train[chosen]]
        if synthetic is not None:
            parts_x.append(augment(synthetic[0], rng, strength=0.5))
            parts_y.append(synthetic[1])
        if scribbles is not None and len(scribbles):
            parts_x.append(augment(scribbles, rng, strength=0.5))
            parts_y.append(np.full(len(scribbles), NOT_A_LETTER))
        if realpen is not None and len(realpen[1]):
            for _ in range(realpen_repeats):
                parts_x.append(augment(realpen[0], rng, strength=0.7))
                parts_y.append(realpen[1])
        inputs = torch.from_numpy(np.concatenate(parts_x)[:, None].astype(np.float32))
        targets = torch.from_numpy(np.concatenate(parts_y).astype(np.int64))
        order = torch.from_numpy(rng.permutation(len(targets)))
        if scheduler is None:
            steps_per_epoch = (len(targets) + batch_size - 1) // batch_size
            scheduler = torch.optim.lr_scheduler.OneCycleLR(
                optimizer, max_lr=learning_rate, total_steps=epochs * steps_per_epoch + epochs, pct_start=0.15)
        model.train()
        total, count = 0.0, 0
        for start in range(0, len(order), batch_size):
            batch = order[start:start + batch_size]
            loss = F.cross_entropy(model(inputs[batch]), targets[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            total += loss.item() * len(batch)
            count += len(batch)
        model.eval()
        network = export(model, spec)
        record = {"epoch": epoch, "loss": total / count, "learning_rate": float(scheduler.get_last_lr()[0]),
                  "images": int(count), "seconds": round(time.time() - started, 1)}
        record["val_top1"] = _top1(network, x_val, y_val)
        if synthetic_val is not None:
            record["synthetic_val_top1"] = _top1(network, *synthetic_val)
        if scribbles_val is not None and len(scribbles_val[0]):
            outputs = network.probabilities(scribbles_val[0].astype(np.float32) / 255)
            record["scribbles_val_flagged"] = float(np.mean(outputs.argmax(axis=1) == NOT_A_LETTER))
        history.append(record)
        log("epoch {epoch:3d}  loss {loss:.4f}  lr {learning_rate:.2e}  ".format(**record)
            + "  ".join(f"{k} {v:.4f}" for k, v in record.items() if k.endswith(("top1", "flagged")))
            + f"  ({record['seconds']} s)")
    return model, export(model, spec), history


def _top1(network, images, labels):
    outputs = np.concatenate([network.probabilities(images[i:i + 2000].astype(np.float32) / 255)
                              for i in range(0, len(images), 2000)])
    return float(np.mean(outputs[:, :26].argmax(axis=1) == labels))

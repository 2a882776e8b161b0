# Over 450 lines on purpose: one training run, from the data pools to the operating point and the
# model card, reads top to bottom in one command-line tool (the game never imports it).
"""Train the letter recognizer and write the shipped weights plus model card.

    python -m recognizer.training.train                         # the shipped weights: 2 small CNNs (torch, CPU)
    python -m recognizer.training.train --networks 1 --seed 4 --out /tmp/b.npz   # one of them alone
    python -m recognizer.training.train --ensemble /tmp/a.npz /tmp/b.npz --out M.npz   # join single runs
    python -m recognizer.training.train --kind mlp              # the former MLP ensemble (scikit-learn)
    python -m recognizer.training.train --networks 1 --epochs 2 --out /tmp/try.npz   # a quick try

`--kind cnn` (the default) trains small convolutional networks (recognizer/cnn.py)
with PyTorch on the CPU (recognizer/training/cnn_train.py), one after the other, seeds
`--seed`, `--seed`+1, ...; each prints a line per epoch. On one torch thread a
network's training is deterministic, so two single-network runs (seeds 3 and 4,
e.g. side by side on 2 cores) joined with `--ensemble` give the same networks.
`--kind mlp` fits multi-layer perceptrons with scikit-learn. Both need the
`train` extra (pip install -e ".[train]"); the games run either in numpy only.
The model card (assets/models/letters.json) says how long the shipped run took.
After training, `python -m recognizer.training.train_letter_or_not` trains the
letter-or-not judge on the new networks and chooses check()'s operating point.

Training data, freshly augmented every epoch:
  * EMNIST letter images (class-balanced draw from the training split, minus
    a held-out validation part),
  * synthetic finger traces from the letter skeletons, rendered by the same
    pipeline the games use (recognizer.training.synth), when that module is present,
  * scribbles from recognizer.ood for the extra "not a letter" output,
  * real pen letters (../shared/data/realpen-letters.json) of the writers we
    may train on (recognizer.training.realpen.train_writer); the other writers are kept for evaluation.
The acceptance rule of `check` is chosen on the validation data.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

import numpy as np

from recognizer import LETTERS
from recognizer.training.card import portable_command
from recognizer.training.pools import (cached, realpen_pool, render_many, scribble_pool, synthetic_pool,  # noqa: F401
                                       validation_scribbles)
from recognizer.training.emnist_rule import (THRESHOLDS, acceptance_rates, choose_operating_point,  # noqa: F401
                                             choose_per_letter_rule)
from recognizer.training.data import (augment, balanced_indices, default_data_path, load_npz, sha256_of, split_validation)
from recognizer.model import (DEFAULT_MODEL, Network, Recognizer, as_stored, images_to_inputs,
                              unit_images_to_inputs)

NOT_A_LETTER = 26
CNN_SPEC = "c3x32,p,c3x64,p,c3x96,p,d192,d27"
CNN_EPOCHS = 10
CNN_PER_CLASS = 1400
VALIDATION_SEED = 0      # the held-out split and validation pools never change with --seed
CLASSES = np.arange(27)


# --- sklearn <-> numpy ---------------------------------------------------------------------------

def network_from_sklearn(classifier, precision="int8"):
    """Copy a fitted MLPClassifier into a numpy Network, rounded to the stored precision."""
    return as_stored(Network(classifier.coefs_, classifier.intercepts_), precision)


def sklearn_from_network(network):
    """Build a scikit-learn MLPClassifier carrying a Network's weights (for checking agreement)."""
    from sklearn.neural_network import MLPClassifier
    from sklearn.preprocessing import LabelBinarizer

    hidden = tuple(w.shape[1] for w in network.weights[:-1])
    classifier = MLPClassifier(hidden_layer_sizes=hidden, activation="relu")
    classifier.coefs_ = [w.copy() for w in network.weights]
    classifier.intercepts_ = [b.copy() for b in network.biases]
    classes = np.arange(network.weights[-1].shape[1])
    classifier.classes_ = classes
    classifier._label_binarizer = LabelBinarizer().fit(classes)
    classifier.n_features_in_ = network.weights[0].shape[0]
    classifier.n_layers_ = len(network.weights) + 1
    classifier.n_outputs_ = len(classes)
    classifier.out_activation_ = "softmax"
    return classifier


# --- training --------------------------------------------------------------------------------------

def train(x_train, y_train, x_val, y_val, *, epochs=30, seed=0, hidden=(512, 256), per_class=2600,
          synthetic=None, synthetic_val=None, scribbles=None, scribbles_val=None,
          batch_size=256, learning_rate=1e-3, alpha=1e-4, features="pixels", log=print):
    """Fit one MLPClassifier epoch by epoch on fresh augmentations; return (classifier, history)."""
    from sklearn.neural_network import MLPClassifier

    rng = np.random.default_rng(seed)
    classifier = MLPClassifier(hidden_layer_sizes=hidden, activation="relu", solver="adam",
                               alpha=alpha, batch_size=batch_size, learning_rate_init=learning_rate,
                               random_state=seed)
    per_class = min(per_class, max(np.bincount(y_train)))
    history = []
    for epoch in range(1, epochs + 1):
        started = time.time()
        # Cosine decay of Adam's step size over the run.
        rate = learning_rate * (0.02 + 0.98 * 0.5 * (1 + np.cos(np.pi * (epoch - 1) / max(epochs, 1))))
        classifier.learning_rate_init = rate
        if hasattr(classifier, "_optimizer"):
            classifier._optimizer.learning_rate_init = rate
        chosen = balanced_indices(y_train, per_class, rng)
        parts_x, parts_y = [augment(x_train[chosen], rng)], [y_train[chosen]]
        if synthetic is not None:
            parts_x.append(augment(synthetic[0], rng, strength=0.5))
            parts_y.append(synthetic[1])
        if scribbles is not None and len(scribbles):
            parts_x.append(augment(scribbles, rng, strength=0.5))
            parts_y.append(np.full(len(scribbles), NOT_A_LETTER))
        inputs = unit_images_to_inputs(np.concatenate(parts_x), features).astype(np.float32)
        targets = np.concatenate(parts_y).astype(np.int64)
        order = rng.permutation(len(targets))
        classifier.partial_fit(inputs[order], targets[order], classes=CLASSES)

        network = network_from_sklearn(classifier)
        record = {"epoch": epoch, "loss": float(classifier.loss_), "learning_rate": rate,
                  "seconds": round(time.time() - started, 1)}
        record["val_top1"] = _top1(network, x_val, y_val, features)
        if synthetic_val is not None:
            record["synthetic_val_top1"] = _top1(network, *synthetic_val, features)
        if scribbles_val is not None and len(scribbles_val[0]):
            outputs = network.probabilities(images_to_inputs(scribbles_val[0], features))
            record["scribbles_val_flagged"] = float(np.mean(outputs.argmax(axis=1) == NOT_A_LETTER))
        history.append(record)
        log("epoch {epoch:3d}  loss {loss:.4f}  lr {learning_rate:.2e}  ".format(**record)
            + "  ".join(f"{k} {v:.4f}" for k, v in record.items() if k.endswith(("top1", "flagged")))
            + f"  ({record['seconds']} s)")
    return classifier, history


def _top1(network, images, labels, features):
    outputs = network.probabilities(images_to_inputs(images, features))
    return float(np.mean(outputs[:, :26].argmax(axis=1) == labels))


def tune(recognizer, x_val, y_val, synthetic_val, scribbles_val, seed):
    """Choose the acceptance rule on validation data; return (rule, validation figures)."""
    validation = [(recognizer.all_probabilities(x_val), y_val)]
    if synthetic_val is not None:
        validation.append((recognizer.all_probabilities(synthetic_val[0]), synthetic_val[1]))
    images, refused = scribbles_val
    scribble_outputs = recognizer.all_probabilities(images)
    scribble_outputs[refused] = np.eye(27)[NOT_A_LETTER]        # check() refuses these outright
    rule = choose_operating_point(recognizer, validation, scribble_outputs, seed=seed)
    global_rates = [acceptance_rates(recognizer, e, l, scribble_outputs, np.random.default_rng(seed))
                    for e, l in validation]
    global_true = min(r[0] for r in global_rates)
    # The per-letter rule may let through as many scribbles as the single-threshold rule had to.
    per_letter = choose_per_letter_rule(recognizer, validation, scribble_outputs, seed=seed,
                                        max_scribble=max(0.02, global_rates[0][2]))
    if per_letter is not None:
        recognizer.operating_point = per_letter
        per_letter_true = min(acceptance_rates(recognizer, e, l, scribble_outputs, np.random.default_rng(seed))[0]
                              for e, l in validation)
        print(f"worst validation true-accept: one threshold {global_true:.4f}, per-letter {per_letter_true:.4f}")
        if per_letter_true > global_true:
            rule = per_letter
    recognizer.operating_point = rule
    figures = {}
    for name, (everything, labels) in zip(("emnist_validation", "synthetic_validation"), validation):
        rates = acceptance_rates(recognizer, everything, labels, scribble_outputs, np.random.default_rng(seed))
        figures[name] = {"top1": float(np.mean(everything[:, :26].argmax(1) == labels)),
                         "true_accept": rates[0], "false_accept": rates[1], "scribble_accept": rates[2]}
    print(f"operating point {rule}")
    for name, values in figures.items():
        print(f"  {name}: " + "  ".join(f"{k} {v:.4f}" for k, v in values.items()))
    return rule, figures


def cnn_architecture(networks, args):
    """The model card's architecture entry for the convolutional network."""
    return {"kind": "convolutional network, batch-norm folded, ReLU, softmax", "spec": args.spec,
            "layers": "cKxN = KxK same-padded convolution to N channels, p = 2x2 max-pool, dN = dense",
            "parameters": networks[0].parameter_count, "networks": args.networks, "features": "pixels",
            "outputs": list(LETTERS) + ["not a letter"],
            "input": "render(strokes) or an EMNIST image, /255, 28x28",
            "weights": "int8 times a float32 scale per output channel in the npz; run in float32 numpy "
                       "(recognizer/cnn.py, convolutions as im2col matrix products)"}


def build_parser():
    """The command line of `python -m recognizer.training.train` (its defaults make the shipped weights)."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=str(default_data_path()), help="EMNIST letters npz")
    parser.add_argument("--out", default=str(DEFAULT_MODEL), help="where to write the weights (.npz; card beside it)")
    parser.add_argument("--kind", default="cnn", choices=("cnn", "mlp"),
                        help="convolutional network (torch) or multi-layer perceptrons (scikit-learn)")
    parser.add_argument("--spec", default=CNN_SPEC, help="layers of the convolutional network (recognizer/cnn.py)")
    parser.add_argument("--epochs", type=int, default=None, help=f"default {CNN_EPOCHS} (cnn) or 16 (mlp)")
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--networks", type=int, default=None,
                        help="ensemble size (seeds seed, seed+1, ...)")
    parser.add_argument("--hidden", default="512,256", help="hidden layer sizes of the mlp, comma separated")
    parser.add_argument("--per-class", type=int, default=None,
                        help=f"EMNIST images per letter per epoch; default {CNN_PER_CLASS} (cnn) or 2000 (mlp)")
    parser.add_argument("--realpen", default=None,
                        help="real pen letters to train on (their train_writer writers); 'none' to leave them out")
    parser.add_argument("--threads", type=int, default=1,
                        help="torch threads (1 is fastest on a busy 2-core machine)")
    parser.add_argument("--synthetic-per-letter", type=int, default=1000,
                        help="synthetic traces per letter and case (0 = none)")
    parser.add_argument("--scribbles", type=int, default=12000, help="non-letter drawings for training")
    parser.add_argument("--their-scribbles", type=float, default=0.5,
                        help="share of training scribbles taken from recognizer.training.scribbles (0..1)")
    parser.add_argument("--limit", type=int, default=0, help="use only this many training images (smoke runs)")
    parser.add_argument("--features", default="pixels+directions", choices=("pixels", "pixels+directions"),
                        help="network inputs: pixels only, or pixels plus stroke-direction histograms")
    parser.add_argument("--pool-cache", default=None,
                        help="directory to keep rendered stroke pools between runs (they depend on the seed and sizes)")
    parser.add_argument("--ensemble", nargs="+", default=None, metavar="NPZ",
                        help="do not train: join these trained models into one ensemble at --out")
    parser.add_argument("--retune", action="store_true",
                        help="do not train: choose the acceptance rule of the model at --out again")
    parser.add_argument("--workers", type=int, default=min(2, os.cpu_count() or 1))
    return parser


def main(argv=None):
    parser = build_parser()
    args = parser.parse_args(argv)
    cnn = args.kind == "cnn"
    args.epochs = args.epochs or (CNN_EPOCHS if cnn else 16)
    args.networks = args.networks or 2
    args.per_class = args.per_class or (CNN_PER_CLASS if cnn else 2000)

    try:
        data = load_npz(args.data)
    except (OSError, ValueError) as problem:
        print(f"error: {problem}", file=sys.stderr)
        return 1
    hidden = tuple(int(h) for h in args.hidden.split(","))
    train_index, val_index = split_validation(data["y_train"], 0.1, VALIDATION_SEED)
    if args.limit:
        rng = np.random.default_rng(args.seed)
        train_index = rng.choice(train_index, min(args.limit, len(train_index)), replace=False)
        val_index = rng.choice(val_index, min(args.limit, len(val_index)), replace=False)
    x_train, y_train = data["x_train"][train_index], data["y_train"][train_index]
    x_val, y_val = data["x_train"][val_index], data["y_train"][val_index]
    print(f"EMNIST: {len(y_train)} training images, {len(y_val)} validation images", flush=True)

    started = time.time()

    def pool(name, make):
        if not args.pool_cache:
            return make()
        Path(args.pool_cache).mkdir(parents=True, exist_ok=True)
        made = cached(Path(args.pool_cache) / f"{name}.npz", make)
        return made[0] if len(made) == 1 else made

    synthetic_val = None
    n_scribbles, n_synthetic = args.scribbles, args.synthetic_per_letter

    def training_pools(seed):
        """Each network gets its own synthetic traces and scribbles, drawn with its own seed."""
        scribbles = synthetic = None
        if n_scribbles:
            scribbles = pool(f"scribbles-{n_scribbles}-{args.their_scribbles}-{seed}",
                             lambda: scribble_pool(n_scribbles, seed + 1000, args.workers, args.their_scribbles))
        if n_synthetic:
            synthetic = pool(f"synthetic-{n_synthetic}-{seed}",
                             lambda: synthetic_pool(n_synthetic, seed + 3000, args.workers))
        print(f"  {0 if synthetic is None else len(synthetic[1])} synthetic traces, "
              f"{0 if scribbles is None else len(scribbles)} scribbles for seed {seed}", flush=True)
        return synthetic, scribbles

    scribbles_val = pool(f"scribbles-val3-{max(n_scribbles // 2, 100)}-{VALIDATION_SEED}",
                         lambda: validation_scribbles(max(n_scribbles // 2, 100), VALIDATION_SEED + 2000,
                                                      args.workers))
    if n_synthetic:
        synthetic_val = pool(f"synthetic-val2-{max(n_synthetic // 4, 10)}-{VALIDATION_SEED}",
                             lambda: synthetic_pool(max(n_synthetic // 4, 10), VALIDATION_SEED + 4000,
                                                    args.workers))
    print(f"validation pools ready in {time.time() - started:.0f} s", flush=True)

    if args.ensemble:
        members = [Recognizer.load(path) for path in args.ensemble]
        if len({m.features for m in members}) != 1:
            print("error: ensemble members must use the same input features", file=sys.stderr)
            return 1
        card = dict(members[0].card)
        card["command"] = portable_command("recognizer.training.train", argv)
        card["date"] = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        card["architecture"] = {**card["architecture"], "networks": sum(len(m.networks) for m in members)}
        card["training"] = {**card["training"], "seeds": [m.card["training"]["seed"] for m in members],
                            "member_commands": [m.card["command"] for m in members]}
        card["history"] = [h for m in members for h in m.card["history"]]
        card.pop("evaluation", None)
        recognizer = Recognizer([as_stored(net) for m in members for net in m.networks], card)
        rule, figures = tune(recognizer, x_val, y_val, synthetic_val, scribbles_val, VALIDATION_SEED)
        recognizer.card.update(operating_point=rule, validation=figures)
        recognizer.save(args.out)
        print(f"wrote the {len(recognizer.networks)}-network ensemble to {args.out}")
        return 0

    if args.retune:
        recognizer = Recognizer.load(args.out)
        recognizer.networks = [as_stored(net) for net in recognizer.networks]
        rule, figures = tune(recognizer, x_val, y_val, synthetic_val, scribbles_val, VALIDATION_SEED)
        recognizer.card.update(operating_point=rule, validation=figures)
        recognizer.card.pop("evaluation", None)          # test figures are stale now
        recognizer.save(args.out)
        print(f"updated the acceptance rule in {Path(args.out).with_suffix('.json')}")
        return 0

    realpen = None
    if cnn and args.realpen != "none":
        realpen = pool("realpen-train", lambda: realpen_pool(args.realpen))
        print(f"  {0 if realpen is None else len(realpen[1])} real pen letters of writers we may train on",
              flush=True)
    networks, histories = [], []
    for n in range(args.networks):
        print(f"network {n + 1}/{args.networks}, seed {args.seed + n}", flush=True)
        synthetic, scribbles = training_pools(args.seed + n)
        if cnn:
            from recognizer.training.cnn_train import train_cnn
            _, network, history = train_cnn(
                x_train, y_train, x_val, y_val, spec=args.spec, epochs=args.epochs, seed=args.seed + n,
                per_class=args.per_class, synthetic=synthetic, synthetic_val=synthetic_val,
                scribbles=scribbles, scribbles_val=scribbles_val, realpen=realpen, threads=args.threads,
                log=lambda line: print(line, flush=True))
            networks.append(network)
        else:
            classifier, history = train(
                x_train, y_train, x_val, y_val, epochs=args.epochs, seed=args.seed + n, hidden=hidden,
                per_class=args.per_class, synthetic=synthetic, synthetic_val=synthetic_val,
                scribbles=scribbles, scribbles_val=scribbles_val, features=args.features,
                log=lambda line: print(line, flush=True))
            networks.append(network_from_sklearn(classifier))
        histories.append(history)
    features = "pixels" if cnn else args.features
    recognizer = Recognizer(networks, {"architecture": {"features": features}})
    rule, figures = tune(recognizer, x_val, y_val, synthetic_val, scribbles_val, VALIDATION_SEED)
    recognizer.card = {
        "name": "Letterplay letter recognizer",
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "command": portable_command("recognizer.training.train", argv),
        "data": {"file": Path(args.data).name, "sha256": sha256_of(args.data),
                 "training_images": int(len(y_train)), "validation_images": int(len(y_val)),
                 "validation": f"10% of each letter of x_train, stratified, seed {VALIDATION_SEED}",
                 "synthetic_traces": 0 if synthetic is None else int(len(synthetic[1])),
                 "scribbles": 0 if scribbles is None else int(len(scribbles)),
                 "share_of_scribbles_from_recognizer_scribbles": args.their_scribbles},
        "architecture": cnn_architecture(networks, args) if cnn else {
                         "kind": "multi-layer perceptron ensemble, ReLU, softmax",
                         "layers": [networks[0].weights[0].shape[0], *hidden, 27], "networks": args.networks,
                         "features": args.features,
                         "outputs": list(LETTERS) + ["not a letter"],
                         "input": "render(strokes) or an EMNIST image, /255, flattened row by row"
                                  " (+ 7x7 cells x 8 stroke-direction histograms if features say so)",
                         "weights": "int8 times a float32 scale per unit in the npz; run in float64 numpy"},
        "training": {"library": "torch (CPU), AdamW, one-cycle learning rate" if cnn else
                     "scikit-learn MLPClassifier.partial_fit, one call per epoch",
                     "epochs": args.epochs, "seed": args.seed, "seeds": [args.seed + n for n in range(args.networks)],
                     **({"batch_size": 128, "optimizer": "AdamW, one-cycle to 3e-3, weight decay 5e-4",
                         "dropout": 0.3, "threads": args.threads,
                         "realpen_letters": 0 if realpen is None else int(len(realpen[1])),
                         "realpen_writers": "crc32(writer) % 2 == 0 (recognizer.training.realpen.train_writer); "
                                            "figures are reported on the other writers"} if cnn else
                        {"batch_size": 256, "optimizer": "adam, cosine-decayed step size from 1e-3", "alpha": 1e-4}),
                     "per_letter_per_epoch": args.per_class,
                     "augmentation": "rotation, shear, stretch, elastic wobble, stroke thickness, reframing"},
        "history": histories,
        "operating_point": rule,
        "validation": figures,
    }
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    recognizer.save(out)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB) and {out.with_suffix('.json')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

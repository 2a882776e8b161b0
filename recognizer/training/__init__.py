"""Training and evaluation of the recognizer, run from the command line (never by the games):
EMNIST data and augmentation (``data``), synthetic letters and scribbles (``synth``, ``scribbles``),
real-pen and child-like sets (``realpen``), training (``train``, ``cnn_train``,
``train_letter_or_not``), evaluation (``evaluate``) and the coach's synthetic traces. Needs the
``train`` extra (torch, scikit-learn, scipy) for training; evaluation runs on numpy.
"""

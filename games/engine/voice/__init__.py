"""What the child hears: the speaker (espeak-ng through a worker, WAV cache), letter sounds, each
game's phrases, sound effects, how a letter is called (name, sound, picture word) and the child's own
recorded voice. May import: ``core``.
"""

"""The vocabulary of comment sentiment: its languages, its labels and the neutral threshold.

Kept apart from the model (:mod:`safar.voice.sentiment`) so that the CLI can show the default in its
help without loading NumPy and the model.
"""

LANGS = ("fa", "en")
LABELS = ("positive", "negative", "neutral")
NEUTRAL_BELOW = 0.6

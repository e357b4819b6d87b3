"""The vocabulary of comment sentiment: its languages, its labels and the neutral threshold.

Kept apart from the model (:mod:`safar.voice.sentiment`) so that the CLI can show the default in its
help without loading NumPy and the model.
"""

LANGS = ("fa", "en")
LABELS = ("positive", "negative", "neutral")
NEUTRAL_BELOW = 0.5
# A label is confident when its score, P(positive) − P(negative), is at least this far from 0 (e.g. 0.7
# against 0.2). The top terms of a touchpoint read only confident labels
# (safar.voice.report), so a comment the model hesitated on never names what customers praise.
CONFIDENT = 0.5

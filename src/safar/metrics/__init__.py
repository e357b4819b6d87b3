"""The definitions users check, each written once: every surface (canvas, KPIs, alerts, exports, API, CLI)
computes a figure of this name through these modules and nowhere else.

- :mod:`safar.metrics.survey`: NPS, CSAT, CES, expectation gap and the negative share of comments.
- :mod:`safar.metrics.stats`: the interval statistics they share (z and t quantiles, Wilson).
- :mod:`safar.metrics.behaviour`: conversion, drop-off, time to next, unanswered share and response time.
- :mod:`safar.metrics.contact`: the contact centre: offered, answered, abandoned, open, service level,
  abandonment rate, speed of answer, handle time, repeat contacts.
"""

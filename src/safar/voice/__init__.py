"""Voice of the customer (صدای مشتری): survey metrics (NPS, CSAT, CES) and comment sentiment (fa/en).

Definitions and measured accuracy: docs/voice.md.
"""

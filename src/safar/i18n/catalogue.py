"""Every message Safar shows, in Persian and English, keyed by a stable code."""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {}

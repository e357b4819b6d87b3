"""Makes the shared helpers (analytics_helpers.py) importable under pytest's importlib mode."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from analytics_helpers import real_logs
from kept_helpers import kept_journey, kept_warehouse

__all__ = ["kept_journey", "kept_warehouse", "real_logs"]

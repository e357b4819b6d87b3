"""Alerts (هشدارها): rules on a map's touchpoint, stage or channel with a statistical guard, checked
after every ingest and on a schedule, delivered by webhook to the owning department and shown in a feed.

Definitions, the webhook payload, retries and cool-downs: docs/alerts.md.
"""

from safar.alerts.check import CheckResult
from safar.alerts.deliver import Attempt, Destination
from safar.alerts.feed import FiredAlert
from safar.alerts.rules import AlertRule, RuleKind, RuleParams, TargetKind
from safar.alerts.service import Alerts, check_after_ingest

__all__ = [
    "AlertRule",
    "Alerts",
    "Attempt",
    "CheckResult",
    "Destination",
    "FiredAlert",
    "RuleKind",
    "RuleParams",
    "TargetKind",
    "check_after_ingest",
]

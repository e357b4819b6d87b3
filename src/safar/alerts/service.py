"""Alerts of a workspace: its rules, department webhooks, the feed and the check that fires alerts.

>>> import tempfile
>>> from safar.config import Settings
>>> from safar.workspace import Workspace
>>> ws = Workspace.open(Settings.from_env({"SAFAR_HOME": tempfile.mkdtemp()}))
>>> m = ws.new_from_template("insurance", "en")
>>> alerts = Alerts(ws)
>>> rule = alerts.add_rule(m.id, kind="satisfaction_falls", touchpoint="report_claim", author="ana")
>>> rule.to_dict()["target"], rule.params.window, rule.cooldown
({'kind': 'touchpoint', 'id': 'report_claim'}, 604800, 86400)
>>> [r.status for r in alerts.check()]
['no_data']
>>> ws.close()
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from safar.alerts.check import CheckResult, run_check
from safar.alerts.deliver import Attempt, Destination, check_webhook_url, retryable
from safar.alerts.feed import FiredAlert
from safar.alerts.rules import (
    MAX_SPAN,
    AlertRule,
    RuleKind,
    RuleParams,
    TargetKind,
    bad_param,
    check_kind_params,
    check_target,
)
from safar.analytics import parse_duration
from safar.errors import InputError, NotFoundError
from safar.store import alerts as store
from safar.store.repository import aware
from safar.workspace import Workspace

DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS = 4, 1000
MAX_ATTEMPTS = 10
_CHECKING = threading.Lock()  # one check at a time in this process
REDELIVER_WITHIN = timedelta(days=1)  # a failed delivery is tried again by the checks of the next day…
REDELIVER_ROUNDS = 5  # …at most this many rounds of attempts per alert and department in all…
REDELIVER_AFTER = timedelta(minutes=5)  # …spaced 5, 10, 20, 40 minutes after the previous round
MAX_WAIT_SECONDS = 120  # all the waits between one delivery's attempts together


def rule_of(row: store.AlertRuleRow) -> AlertRule:
    return AlertRule(
        id=row.id,
        map_id=row.map_id,
        target_kind=TargetKind(row.target_kind),
        target_id=row.target_id,
        kind=RuleKind(row.kind),
        params=RuleParams.model_validate(row.params),
        owner=row.owner,
        cooldown=row.cooldown_seconds,
        enabled=row.enabled,
        created_by=row.created_by,
        created_at=aware(row.created_at),
    )


def _attempt(row: store.AlertDeliveryRow) -> Attempt:
    return Attempt(row.department, row.url, row.attempt, row.status_code, row.error, row.ok, aware(row.at))


def _seconds(text: str | int | None, name: str, default: int, *, scale: int = 1) -> int:
    if text is None or text == "":
        return default
    if isinstance(text, int):
        return text
    try:
        return round(parse_duration(text).total_seconds() * scale)
    except (InputError, OverflowError):
        raise bad_param(name, text) from None


def _printable(name: str, value: object) -> None:
    """Names and ids are text a person typed: no control characters (PostgreSQL refuses NUL)."""
    if isinstance(value, str) and any(ord(c) < 32 for c in value):
        raise InputError("alerts.bad_text", param=name, value=value.encode("unicode_escape").decode())


class Alerts:
    """The alerts of one workspace. ``clock`` (wall time, for cool-downs) and ``sleep`` (between
    delivery attempts) can be replaced in tests."""

    def __init__(
        self,
        workspace: Workspace,
        *,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        sleep: Callable[[float], object] = time.sleep,
        timeout: float = 5.0,
    ) -> None:
        self.workspace = workspace
        self.clock = clock
        self.sleep = sleep
        self.timeout = timeout

    @contextmanager
    def _session(self) -> Iterator[Session]:
        with Session(self.workspace.engine, expire_on_commit=False) as session, session.begin():
            yield session

    # Rules ----------------------------------------------------------------------
    def rules(self, map_id: int | None = None) -> list[AlertRule]:
        with self._session() as s:
            return [rule_of(r) for r in store.list_rules(s, self.workspace.workspace_id, map_id)]

    def add_rule(
        self,
        map_id: int,
        *,
        kind: str,
        touchpoint: str | None = None,
        stage: str | None = None,
        channel: str | None = None,
        params: dict[str, Any] | None = None,
        owner: str | None = None,
        cooldown: str | int | None = None,
        author: str | None = None,
    ) -> AlertRule:
        """A new rule on one target of map ``map_id``; everything is checked before it is stored."""
        targets = [
            (k, v)
            for k, v in (
                (TargetKind.TOUCHPOINT, touchpoint),
                (TargetKind.STAGE, stage),
                (TargetKind.CHANNEL, channel),
            )
            if v
        ]
        if len(targets) != 1:
            raise InputError("alerts.one_target", given=len(targets))
        target_kind, target_id = targets[0]
        for name, value in (("target", target_id), ("owner", owner), ("cooldown", cooldown)):
            _printable(name, value)
        for name, value in (params or {}).items():
            _printable(name, value)
        try:
            rule_kind = RuleKind(kind)
        except ValueError:
            raise InputError("alerts.bad_kind", kind=kind, allowed=[k.value for k in RuleKind]) from None
        checked = RuleParams.parse(params or {})
        if checked.to is not None and rule_kind is not RuleKind.CONVERSION_DROPS:
            raise InputError("alerts.to_only_conversion", kind=rule_kind.value, to=checked.to)
        check_kind_params(rule_kind, checked)
        journey = self.workspace.get_map(map_id).document
        check_target(journey, target_kind, target_id.strip(), checked)
        if checked.dataset is not None:
            self.workspace.require_dataset(checked.dataset)
        cool = _seconds(cooldown, "cooldown", 86400)
        owner = (owner or "").strip() or None
        if owner and len(owner) > 200:
            raise InputError("alerts.bad_text", param="owner", value=owner)
        if not 0 <= cool <= MAX_SPAN:
            raise bad_param("cooldown", cooldown)
        with self._session() as s:
            row = store.add_rule(
                s,
                workspace_id=self.workspace.workspace_id,
                map_id=map_id,
                target_kind=target_kind.value,
                target_id=target_id.strip(),
                kind=rule_kind.value,
                params=checked.to_json(),
                owner=owner,
                cooldown_seconds=cool,
                created_by=author or self.workspace.settings.author,
            )
            return rule_of(row)

    def remove_rule(self, rule_id: int) -> None:
        with self._session() as s:
            row = store.get_rule(s, self.workspace.workspace_id, rule_id)
            if row is None:
                raise NotFoundError("alerts.rule_not_found", rule_id=rule_id)
            store.remove_rule(s, row)

    # Destinations -----------------------------------------------------------------
    def destinations(self) -> list[Destination]:
        with self._session() as s:
            return [
                Destination(r.department, r.url, r.attempts, r.backoff_ms)
                for r in store.list_destinations(s, self.workspace.workspace_id)
            ]

    def set_destination(
        self, department: str, url: str, *, attempts: int | None = None, backoff: str | None = None
    ) -> Destination:
        """Where ``department``'s alerts go (``*``: every department without its own webhook)."""
        department, url = department.strip(), url.strip()
        _printable("department", department)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 2000:
            raise InputError("alerts.bad_url", url=url)
        if not department or len(department) > 200:
            raise InputError("alerts.bad_text", param="department", value=department)
        tries = DEFAULT_ATTEMPTS if attempts is None else attempts
        if not isinstance(tries, int) or not 1 <= tries <= MAX_ATTEMPTS:
            raise bad_param("attempts", tries)
        backoff_ms = DEFAULT_BACKOFF_MS if not backoff else _seconds(backoff, "backoff", 0, scale=1000)
        waited = backoff_ms * (2 ** (tries - 1) - 1) / 1000  # the sum of the waits between the attempts
        if backoff_ms < 0 or waited > MAX_WAIT_SECONDS:
            raise bad_param("backoff", backoff)
        check_webhook_url(url)
        with self._session() as s:
            row = store.set_destination(s, self.workspace.workspace_id, department, url, tries, backoff_ms)
            return Destination(row.department, row.url, row.attempts, row.backoff_ms)

    def remove_destination(self, department: str) -> None:
        with self._session() as s:
            if not store.remove_destination(s, self.workspace.workspace_id, department.strip()):
                raise NotFoundError("alerts.destination_not_found", department=department)

    # The feed ----------------------------------------------------------------------
    def feed(self, *, limit: int = 100) -> list[FiredAlert]:
        """The latest fired alerts, newest first, with every delivery attempt."""
        with self._session() as s:
            rows = store.list_alerts(s, self.workspace.workspace_id, limit=limit)
            attempts: dict[int, list[Attempt]] = {}
            for d in store.deliveries_of(s, [r.id for r in rows]):
                attempts.setdefault(d.alert_id, []).append(_attempt(d))
            return [self._fired(r, attempts.get(r.id, [])) for r in rows]

    def alert(self, alert_id: int) -> FiredAlert:
        """One fired alert of this workspace, with its delivery attempts."""
        with self._session() as s:
            row = store.get_alert(s, self.workspace.workspace_id, alert_id)
            if row is None:
                raise NotFoundError("alerts.alert_not_found", alert_id=alert_id)
            return self._fired(row, [_attempt(d) for d in store.deliveries_of(s, [row.id])])

    def acknowledge(self, alert_id: int, user: str) -> FiredAlert:
        with self._session() as s:
            row = store.get_alert(s, self.workspace.workspace_id, alert_id)
            if row is None:
                raise NotFoundError("alerts.alert_not_found", alert_id=alert_id)
            if row.acknowledged_at is None:
                row.acknowledged_by, row.acknowledged_at = user, self.clock()
            found = [_attempt(d) for d in store.deliveries_of(s, [row.id])]
            return self._fired(row, found)

    @staticmethod
    def _fired(row: store.AlertRow, attempts: list[Attempt]) -> FiredAlert:
        return FiredAlert(
            id=row.id,
            rule_id=row.rule_id,
            map_id=row.map_id,
            kind=row.kind,
            target_kind=row.target_kind,
            target_id=row.target_id,
            fired_at=aware(row.fired_at),
            window_end=aware(row.window_end),
            payload=dict(row.payload),
            acknowledged_by=row.acknowledged_by,
            acknowledged_at=None if row.acknowledged_at is None else aware(row.acknowledged_at),
            deliveries=attempts,
        )

    # The check ---------------------------------------------------------------------
    def check(
        self, *, map_id: int | None = None, dataset: str | None = None, rule_id: int | None = None
    ) -> list[CheckResult]:
        """Evaluate the enabled rules (of ``map_id``, reading ``dataset``, or only ``rule_id``); fire,
        store and deliver the alerts that pass the guard and are not cooling down. Problems with one
        rule are reported in its result, never raised."""
        rules = [r for r in self.rules(map_id) if r.enabled and (rule_id is None or r.id == rule_id)]
        if rule_id is not None and not rules:
            raise NotFoundError("alerts.rule_not_found", rule_id=rule_id)
        with _CHECKING:  # the schedule and a request checking at once would store the same alert twice
            self.redeliver()  # before: an alert fired by this check has just had its own attempts
            return run_check(self, rules, dataset=dataset)

    def redeliver(self) -> dict[int, list[Attempt]]:
        """Deliver again the recent alerts whose delivery to a department failed: every check does this.

        An alert fired within :data:`REDELIVER_WITHIN` whose every attempt for a department failed is
        posted once more to that department's destination *as it is now* (fixing a wrong address is
        the usual remedy), with the destination's own attempts and backoff, when
          * the last failure may pass on a later try (no answer, 408, 429, 5xx), or the address has
            changed since a hook refused it (another 4xx);
          * it has had fewer than :data:`REDELIVER_ROUNDS` rounds of attempts there;
          * its last attempt is at least ``REDELIVER_AFTER · 2^(rounds − 1)`` old (5, 10, 20, 40 min).
        A department without a destination now is left alone. Returns the new attempts by alert id;
        they join the delivery log.
        """
        now = self.clock()
        todo: list[tuple[int, dict[str, Any], Destination]] = []
        with self._session() as s:
            recent = store.alerts_since(s, self.workspace.workspace_id, now - REDELIVER_WITHIN)
            if not recent:
                return {}
            destinations = {d.department: d for d in store.list_destinations(s, self.workspace.workspace_id)}
            by_alert: dict[int, dict[str, list[store.AlertDeliveryRow]]] = {}
            for d in store.deliveries_of(s, [a.id for a in recent]):
                by_alert.setdefault(d.alert_id, {}).setdefault(d.department, []).append(d)
            for alert in recent:
                for department, tried in by_alert.get(alert.id, {}).items():
                    rounds = sum(1 for a in tried if a.attempt == 1)
                    last = tried[-1]
                    if any(a.ok for a in tried) or rounds >= REDELIVER_ROUNDS:
                        continue
                    if now - aware(last.at) < REDELIVER_AFTER * 2 ** (rounds - 1):
                        continue
                    row = destinations.get(department) or destinations.get("*")
                    refused = last.status_code is not None and not retryable(last.status_code)
                    if row is not None and not (refused and row.url == last.url):
                        chosen = Destination(department, row.url, row.attempts, row.backoff_ms)
                        todo.append((alert.id, dict(alert.payload), chosen))
        from safar.alerts.deliver import deliver

        out: dict[int, list[Attempt]] = {}
        for alert_id, body, destination in todo:
            again = deliver(body, destination, timeout=self.timeout, sleep=self.sleep, clock=self.clock)
            self._log_attempts(alert_id, again)
            out.setdefault(alert_id, []).extend(again)
        return out

    def record(
        self,
        *,
        kind: str,
        map_id: int,
        target_kind: str,
        target_id: str,
        window_end: datetime,
        payload: dict[str, Any],
        cooldown: timedelta,
        owners: list[str] | None = None,
    ) -> tuple[int, list[Attempt]] | str:
        """Fire an alert no rule watches (the knowledge base's surging questions): stored in the feed and
        delivered like a rule's, unless the same map target had one of ``kind`` on the same data or within
        ``cooldown`` (then its status: ``duplicate`` or ``cooling_down``)."""
        now = self.clock()
        with _CHECKING, self._session() as s:
            last = store.last_alert_of(s, self.workspace.workspace_id, map_id, kind, target_id)
            if last is not None:
                if aware(last.window_end) == window_end:
                    return "duplicate"
                if aware(last.fired_at) + cooldown > now:
                    return "cooling_down"
            row = store.add_alert(
                s,
                workspace_id=self.workspace.workspace_id,
                rule_id=None,
                map_id=map_id,
                kind=kind,
                target_kind=target_kind,
                target_id=target_id,
                fired_at=now,
                window_end=window_end,
                payload=payload,
            )
            alert_id = row.id
            row.payload = {**payload, "id": alert_id, "fired_at": now.isoformat()}
            body = dict(row.payload)
            destinations = {d.department: d for d in store.list_destinations(s, self.workspace.workspace_id)}
        return alert_id, self._deliver(alert_id, body, owners or [], destinations)

    def _store_alert(
        self, rule: AlertRule, payload: dict[str, Any], window_end: datetime, owners: list[str]
    ) -> tuple[int, list[Attempt]] | str:
        """Store the alert unless the rule is cooling down (or already fired on the same data);
        returns its id and the delivery attempts, or the status that held it back."""
        try:
            stored = self._insert_alert(rule, payload, window_end)
        except IntegrityError:  # another process stored this rule's alert on the same data meanwhile
            return "duplicate"
        if isinstance(stored, str):
            return stored
        alert_id, body, destinations = stored
        return alert_id, self._deliver(alert_id, body, owners, destinations)

    def _insert_alert(
        self, rule: AlertRule, payload: dict[str, Any], window_end: datetime
    ) -> tuple[int, dict[str, Any], dict[str, Any]] | str:
        """The stored alert's id, body and the workspace's destinations, or why it was not stored."""
        now = self.clock()
        with self._session() as s:
            last = store.last_alert(s, rule.id)
            if last is not None:
                if aware(last.window_end) == window_end:
                    return "duplicate"
                if aware(last.fired_at) + timedelta(seconds=rule.cooldown) > now:
                    return "cooling_down"
            row = store.add_alert(
                s,
                workspace_id=self.workspace.workspace_id,
                rule_id=rule.id,
                map_id=rule.map_id,
                kind=rule.kind.value,
                target_kind=rule.target_kind.value,
                target_id=rule.target_id,
                fired_at=now,
                window_end=window_end,
                payload=payload,
            )
            alert_id = row.id
            row.payload = {**payload, "id": alert_id, "fired_at": now.isoformat()}
            body = dict(row.payload)
            destinations = {d.department: d for d in store.list_destinations(s, self.workspace.workspace_id)}
        return alert_id, body, destinations

    def _deliver(
        self, alert_id: int, body: dict[str, Any], owners: list[str], destinations: dict[str, Any]
    ) -> list[Attempt]:
        from safar.alerts.deliver import deliver

        chosen: dict[str, Destination] = {}
        for department in owners or ["*"]:
            row = destinations.get(department) or destinations.get("*")
            if row is not None and row.url not in chosen:
                chosen[row.url] = Destination(department, row.url, row.attempts, row.backoff_ms)
        attempts: list[Attempt] = []
        for destination in chosen.values():
            attempts += deliver(body, destination, timeout=self.timeout, sleep=self.sleep, clock=self.clock)
        self._log_attempts(alert_id, attempts)
        return attempts

    def _log_attempts(self, alert_id: int, attempts: list[Attempt]) -> None:
        with self._session() as s:
            for a in attempts:
                store.add_delivery(
                    s,
                    alert_id,
                    department=a.department,
                    url=a.url,
                    attempt=a.attempt,
                    status_code=a.status_code,
                    error=a.error,
                    ok=a.ok,
                    at=a.at,
                )


def check_after_ingest(
    workspace: Workspace, *, map_id: int | None = None, dataset: str | None = None
) -> list[CheckResult]:
    """Evaluate the rules new data may change: those reading events ``dataset``, or all of map ``map_id``.

    Call it after ingesting events (``dataset``), comments or survey answers (``map_id``). It never
    raises for a rule's problem; each result says what happened.
    """
    return Alerts(workspace).check(map_id=map_id, dataset=dataset)

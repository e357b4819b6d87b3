"""What each agent or group achieved on each contact reason: the cells routing is read from.

The answered contacts of :func:`safar.analytics.contact.offered_contacts`, grouped by their reason and by
the agent who answered them (or the group they were first routed to), with the measures of
:func:`safar.metrics.contact.route_measures`; the answered contacts without a reason or an agent are
counted, not dropped.

>>> import ibis, datetime as dt, pyarrow as pa
>>> t0 = dt.datetime(2024, 1, 1, 8)
>>> ev = ibis.memtable(pa.table({"customer_id": ["a", "a"], "activity": ["in", "up"],
...     "ts": [t0, t0 + dt.timedelta(seconds=15)], "seq": [0, 1], "channel": ["phone"] * 2,
...     "resource": [None, "ali"], "attributes": ['{"contact_id": "1", "reason": "bill"}'] * 2}))
>>> from safar.analytics.contact import Roles
>>> found = route_cells(ev, Roles(enter=("in",), answer=("up",), agent_col="org:resource"))
>>> [(c["reason"], c["who"], c["answered"]) for c in found["cells"]], found["without_reason"]
([('bill', 'ali', 1)], 0)
"""

from __future__ import annotations

from typing import Any, Literal

import ibis.expr.types as ir

from safar.analytics._common import rows
from safar.analytics.contact import Keep, Roles, offered_contacts
from safar.errors import InputError
from safar.metrics import contact as m

RouteBy = Literal["agent", "group"]
ROUTE_BY: tuple[RouteBy, ...] = ("agent", "group")
_INTS = ("answered", "fcr_known", "resolved_first", "handle_n", "score_n")


def route_cells(
    events: ir.Table, roles: Roles, *, route_by: RouteBy = "agent", keep: Keep | None = None
) -> dict[str, Any]:
    """``cells``: per reason and agent (or group) with answered contacts of both, the counts and sums of
    :func:`safar.metrics.contact.route_measures`; ``without_reason`` and ``without_who``: answered contacts
    with no reason, or no agent (group), which no routing can move."""
    roles.check()
    if route_by not in ROUTE_BY:
        raise InputError("contact.bad_route_by", value=route_by, allowed=list(ROUTE_BY))
    _, contacts, offered = offered_contacts(events, roles, keep=keep)
    if not rows(contacts.limit(1)):
        raise InputError("contact.no_contacts", column=roles.contact_col)
    answered = offered.filter(offered.status == "answered")
    answered = answered.mutate(who=answered.agent if route_by == "agent" else answered.team)
    found = rows(answered.group_by(["reason", "who"]).agg(**m.route_measures(answered)))
    cells, without_reason, without_who = [], 0, 0
    for row in found:
        n = int(row["answered"] or 0)
        if row["reason"] is None:
            without_reason += n
        elif row["who"] is None:
            without_who += n
        else:
            cell = {k: row[k] for k in ("reason", "who")}
            cell.update({k: int(row[k] or 0) for k in _INTS})
            cell.update({k: float(row[k] or 0.0) for k in row if k.endswith(("_sum", "_sq"))})
            cells.append(cell)
    cells.sort(key=lambda c: (c["reason"], c["who"]))
    return {"cells": cells, "without_reason": without_reason, "without_who": without_who}

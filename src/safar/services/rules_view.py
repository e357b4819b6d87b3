"""The map's rules on its Journeys page: the one service behind the page's section and its API twin
(``GET …/maps/{id}/rules``); ``safar analyze rules`` gives the same for any dataset (:mod:`safar.analytics.rules`
says what each rule is). Each rule is said as a sentence in the reader's language with the map's stage names."""

from __future__ import annotations

from pydantic import BaseModel, Field

from safar.context import Context  # at run time: the kept result reads the screen's type hints
from safar.services.customers import CustomerFilter

__all__ = ["RulesView", "rule_text", "rules_view"]


class RuleOut(BaseModel):
    rule: str
    where: list[str]
    text: str = Field(description="The rule as a sentence, with the map's stage names.")
    applies: int
    broken: int
    broken_share: float | None
    broken_dropoff_share: float | None
    kept_dropoff_share: float | None
    median_seconds_broken: float | None
    median_seconds_kept: float | None
    customers_filter: CustomerFilter | None = Field(
        default=None, description="The filter of ``…/customers`` that lists the customers who broke it."
    )


class RulesView(BaseModel):
    dataset: str | None = None
    within: str | None = None
    customers: int = 0
    keeping_all: int = 0
    keeping_all_share: float | None = None
    rules: list[RuleOut] = []


def rules_view(
    ctx: Context, map_id: int, dataset: str | None = None, *, within: str | None = None
) -> RulesView:
    """The map's rules checked on its bound dataset's customers (``within``, e.g. ``7d``: a time rule too)."""
    from safar.analytics import parse_duration
    from safar.analytics.rules import map_rules

    journey = ctx.workspace.get_map(map_id).document
    chosen = dataset or next(iter(journey.datasets()), None)
    if chosen is None:
        return RulesView(within=within)
    ctx.workspace.require_dataset(chosen)
    limit = parse_duration(within) if within else None
    with ctx.warehouse() as warehouse:
        found = map_rules(warehouse.events(chosen), journey, within=limit)
    names = {s.id: s.name for s in journey.stages}
    said = found.to_dict()
    out = []
    for r in said["rules"]:
        text = rule_text(r["rule"], r["where"], r["within_seconds"], names, ctx.lang)
        listed = CustomerFilter(
            kind="rule",
            rule=r["rule"],
            steps=r["where"],
            within=within if r["rule"] == "within" else None,
            dataset=chosen,
        )
        out.append(
            RuleOut(
                text=text,
                customers_filter=listed,
                **{k: v for k, v in r.items() if k != "within_seconds"},
            )
        )
    return RulesView(
        dataset=chosen,
        within=within,
        customers=found.customers,
        keeping_all=found.keeping_all,
        keeping_all_share=said["keeping_all_share"],
        rules=out,
    )


def rule_text(
    rule: str,
    where: list[str] | tuple[str, ...],
    within_seconds: float | None,
    names: dict[str, str],
    lang: str,
) -> str:
    """A rule of the map as a sentence in ``lang``, with the map's stage ``names``."""
    from safar.i18n import translate
    from safar.i18n.units import format_duration

    places = [names.get(w, w) for w in where]
    time = format_duration(within_seconds, lang) if within_seconds else ""
    return translate(f"rules.{rule}", lang, a=places[0], b=places[-1], time=time)

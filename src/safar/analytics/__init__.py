"""Journey analytics (تحلیل سفر مشتری): Ibis table → table functions, one code path for DuckDB and Spark.

Each analysis has an expression builder (``*_table``: pure, unbound, nothing
runs) and a function that executes it once and returns a frozen result whose
``to_dict()`` is the JSON the CLI and the web app show. Definitions: docs/analytics.md.
"""

from safar.analytics._common import (
    Distribution,
    Filters,
    Level,
    apply_filters,
    journey,
    parse_duration,
    parse_segment,
    parse_time,
)
from safar.analytics.binding import BindingPreview, bind_events, preview_binding, rule_condition
from safar.analytics.channels import ChannelsResult, Responsiveness, channels, responses_table
from safar.analytics.conformance import (
    ConformanceResult,
    Deviation,
    conformance,
    conformance_table,
    deviations_table,
    on_map,
)
from safar.analytics.dropoff import DropoffResult, dropoff, dropoff_table, stops_of, stops_table
from safar.analytics.funnel import FunnelResult, FunnelStep, Order, funnel, funnel_of, funnel_table
from safar.analytics.loops import LoopsResult, loops, loops_table, ping_pong_table, repeats_table
from safar.analytics.paths import (
    PathsResult,
    dfg_table,
    pairs_from_variants,
    paths,
    paths_of,
    paths_table,
    step_pairs_table,
    variants_table,
)
from safar.analytics.summary import SummaryResult, TouchpointSummary, summary, summary_table
from safar.analytics.timing import TimingResult, Transition, timing, timing_table

__all__ = [
    "BindingPreview",
    "ChannelsResult",
    "ConformanceResult",
    "Deviation",
    "Distribution",
    "DropoffResult",
    "Filters",
    "FunnelResult",
    "FunnelStep",
    "Level",
    "LoopsResult",
    "Order",
    "PathsResult",
    "Responsiveness",
    "SummaryResult",
    "TimingResult",
    "TouchpointSummary",
    "Transition",
    "apply_filters",
    "bind_events",
    "channels",
    "conformance",
    "conformance_table",
    "deviations_table",
    "dfg_table",
    "dropoff",
    "dropoff_table",
    "funnel",
    "funnel_of",
    "funnel_table",
    "journey",
    "loops",
    "loops_table",
    "on_map",
    "pairs_from_variants",
    "parse_duration",
    "parse_segment",
    "parse_time",
    "paths",
    "paths_of",
    "paths_table",
    "ping_pong_table",
    "preview_binding",
    "repeats_table",
    "responses_table",
    "rule_condition",
    "step_pairs_table",
    "stops_of",
    "stops_table",
    "summary",
    "summary_table",
    "timing",
    "timing_table",
    "variants_table",
]

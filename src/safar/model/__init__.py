"""Safar's pure domain model: journey maps, personas, stages, touchpoints, channels."""

from safar.model.binding import BindingRule
from safar.model.channel import BUILTIN_CHANNELS, Channel, ChannelKind, channel_name
from safar.model.journey import (
    FORMAT_VERSION,
    BasedOn,
    Emotion,
    Evidence,
    EvidenceSource,
    EvidenceStrength,
    JourneyMap,
    MapType,
    Metric,
    MomentOfTruth,
    Persona,
    Scope,
    Stage,
    Touchpoint,
)
from safar.model.lane import Lane, LaneFigure, LaneKind
from safar.model.text import normalize_text

__all__ = [
    "BUILTIN_CHANNELS",
    "FORMAT_VERSION",
    "BasedOn",
    "BindingRule",
    "Channel",
    "ChannelKind",
    "Emotion",
    "Evidence",
    "EvidenceSource",
    "EvidenceStrength",
    "JourneyMap",
    "Lane",
    "LaneFigure",
    "LaneKind",
    "MapType",
    "Metric",
    "MomentOfTruth",
    "Persona",
    "Scope",
    "Stage",
    "Touchpoint",
    "channel_name",
    "normalize_text",
]

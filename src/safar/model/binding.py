"""Binding rules: which raw events belong to a touchpoint.

A touchpoint binds an event when any of its rules matches; a rule matches when
every condition it states holds (activity equals / is in a list / matches a
regular expression, the event's channel, attribute values, the dataset).
Rules live in the map document, so they are versioned with it.

>>> BindingRule(activity_in=["Call", "Callback"], channel="phone").conditions()
['activity_in', 'channel']
>>> BindingRule()
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for BindingRule
  Value error, a binding rule needs at least one condition: activity, activity_in, activity_regex, channel, attributes or dataset [type=value_error, input_value={}, input_type=dict]
    For further information visit https://errors.pydantic.dev/2.14/v/value_error
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_CONDITIONS = ("activity", "activity_in", "activity_regex", "channel", "attributes", "dataset")


class BindingRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    activity: str | None = Field(default=None, min_length=1)
    activity_in: list[str] = Field(default_factory=list)
    activity_regex: str | None = Field(default=None, min_length=1)
    channel: str | None = Field(default=None, min_length=1)
    attributes: dict[str, str] = Field(default_factory=dict)
    dataset: str | None = Field(default=None, min_length=1)

    @field_validator("activity_regex")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        if value is not None:
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"not a valid regular expression: {exc}") from exc
        return value

    @model_validator(mode="after")
    def _has_a_condition(self) -> BindingRule:
        if not self.conditions():
            raise ValueError(
                "a binding rule needs at least one condition: " + ", ".join(_CONDITIONS[:-1]) + " or dataset"
            )
        return self

    def conditions(self) -> list[str]:
        values: dict[str, Any] = self.__dict__
        return [name for name in _CONDITIONS if values.get(name) not in (None, [], {})]

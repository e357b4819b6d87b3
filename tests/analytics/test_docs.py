"""Every error code has both texts and a row in the docs; every command and concept is documented."""

from __future__ import annotations

import datetime as dt
import re
import string
from pathlib import Path

import pytest
from analytics_helpers import T0, H, journeys_for, simple_map

from safar import analytics as an
from safar.analytics import __all__ as public
from safar.cli.analyze import app
from safar.i18n.catalogue_analytics import ANALYTICS_MESSAGES

ROOT = Path(__file__).resolve().parents[2]
DOCS = (ROOT / "docs" / "analytics.md").read_text(encoding="utf-8")
SOURCES = "\n".join(
    p.read_text(encoding="utf-8") for p in (ROOT / "src" / "safar" / "analytics").glob("*.py")
)


def _fields(template):
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_every_raised_code_has_english_and_persian_text_with_the_same_parameters():
    raised = set(re.findall(r'Error\("(analytics\.[a-z_]+)"', SOURCES))
    assert raised and raised <= set(ANALYTICS_MESSAGES)
    for code, texts in ANALYTICS_MESSAGES.items():
        assert set(texts) == {"en", "fa"}, code
        assert {f.split("!")[0] for f in _fields(texts["en"])} == _fields(texts["fa"]), code


@pytest.mark.parametrize(
    "code", sorted(c for c in ANALYTICS_MESSAGES if not c.startswith("analytics.label."))
)
def test_every_error_code_is_documented(code):
    assert f"`{code}`" in DOCS


@pytest.mark.parametrize("command", sorted(c.name for c in app.registered_commands if c.name))
def test_every_command_is_documented(command):
    assert f"safar analyze {command}" in DOCS


@pytest.mark.parametrize(
    "name", [n for n in public if n.endswith("_table") or n in ("bind_events", "journey")]
)
def test_every_expression_builder_is_named_in_the_docs(name):
    assert f"`{name}`" in DOCS


def _keys(value, parent=""):
    if isinstance(value, dict):
        for key, item in value.items():
            if parent not in ("start", "end"):  # keyed by steps, which are data
                yield key
            yield from _keys(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _keys(item, parent)


def test_every_field_of_every_result_has_a_label_in_both_languages():
    """The CLI's tables name fields in the user's language; a new field without a label would show its key."""
    events, m = (
        journeys_for({"ana": [("ad", T0, "web"), ("site", T0 + H, "app"), ("ad", T0 + 2 * H, "web")]}),
        simple_map(),
    )
    results = [
        an.preview_binding(events, m),
        an.funnel(events, ["ad", "site"]),
        an.paths(events),
        an.dropoff(events, final="site"),
        an.timing(events),
        an.loops(events),
        an.channels(events, request=["ad"], response=["site"], sla=dt.timedelta(hours=1)),
        an.conformance(events, m),
        an.summary(events, m),
    ]
    keys = {k for r in results for k in _keys(r.to_dict())}
    assert sorted(k for k in keys if f"analytics.label.{k}" not in ANALYTICS_MESSAGES) == []

"""The fast paths of ingestion give the same warehouse as the general ones.

* A dataset's first ingestion writes valid rows straight into ``events`` (a *direct* stage);
  later ones go through the stage table. Both give the same ids, counts and quarantine.
* XES is read by a regular-expression tokenizer that leaves anything unusual to expat, in worker
  processes when the file is more than a block; all give the same traces, each hands over to the
  next when it must, and a file handed over late is not loaded twice.
"""

from __future__ import annotations

import gzip
import io
import shutil
from xml.parsers import expat

import pytest

from safar.errors import InputError
from safar.events import ingest_file
from safar.events import stage as stage_module
from safar.events import xes as xes_module
from safar.events.xes_tokens import Collector, Fallback, Tokenizer, new_columns

from .test_xes import XES


def _traces(text: bytes, *, fast: bool, block: int) -> list[tuple[dict[str, str], list[dict[str, str]]]]:
    collector: Collector
    if fast:
        collector = tokenizer = Tokenizer()
        parse = tokenizer.feed
    else:
        collector = Collector()
        parser = expat.ParserCreate()
        parser.ordered_attributes = True
        parser.StartElementHandler = collector.start
        parser.EndElementHandler = collector.end
        parse = parser.Parse
    for start in range(0, len(text), block):
        parse(text[start : start + block], False)
    parse(b"", True)
    return collector.traces


TRICKY = """<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment before the root -->
<xes:log xmlns:xes="http://www.xes-standard.org/">
  <float key="log level" value="1.5"><float key="nested" value="2"/></float>
  <xes:trace>
    <string key="concept:name" value="c &amp; 1"/>
    <!-- a comment <with> brackets inside a trace -->
    <xes:event>
      <string  key = "concept:name"   value = "a &lt;b&gt; &#1587;&#x627; &quot;q&quot; &apos;"  />
      <date key="time:timestamp" value="2024-01-01T10:00:00Z"/>
      <string value="value first" key="order"/>
      <string key='single' value='quotes'/>
      <container key="box"><int key="inner" value="3"/><list key="deep"><values/></list></container>
      <string key="order" value="the last one wins"/>
      <?pi ignored?>
    </xes:event>
    <event><string key="concept:name" value="x>y"/><string key="empty" value=""/></event>
  </xes:trace>
</xes:log>
"""


@pytest.mark.parametrize("text", [XES, TRICKY], ids=["test-log", "tricky"])
@pytest.mark.parametrize("block", [7, 997, 1 << 20])
def test_tokenizer_reads_what_expat_reads(text, block):
    data = text.encode()
    assert _traces(data, fast=True, block=block) == _traces(data, fast=False, block=block)


@pytest.mark.parametrize(
    "body",
    [
        '<string key="concept:name" value="a\tb"/>',  # expat normalises whitespace in attribute values
        '<string key="concept:name" value="a"/><![CDATA[ text ]]>',
        '<string key="concept:name" value="&unknown;"/>',
        '<string key="concept:name" value="a"/><string key="concept:name" key="b"/>',
    ],
)
def test_what_the_tokenizer_does_not_handle_goes_to_expat(body):
    data = f'<log><trace><string key="concept:name" value="c"/><event>{body}</event></trace></log>'.encode()
    with pytest.raises(Fallback):
        _traces(data, fast=True, block=1 << 20)


def test_declared_encoding_other_than_utf8_goes_to_expat(settings, look, tmp_path):
    text = (
        '<?xml version="1.0" encoding="ISO-8859-1"?><log><trace><string key="concept:name" value="c"/>'
        '<event><string key="concept:name" value="caf\xe9"/>'
        '<date key="time:timestamp" value="2024-01-01T00:00:00Z"/></event></trace></log>'
    )
    data = text.encode("latin-1")
    with pytest.raises(Fallback):
        _traces(data, fast=True, block=1 << 20)
    path = tmp_path / "latin.xes"
    path.write_bytes(data)
    assert ingest_file(settings, path, dataset="x").loaded == 1
    assert look.query("SELECT activity FROM events") == [("café",)]


def _events_xes(n: int, tail: str = "") -> str:
    events = "".join(
        f'<event><string key="concept:name" value="e{i}"/>'
        f'<date key="time:timestamp" value="2024-01-01T00:00:{i % 60:02d}Z"/></event>'
        for i in range(n)
    )
    return f'<log><trace><string key="concept:name" value="c"/>{events}</trace>{tail}</log>'


def test_a_late_hand_over_to_expat_loads_each_event_once(settings, look, tmp_path, monkeypatch):
    monkeypatch.setattr(xes_module, "_BATCH", 3)  # batches are staged before the CDATA is met
    monkeypatch.setattr(xes_module, "_BLOCK", 256)
    path = tmp_path / "late.xes"
    path.write_text(_events_xes(20, tail="<![CDATA[ late ]]>"))
    report = ingest_file(settings, path, dataset="x")
    assert (report.read, report.loaded, report.duplicates, report.rejected) == (20, 20, 0, 0)
    assert look.query("SELECT count(*), count(DISTINCT seq) FROM events") == [(20, 20)]


def test_a_broken_file_leaves_a_new_dataset_empty(settings, look, tmp_path, monkeypatch):
    monkeypatch.setattr(xes_module, "_BATCH", 3)
    monkeypatch.setattr(xes_module, "_BLOCK", 256)
    path = tmp_path / "broken.xes.gz"
    path.write_bytes(gzip.compress(_events_xes(20).encode())[:-40])  # cut: gzip and XML both end early
    with pytest.raises(InputError):
        ingest_file(settings, path, dataset="x")
    assert look.query("SELECT count(*) FROM events") == [(0,)]
    assert look.query("SELECT count(*) FROM customers") == [(0,)]
    assert look.query("SELECT count(*) FROM ingestions") == [(0,)]


def test_first_and_later_ingestions_give_the_same_events(settings, look, write):
    """A new dataset is loaded directly, a known one through the stage: same events, counts and quarantine."""
    rows = (
        "case,event,time,note\n" + "c1,visit,2024-01-01,x\n" * 3 + "c1,buy,2024-01-02,\n,buy,2024-01-03,y\n"
    )
    log = write("log.csv", rows)
    other = write("other.csv", "case,event,time\nz,seed,2023-01-01\n")
    direct = ingest_file(settings, log, dataset="direct")
    ingest_file(settings, other, dataset="staged")
    staged = ingest_file(settings, log, dataset="staged")
    assert (
        direct.summary()
        == staged.summary()
        == {
            "read": 5,
            "loaded": 4,
            "duplicates": 0,
            "rejected": 1,
            "quarantine": "rejected",
        }
    )
    query = (
        "SELECT event_id, seq, activity, attributes::JSON::MAP(VARCHAR, VARCHAR) FROM events "
        "WHERE dataset = ? AND activity <> 'seed' ORDER BY seq"
    )
    assert look.query(query, ["direct"]) == look.query(query, ["staged"])
    # identical rows are distinct events; no id column: identified by content, no id stored
    assert look.query(query, ["direct"]) == [
        (None, 1, "visit", {"note": "x"}),
        (None, 2, "visit", {"note": "x"}),
        (None, 3, "visit", {"note": "x"}),
        (None, 4, "buy", {"note": None}),
    ]
    assert look.rejected("direct") == look.rejected("staged") == [(5, "case", "row.missing_customer")]
    again = ingest_file(settings, log, dataset="direct")
    assert (again.loaded, again.duplicates, again.rejected) == (0, 4, 1)


def test_a_repeated_id_in_a_new_dataset_is_a_duplicate(settings, look, write):
    log = write("ids.csv", "id,case,event,time\ne1,c1,a,2024-01-01\ne1,c1,b,2024-01-02\ne2,c1,c,2024-01-03\n")
    report = ingest_file(settings, log, dataset="d", id_col="id")
    assert (report.read, report.loaded, report.duplicates) == (3, 2, 1)
    assert look.query("SELECT event_id, activity FROM events ORDER BY seq") == [("e1", "a"), ("e2", "c")]


def _log(n: int, before: str = "", after: str = "", events: int = 1) -> str:
    """n traces c0…c{n-1}, each with ``events`` events; ``before``/``after`` go round the middle trace."""
    traces = []
    for i in range(n):
        body = "".join(
            f'<event><string key="concept:name" value="a{i}.{j}"/>'
            f'<date key="time:timestamp" value="2024-01-01T00:{j % 60:02d}:{i % 60:02d}Z"/></event>'
            for j in range(events)
        )
        trace = f'<trace><string key="concept:name" value="c{i}"/><int key="n" value="{i}"/>{body}</trace>'
        traces.append(before + trace + after if i == n // 2 else trace)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<log xmlns="http://www.xes-standard.org/">'
        + "".join(traces)
        + "</log>"
    )


def _read_all(data: bytes, *, fast: bool, workers: int) -> tuple[tuple[list[str | None], ...], list[object]]:
    columns = new_columns()
    customers: list[object] = []
    for piece, found in xes_module._pieces(io.BytesIO(data), fast=fast, workers=workers):
        customers.extend(found)
        for into, column in zip(columns, piece, strict=True):
            into.extend(column)
    return columns, customers


@pytest.mark.parametrize("block", [16, 300, 1 << 20])
def test_worker_processes_read_what_one_tokenizer_and_expat_read(monkeypatch, block):
    monkeypatch.setattr(xes_module, "_BLOCK", block)
    chunks = []
    submit = xes_module._Workers.submit
    monkeypatch.setattr(xes_module._Workers, "submit", lambda self, *a: chunks.append(a) or submit(self, *a))
    data = (
        _log(40, events=2)[:-6] + TRICKY[TRICKY.index("<xes:trace>") : TRICKY.index("</xes:log>")] + "</log>"
    ).encode()
    by_expat = _read_all(data, fast=False, workers=1)
    assert _read_all(data, fast=True, workers=2) == _read_all(data, fast=True, workers=1) == by_expat
    columns, customers = by_expat
    assert columns[1][:3] == ["a0.0", "a0.1", "a1.0"] and len(columns[1]) == 82
    assert customers[:2] == [("c0", {"n": "0"}), ("c1", {"n": "1"})] and len(customers) == 41
    assert (len(chunks) > 10) == (block < 1 << 20)  # small blocks: most traces went to the workers


@pytest.mark.parametrize(
    ("before", "after", "readers"),
    [
        ("", "", [(True, 2)]),
        ("", "<!-- </trace> -->", [(True, 2), (True, 1)]),  # cut inside a comment: one tokenizer reads it
        ("<group>", "</group>", [(True, 2), (True, 1)]),  # a chunk changes the open elements
        ("", "<![CDATA[ text ]]>", [(True, 2), (True, 1), (False, 1)]),  # the tokenizer leaves CDATA to expat
    ],
    ids=["plain", "comment", "nested", "cdata"],
)
def test_each_reader_hands_over_to_the_next_and_every_event_is_loaded_once(
    settings, look, write, monkeypatch, before, after, readers
):
    monkeypatch.setattr(xes_module, "_BLOCK", 64)
    monkeypatch.setattr(xes_module, "_BATCH", 7)
    monkeypatch.setattr(xes_module, "_WORKERS", 2)
    calls = []
    load = xes_module._load
    monkeypatch.setattr(
        xes_module,
        "_load",
        lambda stage, path, *, fast, workers: (
            calls.append((fast, workers)) or load(stage, path, fast=fast, workers=workers)
        ),
    )
    report = ingest_file(settings, write("log.xes", _log(30, before, after)), dataset="x")
    assert calls == readers
    assert (report.read, report.loaded, report.rejected) == (30, 30, 0)
    assert look.query("SELECT customer_id, activity, seq FROM events ORDER BY seq") == [
        (f"c{i}", f"a{i}.0", i + 1) for i in range(30)
    ]
    assert look.query("SELECT count(*) FROM customers") == [(30,)]


def test_a_trace_too_long_to_hold_is_read_on_by_one_tokenizer(settings, look, write, monkeypatch):
    monkeypatch.setattr(xes_module, "_BLOCK", 64)
    monkeypatch.setattr(xes_module, "_ALONE_AFTER", 500)
    monkeypatch.setattr(xes_module, "_WORKERS", 2)
    long = "".join(
        f'<event><string key="concept:name" value="long.{j}"/><date key="time:timestamp" value="2024-01-02T00:00:00Z"/>'
        "</event>"
        for j in range(40)
    )
    path = write("long.xes", _log(9, after=f'<trace><string key="concept:name" value="long"/>{long}</trace>'))
    report = ingest_file(settings, path, dataset="x")
    assert (report.read, report.loaded) == (49, 49)
    assert look.query("SELECT count(DISTINCT customer_id), count(DISTINCT activity) FROM events") == [
        (10, 49)
    ]


@pytest.mark.parametrize(
    "interpreter", [shutil.which("false"), "/nonexistent/python"], ids=["dies", "missing"]
)
def test_a_worker_that_dies_or_cannot_start_leaves_the_file_to_one_tokenizer(
    settings, look, write, monkeypatch, interpreter
):
    monkeypatch.setattr(xes_module, "_BLOCK", 64)
    monkeypatch.setattr(xes_module, "_WORKERS", 2)
    monkeypatch.setattr(xes_module.sys, "executable", interpreter)
    report = ingest_file(settings, write("log.xes", _log(30)), dataset="x")
    assert (report.read, report.loaded) == (30, 30)
    assert look.query("SELECT count(DISTINCT activity) FROM events") == [(30,)]


def test_a_spool_that_cannot_be_written_is_not_blamed_on_the_file(settings, look, write, monkeypatch):
    def no_space(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(stage_module.pq, "ParquetWriter", no_space)
    for name, text in (("log.xes", _log(3)), ("log.csv", "case,event,time\nc1,visit,2024-01-01\n")):
        with pytest.raises(OSError, match="No space left") as raised:
            ingest_file(settings, write(name, text), dataset="x")
        assert not isinstance(raised.value, InputError)
    assert look.query("SELECT count(*) FROM events") == [(0,)]

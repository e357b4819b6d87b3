# The two commands of the README:  `make demo`  and  `make test`.
# Both create .venv with Python 3.11 and install what they need; nothing else is required.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test assets lint services bench-small

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python assets
	$(BIN)/python -m pip install --quiet -e .

# Third-party web assets (the Vazirmatn font) come from npm at install time, never from a CDN.
assets:
	@if command -v npm >/dev/null; then cd src/safar/web/assets && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm not found: the web app will use system fonts instead of Vazirmatn"; fi

install-test: $(BIN)/python assets
	$(BIN)/python -m pip install --quiet -e ".[test]"

demo: install
	$(BIN)/safar demo

services:
	@scripts/ensure-services

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

test: install-test services lint
	$(BIN)/pytest
	$(MAKE) bench-small

# A small run of every benchmark, so they never rot (figures in bench/README.md come from larger runs).
bench-small:
	$(BIN)/python bench/ingest_bench.py --events 100000 --xes ../shared/data/receipt/08_receipt.xes.gz --repeat 1 --pm4py-repeat 1
	$(BIN)/python bench/sentiment_bench.py --repeat 1
	$(BIN)/python bench/report_bench.py --events 100000 --repeat 1

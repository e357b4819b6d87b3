# The two commands of the README:  `make demo`  and  `make test`.
# Both create .venv with Python 3.11 and install what they need; nothing else is required.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test install install-test assets lint services

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

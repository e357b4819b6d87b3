# The two commands of the README:  `make demo`  and  `make test`.
# Both create .venv with Python 3.11 and install exactly the versions in requirements/*.txt (the locks,
# with hashes); nothing else is required. `make lock` upgrades the locks (docs/dependencies.md).

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PIP := PIP_DISABLE_PIP_VERSION_CHECK=1 $(BIN)/python -m pip --quiet
# uv installs the locks: the same hashes and versions as pip would, in seconds instead of a minute
# (it hard-links from its cache where the cache is on the same disk, and copies elsewhere: a fresh test
# environment in 19 s instead of 31 s by copying). uv itself comes from requirements/bootstrap.txt, pinned and
# hash-checked.
# --compile-bytecode, and compileall for Safar's own sources: every command then starts from bytecode,
# also where PYTHONDONTWRITEBYTECODE is set (as on this CI machine), which would otherwise compile every
# module again in every process (`safar map list` 1.35 s instead of 0.46 s).
UV := UV_LINK_MODE=hardlink $(BIN)/uv
UV_INSTALL := $(UV) pip install --quiet --python $(BIN)/python --no-deps --compile-bytecode
COMPILE_SRC := $(BIN)/python -m compileall -q src
LOCK_FLAGS := --generate-hashes --python-version 3.11 --python-platform x86_64-manylinux_2_28 --no-header --quiet

.PHONY: demo test install install-test assets lint services bench-small lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(BIN)/uv: requirements/bootstrap.txt | $(BIN)/python
	$(PIP) install --require-hashes --no-deps -r requirements/bootstrap.txt
	@touch $@

# Install from the lock: every package at its locked version and hash, then Safar itself (editable,
# built with the locked hatchling). A stamp per lock, so a second run installs only after the lock changed.
$(VENV)/.app.stamp: requirements/app.txt pyproject.toml | $(BIN)/uv
	$(UV_INSTALL) --require-hashes -r requirements/app.txt
	$(UV_INSTALL) --no-build-isolation -e .
	@touch $@

$(VENV)/.test.stamp: requirements/test.txt pyproject.toml | $(BIN)/uv
	$(UV_INSTALL) --require-hashes -r requirements/test.txt
	$(UV_INSTALL) --no-build-isolation -e .
	@touch $@ $(VENV)/.app.stamp

install: $(VENV)/.app.stamp assets

install-test: $(VENV)/.test.stamp assets

# Third-party web assets (the Vazirmatn font, Swagger UI for /api/docs) come from npm at install time, never
# from a CDN, without their install scripts (swagger-ui-dist's @scarf/scarf would report the install over the
# network); installed again only when their lock changed (so `make demo` never empties node_modules under a
# running server).
ASSETS := src/safar/web/assets
assets:
	@if [ $(ASSETS)/node_modules/.safar.stamp -nt $(ASSETS)/package-lock.json ]; then :; \
	elif command -v npm >/dev/null; then cd $(ASSETS) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error \
	  && touch node_modules/.safar.stamp; \
	else echo "npm not found: the web app will use system fonts instead of Vazirmatn"; fi

demo: install
	@$(COMPILE_SRC)
	$(BIN)/safar demo

services:
	@scripts/ensure-services

lint: install-test
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/lint-imports
	$(BIN)/mypy

# The suite on both cores (pytest-xdist); the Spark tests share one worker (tests/conftest.py). It
# includes the small run of every benchmark (tests/bench), which the workers share with the other tests.
# The linters run beside it (their output is printed after the suite's); either failing fails `make test`.
# pytest keeps its rewritten test modules as bytecode even where PYTHONDONTWRITEBYTECODE is set (as on the
# CI machine): each worker collects every module, 14 s without that cache, 9 s with it.
# One BLAS/OpenMP thread a worker: two workers on two cores, each asking OpenBLAS for two threads, took the
# sentiment tests (the encoder's matrix products) from 17 s to 30 s.
test: install-test services
	@$(COMPILE_SRC)
	@$(MAKE) --no-print-directory lint > $(VENV)/lint.log 2>&1 & lint=$$!; \
	OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 PYTHONDONTWRITEBYTECODE= $(BIN)/pytest -n 2 --dist loadgroup; tests=$$?; \
	wait $$lint; linted=$$?; echo "--- make lint:"; cat $(VENV)/lint.log; \
	if [ $$linted -ne 0 ]; then echo "make lint failed"; fi; \
	exit $$(( tests != 0 || linted != 0 ))

# Upgrade the locks: every package (`make lock`) or one (`make lock P=duckdb`). Commit the result alone,
# after `make test` passed on it.
lock: | $(BIN)/uv
	$(UV) pip compile pyproject.toml requirements/build.in --extra test $(LOCK_FLAGS) \
	  $(if $(P),--upgrade-package $(P),--upgrade) -o requirements/test.txt
	$(UV) pip compile pyproject.toml requirements/build.in -c requirements/test.txt $(LOCK_FLAGS) \
	  -o requirements/app.txt

# A small run of every benchmark, so they never rot (figures in bench/README.md come from larger runs):
# the commands are in tests/bench/test_small_runs.py, which `make test` runs with the rest of the suite.
bench-small: install-test
	$(BIN)/pytest tests/bench -v

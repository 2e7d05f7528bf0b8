# Two commands on a fresh machine: `make run` then `make test`. Every target is safe to re-run.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
GX_ASSETS := gx/vendor/node_modules/.package-lock.json
SQL_DIRS := $(wildcard models tests/dbt analyses)
# sqlfluff's dbt templater compiles each file: give it its own target/ and a throwaway database, so linting never
# touches (or waits for) the live warehouse.
LINT_ENV := BUDGETWH_DB=$(CURDIR)/target/sqlfluff/lint.duckdb DBT_TARGET_PATH=$(CURDIR)/target/sqlfluff \
	DBT_LOG_PATH=$(CURDIR)/target/sqlfluff/logs
# Locally, lint only the SQL changed against origin/main (HEAD without a remote), untracked files included.
CHANGED_SQL = $(shell base=$$(git merge-base origin/main HEAD 2>/dev/null || echo HEAD); \
	{ git diff --name-only --diff-filter=d $$base -- $(SQL_DIRS); \
	  git ls-files --others --exclude-standard -- $(SQL_DIRS); } | grep '\.sql$$' | sort -u)

export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: help setup spark-setup test-spark spark-build ingest run check test test-fresh lint bench docs docs-serve clean lock pages serve pages-lock

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

# The Spark engine's packages (requirements-spark.lock: dbt-spark, pyspark) go into the same .venv, only for the
# targets that use Spark (test-spark), with Java 17 from Debian when it is missing (as root); `make setup` and
# `make run` never install them, and need no Java.
SPARK_STAMP := $(VENV)/.installed-spark
$(SPARK_STAMP): $(STAMP) requirements-spark.lock
	@command -v java >/dev/null || [ "$$(id -u)" != 0 ] || \
		{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless; }
	@command -v java >/dev/null || { echo "the Spark engine needs Java 17 (apt-get install openjdk-17-jre-headless)"; exit 1; }
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-spark.lock
	@touch $@

spark-setup: $(SPARK_STAMP) ## install the Spark engine's packages (requirements-spark.lock) into .venv; needs Java 17

test-spark: spark-setup ## the Spark engine's tests (pytest -m spark): Spark ingest, dbt on Spark = DuckDB at x10
	$(BIN)/pytest -m spark --durations=10

SPARK_OUT ?= build/spark
spark-build: spark-setup ## build and test the dbt models on Spark from seeds/, marts as Parquet in build/spark/marts
	$(BIN)/budgetwh spark-build --out $(SPARK_OUT)

# Scripts, styles and fonts that GX's Data Docs would load from CDNs (see src/budgetwh/quality/datadocs.py).
$(GX_ASSETS): gx/vendor/package.json gx/vendor/package-lock.json
	npm ci --prefix gx/vendor --loglevel=error
	@touch $@

# Evidence 37 and its exact dependencies (reports/package-lock.json); the stamp is the one `budgetwh pages` checks.
PAGES_MODULES := reports/node_modules/.budgetwh-package-lock.sha256
$(PAGES_MODULES): reports/package.json reports/package-lock.json
	npm ci --prefix reports --no-audit --no-fund --loglevel=error
	sha256sum reports/package-lock.json | cut -d' ' -f1 > $@

setup: $(STAMP) $(GX_ASSETS) $(PAGES_MODULES) ## .venv (requirements.lock), npm assets of Data Docs and Evidence, Chromium + CJK font
	@scripts/setup-browser.sh

ingest: setup ## parse data/raw/ into seeds/extracted/ (all-or-nothing)
	$(BIN)/budgetwh ingest

run: setup ## set up, then ingest, build, check and publish the warehouse and pages atomically (budgetwh build)
	$(BIN)/budgetwh build

pages: setup ## rebuild the Evidence site from data/warehouse.duckdb and publish it at reports/build
	$(BIN)/budgetwh pages

PORT ?= 3000
serve: ## preview the published site (reports/build) on http://127.0.0.1:3000/ (PORT=... to change)
	$(BIN)/python -m budgetwh.serve reports/build --port $(PORT)

pages-lock: ## re-resolve reports/package-lock.json after editing reports/package.json (needs the npm registry)
	cd reports && npm install --package-lock-only --no-audit --no-fund --loglevel=error
	$(BIN)/python -m budgetwh.npm_lock reports/package-lock.json

# One worker per core (pytest-xdist); tests that share a per-worker fixture run on one worker (--dist loadgroup, the
# groups are set in tests/conftest.py, which also orders them: --no-loadscope-reorder keeps that order, so the two
# session builds start at once, one per worker). The JUnit report holds the suite's time, which `make bench` reads.
test: lint ## lint (see lint), then run the test suite but the Spark tests (make test-spark); ten slowest listed
	$(BIN)/pytest -m "not spark" -n auto --dist loadgroup --no-loadscope-reorder --durations=10 --junitxml=build/test-report.xml

# One shell for the whole recipe: the folder is made once (a make variable holding $(shell mktemp) would be expanded,
# and a new folder made, at each use). It is removed when both commands pass, kept for diagnosis when one fails.
test-fresh: ## clone this commit into a temporary folder (with ../shared beside it) and run `make run` and `make test` there
	@set -euo pipefail; fresh=$$(mktemp -d /tmp/budgetwh-fresh.XXXXXX); \
	echo "test-fresh: a clone of $$(git rev-parse --short HEAD) in $$fresh/main"; \
	git clone --quiet --no-hardlinks "$(CURDIR)" "$$fresh/main"; \
	git -C "$$fresh/main" checkout --quiet "$$(git rev-parse HEAD)"; \
	if [ -d ../shared ]; then cp -r ../shared "$$fresh/shared"; chmod -R u+w "$$fresh/shared"; fi; \
	$(MAKE) -C "$$fresh/main" run; \
	$(MAKE) -C "$$fresh/main" test; \
	rm -rf "$$fresh"; echo "test-fresh: make run and make test passed in a fresh clone"

check: setup ## run the quality gate (GX checkpoint) on data/warehouse.duckdb; Data Docs in build/data-docs
	$(BIN)/budgetwh check

lint: setup ## sqlfluff (changed SQL locally, all of it when CI is set) and ruff
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	@mkdir -p target/sqlfluff
ifneq ($(CI),)
	$(LINT_ENV) $(BIN)/sqlfluff lint $(SQL_DIRS)
else
	@if [ -z "$(strip $(CHANGED_SQL))" ]; then echo "sqlfluff: no SQL changed (CI=1 make lint lints all)"; \
	else echo "sqlfluff lint $(CHANGED_SQL)"; $(LINT_ENV) $(BIN)/sqlfluff lint $(CHANGED_SQL); fi
endif

bench: setup ## a fresh clone's first build, then x1 and x100 synthetic corpora (BENCH_FULL=1 adds x1000), dbt on DuckDB and Spark at x10 and x100 (after make spark-setup), each figure against its goal; JSON in build/bench/
	$(BIN)/budgetwh bench

# dbt opens its database read-write, which would lock analysts out of the live warehouse: the docs are generated
# from a copy of it (the live file is only ever replaced whole, so a copy is consistent), or from a fresh build.
DOCS_DB := $(CURDIR)/target/docs/warehouse.duckdb

docs: setup ## build the dbt docs site into target/ (from a copy of data/warehouse.duckdb; offline)
	@mkdir -p target/docs && rm -f $(DOCS_DB) $(DOCS_DB).wal
	@if [ -f data/warehouse.duckdb ]; then cp data/warehouse.duckdb $(DOCS_DB); \
	else echo "no data/warehouse.duckdb yet (make run builds it): building a copy for the docs"; \
	BUDGETWH_DB=$(DOCS_DB) $(BIN)/dbt build --quiet; fi
	BUDGETWH_DB=$(DOCS_DB) $(BIN)/dbt docs generate --quiet
	@echo "dbt docs: $(CURDIR)/target/index.html (make docs-serve serves it)"

docs-serve: docs ## serve the dbt docs site on http://localhost:8080
	BUDGETWH_DB=$(DOCS_DB) $(BIN)/dbt docs serve --port 8080 --no-browser

lock: ## re-resolve requirements.lock from pyproject.toml (needs registry access)
	rm -rf /tmp/budgetwh-lock && $(PYTHON) -m venv /tmp/budgetwh-lock
	/tmp/budgetwh-lock/bin/pip install --quiet -e .
	{ echo "# Exact versions tested on python 3.11 (regenerate with: make lock)"; \
	  /tmp/budgetwh-lock/bin/pip freeze --exclude-editable; } > requirements.lock

clean: ## remove build outputs (keeps .venv, seeds and the live warehouse)
	rm -rf target logs build dbt_packages .pytest_cache .ruff_cache

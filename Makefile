# Two commands on a fresh machine: `make run` then `make test`. Every target is safe to re-run.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

export DO_NOT_TRACK := 1
export GX_ANALYTICS_ENABLED := false
export DBT_PROFILES_DIR := $(CURDIR)
export DBT_SEND_ANONYMOUS_USAGE_STATS := false

.PHONY: help setup ingest dbt run test lint docs clean lock

help: ## list targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e .
	@touch $@

setup: $(STAMP) ## create .venv with the exact versions of requirements.lock

ingest: setup ## parse data/raw/ into seeds/extracted/ (all-or-nothing)
	$(BIN)/budgetwh ingest

dbt: ingest ## load seeds and build + test every model into data/warehouse.duckdb
	$(BIN)/dbt build --quiet

run: dbt ## set up, build the warehouse, check it, build the pages
	@echo "warehouse: data/warehouse.duckdb  (duckdb -readonly data/warehouse.duckdb)"

test: setup ## run the test suite
	$(BIN)/pytest

lint: setup ## sqlfluff (changed models locally, all in CI) and ruff
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

docs: setup ## build the dbt docs site into target/
	$(BIN)/dbt docs generate --quiet

lock: ## re-resolve requirements.lock from pyproject.toml (needs registry access)
	rm -rf /tmp/budgetwh-lock && $(PYTHON) -m venv /tmp/budgetwh-lock
	/tmp/budgetwh-lock/bin/pip install --quiet -e .
	{ echo "# Exact versions tested on python 3.11 (regenerate with: make lock)"; \
	  /tmp/budgetwh-lock/bin/pip freeze --exclude-editable; } > requirements.lock

clean: ## remove build outputs (keeps .venv, seeds and the live warehouse)
	rm -rf target logs build dbt_packages .pytest_cache .ruff_cache

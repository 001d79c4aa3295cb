# RiskAtlas: `make demo` installs into .venv and runs the main job; `make test` runs the suite.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DB ?= riskatlas.db
export HF_HUB_OFFLINE := 1
export PREFECT_SERVER_ANALYTICS_ENABLED := false

.PHONY: install demo test test-fast bench lint sample clean

$(BIN)/riskatlas: pyproject.toml
	@test -d $(VENV) || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

install: $(BIN)/riskatlas

demo: install
	$(BIN)/riskatlas ingest corpora/sample --db $(DB)

test: install
	$(BIN)/python -m pytest -q

test-fast: install
	$(BIN)/python -m pytest -q -m "not slow"

bench: install
	$(BIN)/python bench/run.py

lint: install
	$(BIN)/ruff check pipeline extractors flows tests bench
	$(BIN)/mypy

sample: install
	$(BIN)/python corpora/make_sample.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .mypy_cache .ruff_cache $(DB) $(DB)-wal $(DB)-shm

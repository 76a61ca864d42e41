# Two commands on a fresh machine: `make test` and `make sandbox`. Everything else builds on them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint typecheck pytest facts export bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install the bot with its test tools

test: lint typecheck pytest  ## ruff, mypy and pytest: what CI runs

lint: $(STAMP)
	$(BIN)/ruff check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest -q

facts: $(STAMP)  ## build the fact store from seeds/ into data/facts.db
	$(BIN)/python -m bot facts build

export: $(STAMP)  ## print the fact set as JSON
	$(BIN)/python -m bot facts export

bench: $(STAMP)  ## print the performance figures
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .pytest_cache .hypothesis *.egg-info

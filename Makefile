# Two commands on a fresh machine: `make test` and `make sandbox`. Everything else builds on them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test lint typecheck pytest sandbox run sync facts export eval bench clean

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
	$(BIN)/pytest -q -n auto

sandbox: $(STAMP)  ## the real bot on a local Discord: try /about without a Discord account
	$(BIN)/python -m bot sandbox $(ARGS)

run: $(STAMP)  ## connect to Discord with DISCORD_TOKEN from .env
	$(BIN)/python -m bot run

sync: $(STAMP)  ## publish the slash commands to every server (global sync, on purpose)
	$(BIN)/python -m bot sync

facts: $(STAMP)  ## build the fact store from seeds/ into data/facts.db
	$(BIN)/python -m bot facts build

export: $(STAMP)  ## print the fact set as JSON
	$(BIN)/python -m bot facts export

eval: $(STAMP)  ## score extraction on the annotated corpus in tests/corpus (every miss listed)
	$(BIN)/python -m bot facts evaluate $(ARGS)

bench: $(STAMP)  ## print the performance figures
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data .mypy_cache .ruff_cache .pytest_cache .hypothesis *.egg-info

# Two commands on a fresh machine with Python 3.11+:
#   make serve   install what the app needs and serve the dashboard on the committed data
#   make test    install what the tests need and run the whole suite
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8050

.PHONY: serve test lint format data check-data bench clean translations check-translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.app-installed: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.app-installed

serve: $(VENV)/.app-installed
	@echo "Serving on http://127.0.0.1:$(PORT)/"
	HOST=127.0.0.1 PORT=$(PORT) $(BIN)/gunicorn -c gunicorn.conf.py app:server

# The whole suite in parallel (pytest-xdist): one worker per CPU, at most 4 (each starts its own live
# server and browser); tests marked xdist_group share a worker. TEST_WORKERS=0: all in one process.
TEST_WORKERS ?= auto
# The suite starts with the linter (ruff, configured in ruff.toml), so CI runs it too.
test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses=4 --dist loadgroup

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Apply the linter's safe fixes and the formatter.
format: $(VENV)/.test-installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Rebuild data/ from the raw sources (RAW_DATA_DIR or ../shared/data/raw).
data: $(VENV)/.app-installed
	$(BIN)/python -m dashboard.pipeline build

check-data: $(VENV)/.app-installed
	$(BIN)/python -m dashboard.pipeline check

# Interface languages: extract every _()/N_() string (plus page titles and theme names) into
# dashboard/translations/messages.pot and merge it into the fr and es catalogs; then fill the empty msgstr.
translations: $(VENV)/.app-installed
	$(BIN)/python -m dashboard.i18n_catalog update

check-translations: $(VENV)/.app-installed
	$(BIN)/python -m dashboard.i18n_catalog check

bench: $(VENV)/.test-installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis

# The two commands a newcomer needs: `make demo` and `make test`. Both go through `make setup`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test bench bench-import bench-surge fmt lint lock clean

setup: $(STAMP) node_modules/.installed

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("undersigned needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

# axe-core for the browser tests' accessibility check (docs/testing.md), from package-lock.json.
# Without npm the setup goes on: those tests skip, except in CI where they fail.
node_modules/.installed: package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm not found: the accessibility tests will be skipped (apt-get install npm)"; fi

demo: setup
	$(BIN)/undersigned demo

test: setup
	$(BIN)/python -m pytest -n auto --dist worksteal

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/undersigned makemigrations --check --dry-run

fmt: setup
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: setup
	$(BIN)/python benchmarks/run.py

bench-import: setup
	$(BIN)/python benchmarks/import_bench.py

# Issue 14's targets on PostgreSQL (DATABASE_URL, else the local undersigned_surge database).
bench-surge: setup
	$(BIN)/python benchmarks/surge_bench.py

# Regenerate the lock file after changing pyproject.toml (needs uv on PATH).
lock:
	uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) var .pytest_cache node_modules

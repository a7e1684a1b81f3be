# Two commands on a fresh machine: `make run` and `make test`. Each builds .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run demo screenshots test test-fast lint bench clean

# One line says what is happening; pip's output is kept in a log and shown only if
# it fails (then the log is all there is to read).
$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "coffeechat needs Python 3.11 or newer")'
	@if [ -x $(BIN)/python ]; then echo "updating $(VENV) (pyproject.toml or constraints.txt changed)…"; \
	else echo "setting up $(VENV) (first run only)…"; fi
	@log=$$(mktemp); \
	if { $(PYTHON) -m venv $(VENV) && \
	     $(BIN)/python -m pip install --quiet --upgrade pip && \
	     $(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev]'; } >"$$log" 2>&1; \
	then rm -f "$$log"; touch $(STAMP); \
	else cat "$$log" >&2; rm -f "$$log"; echo "setting up $(VENV) failed: pip said the above" >&2; exit 1; fi

run: $(STAMP)
	@$(BIN)/coffeechat

# The app on a demo campaign in a temporary folder, removed on exit (your files untouched).
demo: $(STAMP)
	@$(BIN)/coffeechat demo

# The README's pictures, made by the app from the demo (after a visual change).
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py docs/pictures

LINT := "$(BIN)/ruff check src tests bench scripts" "$(BIN)/ruff format --check src tests bench scripts" \
	"$(BIN)/mypy --strict src tests bench scripts" "$(BIN)/lint-imports --no-logo"

# Every check runs whatever the ones before it found; the target fails if any failed,
# and says which.
define run_all
	@failed=""; \
	for check in $(1); do \
		echo "$$check"; $$check || failed="$$failed  $$check\n"; \
	done; \
	if [ -n "$$failed" ]; then printf "\nFAILED:\n$$failed"; exit 1; fi
endef

test: $(STAMP)
	$(call run_all,"$(BIN)/pytest -q" $(LINT))

# The quick loop (about half a minute): every test that starts neither the app nor a
# terminal, with fewer property examples; the markers are in pyproject.toml. Not a
# substitute for `make test`, which runs everything.
test-fast: $(STAMP)
	HYPOTHESIS_PROFILE=quick $(BIN)/pytest -q -m "not (e2e or slow or bench or pilot)"

lint: $(STAMP)
	$(call run_all,$(LINT))

# The figures of issue 6 (minutes, and noisy on a shared machine): never part of `test`.
bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache .import_linter_cache

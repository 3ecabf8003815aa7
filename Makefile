# trialfigs front door. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup report validate test browser check golden clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --compile -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install the pinned dependencies (only when pyproject.toml changed)

validate: $(STAMP) ## Validate data/ and evidence/ (every problem at once)
	$(BIN)/trialfigs validate

report: $(STAMP) ## Set up if needed, validate the evidence, then render reports/
	$(BIN)/trialfigs validate
	$(BIN)/trialfigs table --out reports/values.md
	$(BIN)/trialfigs render $(if $(CI),--quiet,)
	$(BIN)/trialfigs export
	$(BIN)/trialfigs audit examples/drug-guide.txt --out reports/audit
	$(BIN)/trialfigs audit examples/drug-monograph.md --out reports/audit

test: $(STAMP) browser ## Set up if needed, then run every test
	$(BIN)/python -m pytest

browser: ## Install Debian's chromium for the gallery test, if it is missing (needs root, as on CI)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium is missing and cannot be installed here (not root): the browser test will be skipped"; fi; }

check: $(STAMP) ## Check that reports/ is current and every figure shows its data
	$(BIN)/trialfigs check

golden: $(STAMP) ## Update the golden images of the flagship figures (after a deliberate change)
	cd tests && ../$(BIN)/python update_golden.py

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis

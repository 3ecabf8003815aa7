# trialfigs front door. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup lock report validate lint test test-fast system-deps browser deck-preview check golden clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-10s %s\n", $$1, $$2}'

# uv installs the lock: it reads no pip configuration and never downloads an interpreter. uv itself
# is pinned too, and installed by the machine's pip (ignoring the user's pip configuration).
UV_VERSION := 0.13.8
UV     := $(VENV)/uv/bin/uv
export UV_PYTHON_DOWNLOADS := never
# Python caches the bytecode of what it imports on first use (not all 700 MB of site-packages at
# install), even where the environment says PYTHONDONTWRITEBYTECODE.
unexport PYTHONDONTWRITEBYTECODE

$(UV):
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --isolated --disable-pip-version-check install --quiet --root-user-action=ignore --target $(VENV)/uv uv==$(UV_VERSION)

$(STAMP): requirements.lock pyproject.toml | $(UV)
	@PYTHONPATH=src $(PYTHON) -m trialfigs.lockfile --check
	$(UV) pip sync --quiet --python $(BIN)/python --require-hashes requirements.lock
	$(UV) pip install --quiet --python $(BIN)/python --no-deps -e .
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv and install requirements.lock (only when it or pyproject.toml changed)

# One version of every package for every Python and platform: resolve for the oldest Python first
# (preferring the versions already locked), then lock those versions universally, with hashes.
lock: | $(UV) ## Re-resolve requirements.lock and environment.yml from pyproject.toml (after changing a dependency)
	cp requirements.lock $(VENV)/lock-oldest.txt
	$(UV) pip compile --quiet pyproject.toml --extra test --extra notebook --python-version 3.11 --only-binary :all: \
	  --no-header --no-annotate -o $(VENV)/lock-oldest.txt
	$(UV) pip compile --quiet pyproject.toml --extra test --extra notebook --universal --python-version 3.11 --only-binary :all: \
	  --constraints $(VENV)/lock-oldest.txt --generate-hashes --custom-compile-command 'make lock' -o requirements.lock
	PYTHONPATH=src $(PYTHON) -m trialfigs.lockfile

validate: $(STAMP) ## Validate data/ and evidence/ (every problem at once)
	$(BIN)/trialfigs validate

report: $(STAMP) ## Set up if needed, validate, table, render, export, audit examples/ (steps whose inputs changed)
	$(BIN)/trialfigs report $(if $(CI),--quiet,)

lint: $(STAMP) ## ruff: pyflakes, import order and pycodestyle errors over the package, tests and notebooks
	$(BIN)/ruff check .

test: $(STAMP) system-deps lint ## Set up if needed, lint, then run every test (one worker per core; a test file stays on one worker)
	$(BIN)/python -m pytest -n auto --dist loadfile --durations=15

test-fast: $(STAMP) lint ## The tests without the end-to-end ones (marked e2e): seconds, for while you work
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not e2e" --ignore=reports/notebooks

# command:Debian package, for the tests that look at the outputs the way a person does. chromium is
# installed as before (with its recommended fonts); LibreOffice without its many recommends.
SYSTEM_DEPS := chromium:chromium soffice:libreoffice-impress pdftoppm:poppler-utils

system-deps: ## Install Debian's chromium, LibreOffice Impress and poppler-utils if missing (needs root, as on CI)
	@missing=""; for pair in $(SYSTEM_DEPS); do \
	  command -v $${pair%%:*} >/dev/null 2>&1 || missing="$$missing $${pair#*:}"; done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && \
	    for package in $$missing; do \
	      if [ "$$package" = chromium ]; then flags=""; else flags="--no-install-recommends"; fi; \
	      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$flags $$package >/dev/null || exit 1; done; \
	  else echo "missing and not installable here (not root):$$missing; the tests that need them will be skipped"; fi; fi

browser: system-deps ## (old name of system-deps)

DECK ?= reports/deck.pptx
PREVIEW_SLIDES ?= 4

deck-preview: system-deps ## Render the deck's first slides to docs/deck-N.png for the README (LibreOffice + pdftoppm; not part of make report)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	soffice -env:UserInstallation=file://$$tmp/profile --headless --convert-to pdf --outdir $$tmp $(DECK) >/dev/null && \
	mkdir -p docs && rm -f docs/deck-*.png && \
	pdftoppm -png -scale-to-x 960 -scale-to-y -1 -f 1 -l $(PREVIEW_SLIDES) $$tmp/$$(basename $(DECK) .pptx).pdf docs/deck && \
	ls docs/deck-*.png

check: $(STAMP) ## Check that reports/ is current and every figure shows its data
	$(BIN)/trialfigs check

golden: $(STAMP) ## Update the golden images of the flagship figures (after a deliberate change)
	cd tests && ../$(BIN)/python update_golden.py

clean: ## Remove the virtual environment and caches
	rm -rf $(VENV) .pytest_cache .hypothesis

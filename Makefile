# trialfigs front door. `make help` lists the targets.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup report validate test system-deps browser deck-preview check golden clean

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

test: $(STAMP) system-deps ## Set up if needed, then run every test
	$(BIN)/python -m pytest

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

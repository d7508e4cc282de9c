# One command to build the site, one to run the tests; both set up .venv/ first.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# Material prints a notice about MkDocs 2 on every build; it says nothing about this site.
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test serve ingest check clean browser bench

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

ingest: $(STAMP)
	$(BIN)/explainers ingest seeds/

site: ingest
	$(BIN)/mkdocs build --strict

# --dirty: a save rebuilds only the pages it changes (the explainers plugin tells MkDocs which).
serve: ingest
	$(BIN)/mkdocs serve --dirty

check: $(STAMP)
	$(BIN)/explainers check content/

# Debian's Chromium for the browser tests; installed only when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser
	$(BIN)/python -m pytest

# Issue 8's benchmark: ingest, build, edit -> preview and memory for many explainers
# (bench/README.md). SIZES=100,1000 for a shorter run.
SIZES ?= 100,1000,5000
bench: $(STAMP)
	$(BIN)/python bench/run.py --sizes $(SIZES)

clean:
	rm -rf site $(VENV)

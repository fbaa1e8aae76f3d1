# Two commands on a fresh machine: `make site` (build) and `make test` (all tests); `make` alone
# lists every command.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ROOT ?= .
# STRICT=1 (as in CI) makes warnings, such as a missing English text, errors.
STRICT_FLAG := $(if $(filter 1,$(STRICT)),--strict)
# MSG_LANG=nb: the commands' messages in Norwegian (MSG_LANG=en: English). Without it, the locale
# decides (LC_ALL, LC_MESSAGES or LANG starting with nb, no or nn: Norwegian). Not LANG itself:
# that is the locale, which every program reads.
KB := $(PY) -m kb $(if $(MSG_LANG),--lang $(MSG_LANG))
export NO_MKDOCS_2_WARNING := 1
# The tool that writes the lock files (`make lock`). uv has no dependencies of its own, so this
# one pin fixes all of it; it goes into a throwaway venv, never into .venv.
UV_VERSION := 0.13.9

.DEFAULT_GOAL := help
.PHONY: help site serve serve-en validate new translations stats export schemas test test-fast lint browser lighthouse page-weight lock clean

## help: list these commands (what `make` alone does)
help:
	@awk 'sub(/^## /, "") { i = index($$0, ": "); printf "  make %-13s %s\n", substr($$0, 1, i - 1), substr($$0, i + 2) }' $(MAKEFILE_LIST)

# One .venv, filled in two layers, each from a lock file that holds the sha256 of every file PyPI
# serves for each pinned version: pip refuses a file whose hash is not there and a package the
# lock does not pin. The editors' commands install only what builds the site; `make test` adds
# the test tools on top. A layer is installed again when its lock file changes.
$(PY):
	$(PYTHON) -m venv $(VENV)

$(VENV)/.site-installed: requirements.lock | $(PY)
	$(PY) -m pip install --quiet --require-hashes -r requirements.lock
	touch $@

$(VENV)/.dev-installed: requirements-dev.lock $(VENV)/.site-installed
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

## site: validate, then build both languages into site/ (replaced in one step, only when both succeed)
site: $(VENV)/.site-installed
	$(KB) --root $(ROOT) build $(STRICT_FLAG)

## serve: live preview of both languages, http://127.0.0.1:8000/ and /en/ (ADDRESS=host:port for another)
# Records and pages are rebuilt in place; a change to the code restarts the server (kb/supervisor.py).
serve: $(VENV)/.site-installed
	$(KB) --root $(ROOT) serve $(if $(ADDRESS),--address $(ADDRESS))

## serve-en: the same preview on port 8001, English at http://127.0.0.1:8001/en/
serve-en: $(VENV)/.site-installed
	$(KB) --root $(ROOT) serve --lang en $(if $(ADDRESS),--address $(ADDRESS))

## validate: report every content issue; STRICT=1 makes warnings errors too, MSG_LANG=nb says it in Norwegian
validate: $(VENV)/.site-installed
	$(KB) --root $(ROOT) validate $(STRICT_FLAG)

## new: start a record from its template, e.g. make new KIND=case ID=bodo-kommune (or ID="Bodø kommune")
# KIND and ID reach the command from the environment (make exports variables set on its command
# line), in quotes: a name with spaces stays one argument, and nothing in it is read by the shell.
new: $(VENV)/.site-installed
	$(KB) --root $(ROOT) new "$$KIND" "$$ID"

## translations: English texts missing or older than their Norwegian (CHECK=1: exit 1 if any)
translations: $(VENV)/.site-installed
	$(KB) --root $(ROOT) translations $(if $(filter 1,$(CHECK)),--check)

## stats: records, texts and words per kind and language
stats: $(VENV)/.site-installed
	$(KB) --root $(ROOT) stats

## export: the open data and every page as Markdown into DIR (default: export/)
export: $(VENV)/.site-installed
	$(KB) --root $(ROOT) export $(or $(DIR),export)

## schemas: regenerate the editors' JSON Schemas (schemas/) and the record templates (templates/) from the model
schemas: $(VENV)/.site-installed
	$(KB) schema

## test: all tests, browser tests included (they drive Debian's chromium, installed here if missing)
test: $(VENV)/.dev-installed node_modules/.installed browser
	$(PY) -m pytest

## test-fast: every test but the browser tests (pytest -m "not browser"): no Chromium needed
test-fast: $(VENV)/.dev-installed node_modules/.installed
	$(PY) -m pytest -m "not browser"

# axe-core (accessibility tests) and Lighthouse (report script), pinned in package-lock.json.
# PUPPETEER_SKIP_DOWNLOAD: Lighthouse's puppeteer must not fetch a browser; we use Debian's.
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

## lighthouse: Lighthouse scores of the key pages of site/ (a report, not a gate)
lighthouse: $(VENV)/.site-installed node_modules/.installed browser
	$(PY) scripts/lighthouse.py site

## page-weight: bytes a reader downloads for the home page (gzip for text, as GitHub Pages sends it), and whether it loads the search index
page-weight: $(VENV)/.dev-installed browser
	$(PY) scripts/page_weight.py site

# Browser tests use Debian's Chromium at /usr/bin/chromium, never a browser downloaded by a tool.
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

## lint: ruff (lint and format check) and mypy on kb/, hooks/, scripts/, benchmarks/ (make test runs them too)
lint: $(VENV)/.dev-installed
	$(VENV)/bin/ruff check kb hooks scripts benchmarks
	$(VENV)/bin/ruff format --check kb hooks scripts benchmarks
	$(VENV)/bin/mypy --python-executable $(PY)

## lock: after changing a pin in requirements*.txt: write requirements*.lock with the hashes anew
# The hashes are those of every file PyPI (uv's default index) serves for each pinned version, for
# every platform, so an editor on macOS or Windows can install from the same lock.
lock:
	set -e; tool=$$(mktemp -d); trap 'rm -rf "$$tool"' EXIT; \
	$(PYTHON) -m venv "$$tool"; \
	"$$tool/bin/pip" install --quiet uv==$(UV_VERSION); \
	for pins in requirements requirements-dev; do \
	  "$$tool/bin/uv" --no-config pip compile --quiet --generate-hashes --custom-compile-command "make lock" \
	    $$pins.txt -o $$pins.lock; \
	done

## clean: remove the built site, interrupted builds' folders and pytest's cache
clean:
	rm -rf site .site-new-* .site-old-* .site.lock .pytest_cache

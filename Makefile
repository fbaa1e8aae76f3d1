# Two commands on a fresh machine: `make site` (build) and `make test` (all tests).
# Every target creates or refreshes .venv from the pinned requirements when they change.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
ROOT ?= .
# STRICT=1 (as in CI) makes warnings, such as a missing English text, errors.
STRICT_FLAG := $(if $(filter 1,$(STRICT)),--strict)
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve serve-en validate new translations stats export schemas test browser lighthouse page-weight clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

## site: validate, then build both languages into site/ (replaced in one step, only when both succeed)
site: $(VENV)/.installed
	$(PY) -m kb --root $(ROOT) build $(STRICT_FLAG)

## serve: live preview of the Norwegian site at http://127.0.0.1:8000/ (rebuilds on record changes)
serve: $(VENV)/.installed
	$(PY) -m kb serve

## serve-en: live preview of the English site at http://127.0.0.1:8001/en/
serve-en: $(VENV)/.installed
	$(PY) -m kb serve --lang en

## validate: report every content issue; STRICT=1 makes warnings errors too
validate: $(VENV)/.installed
	$(PY) -m kb --root $(ROOT) validate $(STRICT_FLAG)

## new: start a record from its template, e.g. make new KIND=case ID=bodo-kommune
new: $(VENV)/.installed
	$(PY) -m kb --root $(ROOT) new $(KIND) $(ID)

## translations: English texts missing or older than their Norwegian (CHECK=1: exit 1 if any)
translations: $(VENV)/.installed
	$(PY) -m kb --root $(ROOT) translations $(if $(filter 1,$(CHECK)),--check)

## stats: records, texts and words per kind and language
stats: $(VENV)/.installed
	$(PY) -m kb --root $(ROOT) stats

## export: the open data and every page as Markdown into DIR (default: export/)
export: $(VENV)/.installed
	$(PY) -m kb --root $(ROOT) export $(or $(DIR),export)

## schemas: regenerate the editors' JSON Schemas in schemas/ from the model
schemas: $(VENV)/.installed
	$(PY) -m kb schema

## test: all tests, browser tests included (they drive Debian's chromium, installed here if missing)
test: $(VENV)/.installed node_modules/.installed browser
	$(PY) -m pytest

# axe-core (accessibility tests) and Lighthouse (report script), pinned in package-lock.json.
# PUPPETEER_SKIP_DOWNLOAD: Lighthouse's puppeteer must not fetch a browser; we use Debian's.
node_modules/.installed: package.json package-lock.json
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
	touch $@

## lighthouse: Lighthouse scores of the key pages of site/ (a report, not a gate)
lighthouse: $(VENV)/.installed node_modules/.installed browser
	$(PY) scripts/lighthouse.py site

## page-weight: bytes a reader downloads for the home page, and the search index size
page-weight: $(VENV)/.installed browser
	$(PY) scripts/page_weight.py site

# Browser tests use Debian's Chromium at /usr/bin/chromium, never a browser downloaded by a tool.
browser:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests (needs root)"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

clean:
	rm -rf site .site-new-* .site-old-* .site.lock .pytest_cache

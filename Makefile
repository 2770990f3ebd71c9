# Everything a newcomer needs: `make run` serves the site, `make test` runs every test.
# Both set themselves up on a fresh machine (Python 3.13 via .python-version, uv, the
# locked dependencies; `make test` also installs Debian's Chromium if it is missing).

SHELL := /bin/bash
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy
UV := $(shell command -v uv 2>/dev/null || echo .tools/bin/uv)
PORT ?= 8000

# $(call debian,COMMAND,PACKAGE): install Debian's PACKAGE when COMMAND is missing (as
# root, or through sudo). Every tool the tests and measurements need comes this way.
debian = command -v $(1) >/dev/null 2>&1 || { \
  echo "Installing Debian's $(2)"; \
  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
  $$SUDO apt-get update -qq && $$SUDO apt-get install -y -qq $(2); }

.PHONY: run test lint format check setup browser java validate content-status bench lighthouse soak

.tools/bin/uv:
	python3 -m venv .tools
	.tools/bin/pip install --quiet "uv==0.13.9"

.venv/.synced: uv.lock pyproject.toml | $(if $(findstring .tools,$(UV)),.tools/bin/uv)
	$(UV) sync --frozen
	touch $@

## The translation catalogs, compiled with GNU gettext (msgfmt, installed if missing).
CATALOGS := $(patsubst %.po,%.mo,$(wildcard apps/locale/*/LC_MESSAGES/django.po))
apps/locale/%/LC_MESSAGES/django.mo: apps/locale/%/LC_MESSAGES/django.po
	@$(call debian,msgfmt,gettext)
	msgfmt --check -o $@ $<

setup: .venv/.synced $(CATALOGS)

## Start the site for development on http://127.0.0.1:$(PORT)/
run: setup
	DJANGO_DEBUG=1 DJANGO_SITE_ORIGIN=$${DJANGO_SITE_ORIGIN:-http://127.0.0.1:$(PORT)} \
	  $(UV) run --frozen python manage.py runserver 127.0.0.1:$(PORT)

## Run the whole test suite, browser tests included.
test: setup browser
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .
	DJANGO_DEBUG=1 $(UV) run --frozen python manage.py check --fail-level WARNING
	$(UV) run --frozen pytest
	$(MAKE) --no-print-directory validate

## Debian's Chromium for the browser tests (Playwright cannot download its own here).
browser:
	@$(call debian,chromium,chromium)

## The W3C Nu HTML Checker over every page reachable from the home page (Java from
## Debian, vnu.jar from the npm package vnu-jar); fails on any error.
VNU_JAR := .tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	@$(call debian,npm,npm)
	mkdir -p .tools/vnu && npm install --prefix .tools/vnu --no-audit --no-fund --silent vnu-jar@26.9.27

java:
	@$(call debian,java,default-jre-headless)

validate: setup java $(VNU_JAR)
	DJANGO_DEBUG=1 $(UV) run --frozen python -m tests.validate

## Every content file's review dates and reading grade; FAIL_OVERDUE=1 exits non-zero
## when a page is past its next review (for a publishing pipeline).
content-status: setup
	DJANGO_DEBUG=1 $(UV) run --frozen python manage.py content_status $(if $(FAIL_OVERDUE),--fail-overdue)

lint: setup
	$(UV) run --frozen ruff check .
	$(UV) run --frozen ruff format --check .

format: setup
	$(UV) run --frozen ruff format .
	$(UV) run --frozen ruff check --fix .

check: setup
	DJANGO_DEBUG=1 $(UV) run --frozen python manage.py check

## The benchmark: production server on loopback, measured with wrk (see README).
bench: setup
	@$(call debian,wrk,wrk)
	$(UV) run --frozen python -m tests.perf.bench

## Lighthouse (npm package, Debian's Chromium, mobile): four scores per page.
lighthouse: setup browser
	@test -x .tools/lighthouse/node_modules/.bin/lighthouse || { \
	  mkdir -p .tools/lighthouse && npm install --prefix .tools/lighthouse --no-audit --no-fund --silent lighthouse@13.5.0; }
	$(UV) run --frozen python -m tests.perf.lighthouse

## Load soak: 60 s at 64 connections over a mix of pages, with memory growth.
soak: setup
	@$(call debian,wrk,wrk)
	$(UV) run --frozen python -m tests.perf.soak

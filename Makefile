# The two commands of the README: `make run` and `make test`. Everything they need is
# installed into .venv/ in the repository by `make install`.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_WORKERS ?= auto

.PHONY: install run static serve migrate demo test test-suite lint format messages translations clean \
	serve-prod worker bench lighthouse load faults

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[site,test]"
	touch $(STAMP)

# Compiled catalogues (.mo) are built, not committed; Babel compiles them, so a machine
# without GNU gettext can run the site. `make messages` (extraction) does need gettext.
translations: install
	$(BIN)/pybabel -q compile -d locale -D django
	$(BIN)/pybabel -q compile -d pact_pages/locale -D django

# Leaflet and Leaflet.markercluster for the map, from npm without Node (pact_pages/map/vendor.py),
# and axe-core for the browser tests (tests/browser/vendor_axe.py):
# the extracted files are committed; `vendor` downloads the pinned versions again and checks
# their integrity, `vendor-check` verifies the committed files offline.
.PHONY: vendor vendor-check
vendor: install
	$(BIN)/python -m pact_pages.map.vendor
	$(BIN)/python -m tests.browser.vendor_axe

vendor-check: install
	$(BIN)/python -m pact_pages.map.vendor --check
	$(BIN)/python -m tests.browser.vendor_axe --check

migrate: translations
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo

# The site as a reader gets it: static files collected fingerprinted and gzip-compressed, served
# with a one-year immutable Cache-Control (oneinfive/settings/run.py); DEBUG stays on.
RUN_SETTINGS := oneinfive.settings.run

static: install
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/python manage.py collectstatic --noinput -v 0

run: demo static
	@$(BIN)/python manage.py demo_logins
	DJANGO_SETTINGS_MODULE=$(RUN_SETTINGS) $(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install lint test-suite

# The browser tests (tests/browser/, marker "browser") run in a pytest process of their own:
# their live server needs transactional tests, whose flushes and restores of the migrations'
# content (the home page, the four Ps) do not mix reliably with the rest of the suite's workers.
# (Exit status 5, "no tests collected", is fine: PYTEST_ARGS may name files without any.)
test-suite: translations
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m "not browser" --durations=25 $(PYTEST_ARGS)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) -m browser $(PYTEST_ARGS) || test $$? -eq 5

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

messages: install
	cd pact_pages && ../$(BIN)/python ../manage.py makemessages --all --no-obsolete
	$(BIN)/python manage.py makemessages --all --no-obsolete \
		--ignore=pact_pages --ignore=.venv --ignore=tests --ignore=node_modules
	$(MAKE) translations

# Production serving (docs/deployment.md): the environment gives SECRET_KEY, ALLOWED_HOSTS,
# DATABASE_URL, REDIS_URL…; gunicorn's workers come from WEB_CONCURRENCY.
PROD_SETTINGS ?= oneinfive.settings.production

serve-prod: translations
	DJANGO_SETTINGS_MODULE=$(PROD_SETTINGS) $(BIN)/python manage.py collectstatic --noinput -v 0
	DJANGO_SETTINGS_MODULE=$(PROD_SETTINGS) $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=$(PROD_SETTINGS) $(BIN)/gunicorn -c oneinfive/gunicorn.conf.py oneinfive.wsgi

# The background worker (mails, search index, cache purges), next to serve-prod.
worker: install
	DJANGO_SETTINGS_MODULE=$(PROD_SETTINGS) $(BIN)/python manage.py db_worker --queue-name default

# The scale benchmark (docs/performance.md): every page, search and API route at 1,000 and
# 10,000 signatories in one interleaved run (benchmarks/scale.py), in benchmarks/scale_*.sqlite3
# or DATABASE_URL's database with _1000/_10000 appended; exits 1 if a target is missed.
# BENCH_ARGS="--keep" reuses the data sets, "--no-fail --write-docs" updates the docs.
bench: translations
	$(BIN)/python benchmarks/scale.py $(BENCH_ARGS)

# Lighthouse (mobile preset) on the demo's home, library, a profile, an initiative and the map,
# served as `make run` serves them (benchmarks/lighthouse.py); the table goes into
# docs/performance.md. The pinned lighthouse is installed from npm into .lighthouse/ (git-ignored);
# Debian's chromium runs it. LIGHTHOUSE_ARGS="--runs 3" keeps the median of three runs.
LIGHTHOUSE_VERSION := 12.8.2
LIGHTHOUSE_STAMP := .lighthouse/.installed-$(LIGHTHOUSE_VERSION)

$(LIGHTHOUSE_STAMP):
	npm install --prefix .lighthouse --no-save --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION)
	touch $@

lighthouse: translations $(LIGHTHOUSE_STAMP)
	CHROME_PATH=$${CHROME_PATH:-/usr/bin/chromium} $(BIN)/python benchmarks/lighthouse.py $(LIGHTHOUSE_ARGS)

# Load and fault runs (docs/reliability.md): gunicorn with a PostgreSQL cluster (.load/pg) and
# a Redis of their own on 127.0.0.1, Locust from the `load` extra; LOAD_ARGS="--signatories
# 1000 --seconds 30", FAULTS_ARGS likewise. Each run stops itself (--max-minutes, timeout).
LOAD_TOOLS := $(BIN)/locust

$(LOAD_TOOLS): pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[site,load]"
	touch $@

load: translations $(LOAD_TOOLS)
	timeout --kill-after=60 90m $(BIN)/python benchmarks/load.py $(LOAD_ARGS)

faults: translations $(LOAD_TOOLS)
	timeout --kill-after=60 60m $(BIN)/python benchmarks/faults.py $(FAULTS_ARGS)

# Screenshots of every page type at 360 and 1440 px into docs/screenshots/ (the README shows
# them): a fresh demo in .screenshots/ (git-ignored), the site on a free port, Debian's chromium
# (benchmarks/screenshots.py). SCREENSHOTS_ARGS="--keep" reuses the last demo, "--only map" …
.PHONY: screenshots
screenshots: translations
	$(BIN)/python benchmarks/screenshots.py $(SCREENSHOTS_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

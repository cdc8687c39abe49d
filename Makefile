# senco: two commands do everything on a fresh machine.
#   make run    install, migrate, load the demo trust, serve on http://127.0.0.1:8000
#   make test   install what the tests need and run the whole suite
# The interpreter the virtual environment is made with: the system's own python3 where it
# is 3.11 or newer and can make one (Debian's and Ubuntu's, the one docs/deploy.md puts on
# the server, are built with profile-guided and link-time optimisation), else python3 on
# the PATH. A Python compiled by pyenv with its defaults has neither, and took about a
# fifth more CPU for the daily pages (docs/demo-and-bench.md). `make PYTHON=...` overrides;
# an existing .venv is kept until it is removed.
SYSTEM_PYTHON := /usr/bin/python3
ifeq ($(origin PYTHON),undefined)
PYTHON := $(shell $(SYSTEM_PYTHON) -c 'import sys, ensurepip, venv; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && echo $(SYSTEM_PYTHON) || echo python3)
endif
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
VENDOR := senco/static/vendor
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-test assets migrate demo lint format bench bench-import bench-audit e2e graph clean static loadtest deploy-check

# On a developer's machine these run with a throw-away random key unless SECRET_KEY is
# set: settings refuse the built-in development key with DEBUG off (docs/security.md).
run demo migrate bench bench-import bench-audit test graph: export SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed assets static

install-test: $(VENV)/.installed-test assets static

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

# GOV.UK Frontend compiled with senco's own font (never GDS Transport), its JS and images, and HTMX.
$(VENDOR)/senco.css: node_modules/.package-lock.json senco/static/scss/senco.scss
	mkdir -p $(VENDOR)
	npm run --silent build:css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(VENDOR)/
	rm -rf $(VENDOR)/images && cp -r node_modules/govuk-frontend/dist/govuk/assets/images $(VENDOR)/images
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/

# STATIC_ROOT (staticfiles/, git-ignored), served by WhiteNoise or nginx: collected again
# only when something under senco/static, or the settings, changed since the last time.
STATIC_SOURCES := $(shell find senco/static -type f -not -path '$(VENDOR)/*' 2>/dev/null)
staticfiles/.collected: $(VENV)/.installed $(VENDOR)/senco.css $(STATIC_SOURCES) senco/settings.py
	$(PY) manage.py collectstatic --no-input -v0
	touch $@

static: staticfiles/.collected

assets: $(VENDOR)/senco.css

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py seed_demo --if-missing

# The task worker runs beside the server (imports and large PDFs are background jobs) and
# stops with it.
run: demo
	$(PY) manage.py db_worker --interval 1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver $(HOST)

test: install-test
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -q -n auto --dist loadgroup

e2e: install-test
	$(VENV)/bin/pytest -q tests/e2e -p no:randomly

bench: install
	$(PY) manage.py bench --schools 20

# A 5,000-row import applied while 20 people browse a real server (docs/demo-and-bench.md).
bench-import: install
	$(PY) manage.py bench_import

# "Who has looked at this record" with ten million audit rows, in a SQLite file in /tmp.
bench-audit: install
	$(PY) manage.py bench_audit --rows 10000000

# The production server (gunicorn) under a trust's staff, then at saturation, on the bench
# trust (docs/load.md). A quick run: make loadtest LOADTEST_ARGS="--users 20 --duration 30
# --burst-duration 10"; during an import: LOADTEST_ARGS=--import-rows=2000.
loadtest: install
	$(PY) manage.py loadtest $(LOADTEST_ARGS)

# The systemd units, the nginx files, and nginx over HTTPS in front of gunicorn (docs/deploy.md).
deploy-check: install
	bash deploy/check.sh

# Which app imports which, and any breach of the rules in docs/adding-a-capability.md.
graph: install
	$(PY) -m senco.import_graph

lint: install-test
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: install-test
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) node_modules $(VENDOR) db.sqlite3* bench.sqlite3* staticfiles

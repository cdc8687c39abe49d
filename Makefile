# senco: two commands do everything on a fresh machine.
#   make run    install, migrate, load the demo trust, serve on http://127.0.0.1:8000
#   make test   install what the tests need and run the whole suite
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
VENDOR := senco/static/vendor
HOST ?= 127.0.0.1:8000

.PHONY: run test install install-test assets migrate demo lint format bench e2e graph clean

# On a developer's machine these run with a throw-away random key unless SECRET_KEY is
# set: settings refuse the built-in development key with DEBUG off (docs/security.md).
run demo migrate bench test graph: export SECRET_KEY ?= $(shell $(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))')

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed pyproject.toml
	$(PIP) install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed assets

install-test: $(VENV)/.installed-test assets

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --silent --no-audit --no-fund

# GOV.UK Frontend compiled with senco's own font (never GDS Transport), its JS and images, and HTMX.
$(VENDOR)/senco.css: node_modules/.package-lock.json senco/static/scss/senco.scss
	mkdir -p $(VENDOR)
	npm run --silent build:css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(VENDOR)/
	rm -rf $(VENDOR)/images && cp -r node_modules/govuk-frontend/dist/govuk/assets/images $(VENDOR)/images
	cp node_modules/htmx.org/dist/htmx.min.js $(VENDOR)/

assets: $(VENDOR)/senco.css

migrate: install
	$(PY) manage.py migrate --no-input

demo: migrate
	$(PY) manage.py seed_demo --if-missing

run: demo
	$(PY) manage.py runserver $(HOST)

test: install-test
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/pytest -q

e2e: install-test
	$(VENV)/bin/pytest -q tests/e2e -p no:randomly

bench: install
	$(PY) manage.py bench --schools 20

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
	rm -rf $(VENV) node_modules $(VENDOR) db.sqlite3* bench.sqlite3*

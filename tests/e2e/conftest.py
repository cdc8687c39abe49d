"""Browser tests: Playwright's sync API driving Debian's Chromium against pytest-django's
live server, with axe-core run on every page a test visits.

Run them with `make e2e` or `.venv/bin/pytest -q tests/e2e`; they are not in the default
`pytest` run (pyproject's testpaths is `senco`).
"""

import datetime
import os
import re
import warnings
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect, sync_playwright

from senco import conftest as cast
from senco import factories as f
from senco.audit.actor import Actor
from senco.lib.codes import Provision
from senco.register.services import register_change_record

# Playwright's sync API keeps an asyncio event loop on the test thread, and Django refuses
# database queries from a thread with a running loop. The fixtures' and assertions' queries
# are plain synchronous ones, made while the browser waits, so they are safe. (Django reads
# the variable at each query, so setting it here, after the imports, is early enough.)
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct-horse-battery"
BLOCKING_IMPACTS = ("serious", "critical")


class AxeWarning(UserWarning):
    """A moderate or minor axe violation: listed in pytest's summary, not a failure."""


# The named cast of senco/conftest.py, borrowed by name so that these tests run however
# pytest is invoked (a `pytest_plugins` line works only in a top-level conftest).
trust = cast.trust
school = cast.school
other_school = cast.other_school
senco = cast.senco
leader = cast.leader
teacher = cast.teacher
governor = cast.governor
pupil = cast.pupil
other_pupil = cast.other_pupil


# --- The browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: install Debian's chromium or set CHROMIUM_PATH")
    if not AXE_JS.exists():
        pytest.fail(f"No axe-core at {AXE_JS}: run `npm ci`")
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    playwright.stop()


class Visits:
    """Every page the main frame loads, and whether axe has checked it.

    A test that reaches a page and does not call `axe()` on it fails at teardown.
    """

    def __init__(self, page: Page):
        self.pages: list[list] = []  # [url, checked]
        self.errors: list[str] = []
        self.bad_responses: list[str] = []
        page.on("framenavigated", self._navigated(page))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)
        page.on("response", self._response)

    def _console(self, message):
        # Anything the Content-Security-Policy blocked (a script, a style) fails the test.
        if message.type == "error" and "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def _navigated(self, page):
        def record(frame):
            if frame == page.main_frame and not frame.url.startswith("about:"):
                self.pages.append([frame.url, False])

        return record

    def _response(self, response):
        # A missing stylesheet or script makes the page different from what users get.
        if "/static/" in response.url and response.status >= 400:
            self.bad_responses.append(f"{response.status} {response.url}")

    def mark_checked(self):
        if self.pages:
            self.pages[-1][1] = True

    def unchecked(self) -> list[str]:
        return [url for url, checked in self.pages if not checked]


@pytest.fixture
def page(browser, live_server):
    """A fresh browser context (no cookies) and page for each test."""
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    page = context.new_page()
    page.visits = Visits(page)
    yield page
    visits = page.visits
    context.close()
    assert not visits.errors, f"JavaScript errors: {visits.errors}"
    assert not visits.bad_responses, f"Static files not served: {visits.bad_responses}"
    assert not visits.unchecked(), f"Pages visited without an axe check: {visits.unchecked()}"


@pytest.fixture
def second_tab(page):
    """Another tab of the same browser, signed in as the same person: two tabs, or two
    colleagues, with one record open. Every page it loads needs an `axe_on(tab)` check."""
    tab = page.context.new_page()
    tab.visits = Visits(tab)
    yield tab
    assert not tab.visits.errors, f"JavaScript errors: {tab.visits.errors}"
    assert not tab.visits.unchecked(), (
        f"Pages visited without an axe check: {tab.visits.unchecked()}"
    )


# --- axe-core --------------------------------------------------------------------------------


def _without_known_govuk_issues(violation: dict) -> dict:
    """GOV.UK Frontend sets aria-expanded on radios that reveal questions, on purpose (its
    open issue alphagov/govuk-frontend#979); axe flags it. Only those nodes are let off."""
    if violation["id"] != "aria-allowed-attr":
        return violation
    nodes = [n for n in violation["nodes"] if "govuk-radios__input" not in n.get("html", "")]
    return {**violation, "nodes": nodes}


@pytest.fixture
def fill_date(page):
    """Type a date into a GOV.UK date input (its day, month and year boxes)."""

    def fill(id_prefix: str, day) -> None:
        page.fill(f"#{id_prefix}-day", str(day.day))
        page.fill(f"#{id_prefix}-month", str(day.month))
        page.fill(f"#{id_prefix}-year", str(day.year))

    return fill


def check_accessibility(page: Page) -> None:
    """Run axe-core on the page; fail on any serious or critical violation."""
    page.wait_for_load_state("load")
    # Colour contrast and layout rules are meaningless without the real stylesheet.
    styled = page.evaluate(
        """() => [...document.styleSheets].some(
            s => s.href && s.href.includes('/static/vendor/senco.css') && s.cssRules.length > 0)"""
    )
    assert styled, f"senco.css did not load on {page.url}"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Through the DevTools protocol, not a <script> tag: senco's Content-Security-Policy
        # (rightly) refuses inline script, and the pages are tested with it on.
        page.evaluate("() => {\n" + AXE_JS.read_text() + "\n}")
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = [_without_known_govuk_issues(v) for v in results["violations"]]
    blocking = [v for v in violations if v["nodes"] and v.get("impact") in BLOCKING_IMPACTS]
    page.visits.mark_checked()
    for v in results["violations"]:
        if v.get("impact") not in BLOCKING_IMPACTS:
            targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:3]]
            path = re.sub(r"^https?://[^/]+", "", page.url)
            message = f"{path}: [{v['impact']}] {v['id']}: {v['help']} at {targets}"
            warnings.warn(message, AxeWarning, stacklevel=3)
    if blocking:
        lines = [f"axe found {len(blocking)} serious or critical violation(s) on {page.url}:"]
        for v in blocking:
            targets = [" ".join(map(str, node["target"])) for node in v["nodes"][:3]]
            lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
            lines.append(f"    at {targets}")
            lines.append(f"    {v['helpUrl']}")
        pytest.fail("\n".join(lines), pytrace=False)


@pytest.fixture
def axe(page):
    """`axe()` checks the page the test is on."""
    return lambda: check_accessibility(page)


@pytest.fixture
def axe_on():
    """`axe_on(tab)` checks the page another tab is on."""
    return check_accessibility


# --- Journeys' helpers -----------------------------------------------------------------------


@pytest.fixture
def follow(page, axe):
    """`follow(locator)` clicks a link or button, waits for the next page, and checks it."""

    def follow(locator) -> None:
        with page.expect_navigation(wait_until="load"):
            locator.click()
        axe()

    return follow


@pytest.fixture
def visit(page, axe):
    """`visit(path)` opens a page by its address, checks it, and returns the response."""

    def visit(path: str):
        response = page.goto(path)
        axe()
        return response

    return visit


@pytest.fixture
def sign_in(page, axe, visit, follow):
    """`sign_in(username)` goes through the real form, checking both pages with axe."""

    def sign_in(username: str, password: str = PASSWORD) -> None:
        visit("/accounts/login/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to senco")
        page.fill("#id_username", username)
        page.fill("#id_password", password)
        follow(page.get_by_role("button", name="Sign in"))
        expect(page).not_to_have_url(re.compile(r"/accounts/login/"))

    return sign_in


@pytest.fixture
def register_names(page):
    """`register_names()`: the pupils' names in the register table, top to bottom."""
    return lambda: page.locator("#register-table tbody td:first-child a").all_inner_texts()


# --- Data ------------------------------------------------------------------------------------


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def roll(school, senco, pupil, today):
    """Seven pupils of the school, with different years, provisions and needs.

    `pupil` (the cast's, at SEN support) is one of them; Liam Campbell is the one whose
    register entry the SENCO changes, and he already has one change in his history.
    """

    def make(surname, forename, year, provision, need="", **kwargs):
        factory = f.SenPupilFactory if provision != Provision.NONE else f.PupilFactory
        return factory(
            school=school,
            legal_surname=surname,
            forename=forename,
            year_group=year,
            reg_group=f"{year}{surname[0]}",
            sen_provision=provision,
            primary_need=need,
            **kwargs,
        )

    pupils = {
        "zoe": pupil,
        "yusuf": make("Ahmed", "Yusuf", 8, Provision.EHC_PLAN, "ASD", sex="M"),
        "chloe": make("Baker", "Chloe", 10, Provision.EHC_PLAN, "SEMH", sex="F"),
        "liam": make("Campbell", "Liam", 9, Provision.NONE, sex="M"),
        "megan": make("Davies", "Megan", 11, Provision.SEN_SUPPORT, "MLD", sex="F"),
        "isla": make("Fraser", "Isla", 8, Provision.SEN_SUPPORT, "HI", sex="F"),
        "noah": make("Evans", "Noah", 11, Provision.NONE, sex="M"),
    }
    register_change_record(
        actor=Actor(senco),
        pupil=pupils["liam"],
        to_provision=Provision.SEN_SUPPORT,
        to_primary_need="SPLD",
        to_secondary_need="",
        reason="Assessment by the educational psychologist found dyslexia.",
        effective_date=today - datetime.timedelta(days=60),
        parents_told=True,
        parents_told_on=today - datetime.timedelta(days=58),
    )
    for p in pupils.values():
        p.refresh_from_db()
    return pupils

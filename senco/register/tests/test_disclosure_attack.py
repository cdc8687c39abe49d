"""The attacker of docs/disclosure.md plays against every page a governor or the trust's SEND
lead can fetch: from all of it together, no hidden figure may be pinned down.

`attacker.py` reads the pages as served (tables and charts), builds the equations anyone
reading them knows (rows add up to totals, schools to the trust, a percent is a count over a
count, a hidden count is at least 1) and solves them exactly. Each scenario also runs with
secondary suppression switched off, where the attacker must succeed: a test that cannot fail
proves nothing.
"""

import re

import pytest
from django.urls import reverse

from senco import factories as f
from senco.demo.outline import TRUST_NAME
from senco.lib import disclosure as lib_disclosure
from senco.lib.codes import Provision
from senco.pupils.models import Pupil
from senco.register import disclosure, selectors
from senco.register.tests.attacker import Attacker, truth_of
from senco.schools.models import School, Trust
from senco.testing import load_role_tables

# Every page a governor or the trust lead can open, by URL name. Those with the register's
# figures are attacked below; the others show none (checked below for the home page; the
# account pages are about the person's own sign-in).
PAGES_WITH_FIGURES = {"register_summary", "trust_summary"}
# parent_join: the page of a parent's invitation link, open to anyone, with no figures.
PAGES_WITHOUT_FIGURES = {"home", "account", "password_change", "parent_join"}
# The outcomes comparisons: attacked together (every school's pages and the trust's) in
# senco/outcomes/tests/test_trust_attack.py, and results in test_attainment_attack.py.
OUTCOMES_PAGES = {
    "outcomes_home",
    "outcomes_attendance",
    "outcomes_suspensions",
    "outcomes_trust",
    "outcomes_attainment",
}
# Pages that show evidence figures (`registry.Evidence`) to governors and the trust's SEND
# lead: the reports (page, Word, PDF) and line management meetings. Every figure is read
# with `suppress`, and each key hides its own counts from 1 to 4 and what would give one
# away: the register's with the trust-wide decision of the summary pages attacked here
# (senco/register/evidence.py), attendance and results with their pages' decisions
# (attacked in senco/outcomes/tests), the rest with `senco.lib.evidence_text` over each
# count, its total and the rest (each app's tests/test_evidence.py). Figures of different
# keys are not yet attacked together as one system.
EVIDENCE_PAGES = {
    "reports_report",
    "reports_docx",
    "reports_pdf",
    "strategy_meeting",
    "strategy_meeting_new",
    "strategy_meeting_edit",
}
# Pages of the staff's own work, with no figures about pupils: the SEND development plan
# (priorities, actions, owners and the plan's own counts of actions), its evidence files,
# and the lists of reports and meetings.
STAFF_WORK_PAGES = {
    "strategy_plan",
    "strategy_plan_pdf",
    "strategy_evidence_file",
    "strategy_meetings",
    "reports_list",
}
ACCOUNT_PAGE_PREFIXES = ("two_factor", "recovery_codes", "password_")


@pytest.fixture(autouse=True)
def fresh_decisions():
    """Decisions are remembered by the trust's counts; the tests below change how they
    are made, so none is carried from one test to the next."""
    disclosure.hidden_figures.cache_clear()
    yield
    disclosure.hidden_figures.cache_clear()


@pytest.fixture
def primary_only(monkeypatch):
    """The old rule: hide every count below 5, and nothing else."""

    def protect(values, sums, *, unpublished=(), known=(), small=5):
        hidden = frozenset(
            k for k, v in values.items() if k not in set(unpublished) and 0 < v < small
        )
        return lib_disclosure.Protection(hidden=hidden, primary=hidden)

    monkeypatch.setattr(disclosure, "protect", protect)
    # Decisions are remembered: forget those made with the real rule (the demo's builders
    # read the register's figures too), and those made with this one afterwards.
    disclosure.hidden_figures.cache_clear()
    yield
    disclosure.hidden_figures.cache_clear()


def _pupils(schools) -> list[tuple]:
    return list(
        Pupil.objects.filter(school__in=schools).values_list(
            "school__urn", "year_group", "sex", "pupil_premium", "sen_provision", "primary_need"
        )
    )


def _get(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def attack_as_trust_lead(client, trust):
    """Everything the trust's SEND lead can fetch: the trust's page and every school's."""
    attacker = Attacker()
    attacker.read_trust(_get(client, reverse("trust_summary", args=[trust.pk])))
    schools = list(trust.schools.all())
    for school in schools:
        html = _get(client, reverse("register_summary", args=[school.urn]))
        attacker.read_summary(html, school.urn, f"{school.name}'s summary")
    return attacker.solve(truth_of(_pupils(schools)))


def attack_as_governor(client, school):
    """Everything a governor can fetch: their school's summary."""
    attacker = Attacker()
    html = _get(client, reverse("register_summary", args=[school.urn]))
    attacker.read_summary(html, school.urn, f"{school.name}'s summary")
    return attacker.solve(truth_of(_pupils([school])))


def assert_safe(findings, *, something_hidden: bool = True) -> None:
    assert findings.problems == []
    assert findings.pinned == {}, f"hidden figures worked out: {findings.pinned}"
    # And for every hidden figure, another table of whole numbers that every page fits.
    assert findings.ranges == {}, f"no whole-number witness: {findings.ranges}"
    assert findings.witnessed == len(findings.targets)
    if something_hidden:
        assert findings.targets, "nothing was hidden: the scenario tests nothing"


def _governor_of(school):
    return f.MembershipFactory(school=school, role="governor").user


def _lead_of(trust):
    return f.TrustMembershipFactory(trust=trust).user


# --- The demo trust --------------------------------------------------------------------------


@pytest.fixture
def demo(db, demo_trust):
    """The demo trust of `manage.py seed_demo` (two schools), shared with the other tests
    that read it (senco/conftest.py); each test's memberships are rolled back after it."""
    return Trust.objects.get(name=TRUST_NAME)


def test_nothing_hidden_can_be_worked_out_in_the_demo_trust(client_for, demo):
    lead = client_for(_lead_of(demo))
    findings = attack_as_trust_lead(lead, demo)
    assert_safe(findings)
    for school in demo.schools.all():
        assert_safe(attack_as_governor(client_for(_governor_of(school)), school))
    # Brookfield's one pupil with an EHC plan for moderate learning difficulty is among the
    # hidden figures (it was worked out exactly when only counts below 5 were hidden).
    brookfield = demo.schools.get(name="Brookfield Primary")
    assert (brookfield.urn, "need", "MLD", "ehc") in findings.targets


def test_the_attacker_wins_against_primary_suppression_alone(client_for, demo, primary_only):
    findings = attack_as_trust_lead(client_for(_lead_of(demo)), demo)
    brookfield = demo.schools.get(name="Brookfield Primary")
    # The trust's figure less Hillside's: exactly 1.
    assert findings.pinned.get((brookfield.urn, "need", "MLD", "ehc")) == 1
    assert len(findings.pinned) >= 9


def test_the_demo_trust_keeps_its_headline_figures(demo):
    """Secondary suppression hides more than the counts below 5 (65 of the demo's 323
    published figures; 93 with those hidden to protect them, see docs/disclosure.md), but
    every school's and the trust's totals stay shown."""
    counts = selectors.trust_counts(trust_id=demo.pk)
    hidden = disclosure.hidden_figures(counts)
    assert hidden.primary < hidden.cells
    scopes = [disclosure.school_scope(s.pk) for s in demo.schools.all()] + [disclosure.TRUST]
    for scope in scopes:
        assert hidden.of_row(scope, ("total", "")) == frozenset()


# --- Crafted schools -------------------------------------------------------------------------


def _school(trust, name, urn, phase=School.Phase.SECONDARY):
    return f.SchoolFactory(trust=trust, name=name, urn=urn, phase=phase)


def _pupils_at(school, n, provision=Provision.NONE, need="", **kwargs):
    factory = f.PupilFactory if provision == Provision.NONE else f.SenPupilFactory
    return factory.create_batch(
        n, school=school, sen_provision=provision, primary_need=need, **kwargs
    )


@pytest.fixture
def two_schools(db):
    """A trust of two ordinary schools, each with a little of everything."""
    trust = f.TrustFactory(name="Crafted Trust")
    big = _school(trust, "Alder School", "300001")
    other = _school(trust, "Birch School", "300002")
    for school, extra in ((big, 0), (other, 3)):
        _pupils_at(school, 60 + extra, year_group=7)
        _pupils_at(school, 55, year_group=8, sex="F", pupil_premium=True)
        _pupils_at(school, 9 + extra, Provision.SEN_SUPPORT, "SLCN", year_group=7)
        _pupils_at(school, 7, Provision.SEN_SUPPORT, "SEMH", year_group=8, sex="F")
        _pupils_at(school, 6, Provision.EHC_PLAN, "ASD", year_group=8)
        _pupils_at(school, 8, Provision.SEN_SUPPORT, "MLD", year_group=7, sex="F")
    return trust, big, other


SCENARIOS = {
    # A school with 3 pupils on the register (and 40 who are not).
    "three on the register": lambda trust, school: (
        _pupils_at(school, 40, year_group=9),
        _pupils_at(school, 1, Provision.EHC_PLAN, "ASD", year_group=9),
        _pupils_at(school, 2, Provision.SEN_SUPPORT, "SLCN", year_group=10, sex="F"),
    ),
    # One need with 1 pupil, in a school otherwise well above 5 everywhere.
    "one need with one pupil": lambda trust, school: (
        _pupils_at(school, 50, year_group=9),
        _pupils_at(school, 50, year_group=10, sex="F"),
        _pupils_at(school, 12, Provision.SEN_SUPPORT, "SLCN", year_group=9),
        _pupils_at(school, 10, Provision.SEN_SUPPORT, "SEMH", year_group=10, sex="F"),
        _pupils_at(school, 7, Provision.EHC_PLAN, "ASD", year_group=10),
        _pupils_at(school, 1, Provision.SEN_SUPPORT, "HI", year_group=9),
    ),
    # A tiny school: 3 pupils in all.
    "three pupils in all": lambda trust, school: (
        _pupils_at(school, 1, year_group=3),
        _pupils_at(school, 2, Provision.SEN_SUPPORT, "SLCN", year_group=3),
    ),
    # One pupil with an EHC plan for moderate learning difficulty, where the other
    # schools have several: the trust's figure less theirs would be 1.
    "a single pupil in a category": lambda trust, school: (
        _pupils_at(school, 45, year_group=7),
        _pupils_at(school, 6, Provision.SEN_SUPPORT, "SLCN", year_group=7),
        _pupils_at(school, 1, Provision.EHC_PLAN, "MLD", year_group=7),
        _pupils_at(school, 6, Provision.EHC_PLAN, "ASD", year_group=7, sex="F"),
    ),
}


def _scenario(two_schools, name):
    trust, big, other = two_schools
    # And a third school, made for the scenario.
    school = _school(trust, "Cedar School", "300003")
    SCENARIOS[name](trust, school)
    # Several pupils with an EHC plan for MLD elsewhere, so that the trust's figure is shown.
    _pupils_at(big, 6, Provision.EHC_PLAN, "MLD", year_group=7)
    return trust, school


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_nothing_hidden_can_be_worked_out_in_a_crafted_trust(client_for, two_schools, name):
    trust, school = _scenario(two_schools, name)
    assert_safe(attack_as_trust_lead(client_for(_lead_of(trust)), trust))
    for each in trust.schools.all():
        findings = attack_as_governor(client_for(_governor_of(each)), each)
        assert_safe(findings, something_hidden=each == school)


@pytest.mark.parametrize("name", ["a single pupil in a category", "one need with one pupil"])
def test_the_attacker_wins_in_a_crafted_trust_without_secondary_suppression(
    client_for, two_schools, name, primary_only
):
    trust, school = _scenario(two_schools, name)
    findings = attack_as_trust_lead(client_for(_lead_of(trust)), trust)
    pinned_here = {k: v for k, v in findings.pinned.items() if k[0] == school.urn}
    assert 1 in pinned_here.values(), findings.pinned


def test_a_governor_alone_wins_against_primary_suppression_alone(
    client_for, two_schools, primary_only
):
    """Within one page: the row of a need with 1 pupil, from its broad area less the rest."""
    trust, school = _scenario(two_schools, "one need with one pupil")
    findings = attack_as_governor(client_for(_governor_of(school)), school)
    assert findings.pinned.get((school.urn, "need", "HI", "support")) == 1


def test_a_trust_lead_who_is_also_a_schools_senco(client_for, two_schools):
    """They see Alder School's exact figures as its SENCO: the trust's pages and the other
    schools' must be safe with those known too."""
    trust, school = _scenario(two_schools, "a single pupil in a category")
    lead = _lead_of(trust)
    alder = trust.schools.get(name="Alder School")
    f.MembershipFactory(user=lead, school=alder, role="senco")
    findings = attack_as_trust_lead(client_for(lead), trust)
    assert_safe(findings)
    assert not any(key[0] == alder.urn for key in findings.targets)  # all exact there
    # The same pages for another trust lead, who cannot see Alder's exact figures.
    assert_safe(attack_as_trust_lead(client_for(_lead_of(trust)), trust))


def test_a_trust_lead_who_is_a_senco_wins_if_what_they_know_is_left_out(
    client_for, two_schools, monkeypatch
):
    trust, school = _scenario(two_schools, "a single pupil in a category")
    lead = _lead_of(trust)
    f.MembershipFactory(user=lead, school=trust.schools.get(name="Alder School"), role="senco")
    monkeypatch.setattr(disclosure, "schools_known_to", lambda user, trust_id: frozenset())
    findings = attack_as_trust_lead(client_for(lead), trust)
    # The trust's figure less Alder's exact one (and Birch's shown one): Cedar's single pupil.
    assert findings.pinned.get((school.urn, "need", "MLD", "ehc")) == 1


# --- What else they can open ---------------------------------------------------------------


def test_every_page_a_governor_or_trust_lead_can_open_is_attacked_or_has_no_figures():
    reachable = {
        name
        for (name, _method), table in load_role_tables().items()
        if 200 in (table["governor"], table["trust_lead"])
    }
    unexpected = {
        name
        for name in reachable
        - PAGES_WITH_FIGURES
        - PAGES_WITHOUT_FIGURES
        - OUTCOMES_PAGES
        - EVIDENCE_PAGES
        - STAFF_WORK_PAGES
        if not name.startswith(ACCOUNT_PAGE_PREFIXES)
    }
    assert unexpected == set(), "a new page for governors or trust leads: add it to the attack"
    assert reachable >= PAGES_WITH_FIGURES


@pytest.mark.parametrize("role", ["governor", "trust_lead"])
def test_the_home_page_shows_them_no_figures(client_for, cast, school, pupil, role):
    html = _get(client_for(cast[role]), reverse("home"))
    assert "<table" not in html
    assert "senco-chart" not in html


def test_those_who_see_names_see_exact_figures(client_for, two_schools):
    trust, school = _scenario(two_schools, "three on the register")
    senco = f.MembershipFactory(school=school, role="senco").user
    html = _get(client_for(senco), reverse("register_summary", args=[school.urn]))
    assert ">hidden<" not in html
    total = html.split('id="summary-total"')[1].split("</table>")[0]
    figures = dict(re.findall(r'header">([^<]+)</th><td [^>]*data-label="Pupils">([^<]*)<', total))
    assert figures == {"EHC plan": "1", "SEN support": "2", "All pupils on roll": "43"}

"""The pupil page's panel "Attendance, suspensions and results" (pupil_panel.py): what it
says, who sees it, and that it costs one query (none for someone who may not see it)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.access import Scope
from senco.accounts.models import Role
from senco.lib.clock import academic_year_of
from senco.outcomes.models import Attendance, Period, Scale, Subject, Suspension
from senco.outcomes.pupil_panel import length_in_words, pupil_panel
from senco.outcomes.tests.outcome_fixtures import attend as _attend
from senco.outcomes.tests.outcome_fixtures import drop as _drop
from senco.outcomes.tests.outcome_fixtures import gcse_scale, school_figures
from senco.outcomes.tests.outcome_fixtures import period as _period
from senco.outcomes.tests.outcome_fixtures import result as _result
from senco.testing import ROLES, assert_valid_html

PANEL = 'id="outcomes-panel"'
# Who sees the panel on the pupil page (everyone else cannot open the page: 404).
SEES_PANEL = {"senco", "leader", "teacher", "ta"}

TODAY = timezone.localdate()
YEAR = academic_year_of(TODAY)


@pytest.fixture
def figures(school, pupil, other_pupil):
    """Zoë's figures: two half terms this year (she missed 12 of 100: persistently absent),
    last year's half terms and its year-to-date total, a suspension and a permanent
    exclusion, and results at two data drops (the later one is the one shown)."""
    autumn1 = _period(
        school,
        YEAR,
        "Autumn 1",
        Period.Kind.HALF_TERM,
        datetime.date(YEAR, 9, 1),
        datetime.date(YEAR, 10, 20),
    )
    autumn2 = _period(
        school,
        YEAR,
        "Autumn 2",
        Period.Kind.HALF_TERM,
        datetime.date(YEAR, 10, 30),
        datetime.date(YEAR, 12, 19),
    )
    last_half = _period(
        school,
        YEAR - 1,
        "Autumn 1",
        Period.Kind.HALF_TERM,
        datetime.date(YEAR - 1, 9, 1),
        datetime.date(YEAR - 1, 10, 20),
    )
    last_total = _period(
        school,
        YEAR - 1,
        "Year to date",
        Period.Kind.TO_DATE,
        datetime.date(YEAR - 1, 9, 1),
        datetime.date(YEAR, 7, 20),
    )
    older = _period(
        school,
        YEAR - 2,
        "Year to date",
        Period.Kind.TO_DATE,
        datetime.date(YEAR - 2, 9, 1),
        datetime.date(YEAR - 1, 7, 20),
    )
    _attend(pupil, autumn1, 60, 56)
    _attend(pupil, autumn2, 40, 32)
    _attend(pupil, last_half, 70, 69)
    _attend(pupil, last_total, 380, 361)
    _attend(pupil, older, 380, 200)  # two years ago: not shown
    Suspension.objects.create(
        school=school,
        pupil=pupil,
        kind=Suspension.Kind.SUSPENSION,
        starts=datetime.date(YEAR - 1, 11, 3),
        sessions=5,
        reason=Suspension.Reason.VERBAL_ADULT,
        academic_year=YEAR - 1,
        provision="K",
        year_group=pupil.year_group - 1,
    )
    Suspension.objects.create(
        school=school,
        pupil=pupil,
        kind=Suspension.Kind.PERMANENT,
        starts=datetime.date(YEAR, 10, 1),
        sessions=None,
        reason=Suspension.Reason.WEAPON,
        academic_year=YEAR,
        provision="K",
        year_group=pupil.year_group,
    )
    scale = gcse_scale(school)
    maths = Subject.objects.create(school=school, name="Maths", key="maths")
    english = Subject.objects.create(school=school, name="English", key="english")
    older_drop = _drop(school, f"Summer {YEAR}", datetime.date(YEAR, 7, 1))
    latest = _drop(school, f"Autumn {YEAR}", datetime.date(YEAR, 11, 1))
    _result(older_drop, pupil, maths, scale, "2", 2)
    _result(latest, pupil, maths, scale, "3", 3)
    _result(latest, pupil, english, scale, "5", 5)
    # Another pupil's figures, at another school: never on Zoë's page.
    elsewhere = _period(
        other_pupil.school,
        YEAR,
        "Autumn 1",
        Period.Kind.HALF_TERM,
        datetime.date(YEAR, 9, 1),
        datetime.date(YEAR, 10, 20),
    )
    _attend(other_pupil, elsewhere, 60, 1)
    return {"latest": latest}


def _scope(user, school, role):
    return Scope(user=user, school=school, role=role)


def test_the_panel_says_this_years_attendance_suspensions_and_latest_results(
    senco, school, pupil, figures
):
    panel = pupil_panel(None, pupil, _scope(senco, school, Role.SENCO))
    year = panel["this_year"]
    assert (year.possible, year.missed) == (100, 12)
    assert year.persistent
    assert [(p.label, p.possible, p.missed) for p in panel["periods"]] == [
        ("Autumn 1", 60, 4),
        ("Autumn 2", 40, 8),
    ]
    # Last year: the year-to-date total (not it plus its half term).
    assert (panel["last_year"].possible, panel["last_year"].missed) == (380, 19)
    assert not panel["last_year"].persistent
    assert [(e.kind, e.length, e.reason) for e in panel["exclusions"]] == [
        ("Permanent exclusion", "", Suspension.Reason.WEAPON.label),
        ("Suspension", "2.5 days", Suspension.Reason.VERBAL_ADULT.label),
    ]
    assert [(g.subject, g.grade, g.expected) for g in panel["results"]] == [
        ("English", "5", True),
        ("Maths", "3", False),
    ]
    assert panel["drop_name"] == figures["latest"].name
    assert panel["at_expected"] == 1


def test_the_page_shows_it_in_words(client_for, senco, pupil, figures):
    response = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert_valid_html(response)
    html = response.content.decode()
    assert PANEL in html
    assert "Missed 12 of 100 possible sessions (12.0%)" in html
    assert "Persistently absent" in html
    assert "missed 19 of 380 sessions (5.0%)" in html
    assert "Permanent exclusion</strong> from 1 October" in html
    assert "suspended for 2.5 days. Reason: Verbal abuse" in html
    assert "1 of 2 subjects at or above the expected standard" in html
    assert "No attendance, suspensions or results imported yet" not in html
    assert reverse("outcomes_home", args=[pupil.school.urn]) in html


def test_a_teacher_sees_the_pupils_figures_but_no_link_to_the_schools(
    client_for, teacher, pupil, figures
):
    html = client_for(teacher).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert "Missed 12 of 100 possible sessions" in html
    assert 'id="outcomes-school-link"' not in html


def test_empty_is_one_plain_line(client_for, senco, pupil):
    html = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    assert PANEL in html
    assert "No attendance, suspensions or results imported yet." in html
    assert "Persistently absent" not in html


def test_a_year_without_attendance_yet_says_so_and_gives_last_years(senco, school, pupil, figures):
    Attendance.objects.filter(pupil=pupil, period__academic_year=YEAR).delete()
    panel = pupil_panel(None, pupil, _scope(senco, school, Role.SENCO))
    assert panel["this_year"] is None and panel["periods"] == []
    assert panel["last_year"].possible == 380


@pytest.mark.parametrize("role", ROLES)
def test_who_sees_the_panel(role, cast, client_for, pupil, figures):
    response = client_for(cast[role]).get(reverse("pupil_detail", args=[pupil.pk]))
    if role in SEES_PANEL:
        assert response.status_code == 200
        assert PANEL in response.content.decode()
    else:
        # Not their pupil: the page itself is a 404, so nothing of the panel either.
        assert response.status_code == 404
        assert b"Missed 12" not in response.content


@pytest.mark.parametrize(
    "role,sees",
    [
        (Role.SENCO, True),
        (Role.LEADER, True),
        (Role.TEACHER, True),
        (Role.TA, True),
        (Role.OFFICE, False),
        (Role.GOVERNOR, False),
    ],
)
def test_the_ability(role, sees, senco, school):
    assert _scope(senco, school, role).sees_pupil_outcomes is sees


def test_one_query_with_everything_and_none_for_those_who_may_not_see_it(
    senco, governor, school, pupil, figures
):
    with CaptureQueriesContext(connection) as ctx:
        panel = pupil_panel(None, pupil, _scope(senco, school, Role.SENCO))
    assert len(ctx.captured_queries) == 1
    assert panel["results"]
    with CaptureQueriesContext(connection) as ctx:
        assert pupil_panel(None, pupil, _scope(governor, school, Role.GOVERNOR)) is None
    assert len(ctx.captured_queries) == 0


def test_the_query_does_not_grow_with_rows(senco, school, pupil, figures):
    maths = Subject.objects.get(school=school, key="maths")
    scale = Scale.objects.get(school=school)
    for n in range(20):
        subject = Subject.objects.create(school=school, name=f"Subject {n}", key=f"s{n}")
        _result(figures["latest"], pupil, subject, scale, "4", 4)
        period = _period(
            school,
            YEAR,
            f"Week {n}",
            Period.Kind.HALF_TERM,
            datetime.date(YEAR + 1, 3, 1) + datetime.timedelta(days=2 * n),
            datetime.date(YEAR + 1, 3, 1) + datetime.timedelta(days=2 * n + 1),
        )
        _attend(pupil, period, 4, 4)
    f.SenPupilFactory.create_batch(5, school=school)
    with CaptureQueriesContext(connection) as ctx:
        panel = pupil_panel(None, pupil, _scope(senco, school, Role.SENCO))
    assert len(ctx.captured_queries) == 1
    assert len(panel["results"]) == 22 and maths.name in [g.subject for g in panel["results"]]
    assert len(panel["periods"]) == 22


@pytest.mark.parametrize(
    "sessions,words", [(None, ""), (1, "half a day"), (2, "1 day"), (5, "2.5 days"), (10, "5 days")]
)
def test_lengths_in_words(sessions, words):
    assert length_in_words(sessions) == words


def test_the_browser_tests_figures_make_a_panel(senco, school, pupil):
    pupils = [pupil, *f.SenPupilFactory.create_batch(3, school=school)]
    school_figures(school, pupils, TODAY)
    panel = pupil_panel(None, pupil, _scope(senco, school, Role.SENCO))
    assert panel["this_year"].possible == 70 and panel["this_year"].persistent
    assert panel["exclusions"] and len(panel["results"]) == 2

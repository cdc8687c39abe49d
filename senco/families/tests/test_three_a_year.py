"""The three-a-year page: counts, filters, the kinds that count, audit and query counts."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.families import services
from senco.families.audit import FamiliesAction
from senco.families.models import Kind, Meeting
from senco.families.selectors import this_term
from senco.lib import clock
from senco.testing import assert_valid_html

TODAY = timezone.localdate


def _meet(pupil, senco, kind, day):
    return services.meeting_add(actor=Actor(senco), pupil=pupil, kind=kind, held_on=day)


def _rows(response):
    return {row.pupil.pk: row for row in response.context["page"].rows}


def _url(school, **query):
    return reverse("families_three_a_year", args=[school.urn])


@pytest.fixture
def term_start(school):
    return this_term([], TODAY()).starts_on


def test_counts_last_meeting_and_this_term(client_for, senco, school, pupil, term_start):
    year_start = clock.school_terms([], clock.academic_year_of(TODAY()))[0].starts_on
    _meet(pupil, senco, Kind.SEND_REVIEW, term_start)
    _meet(pupil, senco, Kind.PHONE, TODAY())
    _meet(pupil, senco, Kind.INFORMAL, year_start - datetime.timedelta(days=30))  # last year
    not_met = f.SenPupilFactory(school=school, legal_surname="Nobody")
    f.PupilFactory(school=school, legal_surname="Offregister")  # not on the register
    response = client_for(senco).get(_url(school))
    assert response.status_code == 200
    assert_valid_html(response)
    rows = _rows(response)
    assert set(rows) == {pupil.pk, not_met.pk}
    assert (rows[pupil.pk].this_year, rows[pupil.pk].last) == (2, TODAY())
    assert rows[pupil.pk].met_this_term
    assert (rows[not_met.pk].this_year, rows[not_met.pk].last) == (0, None)
    assert not rows[not_met.pk].met_this_term
    assert b"Offregister" not in response.content
    html = response.content.decode()
    link = reverse("families_meetings", args=[not_met.pk])
    row = html[html.index(f'href="{link}"') :].split("</tr>")[0]
    assert '<strong class="govuk-tag govuk-tag--red">Not met</strong>' in row
    assert 'data-label="Meetings this year">0</td>' in row
    mine = html[html.index(f'href="{reverse("families_meetings", args=[pupil.pk])}"') :]
    assert 'data-label="This term">Met</td>' in mine.split("</tr>")[0]
    assert "O&#x27;Brien" in mine.split("</tr>")[0]  # names escaped
    assert b"SEND Code of Practice 6.65" in response.content
    assert b"too few pupils to judge" in response.content


def test_filters_not_met_year_group_and_key_worker(client_for, senco, school, pupil, ta):
    _meet(pupil, senco, Kind.SEND_REVIEW, TODAY())
    year9 = f.SenPupilFactory(school=school, year_group=9)
    year8 = f.SenPupilFactory(school=school, year_group=8)
    f.SupportAssignmentFactory(staff=ta, pupil=year8)
    client = client_for(senco)
    assert set(_rows(client.get(_url(school), {"not_met": "on"}))) == {year9.pk, year8.pk}
    assert set(_rows(client.get(_url(school), {"year_group": "9"}))) == {year9.pk}
    assert set(_rows(client.get(_url(school), {"key_worker": ta.pk}))) == {pupil.pk, year8.pk}
    both = client.get(_url(school), {"key_worker": ta.pk, "not_met": "on"})
    assert set(_rows(both)) == {year8.pk}
    assert_valid_html(both)
    # Nonsense in the query string is ignored, never a 500.
    assert client.get(_url(school), {"year_group": "x", "key_worker": "abc"}).status_code == 200


def test_the_key_worker_column_names_each_ta_in_the_order_assigned(
    client_for, senco, school, pupil, ta
):
    # `ta` supports `pupil` (senco/conftest.py); a second TA with no name shows as their
    # username, after the first; a pupil with no key worker shows "None".
    nameless = f.MembershipFactory(
        school=school, role="ta", user=f.UserFactory(username="ta-2", first_name="", last_name="")
    ).user
    f.SupportAssignmentFactory(staff=nameless, pupil=pupil)
    alone = f.SenPupilFactory(school=school)
    # Another school's pupil supported by the same TA is not on this page.
    elsewhere = f.SenPupilFactory(school=f.SchoolFactory())
    f.SupportAssignmentFactory(staff=ta, pupil=elsewhere)
    response = client_for(senco).get(_url(school))
    rows = _rows(response)
    assert set(rows) == {pupil.pk, alone.pk}
    assert [w.pk for w in rows[pupil.pk].key_workers] == [ta.pk, nameless.pk]
    html = response.content.decode()

    def cell(p):
        row = html[html.index(f'href="{reverse("families_meetings", args=[p.pk])}"') :]
        return row.split('data-label="Key worker">')[1].split("</td>")[0]

    assert cell(pupil) == f"{ta.get_full_name()}, ta-2"
    assert cell(alone) == "None"
    # The filter by key worker finds the pupil by either of them.
    by_nameless = client_for(senco).get(_url(school), {"key_worker": nameless.pk})
    assert set(_rows(by_nameless)) == {pupil.pk}


def test_the_pages_queries_are_written_once(client_for, senco, school, pupil, ta):
    """Both of the page's own queries are prepared (senco/lib/prepared.py), none run by
    the ORM as a fallback."""
    from senco.families import selectors

    for prepared in (selectors._families, selectors._key_workers):
        prepared.forget()
    assert client_for(senco).get(_url(school)).status_code == 200
    for prepared in (selectors._families, selectors._key_workers):
        assert prepared._plans and not prepared.refused()


def test_the_counting_kinds_change_the_page(client_for, senco, leader, school, pupil):
    _meet(pupil, senco, Kind.EMAIL, TODAY())
    rows = _rows(client_for(leader).get(_url(school)))
    assert rows[pupil.pk].this_year == 0 and not rows[pupil.pk].met_this_term
    response = client_for(senco).post(
        reverse("families_counting_kinds", args=[school.urn]),
        {"kinds": [Kind.EMAIL, Kind.SEND_REVIEW], "version": "1"},
    )
    assert response.status_code == 302
    page = client_for(leader).get(_url(school))
    rows = _rows(page)
    assert rows[pupil.pk].this_year == 1 and rows[pupil.pk].met_this_term
    assert b"Counted: SEND review, Email." in page.content
    # A leader sees the page but not the setting.
    assert b'id="counting-kinds"' not in page.content
    assert b'id="counting-kinds"' in client_for(senco).get(_url(school)).content
    assert AuditEvent.objects.filter(action=FamiliesAction.KINDS_SAVE, user=senco).exists()


def test_no_kind_chosen_and_a_stale_setting_are_refused(client_for, senco, school):
    url = reverse("families_counting_kinds", args=[school.urn])
    empty = client_for(senco).post(url, {"version": "1"})
    assert empty.status_code == 200
    assert_valid_html(empty)
    assert b"Choose at least one kind of meeting that counts" in empty.content
    assert client_for(senco).post(url, {"kinds": [Kind.PHONE], "version": "1"}).status_code == 302
    stale = client_for(senco).post(url, {"kinds": [Kind.EMAIL], "version": "1"})
    assert stale.status_code == 200
    assert b"Someone else changed this since you opened it" in stale.content


def test_each_pupil_shown_is_audited(client_for, senco, school, pupil):
    other = f.SenPupilFactory(school=school)
    client_for(senco).get(_url(school))
    seen = AuditEvent.objects.filter(action=FamiliesAction.THREE_A_YEAR_VIEW)
    assert set(seen.values_list("pupil_id", flat=True)) == {pupil.pk, other.pk}


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_queries_at_5_and_60_pupils(client_for, senco, school, ta):
    client = client_for(senco)

    def fill(n):
        for p in f.SenPupilFactory.create_batch(n, school=school):
            _meet(p, senco, Kind.SEND_REVIEW, TODAY())
            f.SupportAssignmentFactory(staff=ta, pupil=p)

    filtered = _url(school) + f"?not_met=on&key_worker={ta.pk}&year_group=7"
    # The first request of a session saves it (senco.middleware.SessionTouchMiddleware).
    client.get(_url(school))
    fill(5)
    small = (_count(client, _url(school)), _count(client, filtered))
    # Filtering by key worker costs no query of its own: the choices already read validate it.
    assert small[0] == small[1]
    fill(55)
    assert Meeting.objects.count() == 60
    assert (_count(client, _url(school)), _count(client, filtered)) == small


def test_families_are_listed_by_surname_then_forename(client_for, senco, school):
    for forename, surname in [("Zoe", "Adams"), ("Amy", "Young"), ("Ben", "adams")]:
        f.SenPupilFactory(school=school, forename=forename, legal_surname=surname)
    response = client_for(senco).get(_url(school))
    names = [row.pupil.full_name for row in response.context["page"].rows]
    mine = [n for n in names if n in {"Zoe Adams", "Amy Young", "Ben adams"}]
    assert mine == ["Ben adams", "Zoe Adams", "Amy Young"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "not_met=on",
        "year_group=9",
        "year_group=abc",
        "key_worker=abc",
        "key_worker=999",
        "key_worker=TA&not_met=on&year_group=7",
        "key_worker=%20TA%20",
        "page=2",
    ],
)
def test_the_cached_filters_are_the_forms_own(senco, school, ta, query):
    """`views.filters_of` (made once a process for each query string) gives what the filter
    form and includes/field.html give for it, and the key-worker field validates as the
    ModelChoiceField it replaced: a TA's id (as `int()` reads it), else an error."""
    from django.http import QueryDict
    from django.template.loader import render_to_string

    from senco.families import selectors, views
    from senco.families.forms import FilterForm

    data = QueryDict(query.replace("TA", str(ta.pk)))
    workers = selectors.key_workers_of(school)
    filters, html = views.filters_of(data, workers)
    form = FilterForm(data or None, key_workers=workers)
    assert filters == (form.filters() if data else {})
    assert html == render_to_string("families/_filter_fields.html", {"form": form})
    assert views.filters_of(data, workers) == (filters, html)  # from the cache
    if "key_worker=" in query and "TA" in query:
        assert str(filters["key_worker"]) == str(ta)  # as the audit row's detail records it
    if "key_worker=abc" in query or "key_worker=999" in query:
        assert filters == {}
        assert "Choose one of the options for key worker" in html


def test_the_cached_kinds_checkboxes_are_the_forms_own():
    from django.template.loader import render_to_string

    from senco.families import views
    from senco.families.forms import CountingKindsForm

    kinds = (Kind.PHONE, Kind.SEND_REVIEW)
    form = CountingKindsForm(initial={"kinds": list(kinds)})
    expected = render_to_string("ehcp/review/_checkboxes.html", {"field": form["kinds"]})
    assert views.kinds_checkboxes(kinds) == expected

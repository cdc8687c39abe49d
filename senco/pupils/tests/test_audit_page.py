"""Who has looked at this record: filters, pages and the CSV download (SENCO only)."""

import csv
import datetime
import html
import io
import json
import zoneinfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.actions import AuditAction, label_for
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.audit.services import audit_record
from senco.lib.forms import date_data
from senco.testing import ROLES, SENCO_ONLY_PUPIL_PAGE, assert_valid_html, role_table

EXPORT = role_table("pupil_audit_export", SENCO_ONLY_PUPIL_PAGE)
LONDON = zoneinfo.ZoneInfo("Europe/London")


def page_url(pupil):
    return reverse("pupil_audit", args=[pupil.pk])


def export_url(pupil):
    return reverse("pupil_audit_export", args=[pupil.pk])


def at(event, when: datetime.datetime):
    """Move an audit row to another time (`at` is set when the row is written)."""
    AuditEvent.objects.filter(pk=event.pk).update(at=when)


def log(user, pupil, action=AuditAction.PUPIL_VIEW, when=None, **kwargs):
    event = audit_record(actor=Actor(user, kwargs.pop("ip", None)), pupil=pupil, action=action)
    if kwargs:
        AuditEvent.objects.filter(pk=event.pk).update(**kwargs)
    if when is not None:
        at(event, when)
    return event


def rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def shown(response) -> list[int]:
    return [e.pk for e in response.context["page"]]


@pytest.mark.parametrize("role", ROLES)
def test_each_role_downloading(role, cast, client_for, pupil):
    response = client_for(cast[role]).get(export_url(pupil))
    assert response.status_code == EXPORT[role]
    if response.status_code == 200:
        assert response["Content-Type"] == "text/csv; charset=utf-8"
    else:
        assert not AuditEvent.objects.filter(action="pupil.audit.export").exists()


def test_a_download_of_another_schools_pupil_is_the_same_404(client_for, senco, other_pupil):
    assert client_for(senco).get(export_url(other_pupil)).status_code == 404


# --- The page ------------------------------------------------------------------------------


def test_it_filters_by_person(client_for, senco, teacher, ta, pupil):
    by_teacher = log(teacher, pupil)
    log(ta, pupil)
    client = client_for(senco)
    page = client.get(page_url(pupil))
    people = dict(page.context["form"].fields["person"].choices)
    # Everyone in this pupil's log, by name with the username, the SENCO's own look too.
    assert people[str(teacher.pk)] == f"{teacher.get_full_name()} (teacher)"
    assert {str(ta.pk), str(senco.pk)} <= set(people)
    response = client.get(page_url(pupil), {"person": teacher.pk})
    assert shown(response) == [by_teacher.pk]
    assert "Clear filters" in response.content.decode()
    assert_valid_html(response)


def test_people_who_are_not_in_this_log_are_not_choices(client_for, senco, teacher, pupil, school):
    log(teacher, f.PupilFactory(school=school))
    page = client_for(senco).get(page_url(pupil))
    assert str(teacher.pk) not in dict(page.context["form"].fields["person"].choices)
    # Asking for them anyway is an error on the form, not someone else's rows.
    response = client_for(senco).get(page_url(pupil), {"person": teacher.pk})
    assert response.context["form"].errors["person"]
    assert_valid_html(response)


def test_it_filters_rows_with_nobody_signed_in(client_for, senco, pupil):
    job = log(None, pupil)
    response = client_for(senco).get(page_url(pupil), {"person": "none"})
    assert shown(response) == [job.pk]
    assert "Nobody signed in" in response.content.decode()


def test_it_filters_by_action_label_and_shows_no_codes(client_for, senco, teacher, pupil):
    log(teacher, pupil)
    change = log(teacher, pupil, AuditAction.REGISTER_CHANGE)
    client = client_for(senco)
    actions = dict(client.get(page_url(pupil)).context["form"].fields["action"].choices)
    assert "Changed provision or needs" in actions
    assert "Viewed the pupil's page" in actions
    response = client.get(page_url(pupil), {"action": "Changed provision or needs"})
    assert shown(response) == [change.pk]
    content = html.unescape(response.content.decode())
    assert "register.change" not in content and "pupil.view" not in content


def test_an_old_code_outside_the_vocabulary_is_its_own_label(client_for, senco, pupil):
    old = log(senco, pupil, action=AuditAction.PUPIL_VIEW)
    AuditEvent.objects.filter(pk=old.pk).update(action="pupil.peeked")
    response = client_for(senco).get(page_url(pupil), {"action": "pupil.peeked"})
    assert shown(response) == [old.pk]


def test_it_filters_by_dates_in_london_time(client_for, senco, teacher, pupil):
    # 00:30 on 1 July in London is 23:30 on 30 June in UTC: it belongs to 1 July.
    july = log(teacher, pupil, when=datetime.datetime(2026, 7, 1, 0, 30, tzinfo=LONDON))
    june = log(teacher, pupil, when=datetime.datetime(2026, 6, 30, 23, 59, tzinfo=LONDON))
    log(teacher, pupil, when=datetime.datetime(2026, 7, 3, 9, 0, tzinfo=LONDON))
    client = client_for(senco)

    def between(start, end):
        data = {**date_data("date_from", start), **date_data("date_to", end)}
        return shown(client.get(page_url(pupil), data))

    assert between(datetime.date(2026, 7, 1), datetime.date(2026, 7, 1)) == [july.pk]
    assert between(datetime.date(2026, 6, 30), datetime.date(2026, 6, 30)) == [june.pk]
    assert between(datetime.date(2026, 6, 1), datetime.date(2026, 7, 1)) == [july.pk, june.pk]
    assert between(None, datetime.date(2026, 6, 30)) == [june.pk]


def test_a_date_range_the_wrong_way_round_is_an_error(client_for, senco, pupil):
    data = {
        **date_data("date_from", datetime.date(2026, 7, 2)),
        **date_data("date_to", datetime.date(2026, 7, 1)),
    }
    response = client_for(senco).get(page_url(pupil), data)
    content = response.content.decode()
    assert "There is a problem" in content
    assert "To date must be the same as or after the from date" in content
    # What was typed is kept.
    assert 'value="2"' in content
    assert_valid_html(response)


def test_a_date_that_does_not_exist_is_an_error(client_for, senco, pupil):
    response = client_for(senco).get(page_url(pupil), date_data("date_from", ("31", "2", "2026")))
    assert "From date must be a real date" in response.content.decode()
    assert_valid_html(response)


def test_it_pages_a_long_log(client_for, senco, pupil):
    AuditEvent.objects.bulk_create(
        [AuditEvent(user=senco, school=pupil.school, pupil=pupil, action="pupil.view")] * 120
    )
    client = client_for(senco)
    first = client.get(page_url(pupil))
    # 120 and the SENCO's own look at this page.
    assert len(first.context["page"]) == 50
    assert "121 entries, showing 1 to 50" in first.content.decode()
    assert 'class="govuk-pagination"' in first.content.decode()
    assert_valid_html(first)
    last = client.get(page_url(pupil), {"page": 3, "person": senco.pk})
    # A further look was recorded, and the filter is kept in the links.
    assert len(last.context["page"]) == 22
    assert f"person={senco.pk}&amp;page=2" in last.content.decode()
    assert_valid_html(last)


def test_the_page_is_never_cached(client_for, senco, pupil):
    response = client_for(senco).get(page_url(pupil))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_looking_is_recorded(client_for, senco, pupil):
    client_for(senco).get(page_url(pupil), {"action": "Viewed the pupil's page"})
    event = AuditEvent.objects.get(action="pupil.audit.view")
    assert (event.user, event.pupil) == (senco, pupil)


@pytest.mark.parametrize("n", [5, 200])
def test_page_queries_do_not_grow(n, client_for, senco, teacher, ta, pupil):
    for i in range(n):
        log([teacher, ta, None][i % 3], pupil, [AuditAction.PUPIL_VIEW, "passport.view"][i % 2])
    client = client_for(senco)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(page_url(pupil), {"page": 2}).status_code == 200
    # session, user, pupil with school and membership (no visibility query for the
    # SENCO), audit insert, the people and actions in the filters, count, the page of
    # rows; and before the filters and the count, whether list pages' rows wait to be
    # moved into the log.
    assert len(ctx.captured_queries) == 9


# --- The download --------------------------------------------------------------------------


def test_the_download_has_every_column(client_for, senco, teacher, pupil):
    log(
        teacher,
        pupil,
        AuditAction.REGISTER_CHANGE,
        when=datetime.datetime(2026, 7, 1, 0, 30, tzinfo=LONDON),
        ip="10.1.2.3",
        detail={"to": "E", "reason": "Plan issued"},
    )
    response = client_for(senco).get(export_url(pupil))
    header, *body = rows(response)
    assert header == [
        "When",
        "Name",
        "Username",
        "What",
        "Action code",
        "Client address",
        "Details",
    ]
    assert body == [
        [
            "2026-07-01T00:30:00+01:00",
            teacher.get_full_name(),
            "teacher",
            "Changed provision or needs",
            "register.change",
            "10.1.2.3",
            json.dumps({"reason": "Plan issued", "to": "E"}),
        ]
    ]
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_the_download_has_the_filtered_rows_only(client_for, senco, teacher, ta, pupil):
    log(teacher, pupil)
    log(ta, pupil)
    log(None, pupil)
    client = client_for(senco)
    by_ta = rows(client.get(export_url(pupil), {"person": ta.pk}))[1:]
    assert [r[2] for r in by_ta] == ["ta"]
    nobody = rows(client.get(export_url(pupil), {"person": "none"}))[1:]
    assert [r[1:3] for r in nobody] == [["(nobody signed in)", ""]]
    # The page links to the download with its filters.
    content = client.get(page_url(pupil), {"person": ta.pk}).content.decode()
    assert f'{export_url(pupil)}?person={ta.pk}"' in content


def test_the_download_is_safe_to_open_in_a_spreadsheet(client_for, senco, pupil, school):
    user = f.UserFactory(username="=cmd", first_name="@SUM(A1)", last_name="")
    log(user, pupil, detail={"q": "=HYPERLINK()"})
    body = rows(client_for(senco).get(export_url(pupil), {"person": user.pk}))[1]
    assert body[1:3] == ["'@SUM(A1)", "'=cmd"]
    # The details are JSON, which starts with a brace and cannot run.
    assert json.loads(body[6]) == {"q": "=HYPERLINK()"}


def test_the_download_is_audited_with_its_filters(client_for, senco, teacher, pupil):
    log(teacher, pupil)
    client_for(senco).get(export_url(pupil), {"person": teacher.pk}, REMOTE_ADDR="10.9.8.7")
    event = AuditEvent.objects.get(action="pupil.audit.export")
    assert (event.user, event.pupil, event.ip_address) == (senco, pupil, "10.9.8.7")
    assert event.detail == {"filters": {"person": str(teacher.pk)}, "rows": 1}
    # And it reads in plain English on the page.
    content = html.unescape(client_for(senco).get(page_url(pupil)).content.decode())
    assert "Downloaded who has looked at the record" in content


def test_a_download_with_bad_filters_goes_back_to_the_page(client_for, senco, pupil):
    data = date_data("date_from", ("31", "2", "2026"))
    response = client_for(senco).get(export_url(pupil), data)
    assert response.status_code == 302
    assert response["Location"].startswith(page_url(pupil) + "?")
    assert not AuditEvent.objects.filter(action="pupil.audit.export").exists()


@pytest.mark.parametrize("n", [5, 200])
def test_download_queries_do_not_grow(n, client_for, senco, teacher, ta, pupil):
    for i in range(n):
        log([teacher, ta, None][i % 3], pupil)
    client = client_for(senco)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(export_url(pupil))
    assert len(rows(response)) == n + 1
    # session, user, pupil with school and membership (no visibility query for the
    # SENCO), the people and actions in the filters, the rows, audit insert; and before
    # the filters and the rows, whether list pages' rows wait to be moved into the log.
    assert len(ctx.captured_queries) == 8


def test_many_pages_are_elided(client_for, senco, pupil):
    AuditEvent.objects.bulk_create(
        [AuditEvent(user=senco, school=pupil.school, pupil=pupil, action="pupil.view")] * 600
    )
    response = client_for(senco).get(page_url(pupil), {"page": 6})
    content = response.content.decode()
    assert content.count("govuk-pagination__item--ellipses") == 2
    assert 'aria-current="page">6<' in content
    assert 'aria-label="Page 13"' in content
    assert_valid_html(response)


@pytest.mark.parametrize("by_person", [False, True])
def test_every_row_is_on_exactly_one_page_newest_first(
    by_person, client_for, senco, teacher, pupil
):
    """Pages in the older half are read from the oldest end: the pages still join up. (The
    rows are those of one action, so that the looks at this page do not move them.)"""
    start = datetime.datetime(2026, 1, 5, 9, tzinfo=datetime.UTC)
    for n in range(130):
        log([senco, teacher][n % 2], pupil, when=start + datetime.timedelta(hours=n))
    client = client_for(senco)
    query = {"action": label_for(AuditAction.PUPIL_VIEW)}
    events = AuditEvent.objects.filter(pupil=pupil, action=AuditAction.PUPIL_VIEW)
    if by_person:
        query["person"] = teacher.pk
        events = events.filter(user=teacher)
    seen = []
    for number in (1, 2, 3):
        seen += shown(client.get(page_url(pupil), {**query, "page": number}))
    expected = list(events.order_by("-at", "-id").values_list("pk", flat=True))
    if by_person:  # two pages: page 3 is the last page again
        expected += expected[50:]
    assert seen == expected

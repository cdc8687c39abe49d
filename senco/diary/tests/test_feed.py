"""The iCalendar feed and its secret address: made, shown once, replaced, stopped, and
checked again on every fetch."""

import datetime
import logging

import icalendar
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco.accounts.models import Membership
from senco.audit.models import AuditEvent
from senco.diary.models import CalendarFeed, token_hash
from senco.diary.tests.conftest import make_feed
from senco.diary.tests.test_calendar import _add_plans
from senco.testing import assert_valid_html


def _fetch(token, status=200):
    response = Client().get(reverse("diary_feed", args=[token]))
    assert response.status_code == status
    return response


def _events(response):
    calendar = icalendar.Calendar.from_ical(response.content)
    return calendar, [c for c in calendar.walk() if c.name == "VEVENT"]


def _subscribe(client, school, names="initials"):
    """Make an address through the pages, as a person would; returns it."""
    response = client.post(reverse("diary_feed_settings", args=[school.urn]), {"names": names})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert_valid_html(page)
    html = page.content.decode()
    start = html.index("/calendar/feed/")
    token = html[start + len("/calendar/feed/") : html.index(".ics", start)]
    return token, html


def test_the_feed_is_valid_icalendar_with_initials(senco, school, review, request_, ehc_pupil):
    token = make_feed(senco, school)
    response = _fetch(token)
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    calendar, events = _events(response)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    assert str(calendar["X-WR-CALNAME"]) == f"senco: {school.name}"
    assert events
    for event in events:
        assert isinstance(event.decoded("DTSTART"), datetime.date)
        assert not isinstance(event.decoded("DTSTART"), datetime.datetime)  # all day
        assert event.decoded("DTEND") == event.decoded("DTSTART") + datetime.timedelta(days=1)
        assert event["UID"].endswith("@testserver") and event["DTSTAMP"]
        assert str(event["URL"]).startswith("http://testserver/")
        assert "Rule: " in str(event["DESCRIPTION"]) and "Open in senco: " in str(
            event["DESCRIPTION"]
        )
    text = response.content.decode()
    assert ehc_pupil.legal_surname not in text and ehc_pupil.forename not in text
    assert "ZOŁ" in text
    summaries = {str(e["SUMMARY"]) for e in events}
    assert "Annual review of ZOŁ's EHC plan: send the invitations" in summaries
    assert any("reg. 20(3)" in str(e["DESCRIPTION"]) for e in events)


def test_the_uids_stay_the_same_from_one_fetch_to_the_next(senco, school, review, request_):
    token = make_feed(senco, school)
    first = {str(e["UID"]) for e in _events(_fetch(token))[1]}
    second = {str(e["UID"]) for e in _events(_fetch(token))[1]}
    assert first == second and len(first) == len(_events(_fetch(token))[1])


def test_full_names_when_chosen(senco, school, review, ehc_pupil):
    token = make_feed(senco, school, full_names=True)
    assert ehc_pupil.full_name in _fetch(token).content.decode()


def test_a_wrong_token_is_not_found(senco, school):
    make_feed(senco, school)
    _fetch("not-the-token", 404)
    _fetch("x" * 500, 404)


def test_making_an_address_shows_it_once(client_for, senco, school, review):
    client = client_for(senco)
    token, html = _subscribe(client, school)
    assert "shown only once" in html and "webcal://" in html
    feed = CalendarFeed.objects.get(user=senco, school=school)
    assert feed.token_hash == token_hash(token) and token not in feed.token_hash
    assert not feed.full_names
    _fetch(token)
    # Leaving the page forgets it: the next visit goes back to the settings.
    again = client.get(reverse("diary_feed_address", args=[school.urn]))
    assert again.status_code == 302
    settings_page = client.get(reverse("diary_feed_settings", args=[school.urn]))
    assert token not in settings_page.content.decode()
    assert AuditEvent.objects.filter(action="diary.feed.create", user=senco).exists()


def test_a_replaced_address_stops_working(client_for, senco, school):
    client = client_for(senco)
    old, _ = _subscribe(client, school)
    new, _ = _subscribe(client, school, names="full_names")
    _fetch(old, 404)
    _fetch(new)
    assert CalendarFeed.objects.filter(user=senco, revoked_at__isnull=True).count() == 1
    assert CalendarFeed.objects.get(revoked_at__isnull=True).full_names


def test_a_stopped_address_stops_working(client_for, senco, school):
    client = client_for(senco)
    token, _ = _subscribe(client, school)
    response = client.post(reverse("diary_feed_revoke", args=[school.urn]))
    assert response.status_code == 302
    _fetch(token, 404)
    assert AuditEvent.objects.filter(action="diary.feed.revoke", user=senco).exists()


def test_the_names_choice_is_required(client_for, senco, school):
    response = client_for(senco).post(reverse("diary_feed_settings", args=[school.urn]), {})
    assert response.status_code == 200
    assert_valid_html(response)
    assert "Choose how pupils should appear in your calendar" in response.content.decode()
    assert not CalendarFeed.objects.exists()


def test_a_person_switched_off_gets_nothing(senco, school, review):
    token = make_feed(senco, school)
    senco.is_active = False
    senco.save()
    _fetch(token, 404)


def test_a_person_switched_off_at_the_school_gets_nothing(senco, school, review):
    token = make_feed(senco, school)
    Membership.objects.filter(user=senco, school=school).update(is_active=False)
    _fetch(token, 404)


def test_a_person_who_moved_school_gets_nothing(senco, school, other_school, review):
    token = make_feed(senco, school)
    Membership.objects.filter(user=senco, school=school).update(school=other_school)
    _fetch(token, 404)


def test_a_teacher_no_longer_teaching_the_pupil_no_longer_sees_them(
    teacher, school, review, ehc_pupil
):
    token = make_feed(teacher, school, full_names=True)
    assert ehc_pupil.legal_surname in _fetch(token).content.decode()
    teacher.teaching_groups.first().pupils.remove(ehc_pupil)
    assert ehc_pupil.legal_surname not in _fetch(token).content.decode()


def test_each_fetch_is_audited_for_each_pupil_in_it(senco, school, review, ehc_pupil):
    token = make_feed(senco, school)
    _fetch(token)
    row = AuditEvent.objects.get(action="diary.feed.fetch", pupil=ehc_pupil)
    assert row.user == senco and row.school == school and row.detail["full_names"] is False
    assert CalendarFeed.objects.get().last_fetched_at is not None


def test_the_token_is_not_written_to_the_request_log(senco, school, caplog):
    token = make_feed(senco, school)
    with caplog.at_level(logging.INFO, logger="senco.requests"):
        _fetch(token)
    assert caplog.records and token not in caplog.text and "[hidden]" in caplog.text


def _count(token):
    with CaptureQueriesContext(connection) as ctx:
        response = _fetch(token)
    return len(ctx.captured_queries), response


def test_the_feeds_queries_do_not_grow_with_the_plans(senco, school, today):
    token = make_feed(senco, school)
    _add_plans(school, 2, today, senco)
    few, first = _count(token)
    _add_plans(school, 12, today, senco)
    many, second = _count(token)
    assert many == few
    assert len(_events(second)[1]) > len(_events(first)[1])


def test_an_unchanged_feed_is_not_built_again_but_a_change_shows(senco, school, review, today):
    token = make_feed(senco, school)
    first = _fetch(token).content
    assert _fetch(token).content == first  # the same bytes, DTSTAMP and all
    review.contributors.update(invited_on=today - datetime.timedelta(days=20))
    changed = _fetch(token).content
    assert changed != first
    assert b"send the invitations" in first and b"send the invitations" not in changed

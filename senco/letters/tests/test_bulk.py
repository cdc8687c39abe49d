"""A letter to many families: filter, preview, send; and the log of every sending."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.letters import services
from senco.letters.models import Batch, Channel, Kind, Message
from senco.letters.tests.helpers import bulk_data
from senco.testing import assert_valid_html

DUMMY_TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _families(school, n, *, year_group=8, email=True):
    pupils = f.SenPupilFactory.create_batch(n, school=school, year_group=year_group)
    for p in pupils:
        f.ContactFactory(
            pupil=p, name=f"Parent of {p.pk}", email=f"p{p.pk}@example.com" if email else ""
        )
    return pupils


def test_the_preview_counts_families_and_says_who_cannot_get_it(
    client_for, senco, school, pupil, barred
):
    _families(school, 3)
    response = client_for(senco).post(
        reverse("letters_bulk", args=[school.urn]), bulk_data(step="preview")
    )
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert "3 families will get it" in html
    assert "1 cannot: see below" in html
    # The cast's pupil: the mother has no email address, the father a court order.
    assert "No contact who may be told has an email address" in html
    assert "Sam Jones" not in html.split('id="reaching-table"')[1]
    assert "The letter to the first family" in html
    assert Batch.objects.count() == 0


def test_filters_narrow_the_families(client_for, senco, school, pupil):
    _families(school, 2, year_group=9)
    _families(school, 1, year_group=10)
    response = client_for(senco).post(
        reverse("letters_bulk", args=[school.urn]),
        bulk_data(year_groups=["9"], provisions=["K"], step="preview"),
    )
    assert "2 families will get it" in response.content.decode()
    response = client_for(senco).post(
        reverse("letters_bulk", args=[school.urn]),
        bulk_data(year_groups=["11"], step="preview"),
    )
    assert "No pupil matches what you chose" in response.content.decode()


def test_a_group_prefills_the_form_and_chooses_its_families(
    client_for, senco, school, pupil, mother, member
):
    client = client_for(senco)
    url = reverse("letters_bulk", args=[school.urn])
    page = client.get(f"{url}?kind=starting_intervention&group={member.group_id}")
    assert_valid_html(page)
    assert f'<option value="{member.group_id}" selected>' in page.content.decode()
    _families(school, 2)  # not in the group
    response = client.post(
        url, bulk_data(kind="starting_intervention", group=str(member.group_id), step="preview")
    )
    html = response.content.decode()
    assert "1 family will get it" in html
    assert "Zoë is starting Reading catch-up" in html


def test_sending_makes_one_batch_and_one_task(client_for, senco, school, pupil):
    _families(school, 5)
    with override_settings(TASKS=DUMMY_TASKS):
        from django_tasks import default_task_backend

        response = client_for(senco).post(
            reverse("letters_bulk", args=[school.urn]), bulk_data(audience="x")
        )
        assert response.status_code == 302
        assert len(default_task_backend.results) == 1
    batch = Batch.objects.get()
    assert batch.messages.filter(status=Message.Status.QUEUED).count() == 5
    # The cast's pupil: nobody to email, logged as not sent with the reason.
    refused = batch.messages.get(status=Message.Status.REFUSED)
    assert refused.pupil == pupil and refused.contact is None
    assert batch.audience == "Every family on the SEN register"


def _queue(senco, school, pupils):
    with override_settings(TASKS=DUMMY_TASKS):
        return services.letters_send(
            actor=Actor(senco),
            school=school,
            kind=Kind.JOINED_REGISTER,
            channel=Channel.EMAIL,
            pupils=pupils,
        )


@pytest.mark.parametrize("n", [10, 60])
def test_queueing_takes_the_same_queries_for_many_families(n, senco, school):
    pupils = _families(school, n)
    with CaptureQueriesContext(connection) as captured:
        _queue(senco, school, pupils)
    # SENCO, wording, contacts, batch, messages, audit rows (and savepoints)
    assert len(captured.captured_queries) <= 12


def _queries(client, url) -> int:
    client.get(url)  # the session's first writes out of the way
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    assert_valid_html(response)
    return len(captured.captured_queries)


def test_the_log_takes_the_same_queries_for_more_sendings(client_for, senco, leader, school):
    pupils = _families(school, 3)
    client = client_for(leader)
    url = reverse("letters_batches", args=[school.urn])
    _queue(senco, school, pupils)
    few = _queries(client, url)
    for _ in range(5):
        _queue(senco, school, pupils)
    assert _queries(client, url) == few <= 10
    response = client.get(url)
    assert response.content.decode().count("Your child has joined the SEND register") == 6
    assert b"Write to many families" not in response.content  # leaders read only


def test_a_sending_takes_the_same_queries_for_more_families(client_for, senco, school):
    client = client_for(senco)
    small = _queue(senco, school, _families(school, 2))
    big = _queue(senco, school, _families(school, 12))
    small_url = reverse("letters_batch", args=[school.urn, small.pk])
    big_url = reverse("letters_batch", args=[school.urn, big.pk])
    assert _queries(client, small_url) == _queries(client, big_url)


def test_a_review_day_invites_the_families_not_yet_booked(client_for, senco, school, ta):
    from senco.families.models import ReviewDay, ReviewRoom, Slot

    booked, waiting = _families(school, 2)
    day = ReviewDay.objects.create(
        school=school,
        held_on=timezone.localdate() + datetime.timedelta(days=14),
        starts_at=datetime.time(13, 0),
        ends_at=datetime.time(16, 0),
    )
    room = ReviewRoom.objects.create(day=day, room="Library", staff=ta)
    Slot.objects.create(day=day, room=room, starts_at=datetime.time(13, 0), pupil=booked)
    url = reverse("letters_bulk", args=[school.urn])
    client = client_for(senco)
    page = client.get(f"{url}?kind=review_day&day={day.pk}")
    assert_valid_html(page)
    response = client.post(url, bulk_data(kind="review_day", day=str(day.pk), step="preview"))
    html = response.content.decode()
    assert "1 family will get it" in html
    assert "from 1pm to 4pm, 20 minutes each" in html
    response = client.post(
        url,
        bulk_data(kind="review_day", day=str(day.pk), everyone_on_day="on", step="preview"),
    )
    assert "2 families will get it" in response.content.decode()


def test_the_form_shows_each_box_once(client_for, senco, school, group):
    html = client_for(senco).get(reverse("letters_bulk", args=[school.urn])).content.decode()
    for name in ("group", "day", "kind", "channel", "area"):
        assert html.count(f'id="id_{name}"') == 1, name

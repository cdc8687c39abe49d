"""A note or evidence posted twice (a double click, the browser's resend) is saved once."""

import datetime
import re

from django.urls import reverse
from django.utils import timezone

from senco.audit.models import UsedFormToken
from senco.audit.submissions import KEEP
from senco.lib.forms import date_data
from senco.plans.models import Evidence


def token_on(page, form_id=None) -> str:
    html = page.content.decode()
    if form_id:
        html = html[html.index(f'id="{form_id}"') :]
    return re.search(r'name="form_token" value="([0-9a-f-]{36})"', html).group(1)


def test_a_note_posted_twice_is_saved_once(client_for, ta, pupil, planned, today):
    client = client_for(ta)
    page = client.get(reverse("plans_cycle", args=[pupil.pk, planned.pk]))
    token = token_on(page, "note-form")
    url = reverse("plans_note_add", args=[pupil.pk, planned.pk])
    data = {**date_data("date", today), "text": "Read with Zoë", "form_token": token}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == second.status_code == 302
    assert first.url == second.url
    assert planned.notes.count() == 1
    # A new drawing of the form has a new token, so the same words can be noted again.
    again = token_on(client.get(reverse("plans_cycle", args=[pupil.pk, planned.pk])), "note-form")
    assert again != token
    client.post(url, {**data, "form_token": again})
    assert planned.notes.count() == 2


def test_evidence_posted_twice_is_saved_once(client_for, senco, pupil, cycle, today):
    client = client_for(senco)
    url = reverse("plans_evidence_add", args=[pupil.pk, cycle.pk])
    token = token_on(client.get(url))
    data = {
        "kind": "observation",
        **date_data("date", today),
        "given_by": "Ms Jones",
        "summary": "Settles well",
        "form_token": token,
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Evidence.objects.filter(cycle=cycle).count() == 1


def test_a_form_with_errors_keeps_its_token_unused(client_for, senco, pupil, cycle, today):
    client = client_for(senco)
    url = reverse("plans_evidence_add", args=[pupil.pk, cycle.pk])
    token = token_on(client.get(url))
    data = {"kind": "observation", **date_data("date", today), "form_token": token}
    page = client.post(url, data)
    assert page.status_code == 200
    assert token_on(page) == token
    assert not UsedFormToken.objects.exists()
    fixed = {**data, "given_by": "Ms Jones", "summary": "Settles well"}
    assert client.post(url, fixed).status_code == 302
    assert Evidence.objects.filter(cycle=cycle).count() == 1


def test_a_post_without_a_token_is_saved(client_for, ta, pupil, planned, today):
    url = reverse("plans_note_add", args=[pupil.pk, planned.pk])
    data = {**date_data("date", today), "text": "Read with Zoë"}
    client_for(ta).post(url, data)
    client_for(ta).post(url, {**data, "form_token": "not a token"})
    assert planned.notes.count() == 2


def test_tokens_older_than_a_day_are_deleted(client_for, ta, pupil, planned, today):
    old = UsedFormToken.objects.create(token="00000000-0000-4000-8000-000000000000")
    UsedFormToken.objects.filter(pk=old.pk).update(
        used_at=timezone.now() - KEEP - datetime.timedelta(minutes=1)
    )
    url = reverse("plans_note_add", args=[pupil.pk, planned.pk])
    token = "11111111-1111-4111-8111-111111111111"
    client_for(ta).post(url, {**date_data("date", today), "text": "A", "form_token": token})
    assert [str(t) for t in UsedFormToken.objects.values_list("token", flat=True)] == [token]

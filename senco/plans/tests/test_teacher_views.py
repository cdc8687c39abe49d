"""Teachers are asked for their views before a review, and the SENCO sees who answered."""

import datetime

from django.core.management import call_command
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.plans import services
from senco.plans.models import ViewRequest
from senco.testing import assert_valid_html


def test_the_senco_asks_the_pupils_teachers_once(client_for, senco, teacher, pupil, planned):
    url = reverse("plans_views_request", args=[pupil.pk, planned.pk])
    client = client_for(senco)
    client.post(url)
    client.post(url)
    assert list(ViewRequest.objects.values_list("teacher", flat=True)) == [teacher.pk]
    assert AuditEvent.objects.filter(action="plans.views.request").count() == 1
    page = client.get(reverse("plans_cycle", args=[pupil.pk, planned.pk]))
    assert "Not yet" in page.content.decode()


def test_the_teacher_answers(client_for, senco, teacher, pupil, planned):
    services.view_requests_create(actor=Actor(senco), cycle=planned)
    request = ViewRequest.objects.get()
    url = reverse("plans_view_answer", args=[request.pk])
    page = client_for(teacher).get(url)
    assert "Reads a Year 5 text aloud" in page.content.decode()
    assert_valid_html(page)
    empty = client_for(teacher).post(url, {"view": ""})
    assert "There is a problem" in empty.content.decode()
    assert_valid_html(empty)
    response = client_for(teacher).post(url, {"view": "Much more settled in English"})
    assert response["Location"] == reverse("home")
    request.refresh_from_db()
    assert request.answered_at is not None
    assert AuditEvent.objects.filter(action="plans.views.answer", user=teacher).exists()
    cycle_page = client_for(senco).get(reverse("plans_cycle", args=[pupil.pk, planned.pk]))
    assert "Much more settled in English" in cycle_page.content.decode()
    review = client_for(senco).get(reverse("plans_review", args=[pupil.pk, planned.pk]))
    assert "Much more settled in English" in review.content.decode()


def test_a_teacher_who_no_longer_teaches_the_pupil_cannot_answer(
    client_for, senco, teacher, pupil, planned
):
    services.view_requests_create(actor=Actor(senco), cycle=planned)
    request = ViewRequest.objects.get()
    teacher.teaching_groups.get().pupils.remove(pupil)
    assert (
        client_for(teacher).get(reverse("plans_view_answer", args=[request.pk])).status_code == 404
    )


def test_the_daily_command_asks_about_reviews_within_two_weeks(
    senco, teacher, school, pupil, planned, today
):
    planned.review_date = today + datetime.timedelta(days=10)
    planned.save()
    later = f.SenPupilFactory(school=school)
    teacher.teaching_groups.get().pupils.add(later)
    far = services.cycle_start(actor=Actor(senco), pupil=later)
    far.review_date = today + datetime.timedelta(days=40)
    far.save()
    call_command("request_teacher_views")
    call_command("request_teacher_views")
    assert list(ViewRequest.objects.values_list("cycle", "teacher")) == [(planned.pk, teacher.pk)]

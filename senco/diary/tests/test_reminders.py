"""Reminders: the SENCO's statutory deadlines in "What needs doing", and the daily email."""

import datetime

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from senco import registry
from senco.accounts.models import Membership
from senco.audit.models import AuditEvent
from senco.diary.models import ReminderSent
from senco.diary.reminders import reminders_send
from senco.ehcp.models import AnnualReview
from senco.testing import assert_valid_html


def _emails(*users):
    for user in users:
        user.email = f"{user.username}@example.org"
        user.save()


def test_the_senco_sees_the_deadlines_on_the_home_page(client_for, senco, school, review, request_):
    response = client_for(senco).get(reverse("home"))
    assert_valid_html(response)
    html = response.content.decode()
    assert "Statutory deadlines overdue or due within 10 school days" in html
    section = html[html.index('id="diary-deadlines"') :]
    assert "send the invitations" in section and "Overdue" in section
    assert "decision whether to assess" in section and "Due soon" in section
    assert reverse("diary_calendar", args=[school.urn]) in html


def test_a_teacher_has_no_deadlines_section(client_for, teacher, review):
    html = client_for(teacher).get(reverse("home")).content.decode()
    assert "Statutory deadlines overdue" not in html


def test_nothing_due_says_so(client_for, senco, plan):
    html = client_for(senco).get(reverse("home")).content.decode()
    assert "No statutory deadline is overdue or due within 10 school days." in html


@override_settings(SITE_URL="https://senco.example.org")
def test_the_senco_and_the_reviews_owner_get_one_email_each(
    senco, teacher, leader, other_teacher, school, review, request_, ehc_pupil, today
):
    _emails(senco, teacher, leader, other_teacher)
    said = reminders_send(today)
    assert said.startswith("Sent 2 reminder emails")
    by_person = {m.to[0]: m for m in mail.outbox}
    assert set(by_person) == {senco.email, teacher.email}
    to_senco = by_person[senco.email].body
    assert "send the invitations (overdue)" not in to_senco  # the overdue mark is by the date
    assert "(overdue): Annual review of ZOŁ's EHC plan: send the invitations" in to_senco
    assert "Needs assessment of ZOŁ: decision whether to assess" in to_senco
    assert "reg. 20(3)" in to_senco
    assert "https://senco.example.org/pupils/" in to_senco
    assert school.name in to_senco
    for message in mail.outbox:
        assert ehc_pupil.legal_surname not in message.body + message.subject
        assert ehc_pupil.forename not in message.body
    # The owner hears only of the review they own, not the request.
    to_owner = by_person[teacher.email].body
    assert "send the invitations" in to_owner and "Needs assessment" not in to_owner
    rows = AuditEvent.objects.filter(action="diary.reminder.sent", pupil=ehc_pupil)
    assert sorted(r.detail["to"] for r in rows) == sorted([senco.pk, teacher.pk])


def test_twice_in_a_day_sends_nobody_two(senco, school, review, today):
    _emails(senco)
    reminders_send(today)
    said = reminders_send(today)
    assert len(mail.outbox) == 1
    assert "Sent 0 reminder emails" in said and "1 person already had today's" in said
    assert ReminderSent.objects.get(user=senco).day == today
    reminders_send(today + datetime.timedelta(days=1))
    assert len(mail.outbox) == 2


def test_no_email_when_nothing_is_due(senco, plan, today):
    _emails(senco)
    assert reminders_send(today).startswith("Sent 0 reminder emails")
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


def test_no_email_once_the_steps_are_done(senco, school, review, today):
    _emails(senco)
    review.contributors.update(invited_on=today - datetime.timedelta(days=20))
    AnnualReview.objects.filter(pk=review.pk).update(advice_circulated_on=today)
    reminders_send(today)
    assert mail.outbox == []


def test_no_email_to_someone_switched_off(senco, school, review, today):
    _emails(senco)
    Membership.objects.filter(user=senco).update(is_active=False)
    reminders_send(today)
    assert mail.outbox == []


def test_an_owner_who_no_longer_sees_the_pupil_is_not_told(teacher, school, review, today):
    _emails(teacher)
    teacher.teaching_groups.first().pupils.clear()
    reminders_send(today)
    assert mail.outbox == []


def test_a_failed_email_is_tried_again_later(senco, school, review, today, monkeypatch):
    _emails(senco)

    def broken(**kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("senco.diary.reminders.send_mail", broken)
    assert reminders_send(today).startswith("Sent 0")
    assert not ReminderSent.objects.exists()
    monkeypatch.undo()
    reminders_send(today)
    assert len(mail.outbox) == 1


def test_the_reminders_are_a_daily_schedule():
    (schedule,) = [s for s in registry.schedules() if s.name == "diary.reminders"]
    assert schedule.every == datetime.timedelta(days=1) and schedule.after == datetime.time(7, 0)
    assert schedule.run is reminders_send


def test_the_calendar_is_in_the_menu_or_on_the_home_page(client_for, senco, teacher, school):
    url = reverse("diary_calendar", args=[school.urn])
    senco_home = client_for(senco).get(reverse("home")).content.decode()
    assert f'href="{url}">Calendar<span class="govuk-visually-hidden"> at' in senco_home
    assert f'href="{url}">Calendar</a>' not in senco_home  # the SENCO's menu is full
    teacher_home = client_for(teacher).get(reverse("home")).content.decode()
    assert f'href="{url}">Calendar</a>' in teacher_home


def test_an_overdue_annual_review_is_listed_once_on_the_home_page(client_for, senco, plan, today):
    """The EHC plans section lists reviews due within 6 weeks; the deadlines section leaves
    them out, and the daily email still carries them."""
    plan.last_review_on = today - datetime.timedelta(days=400)
    plan.save()
    html = client_for(senco).get(reverse("home")).content.decode()
    assert html.count(f'href="{reverse("ehcp_plan", args=[plan.pupil_id])}"') == 1
    assert "No statutory deadline is overdue or due within 10 school days." in html
    _emails(senco)
    reminders_send(today)
    assert "Annual review of" in mail.outbox[0].body

"""The daily reminder email: each person with statutory steps overdue or due within 10
school days gets one plain email listing them, with links. The SENCO (whoever
`follows_deadlines`) of each school hears of all of its steps; the owner of a step (an
annual review's owner) of their own, as far as they may still see the pupil. Pupils appear
by their initials only: the email leaves the system.

Safe to run twice a day, or by two schedulers at once: a person's `ReminderSent` row for the
day is claimed (a unique row) before their email is sent, so nobody gets two.
"""

import datetime
import logging
from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from senco.access import Scope, pupils_visible_to
from senco.accounts.models import Membership, Role
from senco.audit.actor import Actor
from senco.audit.services import audit_record_many
from senco.diary.audit import DiaryAction
from senco.diary.models import ReminderSent
from senco.diary.selectors import due_steps
from senco.lib.text import plural
from senco.schools.models import School

logger = logging.getLogger("senco.diary")


def _whole_school(school: School) -> Scope:
    """Everything at the school, to find each step once and whose it is. Never shown as it
    is: each person's list is checked against their own scope."""
    return Scope(None, school, Role.SENCO)


def _visible(scope: Scope, pupil_ids: set[int]) -> set[int]:
    if not pupil_ids:
        return set()
    return set(pupils_visible_to(scope).filter(pk__in=pupil_ids).values_list("pk", flat=True))


def reminders_due(today: datetime.date) -> dict:
    """{user: [(school, [event, ...]), ...]} for everyone with something due."""
    found: dict = defaultdict(list)
    members = (
        Membership.objects.filter(is_active=True, user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "school__trust")
    )
    by_school: dict[int, list[Membership]] = defaultdict(list)
    schools = {}
    for membership in members:
        by_school[membership.school_id].append(membership)
        schools[membership.school_id] = membership.school
    for school_id, memberships in by_school.items():
        school = schools[school_id]
        events = due_steps(_whole_school(school), today)
        if not events:
            continue
        for membership in memberships:
            scope = Scope(membership.user, school, membership.role, membership.can_edit_passports)
            if not scope.sees_calendar:
                continue
            if scope.follows_deadlines:
                mine = events
            else:
                mine = [e for e in events if e.owner_id == membership.user_id]
            allowed = _visible(scope, {e.pupil_id for e in mine if e.pupil_id})
            mine = [e for e in mine if e.pupil_id is None or e.pupil_id in allowed]
            if mine:
                found[membership.user].append((school, mine))
    return found


def _claim(user, day: datetime.date, steps: int) -> bool:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(user=user, day=day, steps=steps)
    except IntegrityError:
        return False
    return True


def reminders_send(today: datetime.date | None = None) -> str:
    """Send today's reminder emails (the daily schedule). Says how many were sent."""
    today = today or timezone.localdate()
    sent = skipped = steps = 0
    for user, schools in reminders_due(today).items():
        count = sum(len(events) for _, events in schools)
        if not _claim(user, today, count):
            skipped += 1
            continue
        lines = [
            (
                school,
                [
                    (e, e.title_for(names=False), f"{settings.SITE_URL}{e.url}" if e.url else "")
                    for e in events
                ],
            )
            for school, events in schools
        ]
        body = render_to_string(
            "diary/email/reminder.txt", {"user": user, "schools": lines, "today": today}
        )
        try:
            send_mail(
                subject=f"senco: {plural(count, 'deadline')} overdue or due soon",
                message=body,
                from_email=None,
                recipient_list=[user.email],
            )
        except Exception:
            # Not sent: let a later run today try again.
            ReminderSent.objects.filter(user=user, day=today).delete()
            logger.exception("reminder email to user %s failed", user.pk)
            continue
        audit_record_many(
            actor=Actor.system(),
            action=DiaryAction.REMINDER_SENT,
            rows=[
                {"pupil": pupil, "school": school, "detail": {"to": user.pk, "day": str(today)}}
                for school, events in schools
                for pupil in sorted({e.pupil_id for e in events if e.pupil_id})
            ],
        )
        sent += 1
        steps += count
    done = f"Sent {plural(sent, 'reminder email')} ({plural(steps, 'deadline')})."
    return done + (
        f" {plural(skipped, 'person', 'people')} already had today's." if skipped else ""
    )

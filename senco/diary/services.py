"""Writes of the calendar: making and stopping a subscription address, and recording each
fetch of the feed. Reminder emails are in `reminders.py`."""

import secrets

from django.db import transaction
from django.utils import timezone

from senco.access import Scope
from senco.audit.actor import Actor
from senco.audit.services import audit_list, audit_record
from senco.diary.audit import DiaryAction
from senco.diary.models import CalendarFeed, token_hash


@transaction.atomic
def feed_create(*, actor: Actor, scope: Scope, full_names: bool) -> str:
    """A new secret address for the person's calendar at the school, replacing any they
    had (which stops working at once). Returns the token, which is kept only as a hash:
    the caller shows it once."""
    replaced = CalendarFeed.objects.filter(
        user=scope.user, school=scope.school, revoked_at__isnull=True
    ).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    feed = CalendarFeed.objects.create(
        user=scope.user, school=scope.school, token_hash=token_hash(token), full_names=full_names
    )
    audit_record(
        actor=actor,
        action=DiaryAction.FEED_CREATE,
        school=scope.school,
        detail={"feed": feed.pk, "full_names": full_names, "replaced": bool(replaced)},
    )
    return token


@transaction.atomic
def feed_revoke(*, actor: Actor, scope: Scope) -> bool:
    """Stop the person's address at the school; False when they had none."""
    feed = CalendarFeed.objects.filter(
        user=scope.user, school=scope.school, revoked_at__isnull=True
    ).first()
    if feed is None:
        return False
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    audit_record(
        actor=actor, action=DiaryAction.FEED_REVOKE, school=scope.school, detail={"feed": feed.pk}
    )
    return True


@transaction.atomic
def feed_fetched(*, actor: Actor, feed: CalendarFeed, pupil_ids, events: int) -> None:
    """A calendar app fetched the feed: one audit row for each pupil in it (one INSERT),
    on behalf of the person whose address it is."""
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    audit_list(
        actor=Actor(feed.user, actor.ip_address),
        action=DiaryAction.FEED_FETCH,
        school=feed.school,
        pupils=sorted(pupil_ids),
        detail={"feed": feed.pk, "full_names": feed.full_names, "events": events},
    )

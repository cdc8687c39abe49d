"""Parents' accounts: the school invites a pupil's contact by email, the parent accepts
once (choosing a password, or signing in to an account they already have), and the school
can stop their access. No self-registration: an account for a parent is made only here.

Rules:
- Only a contact who may be told about the pupil (`Contact.may_be_told`) and has an email
  address is invited; the refusal says why.
- The link holds `secrets.token_urlsafe(32)`; only its SHA-256 is stored. It works once,
  for 14 days, while the contact may be told. A new invitation cancels (expires) the
  contact's earlier unused ones.
- Accepting claims the invitation with a conditional update on `used_at`, so of two
  requests at once only one makes an account and a link.
- Every step writes a row in the pupil's log, with ids only (no names or addresses).
"""

import datetime
import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import OuterRef, QuerySet, Subquery
from django.template.loader import render_to_string
from django.utils import timezone

from senco.accounts.models import ParentInvitation, ParentLink
from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.prepared import Prepared

# The pupils app imports accounts, so accounts reaches a contact through the link's field
# rather than by importing senco.pupils (no cycle between the core's apps).
Contact = ParentLink._meta.get_field("contact").related_model

INVITATION_DAYS = 14


class InvitationGone(Exception):
    """The invitation is unknown, expired, used, cancelled, or its contact may no longer be
    told: one answer for all, so that the page teaches nothing."""


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def why_not_invited(contact: Contact) -> str:
    """The reason a contact may not be invited, in plain English, or "" when they may."""
    if contact.no_contact:
        why = contact.restriction_note or "no reason recorded"
        return f"{contact.name} must not be contacted ({why})."
    if contact.no_information:
        return (
            f"{contact.name} must not be given information about {contact.pupil.forename} "
            f"({contact.restriction_note or 'no reason recorded'})."
        )
    if not contact.email:
        return (
            f"There is no email address for {contact.name}. Add one to their details first, "
            "then invite them."
        )
    return ""


# --- What the school sees about a contact's access ---------------------------------------


@dataclass(frozen=True)
class Access:
    """A contact's parent account: "account" (active link), "stopped", "invited" (an
    invitation waiting) or "none"."""

    state: str
    sent_at: datetime.datetime | None = None
    expires_at: datetime.datetime | None = None


def access_for(contacts) -> dict[int, Access]:
    """{contact id: Access} for these contacts, in two queries whatever their number."""
    ids = [c.pk for c in contacts]
    if not ids:
        return {}
    now = timezone.now()
    links = dict(
        ParentLink.objects.filter(contact_id__in=ids).values_list("contact_id", "is_active")
    )
    waiting = {}
    for inv in ParentInvitation.objects.filter(
        contact_id__in=ids, used_at=None, expires_at__gt=now
    ).order_by("created_at"):
        waiting[inv.contact_id] = inv
    return {
        pk: _access(
            links.get(pk),
            waiting[pk].created_at if pk in waiting else None,
            waiting[pk].expires_at if pk in waiting else None,
        )
        for pk in ids
    }


def _annotated(contacts: QuerySet, now) -> QuerySet:
    waiting = ParentInvitation.objects.filter(
        contact=OuterRef("pk"), used_at=None, expires_at__gt=now
    ).order_by("-created_at", "-pk")
    link = ParentLink.objects.filter(contact=OuterRef("pk")).values("is_active")[:1]
    return contacts.annotate(
        access_link=Subquery(link),
        access_sent=Subquery(waiting.values("created_at")[:1]),
        access_expires=Subquery(waiting.values("expires_at")[:1]),
    )


def _set_access(found: list[Contact]) -> list[Contact]:
    for c in found:
        c.parent_access = _access(c.access_link, c.access_sent, c.access_expires)
    return found


# The pupil page's contacts, with SQL written once (senco/lib/prepared.py).
_pupil_contacts = Prepared(
    lambda pupil, now: _annotated(Contact.objects.filter(pupil_id=pupil).defer("search_key"), now)
)


def pupil_contacts_with_access(pupil) -> list[Contact]:
    """The pupil's contacts (as `pupil.contacts`), each with `parent_access`: one query."""
    return _set_access(_pupil_contacts.instances(pupil=pupil.pk, now=timezone.now()))


def with_access(contacts) -> list[Contact]:
    """The contacts, each with `parent_access` (an Access) set. A queryset is read once,
    with its access as subqueries (no query more); a list costs two queries in all."""
    if isinstance(contacts, QuerySet):
        return _set_access(list(_annotated(contacts, timezone.now())))
    contacts = list(contacts)
    access = access_for(contacts)
    for contact in contacts:
        contact.parent_access = access.get(contact.pk, Access("none"))
    return contacts


def _access(link_active, sent_at, expires_at) -> Access:
    if link_active:
        return Access("account")
    if sent_at is not None:
        return Access("invited", sent_at, expires_at)
    if link_active is not None:
        return Access("stopped")
    return Access("none")


# --- Inviting --------------------------------------------------------------------------------


def _email_text(contact: Contact, link: str, inviter, expires_at) -> tuple[str, str]:
    school = contact.pupil.school
    subject = f"{school.name}: see how {contact.pupil.forename} is getting on, on senco"
    body = render_to_string(
        "accounts/parents/invitation_email.txt",
        {
            "contact": contact,
            "pupil": contact.pupil,
            "school": school,
            "link": link,
            "inviter": (inviter.get_full_name() or "The SENCO") if inviter else "The school",
            "days": INVITATION_DAYS,
            "expires_at": expires_at,
        },
    )
    return subject, body


@transaction.atomic
def invite(*, actor: Actor, contact: Contact, link_for) -> ParentInvitation:
    """Invite the contact: a new invitation (earlier unused ones cancelled) and the email.
    `link_for(token)` makes the absolute address of the join page. Refused, with the reason,
    for a contact who may not be told or has no email address."""
    contact = Contact.objects.select_for_update().select_related("pupil__school").get(pk=contact.pk)
    reason = why_not_invited(contact)
    if reason:
        raise ValidationError(reason)
    now = timezone.now()
    cancelled = ParentInvitation.objects.filter(
        contact=contact, used_at=None, expires_at__gt=now
    ).update(expires_at=now)
    token = secrets.token_urlsafe(32)
    invitation = ParentInvitation.objects.create(
        contact=contact,
        email=contact.email,
        token_hash=token_hash(token),
        created_by=actor.user,
        expires_at=now + datetime.timedelta(days=INVITATION_DAYS),
    )
    audit_record(
        actor=actor,
        pupil=contact.pupil,
        action=AuditAction.PARENT_INVITE,
        detail={"contact_id": contact.pk, "invitation_id": invitation.pk, "cancelled": cancelled},
    )
    subject, body = _email_text(contact, link_for(token), actor.user, invitation.expires_at)
    # Sent inside the transaction: an email that cannot be sent leaves no invitation.
    send_mail(subject, body, None, [contact.email])
    return invitation


@transaction.atomic
def stop_access(*, actor: Actor, contact: Contact) -> bool:
    """Switch the contact's parent account link off and cancel a waiting invitation.
    True when there was something to stop."""
    now = timezone.now()
    stopped = ParentLink.objects.filter(contact=contact, is_active=True).update(is_active=False)
    cancelled = ParentInvitation.objects.filter(
        contact=contact, used_at=None, expires_at__gt=now
    ).update(expires_at=now)
    if stopped or cancelled:
        audit_record(
            actor=actor,
            pupil=contact.pupil,
            action=AuditAction.PARENT_ACCESS_STOP,
            detail={"contact_id": contact.pk, "links": stopped, "invitations": cancelled},
        )
    return bool(stopped or cancelled)


# --- Accepting -------------------------------------------------------------------------------


def invitation_for(token: str) -> ParentInvitation:
    """The invitation this token opens, or InvitationGone."""
    if not token or len(token) > 100:
        raise InvitationGone
    invitation = (
        ParentInvitation.objects.select_related("contact__pupil__school")
        .filter(token_hash=token_hash(token), used_at=None, expires_at__gt=timezone.now())
        .first()
    )
    if invitation is None or not invitation.contact.may_be_told:
        raise InvitationGone
    if invitation.email.lower() != (invitation.contact.email or "").lower():
        # The contact's address changed since: the link went to an address no longer theirs.
        raise InvitationGone
    return invitation


def account_for(invitation: ParentInvitation):
    """The existing account with the invitation's email address, or None."""
    User = get_user_model()
    email = invitation.email.lower()
    return (
        User.objects.filter(username__iexact=email).first()
        or User.objects.filter(email__iexact=email).order_by("pk").first()
    )


def _claim(invitation: ParentInvitation, user) -> None:
    claimed = ParentInvitation.objects.filter(
        pk=invitation.pk, used_at=None, expires_at__gt=timezone.now()
    ).update(used_at=timezone.now(), user=user)
    if claimed != 1:
        raise InvitationGone


def _link(*, actor: Actor, invitation: ParentInvitation, user, new_account: bool) -> ParentLink:
    contact = invitation.contact
    link, _ = ParentLink.objects.update_or_create(
        contact=contact, defaults={"user": user, "is_active": True}
    )
    audit_record(
        actor=actor,
        pupil=contact.pupil,
        action=AuditAction.PARENT_JOIN,
        detail={
            "contact_id": contact.pk,
            "invitation_id": invitation.pk,
            "user_id": user.pk,
            "new_account": new_account,
        },
    )
    return link


@transaction.atomic
def accept_new(*, actor: Actor, invitation: ParentInvitation, password: str):
    """A new account for the invitation's email (username the address, lower-cased; no
    memberships), linked to the contact. InvitationGone when it was used meanwhile."""
    User = get_user_model()
    _claim(invitation, None)
    email = invitation.email.lower()
    user = User.objects.create_user(username=email, email=email, password=password)
    ParentInvitation.objects.filter(pk=invitation.pk).update(user=user)
    _link(actor=Actor(user, actor.ip_address), invitation=invitation, user=user, new_account=True)
    return user


@transaction.atomic
def accept_existing(*, actor: Actor, invitation: ParentInvitation, user) -> ParentLink:
    """Link an account that already has the invitation's email (a parent of a second child,
    or staff who are also a parent). InvitationGone when it was used meanwhile."""
    _claim(invitation, user)
    return _link(actor=actor, invitation=invitation, user=user, new_account=False)

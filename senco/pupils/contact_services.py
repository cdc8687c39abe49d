"""Adding, correcting and removing a pupil's contacts by hand (the office, the SENCO).

Every write locks the contact, checks the version the form was opened at
(`senco.lib.versions`) and writes an audit row in the pupil's log."""

from django.core.exceptions import ValidationError
from django.db import transaction

from senco.audit.actions import AuditAction
from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.lib.versions import check_version
from senco.pupils.models import Contact, Pupil

# What a person may change, with the labels the form and "what they changed" show.
CONTACT_LABELS = {
    "name": "Full name",
    "relationship": "Relationship to the pupil",
    "parental_responsibility": "Has parental responsibility",
    "priority": "Priority (1 = call first)",
    "phone": "Phone number (optional)",
    "email": "Email address (optional)",
    "language": "Preferred language (optional)",
    "interpreter": "Needs an interpreter",
    "no_contact": "Must not be contacted",
    "no_information": "Must not be given information",
    "restriction_note": "Why (for example, a court order and its date)",
}

RESTRICTION_REASON_MISSING = (
    "Enter why this person must not be contacted or given information, "
    "for example a court order and its date"
)

GONE = "Someone else removed this contact since you opened it"


def contact_current(contact: Contact) -> list[tuple[str, str, object]]:
    return [(name, label, getattr(contact, name)) for name, label in CONTACT_LABELS.items()]


def _apply(contact: Contact, fields: dict) -> list[str]:
    """Set the fields; the names of those that changed. Refuses a restriction without why."""
    unknown = set(fields) - set(CONTACT_LABELS)
    if unknown:
        raise TypeError(f"Not fields of a contact: {sorted(unknown)}")
    changed = []
    for name, value in fields.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(contact, name) != value:
            changed.append(name)
        setattr(contact, name, value)
    if (contact.no_contact or contact.no_information) and not contact.restriction_note:
        raise ValidationError({"restriction_note": RESTRICTION_REASON_MISSING})
    if not (contact.no_contact or contact.no_information) and contact.restriction_note:
        # A reason with nothing to explain would read as a rule that is not there.
        contact.restriction_note = ""
        if "restriction_note" not in changed:
            changed.append("restriction_note")
    contact.full_clean(exclude=["pupil", "search_key"])
    return changed


def _detail(contact: Contact, **more) -> dict:
    return {
        "contact_id": contact.pk,
        "no_contact": contact.no_contact,
        "no_information": contact.no_information,
        **more,
    }


def _lock(contact: Contact) -> Contact:
    locked = Contact.objects.select_for_update().select_related("pupil").filter(pk=contact.pk)
    found = locked.first()
    if found is None:
        raise ValidationError(GONE)
    return found


@transaction.atomic
def contact_add(*, actor: Actor, pupil: Pupil, **fields) -> Contact:
    """Add a parent, carer or other contact to the pupil."""
    contact = Contact(pupil=pupil)
    _apply(contact, fields)
    contact.version = 1
    contact.save()
    audit_record(actor=actor, pupil=pupil, action=AuditAction.CONTACT_ADD, detail=_detail(contact))
    return contact


@transaction.atomic
def contact_save(*, actor: Actor, contact: Contact, version=None, **fields) -> Contact:
    """Correct a contact, from the version the form was opened at."""
    locked = _lock(contact)
    check_version(version, locked.version, theirs=lambda: contact_current(locked))
    changed = _apply(locked, fields)
    if changed:
        locked.version += 1
        locked.save()
    audit_record(
        actor=actor,
        pupil=locked.pupil,
        action=AuditAction.CONTACT_SAVE,
        detail=_detail(locked, changed=changed),
    )
    return locked


@transaction.atomic
def contact_remove(*, actor: Actor, contact: Contact, version=None) -> None:
    """Remove a contact, as it was when the person was asked if they were sure."""
    locked = _lock(contact)
    check_version(version, locked.version, theirs=lambda: contact_current(locked))
    audit_record(
        actor=actor,
        pupil=locked.pupil,
        action=AuditAction.CONTACT_REMOVE,
        detail=_detail(locked, relationship=locked.relationship),
    )
    locked.delete()

"""The one audit vocabulary: every action an audit row may record, with a plain-English label.

The core's actions are `AuditAction`. A capability declares its own `TextChoices` in its
`capability.py` (see `senco/registry.py`), and they join this vocabulary when the app is
ready. `audit_record` refuses an action that is in no vocabulary, so a service cannot
write a code that the "who looked at this record" page cannot name.
"""

from django.db import models


class AuditAction(models.TextChoices):
    PUPIL_VIEW = "pupil.view", "Viewed the pupil's page"
    PUPIL_DENIED = "pupil.denied", "Was refused a pupil's record"
    PUPIL_AUDIT_VIEW = "pupil.audit.view", "Viewed who has looked at the record"
    PUPIL_AUDIT_EXPORT = "pupil.audit.export", "Downloaded who has looked at the record"
    CONTACTS_VIEW = "contacts.view", "Viewed pupils' contacts"
    CONTACT_FORM_VIEW = "contact.form.view", "Opened a contact's details to add, change or remove"
    CONTACT_ADD = "contact.add", "Added a parent's or carer's contact details"
    CONTACT_SAVE = "contact.save", "Changed a parent's or carer's contact details"
    CONTACT_REMOVE = "contact.remove", "Removed a parent or carer from the contacts"
    SUPPORT_ADD = "support.add", "Assigned a teaching assistant"
    SUPPORT_REMOVE = "support.remove", "Removed a teaching assistant"
    GROUP_CREATE = "group.create", "Created a teaching group"
    GROUP_UPDATE = "group.update", "Changed a teaching group"
    GROUP_ADD_PUPILS = "group.add_pupils", "Added pupils to a teaching group"
    GROUP_REMOVE_PUPIL = "group.remove_pupil", "Removed from a teaching group"
    REGISTER_VIEW = "register.view", "Viewed the register"
    REGISTER_EXPORT = "register.export", "Downloaded the register"
    REGISTER_SUMMARY = "register.summary", "Viewed the summary figures"
    REGISTER_CHANGE = "register.change", "Changed provision or needs"
    REGISTER_CHANGE_VIEW = "register.change.view", "Opened the form to change provision or needs"
    REGISTER_PARENTS_TOLD = "register.parents_told", "Recorded that parents were told"
    TERMS_SAVE = "terms.save", "Saved the term dates"
    CLOSURE_ADD = "closure.add", "Added a closure day"
    CLOSURE_REMOVE = "closure.remove", "Removed a closure day"
    TRUST_SUMMARY = "trust.summary", "Viewed the trust's figures"
    STAFF_ADD = "staff.add", "Added a member of staff"
    STAFF_UPDATE = "staff.update", "Changed a member of staff's role or sign-in"
    STAFF_UNLOCK = "staff.unlock", "Unlocked a member of staff after too many sign-in attempts"
    STAFF_PASSWORD_SET = "staff.password_set", "Set a new password for a member of staff"
    SIGN_IN = "auth.sign_in", "Signed in"
    SIGN_IN_FAILED = "auth.sign_in_failed", "Failed to sign in"
    SIGN_IN_LOCKED_OUT = "auth.locked_out", "Locked out after too many sign-in attempts"
    SIGN_OUT = "auth.sign_out", "Signed out"
    PASSWORD_CHANGE = "auth.password_change", "Changed their own password"
    PASSWORD_RESET_REQUESTED = "auth.password_reset_requested", "Asked for a password reset email"
    PASSWORD_RESET = "auth.password_reset", "Chose a new password from a reset email"
    TWO_FACTOR_ON = "auth.two_factor_on", "Set up two-factor sign-in"
    TWO_FACTOR_OFF = "auth.two_factor_off", "Turned off their two-factor sign-in"
    TWO_FACTOR_PASSED = "auth.two_factor_passed", "Entered a correct security code"
    TWO_FACTOR_FAILED = "auth.two_factor_failed", "Entered a wrong security code"
    RECOVERY_CODE_USED = "auth.recovery_code_used", "Signed in with a recovery code"
    RECOVERY_CODES_NEW = "auth.recovery_codes_new", "Made new recovery codes"
    STAFF_TWO_FACTOR_RESET = "staff.two_factor_reset", "Removed a colleague's two-factor sign-in"
    SCHOOL_SIGN_IN = "school.sign_in", "Changed the school's sign-in rules"
    SCHOOL_ADD = "school.add", "Set up a school with its first SENCO"
    PARENT_INVITE_VIEW = "parent.invite.view", "Opened the page to invite a parent to use senco"
    PARENT_INVITE = "parent.invite", "Invited a parent or carer to use senco"
    PARENT_JOIN = "parent.join", "Accepted the school's invitation to use senco as a parent"
    PARENT_ACCESS_STOP = "parent.access_stop", "Stopped a parent's access to senco"


_LABELS: dict[str, str] = {}


def register_actions(choices: type[models.TextChoices]) -> None:
    """Add a capability's actions to the vocabulary. A code may be declared only once."""
    for member in choices:
        known = _LABELS.get(member.value)
        if known is not None and known != member.label:
            raise ValueError(f"Audit action {member.value!r} is declared twice")
        _LABELS[member.value] = member.label


def is_known(action: str) -> bool:
    return action in _LABELS


def label_for(action: str) -> str:
    """The plain-English label of an action; an unknown code (from an old row) as it is."""
    return _LABELS.get(action, action)


def all_actions() -> dict[str, str]:
    return dict(_LABELS)


register_actions(AuditAction)

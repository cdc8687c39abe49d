"""Writes of the EHC plan records. Each is one transaction and writes an audit row."""

import datetime
import hashlib

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.ehcp.audit import EhcpAction
from senco.ehcp.authorities import NAMES
from senco.ehcp.models import EHCPlan, ProvisionItem
from senco.lib.codes import Provision
from senco.lib.versions import check_version
from senco.pupils.models import Pupil

PLAN_FIELDS = (
    ("la_code", "Local authority"),
    ("officer_name", "Case officer"),
    ("officer_email", "Case officer's email"),
    ("officer_phone", "Case officer's phone"),
    ("issued_on", "Date the plan was issued"),
    ("last_review_on", "Date of the last annual review meeting"),
    ("status", "Status"),
    ("needs", "Section B: summary of needs"),
    ("outcomes", "Section E: outcomes"),
)
ITEM_FIELDS = (
    "what",
    "who",
    "how_often",
    "how_long",
    "kind",
    "in_place",
    "in_place_since",
    "evidence",
)


def plan_dates_errors(
    issued_on: datetime.date | None, last_review_on: datetime.date | None, today: datetime.date
) -> dict[str, str]:
    """What is wrong with a plan's dates, by field (shared with the form)."""
    errors = {}
    if issued_on and issued_on > today:
        errors["issued_on"] = "Date the plan was issued must be today or in the past"
    if last_review_on and last_review_on > today:
        errors["last_review_on"] = (
            "Date of the last annual review meeting must be today or in the past"
        )
    elif last_review_on and issued_on and last_review_on < issued_on:
        errors["last_review_on"] = (
            "Date of the last annual review meeting must be on or after the date the plan "
            "was issued"
        )
    return errors


def plan_current(plan: EHCPlan) -> list[tuple[str, str, object]]:
    """The plan as saved now, as (form field, label, value), for a refused stale save."""
    return [(name, label, getattr(plan, name)) for name, label in PLAN_FIELDS]


def _audit(*, actor: Actor, plan: EHCPlan, action: str, **detail) -> None:
    audit_record(
        actor=actor, pupil=plan.pupil, action=action, detail={"plan_id": plan.pk, **detail}
    )


@transaction.atomic
def plan_save(*, actor: Actor, pupil: Pupil, version=None, today=None, **fields) -> EHCPlan:
    """Record a pupil's EHC plan, or change it. `version` is the plan's version the form
    was opened at: a save from an older one is refused (`StaleVersion`)."""
    today = today or timezone.localdate()
    unknown = set(fields) - {name for name, _ in PLAN_FIELDS}
    if unknown:
        raise TypeError(f"Not fields of a plan: {sorted(unknown)}")
    pupil = Pupil.objects.select_for_update().get(pk=pupil.pk)
    plan = EHCPlan.objects.select_for_update().filter(pupil=pupil).first()
    if plan is None:
        if pupil.sen_provision != Provision.EHC_PLAN:
            raise ValidationError(
                f"{pupil.full_name} is not recorded as having an EHC plan on the register. "
                "Change the register first."
            )
        plan = EHCPlan(pupil=pupil)
        action = EhcpAction.PLAN_CREATE
    else:
        check_version(version, plan.version, theirs=lambda: plan_current(plan))
        plan.version += 1
        action = EhcpAction.PLAN_SAVE
    errors = plan_dates_errors(fields.get("issued_on"), fields.get("last_review_on"), today)
    if errors:
        raise ValidationError(errors)
    for name, value in fields.items():
        setattr(plan, name, value)
    plan.la_name = NAMES.get(plan.la_code, "")
    plan.full_clean()
    plan.save()
    _audit(actor=actor, plan=plan, action=action, version=plan.version)
    return plan


def _item_check(fields: dict, today: datetime.date) -> None:
    errors = {}
    if not (fields.get("what") or "").strip():
        errors["what"] = "Enter what the provision is"
    since = fields.get("in_place_since")
    if since and since > today:
        errors["in_place_since"] = "Date it has been in place since must be today or in the past"
    if since and not fields.get("in_place"):
        errors["in_place_since"] = "Tick in place, or clear the date it has been in place since"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def item_add(*, actor: Actor, plan: EHCPlan, today=None, **fields) -> ProvisionItem:
    """Add an item to section F, after the others of its kind."""
    today = today or timezone.localdate()
    plan = EHCPlan.objects.select_for_update().select_related("pupil").get(pk=plan.pk)
    _item_check(fields, today)
    last = plan.items.filter(kind=fields.get("kind")).aggregate(n=Max("position"))["n"] or 0
    item = ProvisionItem(plan=plan, position=last + 1, **fields)
    item.full_clean()
    item.save()
    _audit(actor=actor, plan=plan, action=EhcpAction.ITEM_ADD, item_id=item.pk, kind=item.kind)
    return item


def item_version(item: ProvisionItem) -> str:
    """The version an item's edit form carries: a digest of what the form edits."""
    state = "\x1f".join(str(getattr(item, name)) for name in ITEM_FIELDS)
    return hashlib.sha256(state.encode()).hexdigest()[:16]


def item_current(item: ProvisionItem) -> list[tuple[str, str, object]]:
    labels = {
        "what": "What the provision is",
        "who": "Who delivers it",
        "how_often": "How often",
        "how_long": "For how long",
        "kind": "Kind of provision",
        "in_place": "It is in place",
        "in_place_since": "In place since",
        "evidence": "Evidence",
    }
    return [(name, labels.get(name, name), getattr(item, name)) for name in ITEM_FIELDS]


@transaction.atomic
def item_save(
    *, actor: Actor, item: ProvisionItem, today=None, version=None, **fields
) -> ProvisionItem:
    """Change an item of section F: what it is, or whether it is in place. `version` is
    `item_version` when the form was opened: a save from a stale form is refused."""
    today = today or timezone.localdate()
    item = ProvisionItem.objects.select_for_update().select_related("plan__pupil").get(pk=item.pk)
    check_version(version, item_version(item), theirs=lambda: item_current(item))
    _item_check(fields, today)
    for name in ITEM_FIELDS:
        if name in fields:
            setattr(item, name, fields[name])
    item.full_clean()
    item.save()
    _audit(
        actor=actor,
        plan=item.plan,
        action=EhcpAction.ITEM_SAVE,
        item_id=item.pk,
        in_place=item.in_place,
    )
    return item


@transaction.atomic
def item_remove(*, actor: Actor, item: ProvisionItem, version=None) -> None:
    """Remove an item of section F. `version` is `item_version` when the "are you sure"
    page was opened: removing an item changed since is refused (`StaleVersion`)."""
    item = ProvisionItem.objects.select_for_update().select_related("plan__pupil").get(pk=item.pk)
    check_version(version, item_version(item), theirs=lambda: item_current(item))
    _audit(
        actor=actor,
        plan=item.plan,
        action=EhcpAction.ITEM_REMOVE,
        item_id=item.pk,
        what=item.what[:200],
    )
    item.delete()

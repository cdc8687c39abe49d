"""Linking a pupil's place in a group to what their plans promise (links.py reads them)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.ehcp import selectors as ehcp_selectors
from senco.plans import selectors as plans_selectors
from senco.provision.audit import ProvisionAction
from senco.provision.models import GroupMember, ProvisionLink

CHOOSE = "Choose what this group delivers"


def link_add(*, actor: Actor, member: GroupMember, choice: str) -> ProvisionLink:
    """Link the member's place to a section F item of the pupil's EHC plan ("item-<id>", of
    kind "intervention") or to the pupil's open cycle ("cycle-<id>"). Refuses anything else
    and a link already there, with a message on the `target` field."""
    kind, _, raw_id = choice.partition("-")
    if kind not in ("item", "cycle") or not raw_id.isdigit():
        raise ValidationError({"target": CHOOSE})
    record_id = int(raw_id)
    with transaction.atomic():
        # One add at a time for this place, so the check below cannot race another.
        member = GroupMember.objects.select_for_update().get(pk=member.pk)
        if kind == "item":
            items = {i.pk: i for i in ehcp_selectors.section_f_items(member.pupil)}
            item = items.get(record_id)
            if item is None or item.kind != "intervention":
                raise ValidationError(
                    {"target": "That item is no longer an intervention in the EHC plan"}
                )
            fields = {"ehcp_item_id": item.pk}
            what = {"ehcp_item_id": item.pk}
        else:
            cycle = plans_selectors.live_cycle(member.pupil)
            if cycle is None or cycle.pk != record_id:
                raise ValidationError(
                    {"target": "That cycle has been reviewed: choose the pupil's open cycle"}
                )
            fields = {"cycle_id": cycle.pk}
            what = {"cycle_id": cycle.pk, "cycle": cycle.number}
        if member.links.filter(**fields).exists():
            raise ValidationError({"target": "This group is already linked to that"})
        link = ProvisionLink.objects.create(member=member, **fields)
        audit_record(
            actor=actor,
            pupil=member.pupil,
            action=ProvisionAction.LINK_ADD,
            detail={"member_id": member.pk, "group_id": member.group_id, **what},
        )
    return link


def link_remove(*, actor: Actor, member: GroupMember, link_id: int) -> bool:
    """Remove one of the member's links. False when it had gone already."""
    with transaction.atomic():
        link = ProvisionLink.objects.filter(pk=link_id, member=member).first()
        if link is None:
            return False
        detail = {
            "member_id": member.pk,
            "group_id": member.group_id,
            "ehcp_item_id": link.ehcp_item_id,
            "cycle_id": link.cycle_id,
        }
        link.delete()
        audit_record(
            actor=actor, pupil=member.pupil, action=ProvisionAction.LINK_REMOVE, detail=detail
        )
    return True

"""E on the register asks for the EHC plan: what the EHC plan records add to the register
(the core's), through the registry's `pupil_notes` and `after_register_change` hooks."""

from django.urls import reverse

from senco.ehcp import selectors
from senco.lib.codes import Provision
from senco.registry import NextStep, PupilNote


def register_notes(scope, pupils) -> dict[int, list[PupilNote]]:
    """Beside each pupil at E with no EHC plan recorded: a link to record it for the SENCO,
    a note for those who read plans. One query; none when no pupil of the list is at E."""
    if not scope.reads_ehc_plans:
        return {}
    missing = selectors.pupils_without_plan(pupils)
    if not missing:
        return {}
    names = {p.pk: p.full_name for p in pupils if p.pk in missing}
    if scope.manages_ehc_plans:
        return {
            pk: [
                PupilNote(
                    "Record the EHC plan",
                    url=reverse("ehcp_plan_edit", args=[pk]),
                    hidden=f" of {names[pk]}",
                )
            ]
            for pk in missing
        }
    return {pk: [PupilNote("No EHC plan recorded")] for pk in missing}


def after_register_change(scope, change) -> NextStep | None:
    """After the SENCO puts a pupil at E, the EHC plan's form when no plan is recorded."""
    if change.to_provision != Provision.EHC_PLAN or not scope.manages_ehc_plans:
        return None
    if selectors.has_plan(change.pupil_id):
        return None
    return NextStep(
        url=reverse("ehcp_plan_edit", args=[change.pupil_id]),
        message=(
            f"{change.pupil.full_name} is now at E (EHC plan) on the register. Now record "
            "the EHC plan: the local authority that issued it and when, so that its annual "
            "reviews are counted."
        ),
    )

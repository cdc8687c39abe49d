"""Pages linking a pupil's place in a group to what their plans promise, and the list of
interventions not happening (links.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco.access import pupil_view, school_view
from senco.audit.services import audit_list, audit_record
from senco.lib.forms import add_service_errors
from senco.provision import link_services, links
from senco.provision.audit import ProvisionAction
from senco.provision.link_forms import LinkForm, RemoveForm


@pupil_view("manages_interventions")
def member_links(request, pupil, scope, member_id):
    """What this pupil's place in a group delivers: the section F items of their EHC plan
    and their cycle's provision, with a form to link another."""
    member = links.member_for(pupil, member_id)
    choices = links.link_choices(member)
    form = LinkForm(request.POST if request.method == "POST" else None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            link_services.link_add(
                actor=request.actor, member=member, choice=form.cleaned_data["target"]
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{member.group.name} is now linked to the plan.")
            return redirect("provision_member_links", pupil.pk, member.pk)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=ProvisionAction.LINKS_VIEW,
        detail={"member_id": member.pk, "group_id": member.group_id},
    )
    return render(
        request,
        "provision/links/member_links.html",
        {
            "scope": scope,
            "pupil": pupil,
            "member": member,
            "group": member.group,
            "days": links.days_label(member.group),
            "rows": links.links_of(member),
            "form": form,
            "has_choices": bool(choices),
        },
    )


@require_POST
@pupil_view("manages_interventions")
def member_link_remove(request, pupil, scope, member_id):
    member = links.member_for(pupil, member_id)
    form = RemoveForm(request.POST)
    if form.is_valid() and link_services.link_remove(
        actor=request.actor, member=member, link_id=form.cleaned_data["link"]
    ):
        messages.success(request, "The link has been removed.")
    else:
        messages.error(request, "That link had already been removed.")
    return redirect("provision_member_links", pupil.pk, member.pk)


@school_view("manages_interventions")
def gaps(request, scope):
    """Interventions not happening: running groups with no session recorded for more than a
    week, and section F interventions with no group delivering them."""
    today = timezone.localdate()
    items = links.unlinked_interventions(scope, today)
    audit_list(
        actor=request.actor,
        action=ProvisionAction.GAPS_VIEW,
        school=scope.school,
        pupils=sorted({item.plan.pupil_id for item in items}),
    )
    return render(
        request,
        "provision/links/gaps.html",
        {"scope": scope, "groups": links.silent_groups(scope, today), "items": items},
    )

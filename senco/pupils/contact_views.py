"""Adding, correcting and removing a pupil's contacts: the office (from the contacts
search) and the SENCO (from the pupil page as well). Leaders read contacts but do not
change them. Pages of one school, so that the office, who do not see pupils' SEN records,
reach them; a pupil or contact of another school is 404, like one that does not exist."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from senco.access import school_view
from senco.accounts.parent_invitations import with_access
from senco.audit.actions import AuditAction
from senco.audit.services import audit_record
from senco.lib.forms import add_service_errors
from senco.pupils import contact_services as services
from senco.pupils.contact_forms import ContactForm, ContactRemoveForm
from senco.pupils.models import Contact, Pupil


def _posted(request):
    return request.POST if request.method == "POST" else None


def _back(scope, pupil) -> str:
    """Where the person came from: the pupil page for those who see it, otherwise the
    contacts search showing this pupil."""
    if scope.sees_pupils:
        return reverse("pupil_detail", args=[pupil.pk])
    query = urlencode({"q": pupil.upn})
    return f"{reverse('contact_list', args=[scope.school.urn])}?{query}"


def _contact(scope, contact_id) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related("pupil"), pk=contact_id, pupil__school=scope.school
    )


def _form_viewed(request, pupil, contact=None, doing="add") -> None:
    detail = {"doing": doing}
    if contact is not None:
        detail["contact_id"] = contact.pk
    audit_record(
        actor=request.actor, pupil=pupil, action=AuditAction.CONTACT_FORM_VIEW, detail=detail
    )


def _page(request, scope, pupil, form, contact=None):
    if contact is not None:
        # Whether they use senco as a parent, with "Invite" and "Stop access" links.
        with_access([contact])
    return render(
        request,
        "pupils/contacts/form.html",
        {
            "scope": scope,
            "pupil": pupil,
            "contact": contact,
            "form": form,
            "back": _back(scope, pupil),
        },
    )


@school_view("edits_contacts")
def contact_add(request, scope, pupil_id):
    pupil = get_object_or_404(Pupil, pk=pupil_id, school=scope.school)
    form = ContactForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_add(
                actor=request.actor, pupil=pupil, **form.contact_fields()
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, f"{contact.name} has been added to {pupil.full_name}'s contacts."
            )
            return redirect(_back(scope, pupil))
    else:
        _form_viewed(request, pupil)
    return _page(request, scope, pupil, form)


@school_view("edits_contacts")
def contact_change(request, scope, contact_id):
    contact = _contact(scope, contact_id)
    pupil = contact.pupil
    form = ContactForm(_posted(request), contact=contact)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.contact_save(
                actor=request.actor,
                contact=contact,
                version=form.opened_version,
                **form.contact_fields(),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{saved.name}'s details have been saved.")
            return redirect(_back(scope, pupil))
    else:
        _form_viewed(request, pupil, contact, doing="change")
    return _page(request, scope, pupil, form, contact)


@school_view("edits_contacts")
def contact_remove(request, scope, contact_id):
    """ "Are you sure?" with the contact as it is, then remove it (from the version shown)."""
    contact = _contact(scope, contact_id)
    pupil = contact.pupil
    form = ContactRemoveForm(_posted(request), version=contact.version)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_remove(
                actor=request.actor, contact=contact, version=form.opened_version
            )
        except ValidationError as error:
            add_service_errors(form, error)
            contact = Contact.objects.filter(pk=contact.pk).first()
            if contact is None:  # removed by someone else meanwhile: nothing left to do
                messages.success(request, "That contact has already been removed.")
                return redirect(_back(scope, pupil))
        else:
            messages.success(
                request, f"{contact.name} has been removed from {pupil.full_name}'s contacts."
            )
            return redirect(_back(scope, pupil))
    else:
        _form_viewed(request, pupil, contact, doing="remove")
    return render(
        request,
        "pupils/contacts/remove.html",
        {
            "scope": scope,
            "pupil": pupil,
            "contact": contact,
            "form": form,
            "back": _back(scope, pupil),
        },
    )

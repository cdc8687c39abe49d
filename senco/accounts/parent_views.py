"""Parents' accounts, the school's side (invite a contact, stop their access: the office
and the SENCO, ability `invites_parents`) and the parent's (the join page, open to
anyone holding a link that works). See senco/accounts/parent_invitations.py."""

from django.contrib import messages
from django.contrib.auth import authenticate, get_user_model, login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers

from senco.access import public_view, school_view
from senco.accounts import parent_invitations as invitations
from senco.accounts.parent_forms import ConfirmForm, JoinExistingForm, JoinNewForm
from senco.accounts.parent_invitations import Contact
from senco.audit.actions import AuditAction
from senco.audit.services import audit_record

GONE_STATUS = 404


def _contact(scope, contact_id) -> Contact:
    return get_object_or_404(
        Contact.objects.select_related("pupil__school"), pk=contact_id, pupil__school=scope.school
    )


def _back(contact) -> str:
    return reverse("contact_change", args=[contact.pupil.school.urn, contact.pk])


@school_view("invites_parents")
def parent_invite(request, scope, contact_id):
    """Who will be invited and at which address (or why they may not be); POST sends."""
    contact = _contact(scope, contact_id)
    reason = invitations.why_not_invited(contact)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and not reason and form.is_valid():

        def link_for(token):
            return request.build_absolute_uri(reverse("parent_join", args=[token]))

        try:
            invitations.invite(actor=request.actor, contact=contact, link_for=link_for)
        except ValidationError as error:
            reason = " ".join(error.messages)
        else:
            messages.success(
                request,
                f"The invitation has been sent to {contact.email}. "
                f"The link works once, for {invitations.INVITATION_DAYS} days.",
            )
            return redirect(_back(contact))
    if request.method == "GET":
        audit_record(
            actor=request.actor,
            pupil=contact.pupil,
            action=AuditAction.PARENT_INVITE_VIEW,
            detail={"contact_id": contact.pk},
        )
    access = invitations.access_for([contact])[contact.pk]
    return render(
        request,
        "accounts/parents/invite.html",
        {
            "scope": scope,
            "contact": contact,
            "pupil": contact.pupil,
            "reason": reason,
            "access": access,
            "form": form,
            "days": invitations.INVITATION_DAYS,
            "back": _back(contact),
        },
        status=200,
    )


@school_view("invites_parents")
def parent_access_stop(request, scope, contact_id):
    """ "Are you sure?", then switch the contact's parent account off."""
    contact = _contact(scope, contact_id)
    form = ConfirmForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        if invitations.stop_access(actor=request.actor, contact=contact):
            messages.success(
                request, f"{contact.name} can no longer use senco for {contact.pupil.forename}."
            )
        else:
            messages.success(request, f"{contact.name} had no access to stop.")
        return redirect(_back(contact))
    access = invitations.access_for([contact])[contact.pk]
    return render(
        request,
        "accounts/parents/stop_access.html",
        {
            "scope": scope,
            "contact": contact,
            "pupil": contact.pupil,
            "access": access,
            "form": form,
            "back": _back(contact),
        },
    )


def _gone(request):
    response = render(request, "accounts/parents/join_gone.html", status=GONE_STATUS)
    add_never_cache_headers(response)
    return response


def _signed_in(request, user) -> None:
    login(request, user, backend="senco.accounts.fast_reads.ModelBackend")


@public_view
def parent_join(request, token):
    """The link from the school's email. A link that does not work is one plain page,
    whatever the reason. With no account for the address: choose a password. With one:
    sign in with its password here (or, already signed in as it, one button)."""
    try:
        invitation = invitations.invitation_for(token)
    except invitations.InvitationGone:
        return _gone(request)
    account = invitations.account_for(invitation)
    posted = request.POST if request.method == "POST" else None
    if account is None:
        User = get_user_model()
        email = invitation.email.lower()
        form = JoinNewForm(posted, user=User(username=email, email=email))
        if posted is not None and form.is_valid():
            try:
                user = invitations.accept_new(
                    actor=request.actor,
                    invitation=invitation,
                    password=form.cleaned_data["new_password"],
                )
            except invitations.InvitationGone:
                return _gone(request)
            _signed_in(request, user)
            return redirect("parent_home")
    elif request.user.is_authenticated and request.user.pk == account.pk:
        form = ConfirmForm(posted)
        if posted is not None and form.is_valid():
            try:
                invitations.accept_existing(
                    actor=request.actor, invitation=invitation, user=account
                )
            except invitations.InvitationGone:
                return _gone(request)
            return redirect("parent_home")
    else:
        form = JoinExistingForm(posted)
        if posted is not None and form.is_valid():
            user = authenticate(
                request, username=account.username, password=form.cleaned_data["password"]
            )
            if user is None or user.pk != account.pk:
                form.add_error("password", "Your password is not right. Check it and try again.")
            else:
                try:
                    invitations.accept_existing(
                        actor=request.actor, invitation=invitation, user=user
                    )
                except invitations.InvitationGone:
                    return _gone(request)
                login(request, user)
                return redirect("parent_home")
    response = render(
        request,
        "accounts/parents/join.html",
        {
            "invitation": invitation,
            "pupil": invitation.contact.pupil,
            "school": invitation.contact.pupil.school,
            "account": account,
            "form": form,
            "signed_in_as_account": account is not None
            and request.user.is_authenticated
            and request.user.pk == account.pk,
        },
    )
    add_never_cache_headers(response)
    return response

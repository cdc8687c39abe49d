"""Passports, one-page profiles, their history, photos, My pupils and printed sheets.

Reading: anyone who sees the pupil (SENCO, leaders, their teachers, their TAs).
Writing: the SENCO, or a teacher the SENCO allows (`Scope.edits_passports`).
Every read and write is audited.
"""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from senco.access import pupil_view, school_view
from senco.audit.services import audit_list, audit_record
from senco.lib.codes import YEAR_GROUP_LABELS
from senco.lib.forms import CompareVersionsForm, add_service_errors
from senco.lib.pdf import pdf_filename, pdf_response
from senco.lib.versions import StaleVersion
from senco.operations.jobs import job_page_url, job_start
from senco.profiles import pdf
from senco.profiles.audit import ProfilesAction
from senco.profiles.forms import PassportForm, ProfileForm
from senco.profiles.my_pupils_html import pupil_rows
from senco.profiles.selectors import (
    class_sheet_counts,
    class_sheet_groups,
    compare_versions,
    my_pupil_groups,
    passport_history,
    passport_of,
    photo_changes,
    photo_of,
)
from senco.profiles.services import passport_save, pupil_photo_remove, pupil_photo_replace


def _photo(pupil):
    return photo_of(pupil=pupil)


def _show(request, pupil, scope, *, template: str, action: str):
    """The passport or the one-page profile: both read the latest version and the photo."""
    audit_record(actor=request.actor, pupil=pupil, action=action)
    return render(
        request,
        template,
        {
            "scope": scope,
            "pupil": pupil,
            "passport": passport_of(pupil=pupil),
            "photo": _photo(pupil),
        },
    )


@pupil_view("sees_pupils")
def passport_detail(request, pupil, scope):
    return _show(
        request,
        pupil,
        scope,
        template="profiles/passport.html",
        action=ProfilesAction.PASSPORT_VIEW,
    )


@pupil_view("sees_pupils")
def profile_detail(request, pupil, scope):
    return _show(
        request, pupil, scope, template="profiles/profile.html", action=ProfilesAction.PROFILE_VIEW
    )


@pupil_view("edits_passports")
def passport_edit(request, pupil, scope):
    passport = passport_of(pupil=pupil)
    photo = _photo(pupil)
    form = PassportForm(
        request.POST or None, request.FILES or None, pupil=pupil, latest=passport.latest
    )
    if request.method == "POST" and form.is_valid():
        try:
            version = _save(request, pupil, form)
        except StaleVersion as error:
            add_service_errors(form, error)
            return _passport_form(request, pupil, scope, form, passport, photo)
        notes = [f"Saved version {version.number} of the passport."] if version else []
        if form.cleaned_data["photo"]:
            pupil_photo_replace(actor=request.actor, pupil=pupil, photo=form.cleaned_data["photo"])
            notes.append("Saved the new photo.")
        elif form.cleaned_data["remove_photo"] and photo is not None:
            pupil_photo_remove(actor=request.actor, pupil=pupil)
            notes.append("Removed the photo.")
        messages.success(request, " ".join(notes) or "Nothing had changed, so nothing was saved.")
        return redirect("passport_detail", pk=pupil.pk)
    if request.method == "GET":
        audit_record(actor=request.actor, pupil=pupil, action=ProfilesAction.PASSPORT_EDIT_VIEW)
    return _passport_form(request, pupil, scope, form, passport, photo)


def _save(request, pupil, form):
    """Save the form's sections as a new version, unless someone saved since it opened."""
    return passport_save(
        actor=request.actor,
        pupil=pupil,
        texts=form.texts(),
        pupil_wrote=form.pupil_wrote(),
        reviewed=form.cleaned_data["reviewed"],
        version=form.opened_version,
    )


def _passport_form(request, pupil, scope, form, passport, photo):
    return render(
        request,
        "profiles/passport_form.html",
        {"scope": scope, "pupil": pupil, "form": form, "passport": passport, "photo": photo},
    )


def _profile_form(request, pupil, scope, form, passport):
    return render(
        request,
        "profiles/profile_form.html",
        {"scope": scope, "pupil": pupil, "form": form, "passport": passport},
    )


@pupil_view("edits_passports")
def profile_edit(request, pupil, scope):
    passport = passport_of(pupil=pupil)
    form = ProfileForm(request.POST or None, pupil=pupil, latest=passport.latest)
    if request.method == "POST" and form.is_valid():
        try:
            version = _save(request, pupil, form)
        except StaleVersion as error:
            add_service_errors(form, error)
            return _profile_form(request, pupil, scope, form, passport)
        messages.success(
            request,
            f"Saved version {version.number} of the profile."
            if version
            else "Nothing had changed, so nothing was saved.",
        )
        return redirect("profile_detail", pk=pupil.pk)
    if request.method == "GET":
        audit_record(actor=request.actor, pupil=pupil, action=ProfilesAction.PROFILE_EDIT_VIEW)
    return _profile_form(request, pupil, scope, form, passport)


@pupil_view("sees_pupils")
def passport_history_view(request, pupil, scope):
    audit_record(actor=request.actor, pupil=pupil, action=ProfilesAction.PASSPORT_HISTORY_VIEW)
    rows = passport_history(pupil=pupil)
    return render(
        request,
        "profiles/history.html",
        {
            "scope": scope,
            "pupil": pupil,
            "rows": rows,
            "compare_form": CompareVersionsForm(None, numbers=[r["version"].number for r in rows])
            if len(rows) > 1
            else None,
            "photo_changes": photo_changes(pupil=pupil),
        },
    )


@pupil_view("sees_pupils")
def passport_compare(request, pupil, scope):
    versions = {v.number: v for v in pupil.passport_versions.select_related("saved_by")}
    form = CompareVersionsForm(request.GET or None, numbers=sorted(versions, reverse=True))
    rows = None
    old = new = None
    if form.is_valid():
        old, new = sorted([form.cleaned_data["old"], form.cleaned_data["new"]])
        old, new = versions[old], versions[new]
        rows = compare_versions(old, new)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=ProfilesAction.PASSPORT_COMPARE_VIEW,
        detail={"old": old.number if old else None, "new": new.number if new else None},
    )
    return render(
        request,
        "profiles/compare.html",
        {"scope": scope, "pupil": pupil, "form": form, "rows": rows, "old": old, "new": new},
    )


@pupil_view("sees_pupils")
def pupil_photo(request, pupil, scope):
    """The photo, only to those who see the pupil; never cached by a shared cache."""
    photo = _photo(pupil)
    if photo is None or not photo.path.is_file():
        raise Http404("Not found")
    audit_record(actor=request.actor, pupil=pupil, action=ProfilesAction.PHOTO_VIEW)
    response = FileResponse(photo.path.open("rb"), content_type="image/jpeg")
    patch_cache_control(response, private=True, max_age=300)
    return response


# --- Printing ------------------------------------------------------------------------------


def _pupil_pdf(request, pupil, scope, *, kind: str, template: str):
    passport = passport_of(pupil=pupil)
    title = f"{'Pupil passport' if kind == 'passport' else 'One-page profile'}: {pupil.full_name}"
    html = pdf.render_pdf_html(
        template,
        pdf.pdf_context(scope, title, pupil=pupil, passport=passport, photo=_photo(pupil)),
    )
    data = pdf.html_to_pdf(html)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=ProfilesAction.PASSPORT_PDF if kind == "passport" else ProfilesAction.PROFILE_PDF,
        detail={"version": passport.latest.number if passport.latest else None},
    )
    return pdf_response(data, pdf_filename(kind, pupil.full_name))


@pupil_view("sees_pupils")
def passport_pdf(request, pupil, scope):
    return _pupil_pdf(request, pupil, scope, kind="passport", template="profiles/pdf/passport.html")


@pupil_view("sees_pupils")
def profile_pdf(request, pupil, scope):
    return _pupil_pdf(request, pupil, scope, kind="profile", template="profiles/pdf/profile.html")


def _class_sheet_response(request, scope, groups, *, title: str, filename: str):
    data = pdf.class_sheets_printed(actor=request.actor, scope=scope, groups=groups, title=title)
    return pdf_response(data, filename)


@school_view("prints_class_sheets")
def class_sheet_pdf(request, scope, group_id):
    """One group's SEND pupils and their essentials, for a cover teacher. A teacher prints
    only the groups they teach: any other group is 404, as if it did not exist."""
    groups = class_sheet_groups(scope=scope, group_id=group_id)
    if not groups:
        raise Http404("Not found")
    group = groups[0].group
    return _class_sheet_response(
        request,
        scope,
        groups,
        title=f"Class sheet: {group.name}",
        filename=pdf_filename("class sheet", group.name),
    )


@school_view("prints_year_sheets")
def class_sheets_year(request, scope, year):
    """A year group's class sheets (year 0: the whole school's), made in the background:
    a large year group takes several seconds. The page says what will be printed; the
    button starts the job and goes to its page, which offers the PDF when it is ready."""
    if year != pdf.WHOLE_SCHOOL and year not in YEAR_GROUP_LABELS:
        raise Http404("Not found")
    title = pdf.year_group_title(year)
    if request.method == "POST":
        job = job_start(
            actor=request.actor,
            title=title,
            function=pdf.class_sheets_job,
            school=scope.school,
            arguments={"year": year},
        )
        return redirect(job_page_url(job))
    groups, pupils = class_sheet_counts(scope=scope, year_group=year or None)
    return render(
        request,
        "profiles/class_sheets_year.html",
        {"scope": scope, "title": title, "year": year, "groups": groups, "pupils": pupils},
    )


@school_view("prints_year_sheets")
def class_sheets_year_pdf(request, scope, year):
    """The same PDF made within the request, for scripts and `make bench`."""
    if year not in YEAR_GROUP_LABELS:
        raise Http404("Not found")
    groups = class_sheet_groups(scope=scope, year_group=year)
    return _class_sheet_response(
        request,
        scope,
        groups,
        title=pdf.year_group_title(year),
        filename=pdf_filename("class sheets", YEAR_GROUP_LABELS[year]),
    )


@school_view("sees_pupils")
def my_class_sheets_pdf(request, scope):
    """Every class a teacher teaches, or the pupils a TA supports, as one PDF."""
    groups = my_pupil_groups(scope=scope)
    if not groups:
        raise Http404("Not found")
    who = scope.user.get_full_name() or scope.user.username
    return _class_sheet_response(
        request,
        scope,
        groups,
        title=f"Class sheets: {who}",
        filename=pdf_filename("class sheets", who),
    )


# --- My pupils -----------------------------------------------------------------------------


@school_view("sees_pupils")
def my_pupils(request, scope):
    """On one screen, the SEND pupils of each group the user teaches (or, for a TA, the
    pupils they support) with what helps them, what they find hard and how to support them."""
    groups = my_pupil_groups(scope=scope)
    pupil_ids = sorted({p.pk for g in groups for p in g.pupils})
    audit_list(
        actor=request.actor,
        action=ProfilesAction.MY_PUPILS_VIEW,
        school=scope.school,
        pupils=pupil_ids,
    )
    return render(
        request,
        "profiles/my_pupils.html",
        {
            "scope": scope,
            "groups": groups,
            # Each group with its pupils' rows, built in Python (profiles/my_pupils_html.py).
            "tables": [(g, pupil_rows(g.pupils)) for g in groups],
            "pupil_count": len(pupil_ids),
        },
    )

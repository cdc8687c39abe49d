"""The preview and the import of a contacts file (senco/imports/contacts.py). The upload,
preview, apply and cancel pages of the import (views.py) hand a contacts file here."""

from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from senco.audit.services import audit_list
from senco.imports.audit import ImportsAction
from senco.imports.contacts import CONTACT_ROW_KINDS, contacts_plan
from senco.imports.forms import ImportApplyForm, ImportPreviewForm
from senco.imports.jobs import contacts_apply_job
from senco.imports.models import ImportBatch
from senco.imports.parsing import ImportFileError
from senco.operations.jobs import job_page_url, job_start

PREVIEW_PAGE_SIZE = 100


def contacts_preview(request, scope, batch, *, plan=None, form=None, problem=None, status=200):
    if batch.status == ImportBatch.Status.PREVIEWED and plan is None and problem is None:
        try:
            plan = contacts_plan(school=scope.school, text=batch.content)
        except ImportFileError as error:
            problem = str(error)
    if plan is not None and form is None:
        form = ImportApplyForm(good_count=plan.good_count)
    paging = ImportPreviewForm(
        request.GET if request.method == "GET" else None, kinds=list(CONTACT_ROW_KINDS.items())
    )
    show, number = paging.chosen()
    page = None
    if plan is not None:
        page = Paginator(plan.preview_rows(show), PREVIEW_PAGE_SIZE).get_page(number)
    detail = {
        "batch": batch.pk,
        "filename": batch.filename,
        **(plan.counts() if plan is not None else {"status": batch.status}),
    }
    if page is not None:
        detail.update(page=page.number, show=show or "all")
    # Each pupil whose contacts are shown on this page gets a row ("who has looked").
    shown = list({r.item.pupil.pk: r.item.pupil for r in page or () if r.item}.values())
    audit_list(
        actor=request.actor,
        action=ImportsAction.PREVIEW,
        school=scope.school,
        pupils=shown,
        detail=detail,
    )
    return render(
        request,
        "imports/contacts_preview.html",
        {
            "scope": scope,
            "batch": batch,
            "plan": plan,
            "form": form,
            "problem": problem,
            "page": page,
            "page_numbers": (
                page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
                if page is not None
                else []
            ),
            "show": show or "",
            "show_label": CONTACT_ROW_KINDS.get(show, ""),
        },
        status=status,
    )


def contacts_apply(request, scope, batch):
    """Check the file again and, when it can be imported, import it in the background."""
    form = ImportApplyForm(request.POST)
    skip_invalid = form.is_valid() and form.cleaned_data["skip_invalid"]
    if not skip_invalid:
        try:
            plan = contacts_plan(school=scope.school, text=batch.content)
        except ImportFileError as error:
            return contacts_preview(request, scope, batch, problem=str(error))
        if plan.bad_count:
            form = ImportApplyForm(request.POST, good_count=plan.good_count)
            form.is_valid()
            rows = "row has" if plan.bad_count == 1 else "rows have"
            form.add_error(
                "skip_invalid",
                f"Nothing has been imported because {plan.bad_count} {rows} problems. Tick "
                "the box to import only the good rows, or correct the file and upload it again.",
            )
            return contacts_preview(request, scope, batch, plan=plan, form=form)
    job = job_start(
        actor=request.actor,
        title=f"Importing contacts from {batch.filename}",
        function=contacts_apply_job,
        school=scope.school,
        arguments={"batch_id": batch.pk, "skip_invalid": skip_invalid},
    )
    return redirect(job_page_url(job))

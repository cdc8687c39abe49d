from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from senco.access import school_view
from senco.audit.services import audit_list
from senco.imports.audit import ImportsAction
from senco.imports.contacts import CONTACT_COLUMNS, contacts_batch_create
from senco.imports.contacts_views import contacts_apply, contacts_preview
from senco.imports.forms import ImportApplyForm, ImportPreviewForm, ImportUploadForm
from senco.imports.jobs import import_apply_job
from senco.imports.models import ImportBatch
from senco.imports.parsing import COLUMNS
from senco.imports.services import (
    ROW_KINDS,
    ImportBatchClosed,
    ImportFileError,
    import_batch_cancel,
    import_batch_create,
    import_plan,
)
from senco.operations.jobs import job_page_url, job_start
from senco.pupils.selectors import group_moves

RECENT = 5
PREVIEW_PAGE_SIZE = 100


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


@school_view("manages_register")
def import_upload(request, scope):
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES)
        if form.is_valid():
            create = (
                contacts_batch_create
                if form.cleaned_data["kind"] == ImportBatch.Kind.CONTACTS
                else import_batch_create
            )
            try:
                batch = create(
                    school=scope.school, actor=request.actor, upload=form.cleaned_data["file"]
                )
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect("import_preview", urn=scope.school.urn, batch_id=batch.pk)
    else:
        form = ImportUploadForm()
    recent = ImportBatch.objects.filter(school=scope.school).select_related("uploaded_by")
    return render(
        request,
        "imports/upload.html",
        {
            "scope": scope,
            "form": form,
            "columns": COLUMNS,
            "contact_columns": CONTACT_COLUMNS,
            "recent": recent[:RECENT],
        },
    )


def _preview(request, scope, batch, *, plan=None, form=None, problem=None, status=200):
    if batch.status == ImportBatch.Status.PREVIEWED and plan is None and problem is None:
        try:
            plan = import_plan(school=scope.school, text=batch.content)
        except ImportFileError as error:
            problem = str(error)
    if plan is not None and form is None:
        form = ImportApplyForm(good_count=plan.good_count)
    moves = group_moves(school=scope.school, moves=plan.reg_group_moves()) if plan else []
    # Which rows, and which page of them: through a form, so a bad value is the first page.
    # Only a GET of the preview reads them; the apply's POST shows the first page.
    paging = ImportPreviewForm(
        request.GET if request.method == "GET" else None, kinds=list(ROW_KINDS.items())
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
    # The pupils of the register shown on this page (not the file's new pupils, who are not
    # on it yet) each get a row, so that their "who has looked" page names the preview.
    shown = [r.item.pupil for r in page or () if r.item is not None and r.item.pupil]
    audit_list(
        actor=request.actor,
        action=ImportsAction.PREVIEW,
        school=scope.school,
        pupils=shown,
        detail=detail,
    )
    return render(
        request,
        "imports/preview.html",
        {
            "scope": scope,
            "batch": batch,
            "plan": plan,
            "form": form,
            "problem": problem,
            "group_moves": moves,
            "page": page,
            "page_numbers": (
                page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
                if page is not None
                else []
            ),
            "show": show or "",
            "show_label": ROW_KINDS.get(show, ""),
        },
        status=status,
    )


@school_view("manages_register")
def import_preview(request, scope, batch_id):
    batch = get_object_or_404(ImportBatch, pk=batch_id, school=scope.school)
    if batch.kind == ImportBatch.Kind.CONTACTS:
        return contacts_preview(request, scope, batch)
    return _preview(request, scope, batch)


@require_POST
@school_view("manages_register")
def import_apply(request, scope, batch_id):
    """Check the file again (the register may have changed since the preview) and, when
    it can be imported, import it in the background: the job's page shows how it goes."""
    batch = get_object_or_404(ImportBatch, pk=batch_id, school=scope.school)
    if batch.status != ImportBatch.Status.PREVIEWED:
        return redirect("import_preview", urn=scope.school.urn, batch_id=batch.pk)
    if batch.kind == ImportBatch.Kind.CONTACTS:
        return contacts_apply(request, scope, batch)
    form = ImportApplyForm(request.POST)
    skip_invalid = form.is_valid() and form.cleaned_data["skip_invalid"]
    if not skip_invalid:
        try:
            plan = import_plan(school=scope.school, text=batch.content)
        except ImportFileError as error:
            return _preview(request, scope, batch, problem=str(error))
        if plan.bad_count:
            form = ImportApplyForm(request.POST, good_count=plan.good_count)
            form.is_valid()
            form.add_error(
                "skip_invalid",
                f"Nothing has been imported because {_count(plan.bad_count, 'row')} "
                f"{'has' if plan.bad_count == 1 else 'have'} problems. Tick the box to import "
                "only the good rows, or correct the file and upload it again.",
            )
            return _preview(request, scope, batch, plan=plan, form=form)
    job = job_start(
        actor=request.actor,
        title=f"Importing {batch.filename}",
        function=import_apply_job,
        school=scope.school,
        arguments={"batch_id": batch.pk, "skip_invalid": skip_invalid},
    )
    return redirect(job_page_url(job))


@require_POST
@school_view("manages_register")
def import_cancel(request, scope, batch_id):
    batch = get_object_or_404(ImportBatch, pk=batch_id, school=scope.school)
    try:
        import_batch_cancel(
            batch=batch,
            actor=request.actor,
        )
    except ImportBatchClosed:
        return redirect("import_preview", urn=scope.school.urn, batch_id=batch.pk)
    messages.success(request, f"You cancelled the import of {batch.filename}. Nothing changed.")
    return redirect("import_upload", urn=scope.school.urn)

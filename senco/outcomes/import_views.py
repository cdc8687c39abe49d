"""The SENCO brings attendance, suspensions and results in from the MIS: upload, check (the
preview names every problem by row and column, and writes nothing), then confirm. Also the
school's subjects and its own scales of grades, which results are checked against."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from senco.access import school_view
from senco.audit.services import audit_list
from senco.lib.csvfile import ImportFileError, heading_key
from senco.operations.jobs import job_page_url, job_start
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.import_forms import (
    AttendanceUploadForm,
    ConfirmForm,
    PreviewRowsForm,
    ResultsUploadForm,
    ScaleForm,
    SubjectForm,
    UploadForm,
)
from senco.outcomes.import_jobs import outcomes_import_job
from senco.outcomes.import_parsing import COLUMNS
from senco.outcomes.import_services import (
    LARGE,
    ROW_KINDS,
    OutcomesImportClosed,
    OutcomesRowsError,
    outcomes_batch_apply,
    outcomes_batch_cancel,
    outcomes_batch_create,
    outcomes_batch_queue,
    outcomes_plan,
    outcomes_summary,
    scale_add,
    subject_add,
)
from senco.outcomes.models import OutcomesImport, Scale, Subject
from senco.outcomes.scales import BUILT_IN
from senco.pupils.models import TeachingGroup
from senco.schools.selectors import saved_terms

RECENT = 10
PREVIEW_PAGE_SIZE = 100
Kind = OutcomesImport.Kind
FORMS = {
    Kind.ATTENDANCE: AttendanceUploadForm,
    Kind.SUSPENSIONS: UploadForm,
    Kind.RESULTS: ResultsUploadForm,
}
INTRO = {
    Kind.ATTENDANCE: "One row a pupil: their possible sessions, sessions attended, and "
    "authorised and unauthorised absence, for a half term, a term or the year to date. A file "
    "with a period column (or start and end dates) brings several periods in at once.",
    Kind.SUSPENSIONS: "One row a suspension or permanent exclusion: the pupil, the start date, "
    "the type, the length in days or sessions, and the DfE's reason.",
    Kind.RESULTS: "One row a pupil and subject: the result in the scale you choose. A Teacher "
    "column is read if there is one; otherwise the teachers of the pupil's class in the "
    "subject are recorded.",
}


@school_view("imports_outcomes")
def imports_list(request, scope):
    recent = OutcomesImport.objects.filter(school=scope.school).select_related("uploaded_by")
    return render(
        request,
        "outcomes/imports/list.html",
        {"scope": scope, "kinds": Kind.choices, "recent": recent[:RECENT], "intro": INTRO},
    )


@school_view("imports_outcomes")
def import_upload(request, scope, kind):
    if kind not in Kind.values:
        raise Http404
    today = timezone.localdate()
    form_class = FORMS[kind]
    arguments = {"school": scope.school, "today": today, "terms": saved_terms(scope.school)}
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, **arguments)
        if form.is_valid():
            try:
                batch = outcomes_batch_create(
                    school=scope.school,
                    actor=request.actor,
                    kind=kind,
                    upload=form.cleaned_data["file"],
                    options=form.options(),
                )
            except ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect("outcomes_import_preview", urn=scope.school.urn, batch_id=batch.pk)
    else:
        form = form_class(**arguments)
    return render(
        request,
        "outcomes/imports/upload.html",
        {
            "scope": scope,
            "form": form,
            "kind": kind,
            "kind_label": Kind(kind).label,
            "intro": INTRO[kind],
            "columns": COLUMNS[kind],
        },
    )


def _preview(request, scope, batch, *, plan=None, form=None, problem=None):
    if batch.status == OutcomesImport.Status.PREVIEWED and plan is None and problem is None:
        try:
            plan = outcomes_plan(
                school=scope.school, kind=batch.kind, text=batch.content, options=batch.options
            )
        except ImportFileError as error:
            problem = str(error)
    if plan is not None and form is None:
        form = ConfirmForm(good_count=plan.good_count)
    paging = PreviewRowsForm(
        request.GET if request.method == "GET" else None, kinds=list(ROW_KINDS.items())
    )
    show, number = paging.chosen()
    page = None
    if plan is not None:
        page = Paginator(plan.preview_rows(show), PREVIEW_PAGE_SIZE).get_page(number)
    shown = [r.item.pupil.pk for r in page or () if r.item is not None]
    audit_list(
        actor=request.actor,
        action=OutcomesAction.IMPORT_PREVIEW,
        school=scope.school,
        pupils=sorted(set(shown)),
        detail={"batch": batch.pk, "kind": batch.kind, "status": batch.status},
    )
    return render(
        request,
        "outcomes/imports/preview.html",
        {
            "scope": scope,
            "batch": batch,
            "plan": plan,
            "form": form,
            "problem": problem,
            "page": page,
            "show": show or "",
            "show_label": ROW_KINDS.get(show, ""),
            "row_kinds": ROW_KINDS,
            "large": LARGE,
        },
    )


@school_view("imports_outcomes")
def import_preview(request, scope, batch_id):
    """GET: what the file will do. POST: import it (action=confirm) or cancel it."""
    batch = get_object_or_404(OutcomesImport, pk=batch_id, school=scope.school)
    if request.method != "POST":
        return _preview(request, scope, batch)
    here = redirect("outcomes_import_preview", urn=scope.school.urn, batch_id=batch.pk)
    if batch.status != OutcomesImport.Status.PREVIEWED:
        return here
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        return here
    if form.cleaned_data["action"] == "cancel":
        try:
            outcomes_batch_cancel(batch=batch, actor=request.actor)
        except OutcomesImportClosed:
            return here
        messages.success(request, f"You cancelled the import of {batch.filename}. Nothing changed.")
        return redirect("outcomes_imports", urn=scope.school.urn)
    skip_invalid = form.cleaned_data["skip_invalid"]
    rows = len([line for line in batch.content.splitlines() if line.strip()])
    if rows > LARGE:
        return _start_job(request, scope, batch, skip_invalid)
    try:
        plan = outcomes_batch_apply(batch=batch, actor=request.actor, skip_invalid=skip_invalid)
    except OutcomesImportClosed:
        return here
    except ImportFileError as error:
        return _preview(request, scope, batch, problem=str(error))
    except OutcomesRowsError as error:
        form = ConfirmForm(request.POST, good_count=error.plan.good_count)
        form.is_valid()
        form.add_error(
            "skip_invalid",
            f"Nothing has been imported because {error.plan.bad_count} "
            f"row{'' if error.plan.bad_count == 1 else 's'} "
            f"{'has' if error.plan.bad_count == 1 else 'have'} problems. Tick the box to import "
            "only the good rows, or correct the file and upload it again.",
        )
        return _preview(request, scope, batch, plan=error.plan, form=form)
    messages.success(request, outcomes_summary(batch.filename, plan))
    return here


def _start_job(request, scope, batch, skip_invalid: bool):
    if not outcomes_batch_queue(batch=batch):
        return redirect("outcomes_import_preview", urn=scope.school.urn, batch_id=batch.pk)
    job = job_start(
        actor=request.actor,
        title=f"Importing {batch.filename}",
        function=outcomes_import_job,
        school=scope.school,
        arguments={"batch_id": batch.pk, "skip_invalid": skip_invalid},
    )
    return redirect(job_page_url(job))


@school_view("imports_outcomes")
def subjects(request, scope):
    """The subjects results are reported in; the subjects of the school's teaching groups
    not on the list yet can be added with one click."""
    form = SubjectForm(school=scope.school)
    if request.method == "POST":
        form = SubjectForm(request.POST, school=scope.school)
        if form.is_valid():
            subject_add(school=scope.school, actor=request.actor, name=form.cleaned_data["name"])
            messages.success(request, f"{form.cleaned_data['name']} is on the list of subjects.")
            return redirect("outcomes_subjects", urn=scope.school.urn)
    kept = list(Subject.objects.filter(school=scope.school).values_list("name", "key"))
    keys = {key for _, key in kept}
    offered: dict[str, str] = {}
    for name in TeachingGroup.objects.filter(school=scope.school).values_list("subject", flat=True):
        name = " ".join(name.split())
        if heading_key(name) and heading_key(name) not in keys:
            offered.setdefault(heading_key(name), name[:60])
    return render(
        request,
        "outcomes/imports/subjects.html",
        {
            "scope": scope,
            "form": form,
            "subjects": [name for name, _ in kept],
            "offered": sorted(offered.values()),
        },
    )


@school_view("imports_outcomes")
def scales(request, scope):
    """The built-in scales and the school's own, with a form to set one up."""
    form = ScaleForm(school=scope.school)
    if request.method == "POST":
        form = ScaleForm(request.POST, school=scope.school)
        if form.is_valid():
            data = form.cleaned_data
            scale_add(
                school=scope.school,
                actor=request.actor,
                name=data["name"],
                grades=data["grades"],
                expected=data["expected_value"],
            )
            messages.success(request, f"The scale {data['name']} is set up.")
            return redirect("outcomes_scales", urn=scope.school.urn)
    own = Scale.objects.filter(school=scope.school, kind=Scale.Kind.OWN).prefetch_related("grades")
    return render(
        request,
        "outcomes/imports/scales.html",
        {"scope": scope, "form": form, "built_in": BUILT_IN.values(), "own": own},
    )

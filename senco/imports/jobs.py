"""Applying an import runs in the background: a large file takes seconds, and the person
watches its progress on the job's page (senco/operations/jobs.py)."""

from django.urls import reverse

from senco.access import scope_at
from senco.imports.contacts import ContactRowsError, contacts_batch_apply, contacts_summary
from senco.imports.models import ImportBatch
from senco.imports.services import (
    ImportBatchClosed,
    ImportFileError,
    ImportRowsError,
    import_batch_apply,
    import_summary,
)
from senco.operations.jobs import JobFailed, JobResult, Progress, background_job


@background_job
def import_apply_job(progress: Progress, *, batch_id: int, skip_invalid: bool) -> JobResult:
    scope = scope_at(progress.user, progress.school) if progress.user else None
    if scope is None or not scope.may("manages_register"):
        raise JobFailed("You can no longer import pupils for this school.")
    batch = ImportBatch.objects.filter(pk=batch_id, school=scope.school).first()
    if batch is None:
        raise JobFailed("This file is no longer here: upload it again.")
    progress.step(f"Checking {batch.filename} against the register and saving the changes")
    try:
        plan = import_batch_apply(batch=batch, actor=progress.actor, skip_invalid=skip_invalid)
    except ImportBatchClosed as closed:
        raise JobFailed("This file has already been imported or cancelled.") from closed
    except ImportFileError as error:
        raise JobFailed(str(error)) from error
    except ImportRowsError as error:
        raise JobFailed(
            f"Nothing has been imported because {error.plan.bad_count} rows have problems. "
            "Go back to the file's check, and import only the good rows or correct the file."
        ) from error
    return JobResult(
        message=import_summary(batch.filename, plan),
        url=reverse("register", args=[scope.school.urn]),
    )


@background_job
def contacts_apply_job(progress: Progress, *, batch_id: int, skip_invalid: bool) -> JobResult:
    """A contacts file's import (senco/imports/contacts.py), as the pupils' above."""
    scope = scope_at(progress.user, progress.school) if progress.user else None
    if scope is None or not scope.may("manages_register"):
        raise JobFailed("You can no longer import contacts for this school.")
    batch = ImportBatch.objects.filter(
        pk=batch_id, school=scope.school, kind=ImportBatch.Kind.CONTACTS
    ).first()
    if batch is None:
        raise JobFailed("This file is no longer here: upload it again.")
    progress.step(f"Checking {batch.filename} against the pupils' contacts and saving the changes")
    try:
        plan = contacts_batch_apply(batch=batch, actor=progress.actor, skip_invalid=skip_invalid)
    except ImportBatchClosed as closed:
        raise JobFailed("This file has already been imported or cancelled.") from closed
    except ImportFileError as error:
        raise JobFailed(str(error)) from error
    except ContactRowsError as error:
        raise JobFailed(
            f"Nothing has been imported because {error.plan.bad_count} rows have problems. "
            "Go back to the file's check, and import only the good rows or correct the file."
        ) from error
    return JobResult(
        message=contacts_summary(batch.filename, plan),
        url=reverse("import_preview", args=[scope.school.urn, batch.pk]),
    )

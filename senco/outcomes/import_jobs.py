"""A large file of attendance, suspensions or results is imported by the task worker: the
person watches its progress on the job's page (senco/operations/jobs.py)."""

from django.urls import reverse

from senco.access import scope_at
from senco.lib.csvfile import ImportFileError
from senco.operations.jobs import JobFailed, JobResult, Progress, background_job
from senco.outcomes.import_services import (
    OutcomesImportClosed,
    OutcomesRowsError,
    outcomes_batch_apply,
    outcomes_batch_failed,
    outcomes_summary,
)
from senco.outcomes.models import OutcomesImport


@background_job
def outcomes_import_job(progress: Progress, *, batch_id: int, skip_invalid: bool) -> JobResult:
    scope = scope_at(progress.user, progress.school) if progress.user else None
    if scope is None or not scope.may("imports_outcomes"):
        raise JobFailed("You can no longer import attendance, suspensions or results here.")
    batch = OutcomesImport.objects.filter(pk=batch_id, school=scope.school).first()
    if batch is None:
        raise JobFailed("This file is no longer here: upload it again.")
    progress.step(f"Checking {batch.filename} and saving the figures")
    try:
        plan = outcomes_batch_apply(batch=batch, actor=progress.actor, skip_invalid=skip_invalid)
    except OutcomesImportClosed as closed:
        raise JobFailed("This file has already been imported or cancelled.") from closed
    except ImportFileError as error:
        outcomes_batch_failed(batch=batch)
        raise JobFailed(str(error)) from error
    except OutcomesRowsError as error:
        outcomes_batch_failed(batch=batch)
        raise JobFailed(
            f"Nothing has been imported because {error.plan.bad_count} rows have problems. "
            "Go back to the file's check, and import only the good rows or correct the file."
        ) from error
    except Exception:
        outcomes_batch_failed(batch=batch)  # back to its check page, not stuck "importing"
        raise
    return JobResult(
        message=outcomes_summary(batch.filename, plan),
        url=reverse("outcomes_import_preview", args=[scope.school.urn, batch.pk]),
    )

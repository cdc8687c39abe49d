from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from senco.access import school_view, signed_in_view
from senco.operations.jobs import result_path
from senco.operations.models import Job
from senco.operations.schedules import schedule_rows


def _own_job(request, job_id) -> Job:
    """A job is seen only by the person who started it: anyone else gets 404."""
    return get_object_or_404(
        Job.objects.select_related("school"), pk=job_id, started_by=request.user
    )


@signed_in_view
def job_detail(request, job_id):
    """The job's progress, refreshed every second by HTMX while it runs, then its result."""
    job = _own_job(request, job_id)
    template = "operations/_job_status.html" if request.htmx else "operations/job.html"
    return render(request, template, {"job": job})


@signed_in_view
def job_download(request, job_id):
    job = _own_job(request, job_id)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404("Not found")
    path = result_path(job)
    if not path.is_file():
        raise Http404("Not found")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=job.result_name,
        content_type=job.result_type,
    )


@school_view("sees_schedules")
def schedule_status(request, scope):
    return render(request, "operations/schedules.html", {"scope": scope, "rows": schedule_rows()})

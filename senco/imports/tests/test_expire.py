import datetime
from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from senco.audit.models import AuditEvent
from senco.imports.models import ImportBatch


def make_batch(school, senco, days_old, status=ImportBatch.Status.PREVIEWED):
    batch = ImportBatch.objects.create(
        school=school, uploaded_by=senco, filename="export.csv", content="UPN,...", status=status
    )
    ImportBatch.objects.filter(pk=batch.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_old)
    )
    return batch


def test_old_unimported_uploads_are_cancelled_and_cleared(school, senco):
    old = make_batch(school, senco, 10)
    recent = make_batch(school, senco, 1)
    applied = make_batch(school, senco, 30, status=ImportBatch.Status.APPLIED)
    out = StringIO()
    call_command("expire_imports", stdout=out)
    old.refresh_from_db()
    recent.refresh_from_db()
    applied.refresh_from_db()
    assert (old.status, old.content) == (ImportBatch.Status.CANCELLED, "")
    assert recent.status == ImportBatch.Status.PREVIEWED and recent.content
    assert applied.status == ImportBatch.Status.APPLIED
    assert "Expired 1 upload older than 7 days." in out.getvalue()
    event = AuditEvent.objects.get(action="import.expire")
    assert (event.school_id, event.detail["batch"]) == (school.pk, old.pk)


def test_the_age_can_be_set(school, senco):
    make_batch(school, senco, 3)
    call_command("expire_imports", "--days", "2", stdout=StringIO())
    assert ImportBatch.objects.get().status == ImportBatch.Status.CANCELLED

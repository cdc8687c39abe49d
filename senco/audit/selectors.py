from senco.audit.models import AuditEvent


def audit_events_for_pupil(*, pupil, limit: int = 200):
    return AuditEvent.objects.filter(pupil=pupil).select_related("user")[:limit]

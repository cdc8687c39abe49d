from django.conf import settings

from senco.audit.models import AuditEvent


def client_ip(request) -> str | None:
    if request is None:
        return None
    header = settings.AUDIT_CLIENT_IP_HEADER
    if header:
        forwarded = request.META.get(header, "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *, user, action: str, request=None, school=None, pupil=None, detail: dict | None = None
) -> AuditEvent:
    """Write one audit row. Called by every service that reads or writes a pupil's record."""
    if school is None and pupil is not None:
        school = pupil.school_id
    return AuditEvent.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        school_id=getattr(school, "pk", school),
        pupil=pupil,
        action=action,
        detail=detail or {},
        ip_address=client_ip(request),
    )

from django.core.exceptions import ValidationError
from django.db import transaction

from senco.accounts.models import Membership, Role
from senco.audit.services import audit_record
from senco.pupils.models import Pupil, SupportAssignment


@transaction.atomic
def support_assignment_add(*, request=None, by, pupil: Pupil, staff) -> SupportAssignment:
    """Assign a teaching assistant of the pupil's school to support the pupil."""
    if not Membership.objects.filter(user=staff, school=pupil.school_id, role=Role.TA).exists():
        raise ValidationError("Choose a teaching assistant of this school.")
    assignment, created = SupportAssignment.objects.get_or_create(staff=staff, pupil=pupil)
    if created:
        audit_record(
            user=by, request=request, pupil=pupil, action="support.add", detail={"staff": staff.pk}
        )
    return assignment


@transaction.atomic
def support_assignment_remove(*, request=None, by, assignment: SupportAssignment) -> None:
    pupil = assignment.pupil
    staff_id = assignment.staff_id
    assignment.delete()
    audit_record(
        user=by, request=request, pupil=pupil, action="support.remove", detail={"staff": staff_id}
    )

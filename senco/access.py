"""The only way to reach a school's pages or a pupil's record for a user.

Rules:
- A user reaches a school through a membership there, or as the SEND lead of its trust.
- Not allowed and not there give the same 404, so nobody learns that a pupil exists.
- A user who may reach the school but whose role may not use a page gets 403.
- Every view declares its policy with one of the decorators below; a test walks every
  URL pattern and fails for a view without one.

One condition per line, so every branch has a test.
"""

from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from senco.accounts.models import Membership, Role, TrustMembership
from senco.plans.models import ViewRequest
from senco.pupils.models import Pupil, SupportAssignment, TeachingGroup
from senco.schools.models import School, Trust

TRUST_LEAD = "trust_lead"

# Who may see pupils' names at all, and so whose figures are not suppressed.
SEES_PUPILS = frozenset({Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA})
# Who sees every pupil of the school, not only the ones they teach or support.
SEES_WHOLE_SCHOOL = frozenset({Role.SENCO, Role.LEADER})
# Who sees aggregate figures for the school.
SEES_SUMMARY = frozenset({Role.SENCO, Role.LEADER, Role.GOVERNOR, TRUST_LEAD})
# Who sees pupils' contacts (and nothing about SEN on that page).
SEES_CONTACTS = frozenset({Role.SENCO, Role.LEADER, Role.OFFICE})
# Who changes the register, imports from the MIS and manages staff.
MANAGES_REGISTER = frozenset({Role.SENCO})


@dataclass(frozen=True)
class Scope:
    """A user at a school, in one role."""

    user: object
    school: School
    role: str
    can_edit_passports: bool = False

    @property
    def sees_pupils(self) -> bool:
        return self.role in SEES_PUPILS

    @property
    def suppress_small_numbers(self) -> bool:
        return self.role not in SEES_PUPILS

    @property
    def manages_register(self) -> bool:
        return self.role in MANAGES_REGISTER

    @property
    def sees_summary(self) -> bool:
        return self.role in SEES_SUMMARY

    @property
    def sees_contacts(self) -> bool:
        return self.role in SEES_CONTACTS

    @property
    def edits_passports(self) -> bool:
        """The SENCO, or a teacher the SENCO allows, writes passports and profiles of the
        pupils they can see."""
        if self.role == Role.SENCO:
            return True
        return self.role == Role.TEACHER and self.can_edit_passports


def _not_found() -> Http404:
    return Http404("Not found")


def scope_at(user, school: School) -> Scope | None:
    """The user's scope at the school, or None when they have no business there."""
    if not user.is_authenticated:
        return None
    membership = (
        Membership.objects.filter(user=user, school=school)
        .only("role", "can_edit_passports")
        .first()
    )
    if membership is not None:
        return Scope(user, school, membership.role, membership.can_edit_passports)
    if TrustMembership.objects.filter(user=user, trust_id=school.trust_id).exists():
        return Scope(user, school, TRUST_LEAD)
    return None


def role_at(user, school: School) -> str | None:
    """The user's role at the school, or None when they have no business there."""
    scope = scope_at(user, school)
    return scope.role if scope else None


def school_scope(user, urn: str) -> Scope:
    """The user's scope at the school with this URN, or 404."""
    school = School.objects.select_related("trust").filter(urn=urn).first()
    if school is None:
        raise _not_found()
    scope = scope_at(user, school)
    if scope is None:
        raise _not_found()
    return scope


def trust_for(user, trust_id: int) -> Trust:
    """A trust whose SEND lead the user is, or 404."""
    trust = Trust.objects.filter(pk=trust_id).first()
    if trust is None:
        raise _not_found()
    if not TrustMembership.objects.filter(user=user, trust=trust).exists():
        raise _not_found()
    return trust


def require_role(scope: Scope, roles) -> None:
    if scope.role not in roles:
        raise PermissionDenied


def pupils_visible_to(scope: Scope) -> QuerySet[Pupil]:
    """Every pupil of the scope's school that the user may see by name."""
    pupils = Pupil.objects.filter(school=scope.school)
    if scope.role in SEES_WHOLE_SCHOOL:
        return pupils
    if scope.role == Role.TEACHER:
        taught = TeachingGroup.pupils.through.objects.filter(
            teachinggroup__teachers=scope.user, teachinggroup__school=scope.school
        ).values("pupil_id")
        return pupils.filter(pk__in=taught)
    if scope.role == Role.TA:
        supported = SupportAssignment.objects.filter(staff=scope.user).values("pupil_id")
        return pupils.filter(pk__in=supported)
    return pupils.none()


def pupil_for(user, pk: int) -> tuple[Pupil, Scope]:
    """The pupil with this id and the user's scope at their school, or 404."""
    pupil = Pupil.objects.select_related("school", "school__trust").filter(pk=pk).first()
    if pupil is None:
        raise _not_found()
    scope = scope_at(user, pupil.school)
    if scope is None:
        raise _not_found()
    if scope.role not in SEES_PUPILS:
        raise _not_found()
    if not pupils_visible_to(scope).filter(pk=pk).exists():
        raise _not_found()
    return pupil, scope


def view_request_for(user, pk: int):
    """A request for a teacher's view of a pupil, which only that teacher may open.

    The teacher must still see the pupil; anyone else gets 404.
    """
    view_request = (
        ViewRequest.objects.filter(pk=pk, teacher=user)
        .select_related("cycle", "cycle__pupil")
        .first()
    )
    if view_request is None:
        raise _not_found()
    pupil, scope = pupil_for(user, view_request.cycle.pupil_id)
    view_request.cycle.pupil = pupil
    return view_request, scope


# --- View policies -----------------------------------------------------------------------


def public_view(view):
    """Open to anyone: the sign-in page and nothing that shows a pupil."""
    view.access_policy = "public"
    return view


def signed_in_view(view):
    """Any signed-in user; the view shows only what is theirs."""
    wrapped = login_required(view)
    wrapped.access_policy = "signed-in"
    return wrapped


def school_view(*roles):
    """A page of one school: `urn` from the URL becomes `scope`; others get 404, wrong role 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, urn, *args, **kwargs):
            scope = school_scope(request.user, urn)
            require_role(scope, roles)
            return view(request, scope, *args, **kwargs)

        wrapped.access_policy = f"school:{','.join(sorted(roles))}"
        return wrapped

    return decorator


def pupil_view(*roles):
    """A page of one pupil: `pk` becomes `pupil` and `scope`; unseen pupils are 404."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            pupil, scope = pupil_for(request.user, pk)
            require_role(scope, roles)
            return view(request, pupil, scope, *args, **kwargs)

        wrapped.access_policy = f"pupil:{','.join(sorted(roles))}"
        return wrapped

    return decorator


def trust_view(view):
    """A trust's page: only its SEND lead; everyone else gets 404."""

    @login_required
    @wraps(view)
    def wrapped(request, trust_id, *args, **kwargs):
        trust = trust_for(request.user, trust_id)
        return view(request, trust, *args, **kwargs)

    wrapped.access_policy = "trust"
    return wrapped

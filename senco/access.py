"""The only way to reach a school's pages or a pupil's record for a user.

Rules:
- A user reaches a school through an active membership there, or as the SEND lead of its
  trust. A membership switched off gives no scope: the same 404 as a stranger.
- Not allowed and not there give the same 404, so nobody learns that a pupil exists.
- A user who may reach the school but whose role may not use a page gets 403.
- Every view declares its policy with one of the decorators below; a test walks every
  URL pattern and fails for a view without one.

One condition per line, so every branch has a test.
"""

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from senco.accounts.models import Membership, ParentLink, Role, TrustMembership
from senco.audit.actions import AuditAction
from senco.audit.services import audit_record
from senco.pupils.models import Contact, Pupil, SupportAssignment, TeachingGroup
from senco.schools.models import School, Trust

TRUST_LEAD = "trust_lead"

# Who may do what: an ability is a name and the rule that gives it to a scope. The core's
# are below; a capability adds its own through senco/registry.py. Decorators, views and
# templates all ask the scope (`scope.sees_pupils`, `scope.may("runs_cycles")`), never a role.
_ABILITIES: dict[str, Callable[["Scope"], bool]] = {}


def _has_role(roles: frozenset) -> Callable[["Scope"], bool]:
    return lambda scope: scope.role in roles


def register_ability(name: str, rule) -> None:
    """Add an ability: `rule` is the set of roles that have it, or a predicate of a Scope."""
    taken = hasattr(Scope, name) or name in {f.name for f in fields(Scope)}
    if not name.isidentifier() or name.startswith("_") or taken:
        raise ValueError(f"{name!r} cannot be an ability name")
    if name in _ABILITIES:
        raise ValueError(f"The ability {name!r} is declared twice")
    _ABILITIES[name] = rule if callable(rule) else _has_role(frozenset(rule))


def abilities() -> list[str]:
    return sorted(_ABILITIES)


@dataclass(frozen=True)
class Scope:
    """A user at a school, in one role. Its abilities read as attributes: `scope.sees_pupils`."""

    user: object
    school: School
    role: str
    can_edit_passports: bool = False

    def may(self, ability: str) -> bool:
        rule = _ABILITIES.get(ability)
        if rule is None:
            raise LookupError(f"No ability is called {ability!r}")
        return rule(self)

    def __getattr__(self, name: str):
        # Only called for names the class does not have: the abilities.
        if name in _ABILITIES:
            return _ABILITIES[name](self)
        raise AttributeError(name)


# Who may see pupils' names at all, and so whose figures are not suppressed.
register_ability("sees_pupils", {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA})
register_ability("suppress_small_numbers", lambda scope: not scope.sees_pupils)
# Who sees every pupil of the school, not only the ones they teach or support.
register_ability("sees_whole_school", {Role.SENCO, Role.LEADER})
# Who sees only the pupils of the groups they teach, or only the pupils they support.
register_ability("sees_taught_pupils", {Role.TEACHER})
register_ability("sees_supported_pupils", {Role.TA})
# Who sees aggregate figures for the school.
register_ability("sees_summary", {Role.SENCO, Role.LEADER, Role.GOVERNOR, TRUST_LEAD})
# Who sees pupils' contacts (and nothing about SEN on that page).
register_ability("sees_contacts", {Role.SENCO, Role.LEADER, Role.OFFICE})
# Who changes the register, imports from the MIS and manages staff.
register_ability("manages_register", {Role.SENCO})


def _not_found() -> Http404:
    return Http404("Not found")


def scope_at(user, school: School) -> Scope | None:
    """The user's scope at the school, or None when they have no business there."""
    if not user.is_authenticated:
        return None
    # No ordering: Membership's default (by school name) would join the schools for nothing.
    membership = (
        Membership.objects.filter(user=user, school=school, is_active=True)
        .only("role", "can_edit_passports")
        .order_by()
        .first()
    )
    if membership is not None:
        return Scope(user, school, membership.role, membership.can_edit_passports)
    if TrustMembership.objects.filter(user=user, trust_id=school.trust_id).exists():
        return Scope(user, school, TRUST_LEAD)
    return None


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


def require(scope: Scope, ability: str) -> None:
    """403 for a scope without the ability."""
    if not scope.may(ability):
        raise PermissionDenied


def pupils_visible_to(scope: Scope) -> QuerySet[Pupil]:
    """Every pupil of the scope's school that the user may see by name."""
    pupils = Pupil.objects.filter(school=scope.school)
    if scope.sees_whole_school:
        return pupils
    if scope.sees_taught_pupils:
        taught = TeachingGroup.pupils.through.objects.filter(
            teachinggroup__teachers=scope.user, teachinggroup__school=scope.school
        ).values("pupil_id")
        return pupils.filter(pk__in=taught)
    if scope.sees_supported_pupils:
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
    if not scope.sees_pupils:
        raise _not_found()
    # Whoever sees the whole school sees this pupil of it; the others, only their own.
    if scope.sees_whole_school:
        return pupil, scope
    if not pupils_visible_to(scope).filter(pk=pk).exists():
        raise _not_found()
    return pupil, scope


def parent_contacts(user) -> QuerySet[Contact]:
    """The pupil contacts a parent's account stands for and that may be told about their
    pupil: an active link, and no "must not be contacted" or "must not be given
    information" on the contact. Everything a parent sees starts here."""
    if not user.is_authenticated:
        return Contact.objects.none()
    linked = ParentLink.objects.filter(user=user, is_active=True).values("contact_id")
    return Contact.objects.filter(pk__in=linked, no_contact=False, no_information=False)


def child_for(user, pk: int) -> tuple[Pupil, list[Contact]]:
    """A parent's own child with this id and the parent's contact records for them, or
    404: the same answer for another family's child as for one that does not exist."""
    contacts = list(parent_contacts(user).filter(pupil_id=pk).select_related("pupil__school"))
    if not contacts:
        raise _not_found()
    return contacts[0].pupil, contacts


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


def school_view(ability: str):
    """A page of one school: `urn` from the URL becomes `scope`; others get 404, a scope
    without the ability 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, urn, *args, **kwargs):
            scope = school_scope(request.user, urn)
            require(scope, ability)
            return view(request, scope, *args, **kwargs)

        wrapped.access_policy = f"school:{ability}"
        return wrapped

    return decorator


def _audit_denied(request, pk, status: int, pupil=None) -> None:
    """A refused request for a pupil. A 404 names the id asked for only in the detail (no
    pupil, no school), so that nothing reaches a school's log about someone who may not see
    its pupils; a 403 (who sees the pupil, but not this page) is in the pupil's own log."""
    audit_record(
        actor=request.actor,
        action=AuditAction.PUPIL_DENIED,
        pupil=pupil,
        detail={"requested_pupil": pk, "status": status, "path": request.path},
    )


def pupil_view(ability: str):
    """A page of one pupil: `pk` becomes `pupil` and `scope`; unseen pupils are 404, a
    scope without the ability 403."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, pk, *args, **kwargs):
            try:
                pupil, scope = pupil_for(request.user, pk)
            except Http404:
                _audit_denied(request, pk, 404)
                raise
            try:
                require(scope, ability)
            except PermissionDenied:
                _audit_denied(request, pk, 403, pupil=pupil)
                raise
            return view(request, pupil, scope, *args, **kwargs)

        wrapped.access_policy = f"pupil:{ability}"
        return wrapped

    return decorator


def parent_view(view):
    """A parent's page about their own child: `pk` becomes `pupil` and `contacts` (the
    parent's contact records for that child); any other child is 404, audited as a refusal
    like a member of staff's."""

    @login_required
    @wraps(view)
    def wrapped(request, pk, *args, **kwargs):
        try:
            pupil, contacts = child_for(request.user, pk)
        except Http404:
            _audit_denied(request, pk, 404)
            raise
        return view(request, pupil, contacts, *args, **kwargs)

    wrapped.access_policy = "parent"
    return wrapped


def trust_view(view):
    """A trust's page: only its SEND lead; everyone else gets 404."""

    @login_required
    @wraps(view)
    def wrapped(request, trust_id, *args, **kwargs):
        trust = trust_for(request.user, trust_id)
        return view(request, trust, *args, **kwargs)

    wrapped.access_policy = "trust"
    return wrapped

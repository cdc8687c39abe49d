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
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404

from senco.accounts.models import Membership, ParentLink, Role, TrustMembership
from senco.audit.actions import AuditAction
from senco.audit.services import audit_record
from senco.lib.prepared import Prepared
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


# The lookups every request makes, with their SQL written once (senco/lib/prepared.py).
def _with_standing(queryset, user: int, school: str, trust: str):
    """`queryset` with the user's membership of the school and whether they lead its trust
    (`school`, `trust`: the lookups of their ids), as annotations: one query for the record
    and the scope, instead of one for each."""
    member = Membership.objects.filter(
        user_id=user, school_id=OuterRef(school), is_active=True
    ).order_by("pk")
    lead = TrustMembership.objects.filter(user_id=user, trust_id=OuterRef(trust))
    return queryset.annotate(
        member_role=Subquery(member.values("role")[:1]),
        member_edits=Subquery(member.values("can_edit_passports")[:1]),
        trust_lead=Exists(lead),
    )


_school = Prepared(
    lambda urn, user: _with_standing(
        School.objects.select_related("trust").filter(urn=urn), user, "pk", "trust_id"
    ).order_by("pk")[:1]
)
_pupil = Prepared(
    lambda pk, user: _with_standing(
        Pupil.objects.select_related("school", "school__trust").filter(pk=pk),
        user,
        "school_id",
        "school__trust_id",
    ).order_by()
)


_standing_at = Prepared(
    lambda school, user: (
        _with_standing(School.objects.filter(pk=school), user, "pk", "trust_id")
        .order_by()
        .values_list("member_role", "member_edits", "trust_lead")
    )
)


def _scope(user, school: School, role: str | None, edits, lead) -> Scope | None:
    """The scope a membership's role (or none) and trust leadership give at the school."""
    if role:
        return Scope(user, school, role, bool(edits))
    if lead:
        return Scope(user, school, TRUST_LEAD)
    return None


def _standing(user, school: School, found) -> Scope | None:
    """The scope that `_with_standing`'s annotations on `found` give."""
    return _scope(user, school, found.member_role, found.member_edits, found.trust_lead)


def scope_at(user, school: School) -> Scope | None:
    """The user's scope at the school, or None when they have no business there: one
    query for the membership and the trust's leadership together."""
    if not user.is_authenticated:
        return None
    for role, edits, lead in _standing_at.rows(school=school.pk, user=user.pk):
        return _scope(user, school, role, edits, lead)
    return None


def school_scope(user, urn: str) -> Scope:
    """The user's scope at the school with this URN, or 404."""
    if not user.is_authenticated:
        raise _not_found()
    school = _school.first(urn=urn, user=user.pk)
    if school is None:
        raise _not_found()
    scope = _standing(user, school, school)
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
    return pupils_visible(**scope_args(scope))


# Which pupils a scope sees by name, as `visibility` says and `pupils_visible` reads.
WHOLE_SCHOOL, TAUGHT, SUPPORTED, NO_PUPILS = "whole", "taught", "supported", "none"


def visibility(scope: Scope) -> str:
    """Which of the school's pupils the scope sees: one of the four above. A query written
    once (senco/lib/prepared.py) takes it as its `shape`, the ids as its arguments."""
    if scope.sees_whole_school:
        return WHOLE_SCHOOL
    if scope.sees_taught_pupils:
        return TAUGHT
    if scope.sees_supported_pupils:
        return SUPPORTED
    return NO_PUPILS


def scope_args(scope: Scope) -> dict:
    """A scope as the arguments of a query written once whose `build` takes `shape`,
    `school` and `user` (as `pupils_visible` does)."""
    # A scope with nobody in it (the school's own figures: registry.Evidence) is no user's.
    user = scope.user.pk if scope.user is not None else NOBODY
    return {"shape": visibility(scope), "school": scope.school.pk, "user": user}


NOBODY = 0  # no user has this id


def pupils_visible(shape: str, school: int, user: int) -> QuerySet[Pupil]:
    """The pupils of the school (an id) that the user (an id) sees by name, as `shape`
    (`visibility`) says: what `pupils_visible_to` reads, for queries written once."""
    pupils = Pupil.objects.filter(school_id=school)
    if shape == WHOLE_SCHOOL:
        return pupils
    if shape == TAUGHT:
        taught = TeachingGroup.pupils.through.objects.filter(
            teachinggroup__teachers=user, teachinggroup__school=school
        ).values("pupil_id")
        return pupils.filter(pk__in=taught)
    if shape == SUPPORTED:
        supported = SupportAssignment.objects.filter(staff=user).values("pupil_id")
        return pupils.filter(pk__in=supported)
    return pupils.none()


def of_pupils_visible(shape: str, school: int, user: int, relation: str = "pupil") -> Q:
    """Records whose `relation` (a foreign key to Pupil) is a pupil `pupils_visible` gives.
    Whoever sees the whole school sees every pupil of it: the records are then matched on
    their pupil's school, the same rows as "the pupil is one of the school's pupils", but
    SQLite looks up the few pupils a query wants (those at E, say, through the index on
    school and SEN provision) instead of listing the school's thousand pupils first and
    looking up the records of each (issue 13: ten times faster on a plan list)."""
    if shape == WHOLE_SCHOOL:
        return Q(**{f"{relation}__school_id": school})
    return Q(**{f"{relation}__in": pupils_visible(shape, school, user)})


def pupil_for(user, pk: int) -> tuple[Pupil, Scope]:
    """The pupil with this id and the user's scope at their school, or 404."""
    if not user.is_authenticated:
        raise _not_found()
    pupil = _pupil.first(pk=pk, user=user.pk)
    if pupil is None:
        raise _not_found()
    scope = _standing(user, pupil.school, pupil)
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

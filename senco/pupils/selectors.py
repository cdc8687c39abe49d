"""Reads of pupils that cross tables, limited to what the user may see."""

import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from senco.access import Scope, pupils_visible, scope_args
from senco.lib.keys import fold, phone_digits, sorted_reg_groups
from senco.lib.prepared import Prepared
from senco.pupils.models import Contact, Pupil, SupportAssignment, TeachingGroup

# What a list of pupils' names shows (the name, the year, a link by id): `.only(*NAME_FIELDS)`
# reads these columns and no others, so that a list of a few hundred builds light rows.
NAME_FIELDS = ("forename", "preferred_name", "legal_surname", "year_group", "school_id")


# The pupil page's teaching groups and teaching assistants, with SQL written once.
_groups = Prepared(lambda pupil: TeachingGroup.objects.filter(pupils=pupil))
_supporters = Prepared(
    lambda pupil: (
        SupportAssignment.objects.filter(pupil_id=pupil)
        .select_related("staff")
        .only("pupil", "staff", "staff__first_name", "staff__last_name", "staff__username")
    )
)


def groups_of(pupil: Pupil) -> list[TeachingGroup]:
    """The pupil's teaching groups, by name."""
    return _groups.instances(pupil=pupil.pk)


def supporters_of(pupil: Pupil) -> list[SupportAssignment]:
    """The teaching assistants assigned to the pupil, with their names."""
    found = _supporters.instances(pupil=pupil.pk)
    for assignment in found:
        assignment.pupil = pupil
    return found


def name_fields(relation: str) -> tuple[str, ...]:
    """NAME_FIELDS through a relation, for `.only()` with `select_related(relation)`."""
    return (relation, *(f"{relation}__{name}" for name in NAME_FIELDS))


# A search that is a phone number: digits and the marks people write in them, and enough
# digits that it is not a year group or a house number.
PHONE_NUMBER = re.compile(r"[\d\s()+./-]+")
PHONE_DIGITS_AT_LEAST = 6


# The register's filter asks for these on every request: written once.
_reg_groups_of = Prepared(
    lambda shape, school, user: (
        pupils_visible(shape, school, user)
        .exclude(reg_group="")
        .order_by()
        .values_list("reg_group")
        .distinct()
    )
)


def reg_groups(*, scope: Scope) -> list[str]:
    """The registration groups of the pupils the scope sees, in a school's order: 7K before
    10K, 10K before 11A (`senco.lib.keys.reg_group_key`)."""
    return sorted_reg_groups(group for (group,) in _reg_groups_of.rows(**scope_args(scope)))


def pupil_name_or_upn(word: str) -> Q:
    """A pupil whose name contains the word, or whose UPN it is, whatever the case and the
    accents: "celik" finds Çelik and "lucja" finds Łucja, on SQLite as on PostgreSQL, because
    both sides are folded the same way (`senco.lib.keys.fold`, kept on `Pupil.search_key`).
    """
    match = Q(upn__iexact=word)
    folded = fold(word)
    if folded:
        match |= Q(search_key__contains=folded)
    return match


def _with_contact(key: str) -> Q:
    """A pupil with a contact whose name or phone number contains the key."""
    return Q(pk__in=Contact.objects.filter(search_key__contains=key).values("pupil_id"))


def contact_search(*, school, query: str) -> QuerySet[Pupil]:
    """The school's pupils found by the office's search: each word in the pupil's name, UPN
    or registration group, or a parent's or carer's name; or a phone number of a parent or
    carer, compared by its digits ("07700 900123" finds "07700900123"). Not ordered."""
    pupils = Pupil.objects.filter(school=school)
    digits = phone_digits(query)
    if PHONE_NUMBER.fullmatch(query) and len(digits) >= PHONE_DIGITS_AT_LEAST:
        return pupils.filter(_with_contact(digits))
    for word in query.split():
        match = pupil_name_or_upn(word) | Q(reg_group__iexact=word)
        folded = fold(word)
        if any(ch.isalpha() for ch in folded):
            match |= _with_contact(folded)
        elif len(phone_digits(word)) >= PHONE_DIGITS_AT_LEAST:
            match |= _with_contact(phone_digits(word))
        pupils = pupils.filter(match)
    return pupils


def contacts_to_tell(pupils) -> dict[int, list[Contact]]:
    """Who may be written to about each pupil: their contacts with an email address who
    may be contacted and given information, in the order the school calls them.
    `pupils` is pupils or their ids (every one a key, with an empty list when nobody may be
    written to), or a queryset of pupils, read as a subquery (only pupils with someone to
    tell are keys: use `.get(pk, [])`). One query."""
    if isinstance(pupils, QuerySet):
        ids, wanted = pupils.values("pk"), None
    else:
        wanted = [getattr(p, "pk", p) for p in pupils]
        ids = wanted
    told: dict[int, list[Contact]] = {pk: [] for pk in wanted or ()}
    contacts = (
        Contact.objects.filter(pupil_id__in=ids, no_contact=False, no_information=False)
        .exclude(email="")
        .order_by("pupil_id", "priority", "name", "pk")
    )
    for contact in contacts:
        told.setdefault(contact.pupil_id, []).append(contact)
    return told


@dataclass(frozen=True)
class GroupMoves:
    """Who a change of registration groups would bring into a following teaching group,
    and who it would take out, by name."""

    group: TeachingGroup
    joining: list[str]
    leaving: list[str]


def group_moves(*, school, moves: list[tuple[str, str | None, str]]) -> list[GroupMoves]:
    """For each teaching group that follows a registration group: who would join and leave
    it if pupils moved as `moves` says, each (name, old registration group or None for a
    new pupil, new registration group). One query."""
    result = []
    following = TeachingGroup.objects.filter(school=school).exclude(follows_reg_group="")
    for group in following.order_by("name"):
        reg = group.follows_reg_group
        joining = [name for name, old, new in moves if new == reg and old != reg]
        leaving = [name for name, old, new in moves if old == reg and new != reg]
        if joining or leaving:
            result.append(GroupMoves(group, joining, leaving))
    return result

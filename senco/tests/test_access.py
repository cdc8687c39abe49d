"""senco/access.py: every branch of reaching a school or a pupil."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from senco import access
from senco import factories as f


def test_school_scope_gives_the_members_role(senco, school):
    assert access.school_scope(senco, school.urn).role == "senco"


def test_school_scope_404_for_a_school_that_does_not_exist(senco):
    with pytest.raises(Http404):
        access.school_scope(senco, "000000")


def test_school_scope_404_for_a_school_of_someone_else(outsider, school):
    with pytest.raises(Http404):
        access.school_scope(outsider, school.urn)


def test_trust_lead_reaches_every_school_of_the_trust(trust_lead, school, sister_school):
    assert access.school_scope(trust_lead, school.urn).role == access.TRUST_LEAD
    assert access.school_scope(trust_lead, sister_school.urn).role == access.TRUST_LEAD


def test_trust_lead_does_not_reach_another_trust(trust_lead, other_school):
    with pytest.raises(Http404):
        access.school_scope(trust_lead, other_school.urn)


def test_require_role_refuses_other_roles(governor, school):
    scope = access.school_scope(governor, school.urn)
    with pytest.raises(PermissionDenied):
        access.require(scope, "sees_pupils")


def test_pupil_for_senco(senco, pupil):
    found, scope = access.pupil_for(senco, pupil.pk)
    assert found == pupil
    assert scope.role == "senco"


def test_pupil_for_missing_pupil_is_404(senco):
    with pytest.raises(Http404):
        access.pupil_for(senco, 999999)


def test_pupil_for_other_school_is_404(senco, other_pupil):
    with pytest.raises(Http404):
        access.pupil_for(senco, other_pupil.pk)


@pytest.mark.parametrize("role", ["governor", "office", "trust_lead", "parent", "other_teacher"])
def test_pupil_for_roles_that_may_not_see_this_pupil_is_404(role, cast, pupil):
    with pytest.raises(Http404):
        access.pupil_for(cast[role], pupil.pk)


@pytest.mark.parametrize("role", ["senco", "leader", "teacher", "ta"])
def test_pupil_for_roles_that_see_this_pupil(role, cast, pupil):
    assert access.pupil_for(cast[role], pupil.pk)[0] == pupil


def test_teacher_sees_only_pupils_in_their_groups(teacher, school, pupil):
    f.SenPupilFactory(school=school)
    scope = access.school_scope(teacher, school.urn)
    assert list(access.pupils_visible_to(scope)) == [pupil]


def test_teacher_groups_at_another_school_do_not_count(teacher, school, other_school, pupil):
    group = f.TeachingGroupFactory(school=other_school)
    group.teachers.add(teacher)
    group.pupils.add(f.PupilFactory(school=other_school))
    scope = access.school_scope(teacher, school.urn)
    assert list(access.pupils_visible_to(scope)) == [pupil]


def test_ta_sees_only_assigned_pupils(ta, school, pupil):
    f.SenPupilFactory(school=school)
    scope = access.school_scope(ta, school.urn)
    assert list(access.pupils_visible_to(scope)) == [pupil]


def test_governor_sees_no_pupils(governor, school, pupil):
    scope = access.school_scope(governor, school.urn)
    assert not access.pupils_visible_to(scope).exists()


def test_anonymous_user_has_no_role(school):
    from django.contrib.auth.models import AnonymousUser

    assert access.scope_at(AnonymousUser(), school) is None


def test_trust_for_lead(trust_lead, trust):
    assert access.trust_for(trust_lead, trust.pk) == trust


def test_trust_for_missing_trust_is_404(trust_lead):
    with pytest.raises(Http404):
        access.trust_for(trust_lead, 999999)


def test_trust_for_senco_is_404(senco, trust):
    with pytest.raises(Http404):
        access.trust_for(senco, trust.pk)


# --- One query for the record and the scope (senco/access.py `_with_standing`) ------------


def _same(a, b) -> bool:
    if a is None or b is None:
        return a is b
    return (a.user, a.school.pk, a.role, a.can_edit_passports) == (
        b.user,
        b.school.pk,
        b.role,
        b.can_edit_passports,
    )


@pytest.mark.parametrize("role", ["senco", "leader", "teacher", "ta", "office", "governor",
                                  "trust_lead", "parent", "outsider"])  # fmt: skip
def test_the_scope_read_with_the_school_or_pupil_is_scope_at(role, cast, school, pupil):
    user = cast[role]
    expected = access.scope_at(user, school)
    try:
        got = access.school_scope(user, school.urn)
    except Http404:
        got = None
    assert _same(got, expected)
    try:
        _pupil, got = access.pupil_for(user, pupil.pk)
    except Http404:
        got = None
    # Whoever may see the pupil has the same scope as at the school; the rest, a 404.
    assert got is None or _same(got, expected)
    if role in {"senco", "leader", "teacher", "ta"}:  # the fixture's pupil is theirs
        assert got is not None


def test_a_member_switched_off_has_no_scope(senco, school, pupil):
    senco.memberships.filter(school=school).update(is_active=False)
    with pytest.raises(Http404):
        access.school_scope(senco, school.urn)
    with pytest.raises(Http404):
        access.pupil_for(senco, pupil.pk)

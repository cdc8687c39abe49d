"""Switching someone off at one school leaves the other schools they work at alone."""

import pytest
from django.urls import reverse

from senco import factories as f
from senco.accounts.models import Membership
from senco.audit.models import AuditEvent


@pytest.fixture
def two_school_teacher(school, sister_school):
    """A teacher at `school` (A) who also teaches at `sister_school` (B)."""
    user = f.UserFactory(username="shared_teacher")
    f.MembershipFactory(user=user, school=school, role="teacher")
    f.MembershipFactory(user=user, school=sister_school, role="teacher")
    return user


def switch(client, school, user, *, on: bool):
    membership = Membership.objects.get(user=user, school=school)
    data = {"role": membership.role} | ({"is_active": "on"} if on else {})
    return client.post(reverse("staff_edit", args=[school.urn, membership.pk]), data)


def test_switched_off_at_a_still_works_at_b(
    client_for, senco, school, sister_school, two_school_teacher
):
    assert switch(client_for(senco), school, two_school_teacher, on=False).status_code == 302
    two_school_teacher.refresh_from_db()
    assert two_school_teacher.is_active  # the account stays on: B still has them
    assert not Membership.objects.get(user=two_school_teacher, school=school).is_active
    assert Membership.objects.get(user=two_school_teacher, school=sister_school).is_active

    teacher = client_for(two_school_teacher)
    assert teacher.get(reverse("register", args=[school.urn])).status_code == 404
    assert teacher.get(reverse("register", args=[sister_school.urn])).status_code == 200
    # and they can still sign in, for school B
    teacher.logout()
    signed_in = teacher.post(
        reverse("login"), {"username": "shared_teacher", "password": "correct-horse-battery"}
    )
    assert signed_in.status_code == 302


def test_switched_off_everywhere_the_account_is_off_and_back_on(
    client_for, senco, school, sister_school, two_school_teacher
):
    sister_senco = f.MembershipFactory(school=sister_school, role="senco").user
    switch(client_for(senco), school, two_school_teacher, on=False)
    switch(client_for(sister_senco), sister_school, two_school_teacher, on=False)
    two_school_teacher.refresh_from_db()
    assert not two_school_teacher.is_active

    switch(client_for(senco), school, two_school_teacher, on=True)
    two_school_teacher.refresh_from_db()
    assert two_school_teacher.is_active
    assert Membership.objects.get(user=two_school_teacher, school=school).is_active
    assert not Membership.objects.get(user=two_school_teacher, school=sister_school).is_active


def test_a_trust_lead_membership_keeps_the_account_on(client_for, senco, school, trust):
    user = f.MembershipFactory(school=school, role="teacher").user
    f.TrustMembershipFactory(trust=trust, user=user)
    switch(client_for(senco), school, user, on=False)
    user.refresh_from_db()
    assert user.is_active


def test_the_switch_off_is_audited_with_the_school_state(client_for, senco, school, teacher):
    switch(client_for(senco), school, teacher, on=False)
    event = AuditEvent.objects.get(action="staff.update")
    assert event.detail["before"]["is_active"] is True
    assert event.detail["after"]["is_active"] is False
    assert event.school == school


def test_the_staff_pages_show_the_state_at_this_school(
    client_for, senco, school, sister_school, two_school_teacher
):
    Membership.objects.filter(user=two_school_teacher, school=school).update(is_active=False)
    client = client_for(senco)
    page = client.get(reverse("staff_list", args=[school.urn])).content.decode()
    row = page[page.index("shared_teacher") :]
    assert row.index(">No<") < row.index("</tr>")
    membership = Membership.objects.get(user=two_school_teacher, school=school)
    form = client.get(reverse("staff_edit", args=[school.urn, membership.pk])).context["form"]
    assert form.initial["is_active"] is False

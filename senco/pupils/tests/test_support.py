import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.pupils.models import SupportAssignment
from senco.testing import SENCO_ONLY_PUPIL_ACTION, role_tables

CHANGES = role_tables(
    {
        "pupil_support_add": SENCO_ONLY_PUPIL_ACTION,
        "pupil_support_remove": SENCO_ONLY_PUPIL_ACTION,
    },
    method="POST",
)


@pytest.fixture
def new_ta(school):
    return f.MembershipFactory(school=school, role="ta", user=f.UserFactory(username="newta")).user


def test_senco_assigns_a_ta_who_then_sees_the_pupil(client_for, senco, new_ta, pupil, school):
    url = reverse("pupil_support_add", args=[pupil.pk])
    assert client_for(senco).post(url, {"staff": new_ta.pk}).status_code == 302
    assert SupportAssignment.objects.filter(staff=new_ta, pupil=pupil).exists()
    assert AuditEvent.objects.filter(action="support.add", pupil=pupil).exists()
    assert client_for(new_ta).get(reverse("pupil_detail", args=[pupil.pk])).status_code == 200


def test_only_a_ta_of_this_school_can_be_assigned(client_for, senco, teacher, outsider, pupil):
    url = reverse("pupil_support_add", args=[pupil.pk])
    client = client_for(senco)
    client.post(url, {"staff": teacher.pk})
    client.post(url, {"staff": outsider.pk})
    assert not SupportAssignment.objects.filter(pupil=pupil).exclude(staff__username="ta").exists()


def test_senco_removes_an_assignment(client_for, senco, ta, pupil):
    assignment = SupportAssignment.objects.get(staff=ta, pupil=pupil)
    url = reverse("pupil_support_remove", args=[pupil.pk, assignment.pk])
    assert client_for(senco).post(url).status_code == 302
    assert not SupportAssignment.objects.filter(pk=assignment.pk).exists()
    assert client_for(ta).get(reverse("pupil_detail", args=[pupil.pk])).status_code == 404


@pytest.mark.parametrize(("role", "status"), CHANGES["pupil_support_add"].items())
def test_each_role_assigning(role, status, cast, client_for, new_ta, pupil):
    url = reverse("pupil_support_add", args=[pupil.pk])
    assert client_for(cast[role]).post(url, {"staff": new_ta.pk}).status_code == status


@pytest.mark.parametrize(("role", "status"), CHANGES["pupil_support_remove"].items())
def test_each_role_removing(role, status, cast, client_for, pupil):
    assignment = SupportAssignment.objects.get(staff=cast["ta"], pupil=pupil)
    url = reverse("pupil_support_remove", args=[pupil.pk, assignment.pk])
    assert client_for(cast[role]).post(url).status_code == status

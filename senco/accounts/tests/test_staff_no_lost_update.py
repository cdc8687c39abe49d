"""Two SENCOs with a colleague's page open: the second save does not undo the first."""

from django.urls import reverse

from senco import factories as f
from senco.accounts.models import Membership
from senco.accounts.services import membership_version
from senco.testing import assert_valid_html


def test_a_save_from_a_stale_tab_is_refused_and_shows_what_changed(client_for, senco, school):
    teacher = f.MembershipFactory(school=school, role="teacher")
    url = reverse("staff_edit", args=[school.urn, teacher.pk])
    opened = membership_version(teacher)
    client = client_for(senco)

    # Tab one switches them off.
    first = client.post(url, {"role": "teacher", "version": opened})
    assert first.status_code == 302
    # Tab two, opened before, makes them a leader and would switch them back on.
    second = client.post(url, {"role": "leader", "is_active": "on", "version": opened})
    assert second.status_code == 200
    assert_valid_html(second)
    page = second.content.decode()
    assert "Someone else changed this since you opened it" in page
    assert 'id="their-changes"' in page
    assert "Can sign in at this school" in page
    teacher.refresh_from_db()
    assert (teacher.role, teacher.is_active) == ("teacher", False)

    # What was typed is kept, with the version saved now: saving again works.
    assert second.context["form"]["role"].value() == "leader"
    again = second.context["form"]["version"].value()
    assert again == membership_version(teacher)
    third = client.post(url, {"role": "leader", "is_active": "on", "version": again})
    assert third.status_code == 302
    teacher = Membership.objects.get(pk=teacher.pk)
    assert (teacher.role, teacher.is_active) == ("leader", True)

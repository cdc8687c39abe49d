"""`manage.py add_school`: a new server's first school and SENCO, all or nothing."""

import io

import pytest
from django.core.management import CommandError, call_command

from senco.accounts.models import Membership, Role, User
from senco.audit.models import AuditEvent
from senco.schools.models import School, Trust

ARGS = {
    "trust": "Oakfield Learning Trust",
    "name": "Oakfield Primary",
    "urn": "123456",
    "phase": "primary",
    "username": "a.senco",
    "first_name": "Alex",
    "last_name": "Senco",
    "email": "a.senco@oakfield.example.org",
}


def run(**overrides):
    args = ARGS | overrides
    out = io.StringIO()
    argv = [f"--{k.replace('_', '-')}={v}" for k, v in args.items()]
    call_command("add_school", *argv, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_sets_up_the_school_and_its_senco_with_a_one_time_password():
    out = run()
    school = School.objects.get(urn="123456")
    assert school.trust.name == "Oakfield Learning Trust"
    assert school.phase == "primary"
    membership = Membership.objects.get(school=school)
    assert membership.role == Role.SENCO
    user = membership.user
    assert user.must_change_password
    password = out.split("\n\n")[1].strip()
    assert user.check_password(password) and len(password) >= 16
    actions = set(AuditEvent.objects.filter(school=school).values_list("action", flat=True))
    assert actions == {"staff.add", "school.add"}


@pytest.mark.django_db
def test_a_second_school_joins_the_same_trust():
    run()
    run(name="Oakfield Juniors", urn="123457", username="b.senco")
    assert Trust.objects.count() == 1
    assert School.objects.filter(trust__name="Oakfield Learning Trust").count() == 2


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"urn": "12345"}, "--urn: enter the school's 6-digit URN"),
        ({"phase": "nursery"}, "--phase: choose one of primary, secondary, all-through"),
        ({"email": "not an email"}, "--email: Enter a valid email address."),
        ({"username": "has space"}, "--username:"),
    ],
)
def test_bad_options_name_the_option_and_save_nothing(overrides, message):
    with pytest.raises(CommandError, match=message):
        run(**overrides)
    assert not School.objects.exists()
    assert not Trust.objects.exists()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_urn_already_set_up_or_a_username_taken_is_refused_whole():
    run()
    with pytest.raises(CommandError, match="already set up"):
        run(username="c.senco")
    with pytest.raises(CommandError, match="--username: A user with that username"):
        run(urn="654321")
    assert School.objects.count() == 1
    assert User.objects.count() == 1

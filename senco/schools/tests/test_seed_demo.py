import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from senco.access import Scope, pupils_visible_to
from senco.accounts.models import Membership, Role, TrustMembership, User
from senco.lib.codes import Provision
from senco.lib.demo import (
    DEMO_PASSWORD,
    DEMO_TODAY,
    TRUST_NAME,
    delete_demo_trust,
    school_plans,
)
from senco.lib.upn import upn_problem
from senco.pupils.models import Contact, Pupil, SupportAssignment
from senco.register.models import RegisterChange
from senco.schools.models import School

pytestmark = pytest.mark.django_db


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot():
    return {
        "pupils": list(
            Pupil.objects.order_by("upn").values_list(
                "upn",
                "forename",
                "legal_surname",
                "date_of_birth",
                "reg_group",
                "sen_provision",
                "primary_need",
                "secondary_need",
                "on_register_since",
                "parents_not_told",
            )
        ),
        "changes": RegisterChange.objects.count(),
        "contacts": Contact.objects.count(),
        "users": sorted(User.objects.values_list("username", flat=True)),
        "schools": list(School.objects.order_by("urn").values_list("urn", "name", "phase")),
    }


def test_two_schools_with_realistic_rolls_and_sen_shares():
    output = seed()
    schools = {s.phase: s for s in School.objects.filter(trust__name=TRUST_NAME)}
    assert set(schools) == {School.PRIMARY, School.SECONDARY}
    assert schools[School.PRIMARY].name == "Brookfield Primary"
    assert schools[School.SECONDARY].name == "Hillside Academy"
    for phase, (low, high) in {School.PRIMARY: (380, 460), School.SECONDARY: (1000, 1200)}.items():
        pupils = Pupil.objects.filter(school=schools[phase])
        n = pupils.count()
        assert low <= n <= high
        k = pupils.filter(sen_provision=Provision.SEN_SUPPORT).count()
        e = pupils.filter(sen_provision=Provision.EHC_PLAN).count()
        assert 0.12 <= k / n <= 0.16
        assert 0.035 <= e / n <= 0.06
    assert "senco.hillside" in output and "senco-demo-2026" in output
    assert "http://127.0.0.1:8000/accounts/login/" in output


def test_pupils_are_valid_and_consistent():
    seed()
    pupils = list(Pupil.objects.all())
    assert all(upn_problem(p.upn) is None for p in pupils)
    assert len({p.upn for p in pupils}) == len(pupils)
    for p in pupils:
        born_from = datetime.date(2021 - p.year_group, 9, 1)
        assert born_from <= p.date_of_birth < born_from.replace(year=born_from.year + 1)
        assert (p.on_register_since is not None) == p.on_register
        if not p.on_register:
            assert p.primary_need == "" and p.secondary_need == ""
        else:
            assert p.primary_need and p.secondary_need != p.primary_need
    # Diverse names, with the characters a register has to cope with.
    surnames = {p.legal_surname for p in pupils}
    forenames = {p.forename for p in pupils}
    assert any("'" in s for s in surnames)
    assert any("-" in s for s in surnames)
    assert any(not n.isascii() for n in forenames | surnames)
    boys = sum(p.sex == "M" for p in pupils)
    assert 0.45 <= boys / len(pupils) <= 0.55
    ehc = [p for p in pupils if p.sen_provision == Provision.EHC_PLAN]
    assert sum(p.sex == "M" for p in ehc) / len(ehc) > 0.6


def test_every_role_has_a_user_who_can_sign_in():
    seed()
    for slug in ("brookfield", "hillside"):
        for role in Role.values:
            user = User.objects.get(username=f"{role}.{slug}")
            assert Membership.objects.get(user=user).role == role
    lead = User.objects.get(username="trustlead")
    assert TrustMembership.objects.filter(user=lead, trust__name=TRUST_NAME).exists()
    assert lead.check_password(DEMO_PASSWORD)
    assert User.objects.get(username="senco.hillside").check_password(DEMO_PASSWORD)
    # One hash for everyone.
    assert User.objects.values("password").distinct().count() == 1


def test_twice_gives_exactly_the_same_data():
    seed()
    first = snapshot()
    seed()
    assert snapshot() == first
    assert School.objects.count() == 2


def test_teachers_and_tas_see_only_their_pupils():
    seed()
    school = School.objects.get(name="Hillside Academy")
    teacher = User.objects.get(username="teacher.hillside")
    seen = pupils_visible_to(Scope(user=teacher, school=school, role=Role.TEACHER)).count()
    assert 100 <= seen < Pupil.objects.filter(school=school).count()
    primary = School.objects.get(name="Brookfield Primary")
    class_teacher = User.objects.get(username="teacher.brookfield")
    assert 20 <= pupils_visible_to(Scope(class_teacher, primary, Role.TEACHER)).count() <= 30
    for ta in User.objects.filter(memberships__role=Role.TA):
        supported = SupportAssignment.objects.filter(staff=ta)
        assert 5 <= supported.count() <= 15
        assert not supported.filter(pupil__sen_provision=Provision.NONE).exists()


def test_register_history_matches_the_pupils():
    seed()
    changes = RegisterChange.objects.all()
    assert changes.filter(parents_told=False).exists()
    assert changes.filter(from_provision="K", to_provision="E").exists()
    assert changes.filter(from_provision="K", to_provision="N").exists()
    assert changes.filter(effective_date__gte=datetime.date(2024, 9, 1)).count() > 200
    assert not changes.filter(effective_date__gt=DEMO_TODAY).exists()
    assert not changes.filter(parents_told_on__gt=DEMO_TODAY).exists()
    for pupil in Pupil.objects.exclude(sen_provision=Provision.NONE).prefetch_related(
        "register_changes"
    ):
        history = sorted(pupil.register_changes.all(), key=lambda c: c.effective_date)
        last = history[-1]
        assert (last.to_provision, last.to_primary_need, last.to_secondary_need) == (
            pupil.sen_provision,
            pupil.primary_need,
            pupil.secondary_need,
        )
        joined = [c for c in history if c.from_provision == Provision.NONE][-1]
        assert pupil.on_register_since == joined.effective_date
        assert pupil.parents_not_told == any(not c.parents_told for c in history)
        assert last.changed_by.username.startswith("senco.")
        assert pupil.contacts.exists()
    not_told = Pupil.objects.filter(parents_not_told=True).count()
    on_register = Pupil.objects.exclude(sen_provision=Provision.NONE).count()
    assert 0.02 <= not_told / on_register <= 0.04


def test_bench_trust_plans_without_building():
    plans = school_plans(20)
    assert [p.phase for p in plans[:4]] == ["primary", "secondary", "secondary", "primary"]
    assert len({p.name for p in plans}) == 20
    assert len({p.urn for p in plans}) == 20
    assert plans[2].slug == "school3"
    roll = sum(len(p.years) * p.forms * (30 if p.phase == "primary" else 27) for p in plans)
    assert 17_000 <= roll <= 23_000


def test_fewer_than_two_schools_is_an_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        seed("--schools", "1")


def test_rebuilding_smaller_removes_the_bigger_trusts_users_and_data():
    seed()
    bench_user = User.objects.create(username="senco.school3")
    own_user = User.objects.create(username="a.real.person")
    school = School.objects.get(name="Hillside Academy")
    Membership.objects.create(user=bench_user, school=school, role=Role.SENCO)
    Membership.objects.create(user=own_user, school=school, role=Role.TEACHER)
    outsider = User.objects.create(username="teacher.elsewhere")
    delete_demo_trust()
    assert not School.objects.exists() and not Pupil.objects.exists()
    assert not RegisterChange.objects.exists() and not Contact.objects.exists()
    remaining = set(User.objects.values_list("username", flat=True))
    assert remaining == {"a.real.person", outsider.username}


@pytest.mark.django_db
def test_if_missing_keeps_a_loaded_demo_trust():
    call_command("seed_demo", stdout=StringIO())
    pupil = Pupil.objects.order_by("pk").first()
    pupil.reg_group = "Changed"
    pupil.save()
    out = StringIO()
    call_command("seed_demo", "--if-missing", stdout=out)
    pupil.refresh_from_db()
    assert pupil.reg_group == "Changed"
    assert "senco.hillside" in out.getvalue()
    assert "already loaded" in out.getvalue()

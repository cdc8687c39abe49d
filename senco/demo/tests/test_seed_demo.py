"""`manage.py seed_demo`: the demo trust's core and every capability's records.

The trust is built once for the whole package (the `seeded` fixture in conftest.py); each
test runs in a transaction rolled back after it, so the tests that rebuild or remove the
trust leave it as it was for the others.
"""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from senco.access import Scope, pupils_visible_to
from senco.accounts.models import Membership, Role, TrustMembership, User
from senco.audit.models import AuditEvent
from senco.demo.outline import (
    DEMO_PASSWORD,
    DEMO_TODAY,
    TRUST_NAME,
    demo_usernames,
    school_plans,
)
from senco.demo.trust import build_demo_trust, delete_demo_trust
from senco.lib.clock import current_term, previous_term
from senco.lib.codes import Provision
from senco.lib.upn import upn_problem
from senco.plans.models import Cycle, Evidence, Note, Outcome, OutcomeProgress, Review, ViewRequest
from senco.plans.selectors import reviews_due, reviews_overdue
from senco.plans.services import teachers_of
from senco.profiles.models import PassportVersion
from senco.profiles.selectors import passport_of, passports_out_of_date
from senco.pupils.models import Contact, Pupil, SupportAssignment
from senco.register.models import RegisterChange
from senco.registry import DemoBuilder, demo_builders
from senco.schools.models import School, Term, Trust
from senco.schools.selectors import saved_terms
from senco.year.census_demo import PLANTED_PER_SCHOOL

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
        "terms": list(
            Term.objects.order_by("school__urn", "starts_on").values_list(
                "school__urn", "name", "starts_on", "ends_on"
            )
        ),
        "passports": list(
            PassportVersion.objects.order_by("pupil__upn", "number").values_list(
                "pupil__upn",
                "number",
                "saved_by__username",
                "saved_at",
                "reviewed",
                "what_helps_me",
                "in_my_own_words",
            )
        ),
        "cycles": list(
            Cycle.objects.order_by("pupil__upn", "number").values_list(
                "pupil__upn",
                "number",
                "started_on",
                "review_date",
                "status",
                "planned_at",
                "provision",
                "who_does_what",
            )
        ),
        "outcomes": list(
            Outcome.objects.order_by("cycle__pupil__upn", "cycle__number", "position").values_list(
                "cycle__pupil__upn", "cycle__number", "position", "text", "carried_from__text"
            )
        ),
        "evidence": list(
            Evidence.objects.order_by(
                "cycle__pupil__upn", "cycle__number", "date", "kind"
            ).values_list("cycle__pupil__upn", "kind", "date", "summary", "score")
        ),
        "notes": Note.objects.count(),
        "reviews": list(
            Review.objects.order_by("cycle__pupil__upn").values_list(
                "cycle__pupil__upn", "held_on", "kind", "next_steps", "completed_at"
            )
        ),
        "views": list(
            # By the day wanted (the subject names a review by its id, which differs).
            ViewRequest.objects.order_by("pupil__upn", "due_on", "teacher__username").values_list(
                "pupil__upn", "due_on", "teacher__username", "requested_at", "answered_at", "view"
            )
        ),
    }


def test_two_schools_with_realistic_rolls_and_sen_shares(seeded):
    output = seeded
    schools = {s.phase: s for s in School.objects.filter(trust__name=TRUST_NAME)}
    assert set(schools) == {School.Phase.PRIMARY, School.Phase.SECONDARY}
    assert schools[School.Phase.PRIMARY].name == "Brookfield Primary"
    assert schools[School.Phase.SECONDARY].name == "Hillside Academy"
    for phase, (low, high) in {
        School.Phase.PRIMARY: (380, 460),
        School.Phase.SECONDARY: (1000, 1200),
    }.items():
        pupils = Pupil.objects.filter(school=schools[phase])
        n = pupils.count()
        assert low <= n <= high
        k = pupils.filter(sen_provision=Provision.SEN_SUPPORT).count()
        e = pupils.filter(sen_provision=Provision.EHC_PLAN).count()
        assert 0.12 <= k / n <= 0.16
        assert 0.035 <= e / n <= 0.06
    assert "senco.hillside" in output and "senco-demo-2026" in output
    assert "http://127.0.0.1:8000/accounts/login/" in output


def test_pupils_are_valid_and_consistent(seeded):
    pupils = list(Pupil.objects.all())
    assert all(upn_problem(p.upn) is None for p in pupils)
    assert len({p.upn for p in pupils}) == len(pupils)
    census_problems = 0  # planted for the census check (senco/year/census_demo.py)
    for p in pupils:
        born_from = datetime.date(2021 - p.year_group, 9, 1)
        assert born_from <= p.date_of_birth < born_from.replace(year=born_from.year + 1)
        assert (p.on_register_since is not None) == p.on_register
        if not p.on_register:
            assert p.primary_need == "" and p.secondary_need == ""
        else:
            census_problems += not p.primary_need or p.secondary_need == p.primary_need
    assert census_problems == PLANTED_PER_SCHOOL * School.objects.count()
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


def test_every_role_has_a_user_who_can_sign_in(seeded):
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


def test_twice_gives_exactly_the_same_data(seeded):
    first = snapshot()
    seed()
    assert snapshot() == first
    assert School.objects.count() == 2


def test_teachers_and_tas_see_only_their_pupils(seeded):
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


def test_register_history_matches_the_pupils(seeded):
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


def test_rebuilding_smaller_removes_the_bigger_trusts_users_and_data(seeded):
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


def test_if_missing_keeps_a_loaded_demo_trust(seeded):
    pupil = Pupil.objects.order_by("pk").first()
    pupil.reg_group = "Changed"
    pupil.save()
    out = StringIO()
    call_command("seed_demo", "--if-missing", stdout=out)
    pupil.refresh_from_db()
    assert pupil.reg_group == "Changed"
    assert "senco.hillside" in out.getvalue()
    assert "already loaded" in out.getvalue()


def _senco_scope(school: School) -> Scope:
    senco = Membership.objects.get(school=school, role=Role.SENCO).user
    return Scope(senco, school, Role.SENCO)


def test_term_dates_for_this_year_and_last(seeded):
    for school in School.objects.all():
        assert school.terms.count() == 6
        terms = saved_terms(school)
        term = current_term(terms, DEMO_TODAY)
        assert (term.name, term.starts_on, term.ends_on) == (
            "autumn",
            datetime.date(2026, 9, 2),
            datetime.date(2026, 12, 18),
        )
        last = previous_term(terms, DEMO_TODAY)
        assert (last.name, last.academic_year) == ("summer", 2025)
        spring = school.terms.get(academic_year=2026, name=Term.Name.SPRING)
        assert (spring.starts_on, spring.ends_on) == (
            datetime.date(2027, 1, 5),
            datetime.date(2027, 3, 26),
        )


def test_passports_for_most_of_the_register_some_out_of_date(seeded):
    register = Pupil.objects.exclude(sen_provision=Provision.NONE)
    with_passport = register.filter(passport_versions__isnull=False).distinct()
    assert 0.72 <= with_passport.count() / register.count() <= 0.88
    stale = 0
    for school in School.objects.all():
        out = passports_out_of_date(scope=_senco_scope(school), today=DEMO_TODAY)
        stale += out.filter(passport_versions__isnull=False).distinct().count()
    assert 0.08 <= stale / with_passport.count() <= 0.22
    # Some have two or three versions, by different people.
    many = with_passport.annotate(
        versions=Count("passport_versions", distinct=True),
        authors=Count("passport_versions__saved_by", distinct=True),
    )
    assert many.filter(versions__gte=2).count() >= 0.2 * with_passport.count()
    assert many.filter(versions=3, authors__gte=2).exists()
    assert not many.filter(versions__gt=3).exists()
    # Versions are numbered from 1, in date order, never after today; the first is a review.
    for pupil in with_passport.prefetch_related("passport_versions")[:300]:
        versions = sorted(pupil.passport_versions.all(), key=lambda v: v.number)
        assert [v.number for v in versions] == list(range(1, len(versions) + 1))
        assert versions[0].reviewed
        days = [v.saved_at.date() for v in versions]
        assert days == sorted(days) and days[-1] < DEMO_TODAY
        latest = versions[-1]
        assert latest.what_helps_me and latest.find_difficult and latest.in_my_own_words
    # Written for the need.
    slcn = PassportVersion.objects.filter(pupil__primary_need="SLCN", number=1)
    assert slcn.filter(what_helps_me__icontains="instruction").exists()
    asd = PassportVersion.objects.filter(pupil__primary_need="ASD", number=1)
    assert asd.filter(what_helps_me__icontains="change").exists()
    # passport_of agrees with the home page's list.
    hillside = School.objects.get(name="Hillside Academy")
    out = set(
        passports_out_of_date(scope=_senco_scope(hillside), today=DEMO_TODAY).values_list(
            "pk", flat=True
        )
    )
    for pupil in register.filter(school=hillside)[:60]:
        assert passport_of(pupil=pupil, today=DEMO_TODAY).out_of_date == (pupil.pk in out)
    # Teachers who wrote a passport are allowed to.
    writers = PassportVersion.objects.filter(saved_by__memberships__role=Role.TEACHER)
    assert writers.exists()
    assert not Membership.objects.filter(
        role=Role.TEACHER,
        can_edit_passports=False,
        user__in=writers.values("saved_by"),
    ).exists()


def test_cycles_for_most_pupils_at_sen_support_with_reviews_due_and_overdue(seeded):
    k = Pupil.objects.filter(sen_provision=Provision.SEN_SUPPORT)
    live = Cycle.objects.filter(status=Cycle.Status.OPEN)
    with_cycle = k.filter(cycles__status=Cycle.Status.OPEN).count()
    assert 0.78 <= with_cycle / k.count() <= 0.92
    assert live.filter(pupil__sen_provision=Provision.EHC_PLAN).exists()
    assert not live.filter(pupil__sen_provision=Provision.NONE).exists()
    # Started last term or this term, reviewed on or after the start.
    assert not live.filter(started_on__lt=datetime.date(2026, 4, 13)).exists()
    assert not live.filter(started_on__gt=DEMO_TODAY).exists()
    for cycle in live:
        assert cycle.review_date >= cycle.started_on
    n = live.count()
    due = overdue = 0
    for school in School.objects.all():
        scope = _senco_scope(school)
        due += reviews_due(scope=scope, today=DEMO_TODAY).count()
        overdue += reviews_overdue(scope=scope, today=DEMO_TODAY).count()
        assert reviews_due(scope=scope, today=DEMO_TODAY).exists()
        assert reviews_overdue(scope=scope, today=DEMO_TODAY).exists()
    assert 0.02 <= overdue / n <= 0.10
    assert 0.05 <= due / n <= 0.18
    assert live.filter(review_date=datetime.date(2026, 12, 18)).count() > 0.5 * n
    # Planned cycles have 2-4 outcomes with success criteria, provision and who does what.
    planned = live.filter(planned_at__isnull=False).annotate(n=Count("outcomes"))
    assert planned.count() > 0.85 * n
    assert not planned.exclude(n__range=(2, 4)).exists()
    assert not planned.filter(provision="").exists()
    assert not planned.filter(who_does_what="").exists()
    assert not Outcome.objects.filter(success_criteria="").exists()
    kinds = set(Evidence.objects.values_list("kind", flat=True))
    assert {"standardised", "observation", "pupil_views", "parent_views"} <= kinds
    assert Evidence.objects.filter(kind="standardised").exclude(score="").exists()
    assert Note.objects.count() > n
    # A third have a reviewed earlier cycle, its unmet outcomes carried forward.
    closed = Cycle.objects.filter(status=Cycle.Status.REVIEWED)
    assert 0.2 * n <= closed.count() <= 0.45 * n
    for cycle in closed.prefetch_related("outcomes__progress")[:50]:
        review = Review.objects.get(cycle=cycle)
        assert review.pupil_view and review.parent_view and review.next_steps
        assert timezone.localdate(review.completed_at) == review.held_on
        nxt = Cycle.objects.get(pupil=cycle.pupil, number=cycle.number + 1)
        assert nxt.status == Cycle.Status.OPEN and nxt.started_on == review.held_on
        unmet = [
            o.pk
            for o in cycle.outcomes.all()
            if o.progress.rating != OutcomeProgress.Rating.ACHIEVED
        ]
        assert sorted(
            nxt.outcomes.exclude(carried_from=None).values_list("carried_from", flat=True)
        ) == sorted(unmet)
    assert OutcomeProgress.objects.filter(rating=OutcomeProgress.Rating.ACHIEVED).exists()


def test_teachers_views_asked_for_reviews_due_soon(seeded):
    # The plan cycles' requests (the EHC plans' annual reviews ask too: ehcp's demo tests).
    requests = ViewRequest.objects.filter(cycle__isnull=False).select_related("cycle__pupil")
    assert requests.filter(answered_at__isnull=True).exists()
    assert requests.filter(answered_at__isnull=False).exclude(view="").exists()
    soon = DEMO_TODAY + datetime.timedelta(days=14)
    for r in requests:
        assert r.cycle.status == Cycle.Status.OPEN and r.cycle.review_date <= soon
        assert r.requested_at.date() < DEMO_TODAY
        assert r.answered_at is None or r.answered_at > r.requested_at
        assert r.teacher in teachers_of(r.cycle.pupil)
    due = Cycle.objects.filter(
        status=Cycle.Status.OPEN, planned_at__isnull=False, review_date__range=(DEMO_TODAY, soon)
    )
    assert not due.filter(view_requests__isnull=True).exists()


def test_each_capability_builds_its_records_through_the_registry(seeded):
    assert [b.name for b in demo_builders()] == [
        "profiles",
        "plans",
        "ehcp",
        "ehcp_reviews",
        "ehcp_requests",
        "provision",
        "families",
        "families_review_days",
        "letters",
        "parents",
        "outcomes",
        "year.tasks",
        "year.census",
        "strategy.plan",
        "strategy.selfeval",
        "strategy.meetings",
        "reports",
    ]
    assert "Capabilities' demo data: profiles (" in seeded and ", plans (" in seeded
    for school in School.objects.filter(trust__name=TRUST_NAME):
        assert PassportVersion.objects.filter(pupil__school=school).exists()
        assert Cycle.objects.filter(pupil__school=school, status=Cycle.Status.OPEN).exists()
        assert Review.objects.filter(cycle__pupil__school=school).exists()


def test_builders_run_in_order_after_the_core_with_what_they_need(seeded, monkeypatch):
    seen = []

    def first(demo):
        school = demo.schools[1]
        seen.append(
            (
                "first",
                demo.trust.name,
                demo.today,
                [s.school.name for s in demo.schools],
                school.senco.username,
                len(school.pupils) == Pupil.objects.filter(school=school.school).count(),
                all(p.pk for p in school.pupils),
                {t.name for t in school.terms},
                bool(school.teachers_of and school.ta_of and school.heritage),
                PassportVersion.objects.exists(),
            )
        )

    def last(demo):
        seen.append(("last", PassportVersion.objects.exists(), Cycle.objects.exists()))

    builders = [DemoBuilder("first", first, order=0), *demo_builders()]
    builders.append(DemoBuilder("last", last, order=999))
    monkeypatch.setattr("senco.demo.trust.demo_builders", lambda: builders)
    result = build_demo_trust(schools=2)
    assert seen == [
        (
            "first",
            TRUST_NAME,
            DEMO_TODAY,
            ["Brookfield Primary", "Hillside Academy"],
            "senco.hillside",
            True,
            True,
            {"autumn", "spring", "summer"},
            True,
            False,
        ),
        ("last", True, True),
    ]
    assert [name for name, _ in result.builders] == [
        "first",
        "profiles",
        "plans",
        "ehcp",
        "ehcp_reviews",
        "ehcp_requests",
        "provision",
        "families",
        "families_review_days",
        "letters",
        "parents",
        "outcomes",
        "year.tasks",
        "year.census",
        "strategy.plan",
        "strategy.selfeval",
        "strategy.meetings",
        "reports",
        "last",
    ]


def test_removing_the_demo_trust_leaves_nothing_of_it_behind(seeded):
    trust = Trust.objects.get(name=TRUST_NAME)
    hillside = trust.schools.get(name="Hillside Academy")
    senco = User.objects.get(username="senco.hillside")
    pupil = Pupil.objects.filter(school=hillside, cycles__isnull=False).first()
    # What using the demo leaves in the audit log, which outlives the records it names.
    AuditEvent.objects.create(user=senco, school=hillside, pupil=pupil, action="pupil.viewed")
    AuditEvent.objects.create(user=None, school=None, pupil=pupil, action="pupil.viewed")
    AuditEvent.objects.create(user=senco, action="signed_in")
    someone = User.objects.create(username="someone.else")
    kept = AuditEvent.objects.create(user=someone, action="signed_in")
    assert Outcome.objects.filter(carried_from__isnull=False).exists()

    delete_demo_trust(reserved_usernames=demo_usernames(2))

    # Every model of every senco app is empty, but for the one person who is not the demo's.
    left = {
        model._meta.label: model.objects.count()
        for config in apps.get_app_configs()
        if config.name.startswith("senco")
        for model in config.get_models(include_auto_created=True)
    }
    assert {label: n for label, n in left.items() if n} == {
        "accounts.User": 1,
        "audit.AuditEvent": 1,
    }
    assert list(User.objects.all()) == [someone]
    assert list(AuditEvent.objects.all()) == [kept]

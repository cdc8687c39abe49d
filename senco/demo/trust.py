"""Build and remove the demo trust: realistic, deterministic schools, staff, pupils and
register history (the core, here), then each capability's own records through the registry.

`build_demo_trust()` is used by `manage.py seed_demo` (two schools) and by `manage.py bench`
(a trust of N schools). Everything comes from one seed, so the same seed gives the same
pupils, names, UPNs, history, passports and plans on every run. The data are as of
`DEMO_TODAY`, in the academic year that starts on 1 September 2026.

The core never names a capability: once the schools are built, every `DemoBuilder` that
`senco.registry.demo_builders()` lists runs in order with the `DemoTrust`
(senco/demo/context.py). Rebuilding first removes the demo trust with everything in it and
the demo's own users, inside the same transaction.
"""

import random
import time
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from senco.accounts.models import Membership, ParentLink, TrustMembership, User
from senco.audit.models import AuditEvent
from senco.demo.context import DemoSchool, DemoTrust
from senco.demo.outline import (
    BATCH,
    DEFAULT_SEED,
    DEMO_PASSWORD,
    DEMO_TODAY,
    DEMO_USERNAME_RE,
    TRUST_LEAD_USERNAME,
    TRUST_NAME,
    demo_usernames,
    school_plans,
)
from senco.demo.people import make_person
from senco.demo.school import SchoolBuilder
from senco.lib.codes import Provision
from senco.pupils.models import Pupil
from senco.registry import demo_builders
from senco.schools.models import School, Trust


class DemoError(Exception):
    pass


@dataclass
class SchoolCounts:
    name: str
    urn: str
    phase: str
    pupils: int
    sen_support: int
    ehc_plan: int
    staff: int

    @classmethod
    def of(cls, built: DemoSchool) -> "SchoolCounts":
        pupils = built.pupils
        return cls(
            name=built.school.name,
            urn=built.school.urn,
            phase=built.phase,
            pupils=len(pupils),
            sen_support=sum(p.sen_provision == Provision.SEN_SUPPORT for p in pupils),
            ehc_plan=sum(p.sen_provision == Provision.EHC_PLAN for p in pupils),
            staff=sum(len(users) for users in built.staff.values()),
        )


@dataclass
class DemoResult:
    trust: Trust
    schools: list[SchoolCounts] = field(default_factory=list)
    sign_ins: list[tuple[str, str, str]] = field(default_factory=list)  # role, username, school
    builders: list[tuple[str, float]] = field(default_factory=list)  # each builder's seconds
    seconds: float = 0.0


# --- Removing ------------------------------------------------------------------------------


def demo_user_ids(trust: Trust | None, reserved=()) -> list[int]:
    """The users the demo made: its reserved usernames, and demo-style usernames of the
    trust's staff and lead. Anyone else a developer added to the trust is left alone."""
    reserved = set(reserved)
    members: set[int] = set()
    if trust is not None:
        members.update(
            Membership.objects.filter(school__trust=trust).values_list("user_id", flat=True)
        )
        members.update(
            TrustMembership.objects.filter(trust=trust).values_list("user_id", flat=True)
        )
    candidates = User.objects.filter(username__regex=DEMO_USERNAME_RE).values_list("pk", "username")
    found = {pk for pk, username in candidates if username in reserved or pk in members}
    return sorted(found | _demo_parent_ids(trust))


def _demo_parent_ids(trust: Trust | None) -> set[int]:
    """The parents' accounts the demo made (senco/parents/demo.py): linked only to contacts
    of the trust's pupils, with no staff role anywhere."""
    if trust is None:
        return set()
    linked = set(
        ParentLink.objects.filter(contact__pupil__school__trust=trust).values_list(
            "user_id", flat=True
        )
    )
    elsewhere = set(
        ParentLink.objects.filter(user_id__in=linked)
        .exclude(contact__pupil__school__trust=trust)
        .values_list("user_id", flat=True)
    )
    staff = set(Membership.objects.filter(user_id__in=linked).values_list("user_id", flat=True))
    leads = TrustMembership.objects.filter(user_id__in=linked).values_list("user_id", flat=True)
    staff |= set(leads)
    return linked - elsewhere - staff


def _delete_by_id(model, field: str, ids: list[int]) -> None:
    """Delete by an indexed column, a chunk of ids at a time: on PostgreSQL a DELETE with
    joins can take minutes inside one transaction, where the planner has no statistics for
    the rows just written."""
    for start in range(0, len(ids), BATCH):
        model.objects.filter(**{f"{field}__in": ids[start : start + BATCH]}).delete()


@transaction.atomic
def delete_demo_trust(name: str = TRUST_NAME, reserved_usernames=()) -> None:
    """Delete the demo trust, everything in its schools (in every app) and the demo's users.

    A school's pupils are protected from deleting the school, and a trust's schools from
    deleting the trust (`on_delete=PROTECT`), so the pupils go first, then the schools, then
    the trust: every other record cascades from one of them. The audit log outlives the
    records it names (its school and pupil are set to null), so the demo's own audit rows
    are deleted here by hand.
    """
    trust = Trust.objects.filter(name=name).first()
    user_ids = demo_user_ids(trust, reserved_usernames)
    if trust is not None:
        school_ids = list(trust.schools.values_list("pk", flat=True))
        pupil_ids = list(
            Pupil.objects.filter(school_id__in=school_ids).values_list("pk", flat=True)
        )
        AuditEvent.objects.filter(school_id__in=school_ids).delete()
        _delete_by_id(AuditEvent, "pupil_id", pupil_ids)
        _delete_by_id(Pupil, "pk", pupil_ids)
        _delete_by_id(School, "pk", school_ids)
        trust.delete()
    _delete_by_id(AuditEvent, "user_id", user_ids)
    _delete_by_id(User, "pk", user_ids)


# --- Building ------------------------------------------------------------------------------


def build_demo_trust(*, schools: int = 2, seed: int = DEFAULT_SEED) -> DemoResult:
    """Delete and rebuild the demo trust with `schools` schools, all from `seed`."""
    if schools < 2:
        raise DemoError("The demo trust has at least 2 schools.")
    started = time.perf_counter()
    plans = school_plans(schools)
    password = make_password(DEMO_PASSWORD)
    with transaction.atomic():
        delete_demo_trust(TRUST_NAME, demo_usernames(schools))
        taken = list(
            School.objects.filter(urn__in=[p.urn for p in plans]).values_list("urn", flat=True)
        )
        if taken:
            raise DemoError(f"Schools outside the demo trust already use URNs {taken}.")
        trust = Trust.objects.create(name=TRUST_NAME)
        result = DemoResult(trust=trust)
        lead_rng = random.Random(seed * 1000 + 999)
        lead = make_person(lead_rng)
        trust_lead = User.objects.create(
            username=TRUST_LEAD_USERNAME,
            first_name=lead.forename,
            last_name=lead.surname,
            email=f"{TRUST_LEAD_USERNAME}@example.org",
            password=password,
        )
        TrustMembership.objects.create(user=trust_lead, trust=trust)
        demo = DemoTrust(trust=trust, today=DEMO_TODAY, seed=seed)
        for plan in plans:
            builder = SchoolBuilder(plan, trust, random.Random(seed * 1000 + plan.index), password)
            demo.schools.append(builder.build())
            if plan.index < 2:
                result.sign_ins.extend(builder.sign_ins())
        result.sign_ins.append(("Trust SEND lead", TRUST_LEAD_USERNAME, trust.name))
        result.schools = [SchoolCounts.of(built) for built in demo.schools]
        for builder in demo_builders():
            began = time.perf_counter()
            builder.build(demo)
            result.builders.append((builder.name, time.perf_counter() - began))
        if connection.vendor == "postgresql":
            # Fresh statistics, so that PostgreSQL plans the pages' queries for tables of
            # this size rather than for empty ones (autovacuum would catch up later, and
            # never inside a transaction that has not been committed, as in the tests).
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    result.seconds = time.perf_counter() - started
    return result

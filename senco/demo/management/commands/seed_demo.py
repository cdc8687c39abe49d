"""Load the demo trust: `python manage.py seed_demo [--schools N] [--seed S]`.

Safe to run again: the demo trust is deleted and rebuilt, the same every time.
"""

from django.core.management.base import BaseCommand, CommandError

from senco.accounts.models import Membership
from senco.demo.outline import (
    DEFAULT_SEED,
    DEMO_PASSWORD,
    LOGIN_URL,
    TRUST_LEAD_USERNAME,
    TRUST_NAME,
)
from senco.demo.tables import text_table
from senco.demo.trust import DemoError, DemoResult, build_demo_trust
from senco.parents.selectors import parent_sign_in
from senco.schools.models import Trust


def format_result(result: DemoResult, seed: int) -> str:
    lines = [
        f"{result.trust.name}: {len(result.schools)} schools built in {result.seconds:.1f} s "
        f"(seed {seed}).",
        "",
        f"Sign in at {LOGIN_URL}",
        "",
    ]
    rows = [("Role", "Username", "Password", "School")] + [
        (role, username, DEMO_PASSWORD, school) for role, username, school in result.sign_ins
    ]
    lines += _table(rows)
    lines += _parent_line(result.trust)
    lines.append("")
    rows = [("School", "URN", "Phase", "Pupils", "K", "%", "E", "%", "Staff")]
    total = [0, 0, 0]
    for s in result.schools:
        rows.append(
            (
                s.name,
                s.urn,
                s.phase,
                str(s.pupils),
                str(s.sen_support),
                f"{100 * s.sen_support / s.pupils:.1f}",
                str(s.ehc_plan),
                f"{100 * s.ehc_plan / s.pupils:.1f}",
                str(s.staff),
            )
        )
        total = [total[0] + s.pupils, total[1] + s.sen_support, total[2] + s.ehc_plan]
    rows.append(
        (
            "All schools",
            "",
            "",
            str(total[0]),
            str(total[1]),
            f"{100 * total[1] / total[0]:.1f}",
            str(total[2]),
            f"{100 * total[2] / total[0]:.1f}",
            "",
        )
    )
    lines += _table(rows, right_from=3)
    lines.append("K: SEN support. E: EHC plan.")
    if result.builders:
        built = ", ".join(f"{name} ({seconds:.1f} s)" for name, seconds in result.builders)
        lines.append(f"Capabilities' demo data: {built}.")
    return "\n".join(lines)


def existing_sign_ins(trust: Trust) -> str:
    """The sign-ins of a demo trust that is already loaded."""
    memberships = (
        Membership.objects.filter(school__trust=trust, user__username__regex=r"^[a-z]+\.[a-z]+$")
        .select_related("user", "school")
        .order_by("school__name", "role")
    )
    rows = [("Role", "Username", "Password", "School")]
    rows += [
        (m.get_role_display(), m.user.username, DEMO_PASSWORD, m.school.name) for m in memberships
    ]
    rows.append(("Trust SEND lead", TRUST_LEAD_USERNAME, DEMO_PASSWORD, trust.name))
    lines = [
        f"{trust.name} is already loaded; `python manage.py seed_demo` rebuilds it.",
        "",
        f"Sign in at {LOGIN_URL}",
        "",
    ]
    return "\n".join(lines + _table(rows) + _parent_line(trust))


def _parent_line(trust: Trust) -> list[str]:
    """One parent's sign-in (the parents' pages), when the demo has parents."""
    found = parent_sign_in(trust)
    if found is None:
        return []
    username, school = found
    return ["", f"A parent at {school}: username {username}, password {DEMO_PASSWORD}"]


def _table(rows, right_from: int | None = None) -> list[str]:
    return text_table(rows, left=range(len(rows[0]) if right_from is None else right_from))


class Command(BaseCommand):
    help = "Create (or rebuild) the demo trust with its schools, staff, pupils and history."

    def add_arguments(self, parser):
        parser.add_argument(
            "--schools",
            type=int,
            default=2,
            help="How many schools (2: Brookfield Primary and Hillside Academy; more for "
            "benchmarks).",
        )
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Random seed.")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Build the demo trust only if it is not there, so changes made to it survive "
            "(make run uses this).",
        )

    def handle(self, *args, schools: int, seed: int, if_missing: bool, **options):
        trust = Trust.objects.filter(name=TRUST_NAME).first()
        if if_missing and trust is not None:
            self.stdout.write(existing_sign_ins(trust))
            return
        try:
            result = build_demo_trust(schools=schools, seed=seed)
        except DemoError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(format_result(result, seed))

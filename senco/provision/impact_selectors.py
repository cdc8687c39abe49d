"""The queries behind the impact pages, the pupil's impact and the governors' totals. The
arithmetic is `impact.py` (gains) and `costs.py` (money); this module only fetches rows
and puts them together. Every list costs the same queries whatever the number of groups
and members: the groups of the year, their members, their sessions' counts, attendance
(`session_selectors.attendance_by_member`: sessions held while a member), the school's
closure days (for planned sessions), and for the totals the register's count and the
money recorded.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, Sum

from senco.lib import clock
from senco.provision import costs, impact
from senco.provision.models import (
    Funding,
    GroupMember,
    Intervention,
    InterventionGroup,
    Session,
    TopUp,
)
from senco.provision.session_selectors import attendance_by_member
from senco.pupils.models import Pupil
from senco.schools.selectors import saved_closures

# Provision additional to and different from high-quality teaching: small group, individual.
ADDITIONAL_WAVES = (Intervention.Wave.SMALL_GROUP, Intervention.Wave.INDIVIDUAL)


def year_bounds(academic_year: int) -> tuple[datetime.date, datetime.date]:
    """1 September to 31 August."""
    return datetime.date(academic_year, 9, 1), datetime.date(academic_year + 1, 8, 31)


@dataclass
class MemberRow:
    member: GroupMember
    impact: impact.PupilImpact
    attended: int = 0
    held: int = 0

    @property
    def attendance(self) -> Decimal | None:
        return impact.attendance_rate(self.attended, self.held)


@dataclass
class GroupRow:
    group: InterventionGroup
    members: list[MemberRow]
    summary: impact.Summary
    sessions: int
    sessions_planned: bool
    cost: Decimal
    attended: int
    held: int

    @property
    def intervention(self) -> Intervention:
        return self.group.intervention

    @property
    def pupil_count(self) -> int:
        return len(self.members)

    @property
    def dom_id(self) -> str:
        return f"group-{self.group.pk}-figures"

    @property
    def per_pupil(self) -> Decimal | None:
        return costs.per_pupil(self.cost, len(self.members))

    @property
    def per_unit(self) -> Decimal | None:
        return per_unit(self.cost, len(self.members), self.summary)

    @property
    def attendance(self) -> Decimal | None:
        return impact.attendance_rate(self.attended, self.held)


@dataclass
class InterventionRow:
    intervention: Intervention
    groups: list[GroupRow] = field(default_factory=list)
    summary: impact.Summary | None = None
    # An intervention's sessions are its groups' (shown on each group).
    sessions = None

    @property
    def members(self) -> int:
        return sum(len(g.members) for g in self.groups)

    @property
    def pupil_count(self) -> int:
        return self.members

    @property
    def cost(self) -> Decimal:
        return costs.money(sum((g.cost for g in self.groups), Decimal(0)))

    @property
    def per_pupil(self) -> Decimal | None:
        return costs.per_pupil(self.cost, self.members)

    @property
    def per_unit(self) -> Decimal | None:
        return per_unit(self.cost, self.members, self.summary) if self.summary else None

    @property
    def attendance(self) -> Decimal | None:
        return impact.attendance_rate(
            sum(g.attended for g in self.groups), sum(g.held for g in self.groups)
        )


def per_unit(cost: Decimal, members: int, summary: impact.Summary) -> Decimal | None:
    """Cost per point (or month) gained: the cost of the pupils with both scores (their
    share of the cost) over what they gained between them. None when too few to judge."""
    if not summary.judged or not members:
        return None
    share = Decimal(cost) * summary.n / members
    return costs.per_unit_gained(share, summary.total_gain)


# --- Fetching ------------------------------------------------------------------------------


def _groups(school, academic_year: int, **filters) -> list[InterventionGroup]:
    start, end = year_bounds(academic_year)
    return list(
        InterventionGroup.objects.filter(
            school=school, starts_on__gte=start, starts_on__lte=end, **filters
        ).select_related("intervention")
    )


def _members(group_ids, *, names: bool) -> list[GroupMember]:
    members = GroupMember.objects.filter(group_id__in=group_ids)
    if names:
        return list(members.select_related("pupil"))
    return list(
        members.select_related("pupil").only(
            "group_id",
            "pupil_id",
            "baseline_score",
            "baseline_on",
            "exit_score",
            "exit_on",
            "pupil__date_of_birth",
        )
    )


def _session_counts(group_ids) -> dict[int, tuple[int, int]]:
    """{group id: (sessions recorded, sessions held)}."""
    rows = (
        Session.objects.filter(group_id__in=group_ids)
        .order_by()
        .values("group_id")
        .annotate(recorded=Count("id"), held=Count("id", filter=Q(held=True)))
    )
    return {r["group_id"]: (r["recorded"], r["held"]) for r in rows}


def member_impact(member: GroupMember, intervention: Intervention) -> impact.PupilImpact:
    return impact.pupil_impact(
        intervention.measure,
        baseline=member.baseline_score,
        baseline_on=member.baseline_on,
        exit=member.exit_score,
        exit_on=member.exit_on,
        date_of_birth=member.pupil.date_of_birth,
        exit_threshold=intervention.exit_threshold,
    )


def group_rows(school, groups: list[InterventionGroup], *, names: bool = False) -> list[GroupRow]:
    """Each group's members, impact, sessions and cost: four queries for any number."""
    ids = [g.pk for g in groups]
    members = _members(ids, names=names) if ids else []
    counts = _session_counts(ids) if ids else {}
    attendance = attendance_by_member(ids) if ids else {}
    closures = saved_closures(school)
    by_group: dict[int, list[GroupMember]] = defaultdict(list)
    for member in members:
        by_group[member.group_id].append(member)
    rows = []
    for group in groups:
        intervention = group.intervention
        member_rows = [
            MemberRow(m, member_impact(m, intervention), *attendance.get(m.pk, (0, 0)))
            for m in by_group[group.pk]
        ]
        recorded, held = counts.get(group.pk, (0, 0))
        sessions = held if recorded else costs.planned_sessions(group, closures=closures)
        rows.append(
            GroupRow(
                group=group,
                members=member_rows,
                summary=impact.summarise(
                    intervention.measure, [m.impact for m in member_rows], len(member_rows)
                ),
                sessions=sessions,
                sessions_planned=not recorded,
                cost=costs.group_cost(intervention, sessions),
                attended=sum(m.attended for m in member_rows),
                held=sum(m.held for m in member_rows),
            )
        )
    return rows


def _intervention_row(intervention: Intervention, groups: list[GroupRow]) -> InterventionRow:
    row = InterventionRow(intervention, groups)
    row.summary = impact.summarise(
        intervention.measure,
        [m.impact for g in groups for m in g.members],
        row.members,
    )
    return row


# --- The pages ---------------------------------------------------------------------------


@dataclass
class Totals:
    """The cost of provision additional to and different from high-quality teaching (waves
    2 and 3) in a year, against the money recorded for it."""

    academic_year: int
    cost: Decimal
    pupils_in_interventions: int
    on_register: int
    exit_assessed: int
    exit_met: int
    notional_budget: Decimal | None
    top_ups: Decimal
    top_up_pupils: int

    @property
    def per_register_pupil(self) -> Decimal | None:
        return costs.per_pupil(self.cost, self.on_register)

    @property
    def funding(self) -> Decimal:
        return costs.money((self.notional_budget or Decimal(0)) + self.top_ups)

    @property
    def left(self) -> Decimal:
        """Funding less cost; negative when the provision costs more."""
        return costs.money(self.funding - self.cost)

    @property
    def over(self) -> Decimal | None:
        """How much more the provision costs than the funding recorded, or None."""
        return -self.left if self.left < 0 else None

    @property
    def exit_judged(self) -> bool:
        return not impact.too_few(self.exit_assessed)

    @property
    def exit_share(self) -> Decimal | None:
        if not self.exit_judged:
            return None
        return impact.tenth(Decimal(100) * self.exit_met / self.exit_assessed)


def totals(school, academic_year: int, rows: list[GroupRow]) -> Totals:
    """The year's totals from its group rows (every area): three queries."""
    additional = [r for r in rows if r.intervention.wave in ADDITIONAL_WAVES]
    funding = Funding.objects.filter(school=school, academic_year=academic_year).first()
    top_ups = TopUp.objects.filter(pupil__school=school, academic_year=academic_year).aggregate(
        total=Sum("amount"), pupils=Count("id")
    )
    assessed = [m for r in additional for m in r.members if m.impact.met_exit is not None]
    return Totals(
        academic_year=academic_year,
        cost=costs.money(sum((r.cost for r in additional), Decimal(0))),
        pupils_in_interventions=len({m.member.pupil_id for r in additional for m in r.members}),
        on_register=Pupil.objects.filter(school=school).on_register().count(),
        exit_assessed=len(assessed),
        exit_met=sum(1 for m in assessed if m.impact.met_exit),
        notional_budget=funding.notional_budget if funding else None,
        top_ups=costs.money(top_ups["total"] or Decimal(0)),
        top_up_pupils=top_ups["pupils"],
    )


@dataclass
class ImpactPage:
    rows: list[InterventionRow]
    totals: Totals


def impact_page(school, academic_year: int, *, area: str = "") -> ImpactPage:
    """Every intervention of the offer (of one broad area, or all) with its groups that
    started in the year, and the year's totals. Names no pupil."""
    groups = _groups(school, academic_year)
    group_list = group_rows(school, groups)
    interventions = Intervention.objects.filter(school=school)
    if area:
        interventions = interventions.filter(area=area)
    by_intervention: dict[int, list[GroupRow]] = defaultdict(list)
    for row in group_list:
        by_intervention[row.group.intervention_id].append(row)
    rows = [
        _intervention_row(i, by_intervention[i.pk])
        for i in interventions
        if i.active or by_intervention[i.pk]
    ]
    return ImpactPage(rows=rows, totals=totals(school, academic_year, group_list))


def intervention_for(school, intervention_id: int) -> Intervention | None:
    return Intervention.objects.filter(school=school, pk=intervention_id).first()


def intervention_detail(school, intervention: Intervention, academic_year: int) -> InterventionRow:
    """One intervention's groups that started in the year, each with its pupils by name."""
    groups = _groups(school, academic_year, intervention=intervention)
    for group in groups:
        group.intervention = intervention
    return _intervention_row(intervention, group_rows(school, groups, names=True))


def group_years(school) -> list[int]:
    """The academic years in which the school's groups started, newest first."""
    days = InterventionGroup.objects.filter(school=school).dates("starts_on", "month")
    return sorted({clock.academic_year_of(d) for d in days}, reverse=True)


# --- For other parts ---------------------------------------------------------------------


@dataclass
class PupilImpactRow:
    member: GroupMember
    group: InterventionGroup
    intervention: Intervention
    impact: impact.PupilImpact
    attended: int
    held: int

    @property
    def attendance(self) -> Decimal | None:
        return impact.attendance_rate(self.attended, self.held)


def pupil_impact(pupil) -> list[PupilImpactRow]:
    """Every group the pupil has been in, newest first, with what they gained and their
    attendance: two queries. For the pupil page's panel (the caller checks access and
    audits)."""
    members = list(
        GroupMember.objects.filter(pupil=pupil)
        .select_related("group", "group__intervention", "pupil")
        .order_by("-group__starts_on", "group__name", "pk")
    )
    if not members:
        return []
    attendance = attendance_by_member({m.group_id for m in members})
    return [
        PupilImpactRow(
            m,
            m.group,
            m.group.intervention,
            member_impact(m, m.group.intervention),
            *attendance.get(m.pk, (0, 0)),
        )
        for m in members
    ]


def year_totals(school, academic_year: int) -> Totals:
    """The year's totals alone (governors' summary)."""
    return totals(school, academic_year, group_rows(school, _groups(school, academic_year)))

"""The register's figures offered as evidence (`registry.Evidence`): "register" (pupils at SEN
support, with an EHC plan and on the register, against England) and "needs" (the register
by broad area of need, against England's EHC plans), and "parents_told" (pupils whose
parents have not been told of a change on the register yet).

The figures are the school's summary page's (`school_summary`, which that page uses too),
hidden for someone who sees no names exactly as that page hides them: decided with every
school of the trust (senco/register/disclosure.py). One query (two with `suppress`).
"""

import datetime

from django.urls import reverse

from senco.lib import evidence_text as text
from senco.lib.codes import broad_area
from senco.lib.figures import HIDDEN
from senco.pupils.models import Pupil
from senco.register import disclosure, national, selectors
from senco.registry import Figure

SOURCE = "School census: SEN provision E (EHC plan) and K (SEN support)"
NOT_TOLD_RULE = (
    "Parents must be formally told when the school makes special educational provision for "
    "their child: SEND Code of Practice 6.43 (Children and Families Act 2014, s.68)"
)


def school_summary(school, *, suppress: bool, known: frozenset = frozenset()):
    """The school's register summary; for someone who sees no names (`suppress`) with the
    hidden figures of each row marked, decided for the whole trust at once (the trust's
    pages and every school's hide alike) with the schools in `known` known."""
    if not suppress:
        return selectors.register_summary(schools=[school])
    counts = selectors.trust_counts(trust_id=school.trust_id)
    summary = selectors.summary_from_counts(c for c in counts if c.school_id == school.pk)
    hidden = disclosure.hidden_figures(counts, known)
    return hidden.summary(summary, disclosure.school_scope(school.pk))


def _england(percent: float) -> str:
    return f"{percent:.1f}% of pupils in England ({national.SEN_IN_ENGLAND_2025})"


def _share(count: int, total: int, hidden: bool) -> str:
    """ "14 (3.2% of the roll)"; "hidden"."""
    if hidden:
        return HIDDEN
    if not total:
        return f"{count:,}"
    return f"{count:,} ({100 * count / total:.1f}%)"


def register_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    summary = school_summary(school, suppress=suppress)
    row = summary.total
    if not row.roll:
        return []
    url = reverse("register_summary", args=[school.urn])
    roll_hidden = "roll" in row.hidden
    ehc_hidden = "ehc" in row.hidden or roll_hidden
    support_hidden = "support" in row.hidden or roll_hidden
    england_all = national.EHC_PLAN_PERCENT + national.SEN_SUPPORT_PERCENT
    return [
        Figure(
            "Pupils on the SEN register",
            _share(row.on_register, row.roll, ehc_hidden or support_hidden),
            url,
            _england(england_all),
            SOURCE,
        ),
        Figure(
            "Pupils at SEN support",
            _share(row.support, row.roll, support_hidden),
            url,
            _england(national.SEN_SUPPORT_PERCENT),
            SOURCE,
        ),
        Figure(
            "Pupils with an EHC plan",
            _share(row.ehc, row.roll, ehc_hidden),
            url,
            _england(national.EHC_PLAN_PERCENT),
            SOURCE,
        ),
    ]


def _england_area_shares() -> dict[str, float]:
    """England's EHC plans by the broad area of their primary need, in percent."""
    shares: dict[str, float] = {}
    for need, percent in national.EHC_PLAN_PRIMARY_NEED_PERCENT.items():
        area = broad_area(need)
        shares[area] = shares.get(area, 0) + percent
    return shares


def needs_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    summary = school_summary(school, suppress=suppress)
    total = summary.total
    if not total.on_register:
        return []
    areas = next(b for b in summary.breakdowns if b.rows and b.rows[0].key[0] == "area")
    total_hidden = bool({"ehc", "support"} & total.hidden)
    england = _england_area_shares()
    url = reverse("register_summary", args=[school.urn])
    found = []
    for row in areas.rows:
        hidden = bool({"ehc", "support"} & row.hidden)
        if hidden:
            value = HIDDEN
        elif total_hidden:
            value = f"{row.on_register:,}"
        else:
            value = text.part_of(row.on_register, total.on_register)
        share = england.get(row.key[1])
        found.append(
            Figure(
                f"Pupils on the register whose primary need is {row.label.lower()}",
                value,
                url,
                f"{share:.1f}% of EHC plans in England ({national.EHC_PLANS_2025})"
                if share is not None
                else "",
                "School census: primary type of need",
            )
        )
    return found


def parents_told_figures(school, today: datetime.date, suppress: bool) -> list[Figure]:
    """Pupils whose parents have not yet been told of a change on the register. One query."""
    not_told = Pupil.objects.filter(school=school, parents_not_told=True).count()
    return [
        Figure(
            "Pupils whose parents have not yet been told of a change on the register",
            text.count(not_told, hidden=text.hidden_if_small(not_told, suppress)),
            reverse("register", args=[school.urn]) + "?not_told=on",
            "",
            NOT_TOLD_RULE,
        )
    ]

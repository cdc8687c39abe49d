"""The demo trust's requests for an EHC needs assessment, and phase transfer reviews.

Registered in capability.py as `DemoBuilder("ehcp_requests", build, order=32)`, after the
plans (30) and the annual reviews' builder, drawing from each school's generator after
them. Each school gets six requests for pupils at SEN support, one at each stage: the
decision awaited, the decision overdue, a draft plan received with our response due, a
final plan issued, a refusal, and a parents' request being assessed. About half of the
pupils with plans in Year 6 or Year 11 (who move phase next September) get a phase
transfer review booked, when they have no review open already.
"""

import datetime

from senco.ehcp.models import AnnualReview, AssessmentRequest, EHCPlan
from senco.lib.codes import Provision

D = datetime.timedelta

EVIDENCE = (
    "Three cycles of SEN support plans with reviews; educational psychologist report; "
    "speech and language therapy report; attendance and attainment data.",
    "SEN support plans for two years; CAMHS letter; the parents' views; the pupil's one-page "
    "profile; reading and spelling ages.",
    "Assess, plan, do, review records; occupational therapy report; costed provision map.",
)
NEXT_SETTINGS = (
    "Hillside Academy",
    "Riverside College (sixth form)",
    "St Anne's Catholic High School",
    "Northgate College",
)


def build(demo) -> None:
    for school in demo.schools:
        _requests(school, demo.today)
        _transfer_reviews(school, demo.today)


def _requests(school, today: datetime.date) -> None:
    rng = school.rng
    at_k = [p for p in school.pupils if p.sen_provision == Provision.SEN_SUPPORT]
    chosen = rng.sample(at_k, min(6, len(at_k)))
    la = rng.choice(("886", "887", "845"))
    Decision, Outcome, By = (
        AssessmentRequest.Decision,
        AssessmentRequest.Outcome,
        AssessmentRequest.RequestedBy,
    )

    def day(lo_days: int, hi_days: int) -> datetime.date:
        return school.weekday(today - D(days=hi_days), today - D(days=lo_days))

    stages = []
    # The decision awaited, within its 6 weeks.
    stages.append({"requested_on": day(10, 25)})
    # The decision overdue: requested 8 to 10 weeks ago, nothing heard.
    stages.append({"requested_on": day(56, 70)})
    # Assessed; the draft plan served 3 to 8 days ago: our response due.
    requested = day(100, 115)
    decided = school.weekday(requested + D(days=35), requested + D(days=41))
    stages.append(
        {
            "requested_on": requested,
            "decision": Decision.ASSESS,
            "decision_on": decided,
            "draft_served_on": day(3, 8),
        }
    )
    # A final plan issued, from a request in the spring.
    requested = day(200, 230)
    decided = school.weekday(requested + D(days=30), requested + D(days=41))
    draft = school.weekday(requested + D(days=100), requested + D(days=110))
    stages.append(
        {
            "requested_on": requested,
            "decision": Decision.ASSESS,
            "decision_on": decided,
            "draft_served_on": draft,
            "response_sent_on": school.weekday(draft + D(days=7), draft + D(days=12)),
            "outcome": Outcome.PLAN_ISSUED,
            "outcome_on": school.weekday(requested + D(days=130), requested + D(days=139)),
        }
    )
    # Refused after 6 weeks.
    requested = day(80, 95)
    stages.append(
        {
            "requested_on": requested,
            "decision": Decision.REFUSED,
            "decision_on": school.weekday(requested + D(days=38), requested + D(days=42)),
            "notes": "The local authority asked for another cycle of SEN support first. "
            "The parents were told of their right to appeal.",
        }
    )
    # The parents' request, being assessed, the draft not yet come.
    requested = day(60, 75)
    stages.append(
        {
            "requested_on": requested,
            "requested_by": By.PARENT,
            "decision": Decision.ASSESS,
            "decision_on": school.weekday(requested + D(days=30), requested + D(days=40)),
        }
    )
    rows = []
    for pupil, fields in zip(chosen, stages, strict=False):
        fields.setdefault("requested_by", By.SCHOOL)
        rows.append(
            AssessmentRequest(
                pupil=pupil,
                la_code=la,
                evidence=rng.choice(EVIDENCE),
                created_by=school.senco,
                created_at=school.moment(fields["requested_on"]),
                **fields,
            )
        )
    AssessmentRequest.objects.bulk_create(rows)


def _transfer_reviews(school, today: datetime.date) -> None:
    rng = school.rng
    movers = [
        p
        for p in school.pupils
        if p.sen_provision == Provision.EHC_PLAN and p.year_group in (6, 11)
    ]
    busy = set(
        AnnualReview.objects.filter(plan__pupil__in=movers, closed_at__isnull=True).values_list(
            "plan__pupil_id", flat=True
        )
    )
    plans = {p.pupil_id: p for p in EHCPlan.objects.filter(pupil__in=movers)}
    reviews = []
    for pupil in movers:
        plan = plans.get(pupil.pk)
        if plan is None or pupil.pk in busy or rng.random() < 0.5:
            continue
        meeting = school.weekday(today + D(days=14), today + D(days=70))
        reviews.append(
            AnnualReview(
                plan=plan,
                kind=AnnualReview.Kind.PHASE_TRANSFER,
                owner=school.senco,
                meeting_on=meeting,
                meeting_time="10am, the SENCO's office",
                next_setting=rng.choice(NEXT_SETTINGS) if rng.random() < 0.6 else "",
                created_by=school.senco,
                created_at=school.moment(today - D(days=rng.randint(1, 20))),
            )
        )
    AnnualReview.objects.bulk_create(reviews)

"""The questions of line management meetings about SEND, as data, with their sources.

Three kinds of meeting (`MEETING_KINDS`), each with its questions grouped by area. Every
question has a stable key (saved with its answer in `MeetingAnswer.question`: never change
or reuse one; add new keys instead), the question in plain English, and the evidence keys
(`senco.registry.EVIDENCE_KEYS`) whose figures are shown beside it.

The source is the trust's "Toolkit for Effective Line Management of SENDCos" (Cabot
Learning Federation; shared/seeds/002): "Key Questions for Principals to ask", "Key
Questions for Link SEND Councillors" (the link governor: the toolkit's trust calls its
academy governors councillors) and "Line Management Discussions and Guidance" (strategic
areas of focus, the operational area "TAs and support staff", support and wellbeing). The
wording is the toolkit's, shortened where it named the trust's own tools (its "Evaluate My
School" scores and data dashboard) and put as a question where it was a heading.
"""

from dataclasses import dataclass

from senco.registry import EVIDENCE_KEYS

TOOLKIT = "Toolkit for Effective Line Management of SENDCos (Cabot Learning Federation)"


@dataclass(frozen=True)
class Question:
    key: str  # stable, at most 60 characters
    text: str
    evidence: tuple[str, ...] = ()  # keys of senco.registry.EVIDENCE_KEYS


@dataclass(frozen=True)
class Area:
    key: str
    title: str
    questions: tuple[Question, ...]
    source: str  # where in the toolkit the questions come from


@dataclass(frozen=True)
class MeetingKind:
    key: str
    label: str  # "Line manager's meeting with the SENCO"
    short: str  # "Line manager"
    description: str
    areas: tuple[Area, ...]
    # Who may record it: "records_meetings" (the SENCO and leaders), or
    # "records_governor_meetings" (the link governor too).
    ability: str

    @property
    def questions(self) -> list[Question]:
        return [q for area in self.areas for q in area.questions]

    @property
    def evidence_keys(self) -> list[str]:
        return list(dict.fromkeys(k for q in self.questions for k in q.evidence))


def _q(key: str, text: str, *evidence: str) -> Question:
    return Question(key, text, tuple(evidence))


PRINCIPALS = f"{TOOLKIT}: Key Questions for Principals to ask"
COUNCILLORS = f"{TOOLKIT}: Key Questions for Link SEND Councillors"
STRATEGIC = f"{TOOLKIT}: Line Management Discussions, strategic areas of focus"
OPERATIONAL = f"{TOOLKIT}: Line Management Discussions, operational areas of focus"
WELLBEING = f"{TOOLKIT}: Line Management Discussions, support and wellbeing"


PRINCIPAL = MeetingKind(
    key="principal",
    label="Principal's meeting with the SENCO",
    short="Principal",
    description=(
        "The headteacher or principal and the SENCO: how SEND fits the school's vision, "
        "and whether the school has what it needs to deliver it."
    ),
    ability="records_meetings",
    areas=(
        Area(
            "vision",
            "Vision and strategy",
            (
                _q(
                    "principal.vision.align",
                    "How does our current SEND provision align with the school's overall "
                    "vision and strategic goals?",
                    "development_plan",
                ),
                _q(
                    "principal.vision.priorities",
                    "What are the key priorities for improving SEND provision in the next "
                    "academic year?",
                ),
            ),
            PRINCIPALS,
        ),
        Area(
            "identification",
            "Identification and assessment",
            (
                _q(
                    "principal.identification.early",
                    "What processes are in place for the early identification and "
                    "assessment of students with SEND?",
                    "register",
                    "needs",
                ),
                _q(
                    "principal.identification.accurate",
                    "How do we ensure that assessments are accurate and comprehensive?",
                    "ehc_assessments",
                ),
            ),
            PRINCIPALS,
        ),
        Area(
            "intervention",
            "Intervention and support",
            (
                _q(
                    "principal.intervention.current",
                    "What evidence-based interventions and support strategies are "
                    "currently being implemented?",
                    "provision",
                ),
                _q(
                    "principal.intervention.effect",
                    "How do we measure the effectiveness of these interventions?",
                    "plans",
                ),
            ),
            PRINCIPALS,
        ),
        Area(
            "training",
            "Staff training and development",
            (
                _q(
                    "principal.training.offer",
                    "What professional development opportunities are available for staff "
                    "to enhance their understanding and skills in supporting students with "
                    "SEND?",
                ),
                _q(
                    "principal.training.equipped",
                    "How do we ensure that all staff are equipped to meet the diverse needs "
                    "of our students?",
                    "passports",
                ),
            ),
            PRINCIPALS,
        ),
        Area(
            "parents",
            "Parental and community engagement",
            (
                _q(
                    "principal.parents.involve",
                    "How do we involve parents and carers in the planning and review of "
                    "their child's SEND provision?",
                    "parent_meetings",
                    "parents_told",
                ),
                _q(
                    "principal.parents.partners",
                    "What partnerships do we have with external agencies and how do they "
                    "support our SEND provision?",
                ),
            ),
            PRINCIPALS,
        ),
        Area(
            "monitoring",
            "Monitoring and evaluation",
            (
                _q(
                    "principal.monitoring.progress",
                    "What systems are in place to monitor the progress and outcomes of "
                    "students with SEND?",
                    "attainment",
                    "annual_reviews",
                ),
                _q(
                    "principal.monitoring.data",
                    "How do we use data to inform our strategic decisions and improve SEND "
                    "provision?",
                    "attendance",
                    "suspensions",
                ),
            ),
            PRINCIPALS,
        ),
        Area(
            "resources",
            "Resource allocation",
            (
                _q(
                    "principal.resources.allocated",
                    "How are resources (financial, human and material) allocated to "
                    "support SEND provision?",
                    "ehcp_provision",
                ),
                _q(
                    "principal.resources.gaps",
                    "Are there any gaps in resources that need to be addressed to enhance "
                    "our provision?",
                ),
            ),
            PRINCIPALS,
        ),
        Area(
            "inclusion",
            "Inclusive practices",
            (
                _q(
                    "principal.inclusion.culture",
                    "How do we promote an inclusive culture within the school that values "
                    "diversity and supports all students?",
                ),
                _q(
                    "principal.inclusion.included",
                    "What strategies are in place to ensure that students with SEND are "
                    "fully included in all aspects of school life?",
                ),
            ),
            PRINCIPALS,
        ),
    ),
)


LINE_MANAGER = MeetingKind(
    key="line_manager",
    label="Line manager's meeting with the SENCO",
    short="Line manager",
    description=(
        "The SENCO's line manager (a senior leader) and the SENCO: the strategic areas of "
        "focus, staffing and resourcing, and the SENCO's own support and wellbeing."
    ),
    ability="records_meetings",
    areas=(
        Area(
            "action_plan",
            "The SEND action plan",
            (
                _q(
                    "lm.action_plan.priorities",
                    "What are the key priorities for SEND improvement, and how was the "
                    "self-evaluation behind them scored? Were you as line manager and the "
                    "wider senior team involved?",
                    "development_plan",
                ),
                _q(
                    "lm.action_plan.shared",
                    "Is there a shared responsibility within the leadership for the "
                    "completion of these actions or priorities?",
                ),
                _q(
                    "lm.action_plan.link",
                    "How does the SEND action plan link with the school improvement plan?",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "profile",
            "A high profile of SEND across the school",
            (
                _q(
                    "lm.profile.time",
                    "Has SEND been given time in meetings, professional development sessions "
                    "and senior leadership meetings throughout the year?",
                ),
                _q(
                    "lm.profile.curriculum",
                    "How is SEND part of the curriculum and progress meetings within the school?",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "needs",
            "Data analysis: profile of needs",
            (
                _q(
                    "lm.needs.data",
                    "What does the data tell you about SEND students within the school? How "
                    "many have an EHC plan and how many are at SEN support (K)?",
                    "register",
                ),
                _q(
                    "lm.needs.highest",
                    "What are the highest needs, and does the provision reflect this?",
                    "needs",
                    "provision",
                ),
                _q(
                    "lm.needs.assessments",
                    "How many students are in the process of a needs assessment?",
                    "ehc_assessments",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "outcomes",
            "Outcomes",
            (
                _q(
                    "lm.outcomes.national",
                    "What are the progress and outcomes for SEND students? Are they in line "
                    "with or above the national average? Consider groups that overlap "
                    "(pupil premium and SEND), specific needs, years or subjects.",
                    "attainment",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "attendance",
            "Attendance, behaviour and suspensions",
            (
                _q(
                    "lm.attendance.trends",
                    "Are there specific trends or areas for development in the attendance of "
                    "SEND students (pupil premium and SEND, different needs)?",
                    "attendance",
                ),
                _q(
                    "lm.attendance.exclusions",
                    "Are suspensions and exclusions disproportionate for SEND students, or "
                    "for SEND students of different ethnic groups?",
                    "suspensions",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "safeguarding",
            "Safeguarding and wellbeing of students",
            (
                _q(
                    "lm.safeguarding.safe",
                    "Do SEND students feel safe within the school? How do you know? What "
                    "does an analysis of the safeguarding logs tell you?",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "teaching",
            "Quality of SEND provision and adaptive teaching",
            (
                _q(
                    "lm.teaching.knowledge",
                    "Do leaders, teachers, support staff and other staff have the knowledge "
                    "and expertise to support SEND? How have the strengths and needs of "
                    "these groups been identified?",
                    "passports",
                ),
                _q(
                    "lm.teaching.adaptive",
                    "What is in place to quality assure provision and adaptive teaching "
                    "across the school? How are interventions chosen, and why?",
                    "plans",
                    "provision",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "curriculum",
            "Access to a broad and balanced curriculum, trips and clubs",
            (
                _q(
                    "lm.curriculum.access",
                    "Do SEND students have access to all curriculum areas and to the most "
                    "skilled teachers? Are they well represented on trips and in after-school "
                    "clubs, across all four areas of need?",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "local_authority",
            "Working with the local authority",
            (
                _q(
                    "lm.local_authority.support",
                    "How does the local authority support and promote inclusive education? "
                    "What support and guidance is provided on the Local Offer?",
                    "annual_reviews",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "parents",
            "Parent and carer engagement",
            (
                _q(
                    "lm.parents.reviewing",
                    "How are parents and carers involved in reviewing the provision for "
                    "their child?",
                    "parent_meetings",
                    "parents_told",
                ),
                _q(
                    "lm.parents.report",
                    "Are parents and carers involved in writing the SEN information report, "
                    "and given opportunities to come into school and guidance on how best to "
                    "support their child's needs?",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "budget",
            "The SEND budget",
            (
                _q(
                    "lm.budget.notional",
                    "Does the SENCO hold the SEND budget? What is the notional SEN funding "
                    "and high needs top-up funding, and how is each spent?",
                    "provision",
                ),
                _q(
                    "lm.budget.finance",
                    "Are there termly meetings with the finance manager to review the SEND "
                    "budget? Have recent changes affected the staffing or resourcing of SEND?",
                ),
            ),
            STRATEGIC,
        ),
        Area(
            "staffing",
            "Teaching assistants and support staff",
            (
                _q(
                    "lm.staffing.deployed",
                    "How are support staff deployed day to day?",
                ),
                _q(
                    "lm.staffing.recruitment",
                    "Are there any staffing or recruitment issues, or specific HR processes "
                    "going on?",
                ),
            ),
            OPERATIONAL,
        ),
        Area(
            "wellbeing",
            "The SENCO's support and wellbeing",
            (
                _q(
                    "lm.wellbeing.workload",
                    "How are you managing your current workload? How can we support your "
                    "professional growth and wellbeing? Has supervision been considered?",
                ),
                _q(
                    "lm.wellbeing.time",
                    "How much time is allocated to the SENCO role? Which tasks are "
                    "particularly challenging or time-consuming?",
                ),
                _q(
                    "lm.wellbeing.admin",
                    "What administration do you do (annual reviews, referrals, "
                    "consultations)? How many reviews are there and how long does each take? "
                    "Could any of it be delegated?",
                    "annual_reviews",
                ),
                _q(
                    "lm.wellbeing.development",
                    "Has the National Award for SEN Coordination or the NPQ for SENCOs been "
                    "completed? Which areas would you like to develop further?",
                ),
            ),
            WELLBEING,
        ),
    ),
)


LINK_GOVERNOR = MeetingKind(
    key="link_governor",
    label="Link governor's meeting with the SENCO",
    short="Link governor",
    description=(
        'The governor linked to SEND (the toolkit\'s "link SEND councillor") and the '
        "SENCO. The governor reads this record: figures from 1 to 4 are hidden, and no "
        "pupil is named."
    ),
    ability="records_governor_meetings",
    areas=(
        Area(
            "percent",
            "How does the percentage of pupils with SEN compare with local and national levels?",
            (
                _q(
                    "gov.percent.reasons",
                    "What are the reasons for this? Are there contextual factors affecting "
                    "the level of SEND?",
                    "register",
                ),
                _q(
                    "gov.percent.trends",
                    "Are there any recent patterns or trends? Why?",
                ),
                _q(
                    "gov.percent.challenges",
                    "Are there any current challenges, and how are they being addressed?",
                ),
            ),
            COUNCILLORS,
        ),
        Area(
            "needs",
            "Which needs are most prevalent in the school?",
            (
                _q(
                    "gov.needs.identified",
                    "How are these needs being identified and supported?",
                    "needs",
                ),
                _q(
                    "gov.needs.impact",
                    "What is the impact of the current provision?",
                    "provision",
                ),
                _q(
                    "gov.needs.training",
                    "Have staff received training to support these needs?",
                ),
                _q(
                    "gov.needs.challenges",
                    "Are there any current challenges, and how are they being addressed?",
                ),
            ),
            COUNCILLORS,
        ),
        Area(
            "priorities",
            "What are the strategic priorities for SEND?",
            (
                _q(
                    "gov.priorities.working",
                    "What is working well? Are there case studies (with no child named) "
                    "that could give further context?",
                ),
                _q(
                    "gov.priorities.vision",
                    "What is the school's vision for SEND, and how does it link with the "
                    "trust's vision?",
                ),
                _q(
                    "gov.priorities.development",
                    "What are the areas of development in the school improvement plan and "
                    "the SEND development plan?",
                    "development_plan",
                ),
                _q(
                    "gov.priorities.voice",
                    "Is there any recent parent voice or student voice about SEND?",
                    "parent_meetings",
                ),
            ),
            COUNCILLORS,
        ),
        Area(
            "staffing",
            "What is the current staffing and resourcing of SEND?",
            (
                _q(
                    "gov.staffing.funding",
                    "Are there any updates on high needs funding?",
                    "ehcp_provision",
                ),
                _q(
                    "gov.staffing.deployed",
                    "How are support staff currently deployed?",
                ),
                _q(
                    "gov.staffing.resources",
                    "What resources are available for SEND, and are there any current needs?",
                ),
            ),
            COUNCILLORS,
        ),
        # The link councillor's questions stop at staffing and resourcing; what a governing
        # board is told each year (the annual report) also covers outcomes, attendance and
        # suspensions and the statutory reviews, so the governor's version of the line
        # manager's strategic questions follows, with their source.
        Area(
            "outcomes",
            "Outcomes, attendance and the statutory duties",
            (
                _q(
                    "gov.outcomes.attainment",
                    "How do the progress and outcomes of pupils with SEND compare with the "
                    "national average?",
                    "attainment",
                ),
                _q(
                    "gov.outcomes.attendance",
                    "Are there trends in the attendance and suspensions of pupils with SEND?",
                    "attendance",
                    "suspensions",
                ),
                _q(
                    "gov.outcomes.reviews",
                    "Are EHC plans' annual reviews held on time, and are families met and "
                    "told of changes?",
                    "annual_reviews",
                    "parents_told",
                ),
            ),
            STRATEGIC,
        ),
    ),
)


MEETING_KINDS: dict[str, MeetingKind] = {
    kind.key: kind for kind in (PRINCIPAL, LINE_MANAGER, LINK_GOVERNOR)
}


def kind_for(key: str) -> MeetingKind | None:
    return MEETING_KINDS.get(key)


def question_texts() -> dict[str, str]:
    """Every question's text by its key, across the kinds."""
    return {q.key: q.text for kind in MEETING_KINDS.values() for q in kind.questions}


def _check() -> None:
    """Keys are unique and fit the model; evidence keys are known. Run at import."""
    keys = [q.key for kind in MEETING_KINDS.values() for q in kind.questions]
    if len(keys) != len(set(keys)):
        raise ValueError("A meeting question key is used twice")
    if any(len(k) > 60 for k in keys):
        raise ValueError("A meeting question key is longer than 60 characters")
    for kind in MEETING_KINDS.values():
        for q in kind.questions:
            unknown = set(q.evidence) - set(EVIDENCE_KEYS)
            if unknown:
                raise ValueError(f"{q.key}: unknown evidence keys {sorted(unknown)}")


_check()

"""The questions of the SENCO's self-evaluation, as data, each set with where it comes from.

A question has a stable `key` (answers are saved under it, so never change one: add a new
question instead), the `area` it belongs to, the question in plain English, a `hint`, the
evidence keys (`senco.registry.EVIDENCE_KEYS`) whose figures are shown beside it, and the
rule it answers to, where there is one.

- "compliance": the statutory compliance check a SENCO runs in the Spring term (five
  questions from the SENCO's Spring-term checklist: annual reviews calendared, three parent
  meetings, parents told, section F provided, assess-plan-do-review), and the SEN
  information report and SEN policy published (the new SENCO's checklist, item 10;
  inspectors read the report first: Schedule 1 of the SEND Regulations 2014 sets out what
  it must contain).
- "operational": the trust toolkit's operational areas of focus for the SENCO and their
  line manager.
"""

from dataclasses import dataclass

from senco.registry import EVIDENCE_KEYS


@dataclass(frozen=True)
class Question:
    key: str
    area: str
    text: str
    evidence: tuple[str, ...] = ()
    hint: str = ""
    source: str = ""


@dataclass(frozen=True)
class QuestionSet:
    key: str
    title: str
    summary: str
    source: str
    questions: tuple[Question, ...]

    def question(self, key: str) -> Question | None:
        return next((q for q in self.questions if q.key == key), None)

    @property
    def areas(self) -> list[tuple[str, list[Question]]]:
        """The questions by area, in order."""
        found: dict[str, list[Question]] = {}
        for q in self.questions:
            found.setdefault(q.area, []).append(q)
        return list(found.items())


COMPLIANCE = QuestionSet(
    key="compliance",
    title="Statutory compliance check",
    summary="A quick check against the SEND Code of Practice, best done early in the Spring "
    "term: too late to start something for this year is not too late to put it right.",
    source='The SENCO\'s Spring-term checklist ("Reflect on your statutory compliance"); '
    "the new SENCO's checklist, item 10; SEND Regulations 2014, Schedule 1",
    questions=(
        Question(
            "annual_reviews",
            "EHC plans",
            "Are the annual reviews of every EHC plan in the calendar, with invitations sent "
            "for those coming up this term?",
            ("annual_reviews",),
            "Invitations go out at least 2 weeks before the meeting.",
            "Children and Families Act 2014, s.44; SEND Regulations 2014, regs. 18 and 20; "
            "SEND Code of Practice 9.166",
        ),
        Question(
            "parent_meetings",
            "Parents and carers",
            "Is the school on track to meet the parents of every child on the SEND register "
            "at least three times this year about their needs and progress?",
            ("parent_meetings",),
            "The school, not necessarily the SENCO: class teachers and key workers count.",
            "SEND Code of Practice 6.65",
        ),
        Question(
            "parents_told",
            "Parents and carers",
            "Are parents told whenever their child starts an intervention, or comes on or "
            "off the SEND register?",
            ("parents_told",),
            "",
            "SEND Code of Practice 6.43; Children and Families Act 2014, s.68",
        ),
        Question(
            "section_f",
            "EHC plans",
            "Is the school providing all the provision set out in section F of every EHC plan?",
            ("ehcp_provision", "provision"),
            "",
            "Children and Families Act 2014, s.42",
        ),
        Question(
            "apdr",
            "SEN support",
            "Is there an assess, plan, do, review process in place for every pupil at SEN support?",
            ("plans", "passports"),
            "",
            "SEND Code of Practice 6.44 to 6.56",
        ),
        Question(
            "information_report",
            "Published information",
            "Are the SEN information report and the SEN policy on the school's website, up "
            "to date?",
            ("register",),
            "Inspectors read the information report before they visit. Schedule 1 of the "
            "SEND Regulations 2014 sets out what it must contain.",
            "Children and Families Act 2014, s.69; SEND Regulations 2014, reg. 51 and Schedule 1",
        ),
    ),
)

OPERATIONAL = QuestionSet(
    key="operational",
    title="Operational areas of focus",
    summary="The areas the SENCO and their line manager look at together through the year, "
    "from the trust's SENCO toolkit.",
    source="The trust's SENCO line management toolkit: operational areas of focus",
    questions=(
        Question(
            "qa_plans",
            "Quality assurance of plans and passports",
            "How are plans and pupil passports or profiles quality assured?",
            ("plans", "passports"),
        ),
        Question(
            "qa_statutory",
            "Quality assurance of statutory paperwork",
            "Are the SEND policy, the SEN information report, the medical policy and the "
            "accessibility plan in place and reviewed every year? Have all annual reviews "
            "been held on time, with teachers contributing?",
            ("annual_reviews", "ehc_assessments"),
            source="SEND Regulations 2014, reg. 51 and Schedule 1; Equality Act 2010, "
            "Schedule 10 (accessibility plan)",
        ),
        Question(
            "qa_register",
            "Quality assurance of the SEND register",
            "Is the register reviewed before each census (October, January and May), and "
            "has the school been in touch with every family whose child is on it?",
            ("register", "census", "parents_told"),
        ),
        Question(
            "qa_assurance",
            "SEND assurance documents",
            "Has the annual SEND report been written and taken to governors, and has the "
            "SENCO met the SEND governor? Are pupils with SEND on adjusted timetables or in "
            "alternative provision reviewed?",
            ("development_plan",),
        ),
        Question(
            "finance",
            "SEND finance",
            "Which pupils have high-needs funding or need more? Is there a costed provision "
            "map that shows how the money is spent?",
            ("provision",),
        ),
        Question(
            "attainment",
            "Attainment and progress",
            "What does the latest data drop show about the progress of pupils with SEND: by "
            "pupil, by subject and by year group?",
            ("attainment",),
        ),
        Question(
            "identification",
            "Identification of needs",
            "Is identification led by need, with a referral system and training for staff, "
            "across the four broad areas of need?",
            ("needs", "register"),
            source="SEND Code of Practice 6.28 to 6.35 (the four broad areas of need)",
        ),
        Question(
            "attendance_behaviour",
            "Attendance and behaviour",
            "How are the attendance and behaviour of pupils with SEND tracked and acted on?",
            ("attendance", "suspensions"),
        ),
        Question(
            "support_staff",
            "Teaching assistants and support staff",
            "How are teaching assistants and support staff deployed day to day? Are there "
            "staffing or recruitment issues?",
            ("provision",),
        ),
        Question(
            "key_pupils",
            "Key pupils",
            "Are there pupils of particular concern at the moment, and what is being done?",
        ),
        Question(
            "provision_map",
            "Provision map",
            "What interventions are running for each broad area of need, how are they "
            "tracked, and is there a whole-school provision map?",
            ("provision", "ehcp_provision"),
        ),
        Question(
            "transitions",
            "Key phase transitions",
            "Have the pupils who need extra support when they move school been identified, "
            "with visits and meetings arranged?",
            ("annual_reviews",),
            source="SEND Regulations 2014, reg. 18 (plans amended by 15 February, or 31 "
            "March for post-16)",
        ),
        Question(
            "access_arrangements",
            "Access arrangements (Year 6 and secondary)",
            "Which pupils need exam access arrangements? Are they their usual way of working, "
            "in place for internal exams and mocks, and assessed where needed?",
            (),
            source="JCQ Access Arrangements and Reasonable Adjustments; STA key stage 2 "
            "access arrangements guidance",
        ),
    ),
)

QUESTION_SETS: dict[str, QuestionSet] = {s.key: s for s in (COMPLIANCE, OPERATIONAL)}

# Every question names only evidence keys the registry knows.
for _set in QUESTION_SETS.values():
    for _q in _set.questions:
        unknown = set(_q.evidence) - set(EVIDENCE_KEYS)
        if unknown:  # pragma: no cover - caught at import by every test run
            raise ValueError(f"{_set.key}.{_q.key}: unknown evidence keys {sorted(unknown)}")

"""What each kind of report says, as data: its sections in order, each with a heading, a
prompt saying what to write, the evidence keys whose figures it shows
(`senco.registry.EVIDENCE_KEYS`), a starting draft, and the rule it answers to.

- The annual SEND report to governors follows nasen's "SEND report to governors" template,
  which the trust toolkit names (seed 002, "Quality assurance of SEND assurance
  documents"): prepared in July, presented to the governors (the academy council) in the
  autumn (the toolkit's monthly calendars, July and October).
- The SEN information report has one section for each item of Schedule 1 to the Special
  Educational Needs and Disability Regulations 2014 (SI 2014/1530, regulation 51), which a
  school's governing body must publish on its website and keep up to date (Children and
  Families Act 2014 s.69(2); SEND Code of Practice 6.79 to 6.83), and one for what s.69(3)
  adds about disabled pupils.

A starting draft may name `{school}`, `{year}` (the academic year, "2026/27") and `{senco}`
(the name of the SENCO who drafted it); nothing else is filled in, so that the SENCO's
words are always their own.
"""

from dataclasses import dataclass

from senco.registry import EVIDENCE_KEYS


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    prompt: str
    evidence: tuple[str, ...] = ()
    draft: str = ""
    source: str = ""


@dataclass(frozen=True)
class ReportKind:
    key: str
    label: str
    audience: str  # who reads it, as the page and the documents say
    source: str
    sections: tuple[Section, ...]

    def section(self, key: str) -> Section | None:
        return next((s for s in self.sections if s.key == key), None)

    @property
    def evidence_keys(self) -> list[str]:
        return list(dict.fromkeys(k for s in self.sections for k in s.evidence))


NASEN = "nasen, SEND report to governors template (named in the trust's SENCO toolkit)"
SCHEDULE_1 = "SEND Regulations 2014, Schedule 1"

GOVERNORS = ReportKind(
    key="governors",
    label="Annual SEND report to governors",
    audience="For the governing board. Figures of fewer than 5 pupils are hidden.",
    source=f"{NASEN}; SEND Code of Practice 6.2 and 6.3 (governing boards' duties)",
    sections=(
        Section(
            "introduction",
            "Introduction",
            "Say what this report is for, the year it covers and who wrote it. Thank anyone "
            "you want the governors to know about.",
            draft="This report tells governors how {school} met the needs of pupils with "
            "special educational needs and disabilities (SEND) in {year}, what difference "
            "the support made and what we will do next.",
        ),
        Section(
            "register",
            "Pupils on the SEN register",
            "How many pupils are on the register, at SEN support and with an EHC plan, and "
            "how this compares with England. Say whether the numbers are rising or falling "
            "and why you think that is.",
            evidence=("register", "needs", "census"),
            draft="The figures below show the pupils on our SEN register and their main "
            "areas of need, beside the figures for England.",
            source="SEND Code of Practice 6.14 to 6.17 (identifying SEN)",
        ),
        Section(
            "provision",
            "Provision and its impact",
            "What support pupils received (the provision map and interventions), what it "
            "cost and what difference it made. Pick one or two examples without naming "
            "pupils.",
            evidence=("provision", "ehcp_provision", "plans", "passports"),
            draft="Pupils at SEN support have a plan that is reviewed each term (assess, "
            "plan, do, review). The figures below show the interventions we ran and what "
            "they achieved.",
            source="SEND Code of Practice 6.44 to 6.56 (the graduated approach)",
        ),
        Section(
            "ehc_plans",
            "EHC plans: annual reviews and assessments",
            "Whether every EHC plan was reviewed within 12 months, the requests for "
            "assessment made and how long the local authority took.",
            evidence=("annual_reviews", "ehc_assessments"),
            draft="Every EHC plan must be reviewed at least once every 12 months. The figures "
            "below show how many reviews were held on time.",
            source="SEND Code of Practice 9.166; SEND Regulations 2014 reg. 13 (20 weeks)",
        ),
        Section(
            "parents",
            "Working with parents and carers",
            "How often you met families, how parents were told of changes to the register "
            "and what parents told you.",
            evidence=("parent_meetings", "parents_told"),
            draft="We aim to meet the parents of every pupil at SEN support three times a "
            "year and to tell parents when their child's support changes.",
            source="SEND Code of Practice 6.65 and 6.2",
        ),
        Section(
            "attendance",
            "Attendance and suspensions",
            "The gap between pupils with SEND and other pupils in attendance and "
            "suspensions, and what you are doing about it.",
            evidence=("attendance", "suspensions"),
            draft="The figures below compare the attendance and suspensions of pupils with "
            "SEND with those of other pupils and with England.",
        ),
        Section(
            "attainment",
            "Attainment and progress",
            "How pupils with SEND did at the end of the year and the key stage, against "
            "other pupils and England, and the progress they made.",
            evidence=("attainment",),
            draft="The figures below show the results of pupils with SEND beside those of "
            "other pupils at the school and in England.",
        ),
        Section(
            "development_plan",
            "The SEND development plan",
            "The plan's priorities this year and how far each has got: what is done, what "
            "is on track and what is behind.",
            evidence=("development_plan",),
            draft="Our SEND development plan set out our priorities for {year}. The figures "
            "below show how far its actions have got.",
        ),
        Section(
            "training",
            "Staff training and expertise",
            "The training staff had this year, who trained whom and what changed in "
            "classrooms as a result.",
            draft="Staff training this year included:",
            source="SEND Code of Practice 6.4 and 6.88",
        ),
        Section(
            "next_year",
            "Priorities for next year",
            "Two or three priorities for next year and what governors can do to help.",
            draft="Next year we will focus on:",
        ),
    ),
)


def _schedule(paragraph: str) -> str:
    return f"{SCHEDULE_1}, paragraph {paragraph}"


INFORMATION = ReportKind(
    key="information",
    label="SEN information report",
    audience="For the school's website. Figures of fewer than 5 pupils are hidden.",
    source="SEND Regulations 2014 reg. 51 and Schedule 1; Children and Families Act 2014 "
    "s.69; SEND Code of Practice 6.79 to 6.83",
    sections=(
        Section(
            "kinds_of_sen",
            "The kinds of special educational needs we provide for",
            "The kinds of need the school provides for: communication and interaction, "
            "cognition and learning, social, emotional and mental health, and sensory or "
            "physical needs.",
            evidence=("register", "needs"),
            draft="{school} is a mainstream school. We provide for pupils with needs in all "
            "four broad areas: communication and interaction; cognition and learning; "
            "social, emotional and mental health; and sensory and physical needs.",
            source=_schedule("1"),
        ),
        Section(
            "identification",
            "How we identify and assess pupils with SEN",
            "How you notice that a pupil may have SEN, who assesses them and how parents "
            "are involved.",
            draft="Teachers tell the SENCO when a pupil is not making the progress we "
            "expect. We then assess the pupil, talk to the pupil and their parents and "
            "decide together whether the pupil needs special educational provision.",
            source=_schedule("2"),
        ),
        Section(
            "evaluating",
            "How we check that our provision works",
            "How you evaluate the effectiveness of the provision: reviews, the impact of "
            "interventions, what you changed as a result.",
            evidence=("provision",),
            draft="We measure pupils' progress before and after each intervention and "
            "review the provision map every term.",
            source=_schedule("3(a)"),
        ),
        Section(
            "reviewing_progress",
            "How we assess and review pupils' progress",
            "How often plans are reviewed and how progress towards outcomes is measured.",
            evidence=("plans", "annual_reviews"),
            draft="Every pupil at SEN support has a plan that we review with the pupil and "
            "their parents at least once a term. Every EHC plan is reviewed at least once "
            "a year.",
            source=_schedule("3(b)"),
        ),
        Section(
            "teaching",
            "Our approach to teaching pupils with SEN",
            "High-quality teaching for all, adapted for pupils with SEN; how teachers know "
            "what each pupil needs.",
            evidence=("passports",),
            draft="Every teacher is a teacher of pupils with SEN. Teachers adapt their "
            "teaching using each pupil's passport, which says what helps them learn.",
            source=_schedule("3(c)"),
        ),
        Section(
            "adaptations",
            "How we adapt the curriculum and the learning environment",
            "Changes to what is taught, how and where: resources, seating, quiet spaces.",
            draft="We adapt lessons, resources and classrooms so that pupils with SEN can "
            "learn alongside their classmates.",
            source=_schedule("3(d)"),
        ),
        Section(
            "additional_support",
            "Additional support for learning",
            "The interventions and extra help on offer, and who provides them.",
            evidence=("provision", "ehcp_provision"),
            draft="Some pupils need support that is additional to or different from what "
            "their classmates have. Our interventions are set out below.",
            source=_schedule("3(e)"),
        ),
        Section(
            "activities",
            "Taking part in all the school's activities",
            "How pupils with SEN join in clubs, trips and physical activities with other pupils.",
            draft="Pupils with SEN take part in all our clubs, trips and activities, with "
            "adjustments where they need them.",
            source=_schedule("3(f)"),
        ),
        Section(
            "wellbeing",
            "Emotional and social development",
            "The pastoral support, mentoring and measures against bullying that help pupils "
            "with SEN.",
            evidence=("attendance", "suspensions"),
            draft="We support pupils' emotional and social development through our "
            "pastoral team, and we do not tolerate bullying.",
            source=_schedule("3(g)"),
        ),
        Section(
            "senco",
            "Our SENCO",
            "The SENCO's name and how to contact them.",
            draft="Our SENCO is {senco}. You can contact them through the school office on "
            "[telephone] or by email at [email address].",
            source=_schedule("4"),
        ),
        Section(
            "expertise",
            "Staff expertise and training",
            "The training staff have had and how you get specialist expertise.",
            draft="All staff have training in meeting the needs of pupils with SEN. We work "
            "with specialists when a pupil needs more.",
            source=_schedule("5"),
        ),
        Section(
            "equipment",
            "Equipment and facilities",
            "How you get the equipment and facilities that pupils with SEN need.",
            draft="We buy or borrow the equipment pupils need, with advice from specialists.",
            source=_schedule("6"),
        ),
        Section(
            "consulting_parents",
            "Consulting parents and involving them in their child's education",
            "How parents are consulted and involved: meetings, reviews, how to get in touch.",
            evidence=("parent_meetings", "parents_told"),
            draft="We meet the parents of every pupil at SEN support at least three times a "
            "year, and we tell parents when their child's support changes.",
            source=_schedule("7"),
        ),
        Section(
            "consulting_pupils",
            "Consulting pupils and involving them in their education",
            "How pupils give their views and take part in setting their own targets.",
            draft="Pupils help write their own passport and give their views at every review.",
            source=_schedule("8"),
        ),
        Section(
            "complaints",
            "Complaints",
            "How a parent complains about SEN provision and who to contact.",
            draft="If you are unhappy with the support your child receives, please talk to "
            "the SENCO first. Our complaints policy is on our website.",
            source=_schedule("9"),
        ),
        Section(
            "other_bodies",
            "Working with other services",
            "How the school works with health and social care, local authority services "
            "and voluntary organisations to meet pupils' needs and support families.",
            evidence=("ehc_assessments",),
            draft="We work with health, social care, the local authority's services and "
            "voluntary organisations to meet pupils' needs and support their families.",
            source=_schedule("10"),
        ),
        Section(
            "support_services",
            "Support services for parents",
            "Where parents can get independent advice and support (the SENDIASS for your "
            "area), with contact details.",
            draft="Independent advice for parents is available from the local SEND "
            "Information, Advice and Support Service (SENDIASS).",
            source=_schedule("11"),
        ),
        Section(
            "transitions",
            "Moving between phases and preparing for adulthood",
            "How pupils are supported when they join, move between key stages or leave, "
            "and how you prepare them for adult life.",
            draft="We plan every move carefully with the pupil, their parents and the next "
            "school or college.",
            source=_schedule("12"),
        ),
        Section(
            "local_offer",
            "The local authority's local offer",
            "Where the local authority publishes its local offer (a web address).",
            draft="The local authority's local offer is published at [web address].",
            source=_schedule("13"),
        ),
        Section(
            "disabled_pupils",
            "Disabled pupils: admission, access and our accessibility plan",
            "How disabled pupils are admitted, treated fairly and helped to reach every "
            "part of school life, and where the accessibility plan is.",
            draft="We admit disabled pupils on the same terms as other pupils. Our "
            "accessibility plan is on our website.",
            source="Children and Families Act 2014 s.69(3); Equality Act 2010 Schedule 10",
        ),
    ),
)

KINDS: dict[str, ReportKind] = {k.key: k for k in (GOVERNORS, INFORMATION)}


def kind_of(key: str) -> ReportKind:
    return KINDS[key]


def _check() -> None:
    for kind in KINDS.values():
        keys = [s.key for s in kind.sections]
        if len(keys) != len(set(keys)):
            raise ValueError(f"{kind.key}: a section key is used twice")
        unknown = [k for s in kind.sections for k in s.evidence if k not in EVIDENCE_KEYS]
        if unknown:
            raise ValueError(f"{kind.key}: unknown evidence keys {unknown}")


_check()

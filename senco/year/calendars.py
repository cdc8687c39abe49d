# ruff: noqa: E501  (the calendars are data: one task a line reads best)
"""The SENCO's year as data: the trust toolkit's monthly calendars for primary and secondary
SENCOs, each line rewritten as a task in plain English, with the week of the month it
falls in; and where a task of a given month and week falls on a school's own calendar.

The toolkit's text is cut off at the right-hand edge in places (January to April of both
calendars); those lines are completed from what is left of them and from the same line in
other months. The toolkit lists "check census data" in September and again in October; the
October census is on the first Thursday of October, so that check is in the last week of
September, and the January and May checks are in the first week of their month (the census
days are the third Thursday of January and of May).

All-through schools get the secondary calendar and the primary calendar's tasks about
Reception, key stage 1 and the key stage 2 tests (`ALL_THROUGH_FROM_PRIMARY`): the rest of
the primary calendar is the same work as a secondary line.
"""

import datetime
from collections.abc import Collection
from dataclasses import dataclass

from senco.lib.clock import TermDates, school_terms
from senco.lib.statutory import is_bank_holiday

SOURCE = (
    "Cabot Learning Federation, Toolkit for Effective Line Management of SENDCos: "
    "Monthly Calendar for Primary SENDCos and Monthly Calendar for Secondary SENDCos"
)
SOURCE_SHORT = "Trust toolkit for line management of SENCOs, monthly calendar"


@dataclass(frozen=True)
class CalendarItem:
    key: str  # stable: "secondary.oct.census"; a task seeded from it keeps it
    month: int  # 1 to 12
    week: int  # the week of the month with school days in it: 1 to 5 (or its last)
    title: str


_MONTHS = ("", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH_NUMBERS = {name: n for n, name in enumerate(_MONTHS) if name}

QFT_WALKS = "Learning walks with curriculum leaders on quality-first teaching"
AGENCIES = "Review the outside agencies' priority list and the referrals still waiting"
PROVISION_MAP = "Check interventions are running and update the provision map"

_PRIMARY = {
    "sep": [
        (
            "induction",
            1,
            "Run a SEND induction session for new staff, including teaching assistants",
        ),
        ("support_timetable", 1, "Finalise the in-class support timetable"),
        ("register", 2, "Review the SEND register"),
        ("ehcp_reviews", 2, "Schedule the EHC plan annual reviews for the year"),
        ("apdr_calendar", 2, "Set out the assess, plan, do, review calendar for all teachers"),
        (
            "eyfs_contact",
            2,
            "Contact early years providers about children with EHC plans who may join",
        ),
        (
            "teachers",
            3,
            "Meet teachers to discuss the pupils with SEND in their classes and their needs",
        ),
        (
            "parents_targets",
            3,
            "Teachers meet parents and carers to agree new targets for pupils with SEND",
        ),
        ("ks_transfer", 3, "Hold key stage transfer EHC plan reviews, inviting the next school"),
        ("agencies", 3, "Plan with outside agencies and identify the pupils who need their input"),
        (
            "baseline_eyfs",
            4,
            "Baseline assessments of the new Reception class once settled, with speech and language screening",
        ),
        ("interventions", 4, "Organise interventions from the baseline assessments"),
        ("provision_map", 4, "Add the interventions to the whole-school provision map"),
        (
            "census",
            4,
            "Check the census data is accurate before the October census (first Thursday of October)",
        ),
        ("attendance", 4, "Review the attendance and behaviour of pupils with SEND"),
        ("governor", 4, "Meet the SEND link governor"),
    ],
    "oct": [
        ("interventions", 1, "Check interventions are up and running"),
        (
            "ks_transfer",
            2,
            "Finish the key stage transfer EHC plan reviews, inviting the next school",
        ),
        ("learning_walks", 2, QFT_WALKS),
        ("attendance", 3, "Mid-term review of the attendance of pupils with SEND"),
        ("annual_report", 3, "Present the annual SEND report to governors"),
        (
            "data_drop",
            4,
            "Analyse the progress of pupils with SEND in Years 1 to 6 from the data drop",
        ),
    ],
    "nov": [
        (
            "ks1",
            1,
            "Compare the phonics check and key stage 1 results of pupils with SEND with England's",
        ),
        ("attendance", 2, "Mid-term review of the attendance of pupils with SEND"),
        (
            "sats_screening",
            2,
            "Screen Year 6 pupils and collect evidence for access arrangements in the key stage 2 tests",
        ),
        ("voice", 3, "Gather the views of parents, carers and pupils"),
        ("learning_walks", 3, "Learning walks to see interventions"),
        (
            "website",
            4,
            "Check the SEN information report and policies on the website are up to date",
        ),
    ],
    "dec": [
        (
            "data_drop",
            1,
            "Analyse the progress of pupils with SEND in Years 1 to 6 from the data drop",
        ),
        ("learning_walks", 1, QFT_WALKS),
        ("teachers", 2, "Meet teachers to discuss the pupils with SEND in their classes"),
        ("impact", 2, "Review and evaluate the impact of interventions"),
        (
            "apdr",
            3,
            "Finish the assess, plan, do, review cycle of pupils in interventions and set new targets",
        ),
        ("plan", 3, "Review and update the SEND development plan"),
        ("governor", 3, "Meet the SEND link governor to discuss provision"),
    ],
    "jan": [
        (
            "census",
            1,
            "Review the SEND register and check the census data before the January census (third Thursday)",
        ),
        ("targets", 1, "Check class teachers have set new targets"),
        (
            "access",
            2,
            "Check access arrangements for the key stage 2 tests and find the pupils who meet the criteria",
        ),
        ("agencies", 2, AGENCIES),
        ("interventions", 2, PROVISION_MAP),
        ("attendance", 3, "Mid-term review of the attendance of pupils with SEND"),
    ],
    "feb": [
        (
            "data_drop",
            1,
            "Analyse the progress of pupils with SEND in Years 1 to 6 from the data drop",
        ),
        (
            "transition",
            1,
            "Contact early years settings and secondary SENCOs to plan the moves of pupils with EHC plans",
        ),
        ("learning_walks", 2, "Learning walks to see interventions"),
        ("survey", 2, "Survey pupils and parents"),
        (
            "finance",
            3,
            "Start planning for the new financial year, including educational psychologist time",
        ),
        ("governor", 3, "Mid-year review with the SEND link governor"),
        (
            "sta",
            4,
            "Apply for key stage 2 access arrangements when the Standards and Testing Agency opens applications",
        ),
        ("evidence", 4, "Keep the evidence for access arrangements on file for inspection"),
    ],
    "mar": [
        (
            "impact",
            1,
            "Review and evaluate the impact of interventions after the assess, plan, do, review cycle",
        ),
        ("learning_walks", 2, QFT_WALKS),
        ("attendance", 2, "Mid-term review of the attendance and behaviour of pupils with SEND"),
        ("ep", 3, "Arrange educational psychologist time for next year"),
        ("data_sheets", 3, "Complete the SEND information sheets for pupils moving school"),
        (
            "transition",
            3,
            "Set up transition meetings with secondary SENCOs once Year 7 places are allocated",
        ),
        ("website", 4, "Check the website's information on moving school with SEND"),
        (
            "sats_staffing",
            4,
            "Plan the staffing of the key stage 2 tests and their access arrangements",
        ),
    ],
    "apr": [
        ("eyfs", 2, "Contact early years settings about children with SEND joining Reception"),
        (
            "transition",
            2,
            "Plan moves to secondary school with the schools and with parents and carers",
        ),
        ("budget", 3, "Finalise next year's SEND budget and provision, including staffing"),
        ("plan", 3, "Review and update the SEND development plan"),
        ("groups", 3, "Set up intervention groups and update the provision map"),
        ("agencies", 4, AGENCIES),
        ("exchange", 4, "Meet early years and secondary SENCOs to pass on information"),
    ],
    "may": [
        (
            "census",
            1,
            "Review the SEND register and check the census data before the May census (third Thursday)",
        ),
        ("sats", 2, "Oversee access arrangements in the key stage 2 tests"),
    ],
    "jun": [
        ("agencies", 1, AGENCIES),
        ("governor", 2, "Meet the SEND link governor"),
        ("learning_walks", 2, "Learning walks to review interventions"),
        ("visits", 3, "Transition visits for children joining Reception and pupils leaving Year 6"),
    ],
    "jul": [
        (
            "data_drop",
            1,
            "Analyse the progress of pupils with SEND in Years 1 to 6 from the data drop",
        ),
        ("learning_walks", 1, QFT_WALKS),
        ("impact", 2, "Assess the impact of interventions"),
        ("apdr", 2, "Finish the assess, plan, do, review cycle"),
        (
            "annual_report",
            2,
            "Write the annual SEND report to governors, with an overview of provision",
        ),
        (
            "plan",
            3,
            "Write next year's SEND development plan, linked to the school's improvement plan and self-evaluation",
        ),
        ("schedule", 3, "Schedule next year's assess, plan, do, review cycles and reviews"),
        ("records", 3, "Pass on the records of pupils moving school"),
    ],
}

_SECONDARY = {
    "sep": [
        (
            "induction",
            1,
            "Run a SEND induction session for new staff, including teaching assistants",
        ),
        ("baseline", 1, "Finish baseline testing of the new Year 7"),
        ("support_timetable", 1, "Finalise the in-class support timetable"),
        ("ehcp_reviews", 2, "Schedule the EHC plan annual reviews for the year"),
        ("staff_briefing", 2, "Brief staff on new pupils with SEND, especially in Year 7"),
        ("passports", 2, "Write or review the pupil passports of every pupil with SEND"),
        (
            "careers",
            2,
            "Ask the careers adviser to help Year 11 pupils with SEND visit post-16 settings before their annual reviews",
        ),
        ("register", 3, "Review the SEND register and check the new Year 7 pupils on it"),
        (
            "y11_reviews",
            3,
            "Hold Year 11 EHC plan transition reviews; plan key stage 3 to 4 reviews where provision changes",
        ),
        (
            "agencies",
            3,
            "Plan with outside agencies and identify the pupils who need their input or a referral",
        ),
        ("y6_reviews", 3, "Attend Year 6 transition reviews at feeder primary schools"),
        ("cpd", 3, "Audit staff skills and arrange training in line with the development plan"),
        ("data_drop", 4, "Analyse the baseline assessments and the Years 10 and 11 data drop"),
        ("interventions", 4, "Organise interventions from the baseline assessments"),
        ("provision_map", 4, "Add the interventions to the whole-school provision map"),
        (
            "census",
            4,
            "Check the census data is accurate before the October census (first Thursday of October)",
        ),
        ("governor", 4, "Meet the SEND link governor"),
    ],
    "oct": [
        ("interventions", 1, "Check interventions are up and running"),
        ("y6_reviews", 1, "Attend Year 6 transition reviews at feeder primary schools"),
        ("y11_reviews", 2, "Carry on with the Year 11 EHC plan transition reviews"),
        ("eaa_testing", 2, "Exam access arrangements: test Year 10 and complete the JCQ Form 8s"),
        ("learning_walks", 2, QFT_WALKS),
        ("attendance", 3, "Mid-term review of the attendance and behaviour of pupils with SEND"),
        ("eaa_mocks", 3, "Plan exam access arrangements for the Year 11 mocks"),
        ("jcq_training", 3, "Train readers and scribes (JCQ rules) before the Year 11 mocks"),
        ("annual_report", 4, "Present the annual SEND report, with outcomes, to governors"),
    ],
    "nov": [
        ("y11_reviews", 1, "Finish the Year 11 EHC plan transition reviews"),
        ("eaa_in_place", 2, "Check exam access arrangements are in place for the Year 11 mocks"),
        ("parents_review", 2, "Learning support review meetings with parents and carers"),
        ("voice", 3, "Gather the views of parents, carers and pupils"),
        ("learning_walks", 3, "Learning walks to see interventions"),
        (
            "website",
            4,
            "Check the SEN information report and policies on the website are up to date",
        ),
        ("attendance", 4, "Mid-term review of the attendance and behaviour of pupils with SEND"),
    ],
    "dec": [
        ("y11_reviews", 1, "Hold any Year 11 EHC plan transition review still to do"),
        ("y11_data", 1, "Analyse the Year 11 data drop and the progress of pupils with SEND"),
        ("learning_walks", 2, QFT_WALKS),
        ("impact", 2, "Review and evaluate the impact of interventions"),
        (
            "apdr",
            2,
            "Finish the assess, plan, do, review cycle of pupils in interventions and set new targets",
        ),
        ("spring_interventions", 3, "Plan interventions for the spring term"),
        ("plan", 3, "Review and update the SEND development plan"),
        ("governor", 3, "Meet the SEND link governor to discuss provision"),
        (
            "y10_eaa",
            3,
            "Plan Year 10 core assessments and their exam access arrangements for next term",
        ),
        ("register", 3, "Review the SEND register"),
    ],
    "jan": [
        (
            "census",
            1,
            "Check the census data before the January census (third Thursday): the important census for SEND",
        ),
        ("eaa_mocks", 1, "Plan exam access arrangements for the Year 11 February mocks"),
        ("agencies", 2, AGENCIES),
        ("ks3_data", 2, "Analyse the key stage 3 data drop and the progress of pupils with SEND"),
        ("interventions", 2, PROVISION_MAP),
        ("options", 3, "Work with the Year 9 team on options for pupils with SEND"),
        ("learning_walks", 3, QFT_WALKS),
        ("governors", 3, "Give governors an interim report on SEND"),
        (
            "jcq_papers",
            4,
            "Check applications for modified papers (exam access arrangements) are made",
        ),
        ("attendance", 4, "Mid-term review of the attendance and behaviour of pupils with SEND"),
    ],
    "feb": [
        (
            "ks3_progress",
            1,
            "Review the progress of key stage 3 pupils with SEND after the data drop",
        ),
        ("parents_review", 2, "Learning support review meetings with parents and carers"),
        ("voice", 2, "Gather the views of parents, carers and pupils"),
        ("learning_walks", 3, "Learning walks to see interventions"),
        (
            "finance",
            3,
            "Start planning for the new financial year, including educational psychologist time",
        ),
        ("post16", 3, "Plan the moves of pupils with SEND going on to post-16"),
        ("governor", 4, "Meet the SEND link governor"),
    ],
    "mar": [
        ("attendance", 1, "Mid-term review of the attendance and behaviour of pupils with SEND"),
        (
            "eaa_deadline",
            1,
            "Check exam access arrangement applications are in before the final deadline",
        ),
        ("learning_walks", 2, QFT_WALKS),
        (
            "y10_y11_data",
            2,
            "Analyse the Years 10 and 11 data drop and the progress of pupils with SEND",
        ),
        ("primaries", 3, "Contact primary schools once Year 7 places are allocated"),
        ("transition_meetings", 3, "Set up transition meetings with feeder primary SENCOs"),
        ("website", 4, "Check the website's information on moving school with SEND"),
        ("options", 4, "Help Year 9 pupils with SEND with their options"),
        ("post16", 4, "Plan the moves of pupils with SEND going on to post-16"),
    ],
    "apr": [
        ("apdr", 2, "Finish the assess, plan, do, review cycle (end of term 4)"),
        ("impact", 2, "Review and evaluate the impact of interventions"),
        (
            "transition",
            3,
            "Plan moves from primary school with the schools and with parents and carers",
        ),
        ("budget", 3, "Finalise next year's SEND budget and staffing"),
        ("ep", 3, "Arrange educational psychologist time for next year"),
        ("plan", 4, "Review and update the SEND development plan"),
        ("groups", 4, "Set up intervention groups and update the provision map for terms 5 and 6"),
        ("gcse_eaa", 4, "Timetable the support for exam access arrangements in the GCSE exams"),
        ("agencies", 4, AGENCIES),
    ],
    "may": [
        (
            "census",
            1,
            "Review the SEND register and check the census data before the May census (third Thursday)",
        ),
        ("post16", 1, "Plan the moves of pupils with SEND going on to post-16"),
        ("parents_evenings", 2, "SEND at the Year 7 and Year 8 parents' evenings"),
        ("gcse", 2, "GCSE exams begin: check exam access arrangements are in place"),
        ("admissions", 3, "Collect what is known about the SEND of next year's new pupils"),
        ("y6_parents", 3, "Contact the parents of Year 6 pupils with SEND who are joining"),
        (
            "y6_attendance",
            4,
            "Find joining Year 6 pupils with SEND whose attendance is a worry and plan extra transition",
        ),
    ],
    "jun": [
        ("agencies", 1, AGENCIES),
        ("governor", 2, "Meet the SEND link governor"),
        ("learning_walks", 2, "Learning walks to review interventions"),
        ("visits", 3, "Transition visits for Year 6 pupils joining Year 7"),
    ],
    "jul": [
        ("data_drop", 1, "Analyse the progress of pupils with SEND from the data drop"),
        ("learning_walks", 1, QFT_WALKS),
        ("impact", 2, "Assess the impact of interventions"),
        ("apdr", 2, "Finish the assess, plan, do, review cycle"),
        (
            "annual_report",
            2,
            "Write the annual SEND report to governors, with an overview of provision",
        ),
        (
            "plan",
            3,
            "Write next year's SEND development plan, linked to the school's improvement plan and self-evaluation",
        ),
        ("schedule", 3, "Schedule next year's assess, plan, do, review cycles and reviews"),
        ("records", 3, "Pass on the records of pupils moving school"),
    ],
}

# The primary calendar's tasks an all-through school does as well as the secondary's.
ALL_THROUGH_FROM_PRIMARY = frozenset(
    {
        "primary.sep.eyfs_contact",
        "primary.sep.baseline_eyfs",
        "primary.nov.ks1",
        "primary.nov.sats_screening",
        "primary.jan.access",
        "primary.feb.sta",
        "primary.feb.evidence",
        "primary.mar.sats_staffing",
        "primary.apr.eyfs",
        "primary.may.sats",
    }
)


def _items(phase: str, months: dict) -> tuple[CalendarItem, ...]:
    return tuple(
        CalendarItem(f"{phase}.{month}.{name}", _MONTH_NUMBERS[month], week, title)
        for month, lines in months.items()
        for name, week, title in lines
    )


PRIMARY = _items("primary", _PRIMARY)
SECONDARY = _items("secondary", _SECONDARY)
ALL_ITEMS = {item.key: item for item in PRIMARY + SECONDARY}

CALENDAR_NAMES = {
    "primary": "the primary SENCO's calendar",
    "secondary": "the secondary SENCO's calendar",
    "all-through": "the secondary SENCO's calendar with the primary tasks an all-through school adds",
}


def calendar_for(phase: str) -> tuple[CalendarItem, ...]:
    """The calendar of a school's phase (`School.phase`), in month order of the school
    year (September first), then by week."""
    if phase == "primary":
        items = PRIMARY
    elif phase == "all-through":
        items = SECONDARY + tuple(i for i in PRIMARY if i.key in ALL_THROUGH_FROM_PRIMARY)
    else:
        items = SECONDARY
    return tuple(sorted(items, key=lambda i: ((i.month - 9) % 12, i.week)))


def calendar_name(phase: str) -> str:
    return CALENDAR_NAMES.get(phase, CALENDAR_NAMES["secondary"])


# --- Where a month's week falls on a school's calendar -----------------------------------


def month_of_year(academic_year: int, month: int) -> datetime.date:
    """The first of `month` in the academic year that starts in September `academic_year`."""
    return datetime.date(academic_year if month >= 9 else academic_year + 1, month, 1)


def school_weeks(
    terms: list[TermDates], first: datetime.date, closures: Collection[datetime.date] = ()
) -> list[list[datetime.date]]:
    """The school days of the month starting `first`, in weeks (Monday to Friday): only
    the weeks with at least one school day (in a term, not a bank holiday nor a closure)."""
    weeks: dict[int, list[datetime.date]] = {}
    day = first
    while day.month == first.month:
        if (
            day.weekday() < 5
            and any(t.starts_on <= day <= t.ends_on for t in terms)
            and not is_bank_holiday(day)
            and day not in closures
        ):
            weeks.setdefault(day.isocalendar()[1], []).append(day)
        day += datetime.timedelta(days=1)
    return [weeks[k] for k in sorted(weeks, key=lambda k: weeks[k][0])]


class Placer:
    """Finds the due day of "week `w` of month `m`" in a school's academic year: the last
    school day of that week (the last week with school days when the month has fewer).
    Worked out once a month, so placing a whole calendar is cheap."""

    def __init__(self, saved_terms, academic_year: int, closures: Collection[datetime.date] = ()):
        self.academic_year = academic_year
        self.terms = school_terms(list(saved_terms), academic_year)
        self.closures = frozenset(closures)
        self._weeks: dict[int, list[list[datetime.date]]] = {}

    def weeks(self, month: int) -> list[list[datetime.date]]:
        if month not in self._weeks:
            first = month_of_year(self.academic_year, month)
            self._weeks[month] = school_weeks(self.terms, first, self.closures)
        return self._weeks[month]

    def due(self, month: int, week: int) -> datetime.date | None:
        """None when the month has no school day (August)."""
        weeks = self.weeks(month)
        if not weeks:
            return None
        return weeks[min(max(week, 1), len(weeks)) - 1][-1]

    def week_of(self, day: datetime.date) -> int:
        """Which school week of its month `day` is in (1 for a day before the first; the
        last for a day after the last), for carrying a task into next year."""
        weeks = self.weeks(day.month)
        for n, week in enumerate(weeks, start=1):
            if day <= week[-1]:
                return n
        return max(len(weeks), 1)

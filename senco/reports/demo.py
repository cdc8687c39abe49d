"""The demo trust's reports (`DemoBuilder("reports", build, order=70)`, after the apps whose
figures they show). At every school:

- last year's annual SEND report to governors, written by the SENCO and issued in July
  (the toolkit's calendar: prepared in July, presented to governors in the autumn), its
  figures kept as senco gave them then, hidden as for governors;
- last year's SEN information report, issued the same week;
- this year's governors' report in draft, with its first sections written and the rest
  still senco's starting draft.

No words name a pupil. Dates are drawn from the school's `rng`.
"""

import datetime

from django.utils import timezone

from senco.lib.clock import academic_year_of
from senco.reports import figures as report_figures
from senco.reports.kinds import KINDS
from senco.reports.models import Kind, Report, ReportSection
from senco.reports.services import draft_fill, title_for

ONE_DAY = datetime.timedelta(days=1)

LAST_YEAR_WORDS = {
    "introduction": "This report tells governors how {school} met the needs of pupils with "
    "special educational needs and disabilities (SEND) in {year}. It was written by the "
    "SENCO with the SEND link governor, and it will be presented to the full governing "
    "board in the autumn term.",
    "register": "The proportion of our pupils on the SEN register rose slightly this year, "
    "mostly at SEN support, and remains close to the figure for England. Speech, language "
    "and communication needs and social, emotional and mental health needs are still our "
    "largest areas of need.\n\nWe checked the register before each census day, so the "
    "figures we sent to the Department for Education were right first time.",
    "provision": "Every pupil at SEN support had a plan reviewed each term. Our reading "
    "interventions made the most difference: most pupils who took part closed some of the "
    "gap with their reading age. The social skills group will carry on next year with a "
    "new way of measuring its impact.",
    "ehc_plans": "Every annual review was held, and most within 12 months of the last. "
    "Where a review was late, it was because the meeting had to be moved for a family; "
    "we now book review meetings a term ahead.",
    "parents": "We met most families three times this year, at our SEND parent review days "
    "and at reviews. Parents told us they valued the review days and asked for more notice "
    "of meetings.",
    "attendance": "Pupils with SEND still miss more school than other pupils, and "
    "persistent absence is the main gap. Our attendance officer now meets the SENCO every "
    "fortnight to look at pupils with SEND first.",
    "attainment": "Pupils with SEND made good progress in reading. The gap in writing and "
    "mathematics remains wide and is a priority for next year.",
    "development_plan": "Most actions of this year's development plan were completed. The "
    "ones carried forward are in next year's plan.",
    "training": "All teachers had training on adaptive teaching in the autumn term, and "
    "teaching assistants were trained to deliver our reading interventions. Two members of "
    "staff started the National Professional Qualification for SENCOs.",
    "next_year": "Next year we will focus on writing for pupils at SEN support, on the "
    "attendance of pupils with EHC plans and on earlier meetings with families. Governors "
    "can help by visiting a reading intervention and a parent review day.",
}

THIS_YEAR_WORDS = {
    "introduction": "This report tells governors how {school} is meeting the needs of "
    "pupils with SEND in {year}. It is a draft: the figures below are today's and will be "
    "kept as they are when the report is issued in July.",
    "register": "The number of pupils on the register is similar to last year. We expect "
    "a few more requests for EHC needs assessment this year, mostly for pupils with social, "
    "emotional and mental health needs.",
    "parents": "Our first SEND parent review day of the year was well attended; families "
    "who could not come have been offered another time.",
}


def _issue_moment(school, year: int) -> datetime.datetime:
    """A school day in the second week of July of the academic year."""
    day = school.weekday(datetime.date(year + 1, 7, 6), datetime.date(year + 1, 7, 10))
    return school.moment(day)


def _report(school, kind: str, year: int, words: dict, senco, written_at) -> Report:
    report = Report.objects.create(
        school=school.school,
        kind=kind,
        academic_year=year,
        title=title_for(kind, year),
        created_by=senco,
        created_at=written_at,
        updated_at=written_at,
    )
    fill = draft_fill(school.school, year, senco)
    ReportSection.objects.bulk_create(
        [
            ReportSection(
                report=report,
                key=s.key,
                heading=s.heading,
                words=(words.get(s.key) or s.draft).format(**fill),
                position=n,
                updated_by=senco if s.key in words else None,
                updated_at=written_at,
            )
            for n, s in enumerate(KINDS[kind].sections)
        ]
    )
    return report


def _issue(report: Report, senco, at: datetime.datetime, kept: dict) -> None:
    wanted = KINDS[report.kind].evidence_keys
    report.figures = {key: rows for key, rows in kept.items() if key in wanted}
    report.issued_at = at
    report.issued_by = senco
    report.updated_at = at
    report.version = 2
    report.save(update_fields=["figures", "issued_at", "issued_by", "updated_at", "version"])


def build(demo) -> None:
    year = academic_year_of(demo.today)
    for school in demo.schools:
        senco = school.senco
        issued_at = _issue_moment(school, year - 1)
        written_at = issued_at - datetime.timedelta(days=3)
        governors = _report(school, Kind.GOVERNORS, year - 1, LAST_YEAR_WORDS, senco, written_at)
        # The figures of that day, once for both reports (the information report's keys
        # are among the governors' report's).
        kept = report_figures.frozen(
            report_figures.live(governors, timezone.localtime(issued_at).date())
        )
        _issue(governors, senco, issued_at, kept)
        information = _report(school, Kind.INFORMATION, year - 1, {}, senco, written_at)
        # The information report is the one on the website: every section was checked.
        information.sections.update(updated_by=senco)
        _issue(information, senco, issued_at, kept)
        drafted = school.moment(
            school.weekday(demo.today - datetime.timedelta(days=20), demo.today - ONE_DAY)
        )
        _report(school, Kind.GOVERNORS, year, THIS_YEAR_WORDS, senco, drafted)

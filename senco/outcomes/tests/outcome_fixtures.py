"""Attendance, suspensions and results written straight to the models, for tests of the
pages that read them (the pupil page's panel, the browser tests at phone width). The
imports have their own tests; these skip them. Each row keeps the pupil as they are now."""

import datetime
from decimal import Decimal

from senco.lib.clock import academic_year_of
from senco.lib.csvfile import heading_key
from senco.outcomes.models import (
    Attendance,
    DataDrop,
    Period,
    Result,
    Scale,
    Subject,
    Suspension,
)
from senco.outcomes.scales import built_in_scale


def period(school, year, label, kind, starts, ends) -> Period:
    return Period.objects.create(
        school=school, academic_year=year, kind=kind, label=label, starts=starts, ends=ends
    )


def attend(pupil, in_period, possible, attended) -> Attendance:
    missed = possible - attended
    return Attendance.objects.create(
        pupil=pupil,
        period=in_period,
        possible=possible,
        attended=attended,
        authorised=missed // 2,
        unauthorised=missed - missed // 2,
        provision=pupil.sen_provision,
        need=pupil.primary_need,
        year_group=pupil.year_group,
    )


def suspend(pupil, starts, sessions, reason, *, permanent=False) -> Suspension:
    return Suspension.objects.create(
        school=pupil.school,
        pupil=pupil,
        kind=Suspension.Kind.PERMANENT if permanent else Suspension.Kind.SUSPENSION,
        starts=starts,
        sessions=None if permanent else sessions,
        reason=reason,
        academic_year=academic_year_of(starts),
        provision=pupil.sen_provision,
        need=pupil.primary_need,
        year_group=pupil.year_group,
    )


def drop(school, name, taken_on) -> DataDrop:
    return DataDrop.objects.create(
        school=school, name=name, academic_year=academic_year_of(taken_on), taken_on=taken_on
    )


def gcse_scale(school) -> Scale:
    return built_in_scale(school, Scale.Kind.GCSE)


def subject(school, name) -> Subject:
    return Subject.objects.get_or_create(school=school, key=heading_key(name), name=name)[0]


def result(on_drop, pupil, in_subject, scale, grade, value) -> Result:
    return Result.objects.create(
        drop=on_drop,
        pupil=pupil,
        subject=in_subject,
        scale=scale,
        grade=grade,
        value=Decimal(value),
        expected=Decimal(value) >= scale.expected,
        provision=pupil.sen_provision,
        need=pupil.primary_need,
        year_group=pupil.year_group,
    )


def school_figures(school, pupils, today: datetime.date) -> None:
    """A term of attendance this year (each pupil missing more the more support they have,
    one in four persistently absent), a suspension for every third pupil with SEN, and a
    data drop of maths and English results, for every pupil given."""
    year = academic_year_of(today)
    starts = datetime.date(year, 9, 1)
    ends = max(starts, min(datetime.date(year, 10, 20), today))
    autumn = period(school, year, "Autumn 1", Period.Kind.HALF_TERM, starts, ends)
    scale = gcse_scale(school)
    maths, english = subject(school, "Maths"), subject(school, "English")
    taken = ends
    first = drop(school, f"Autumn {year}", taken)
    with_sen = 0
    for n, pupil in enumerate(pupils):
        missed = {"E": 9, "K": 6}.get(pupil.sen_provision, 3) + (8 if n % 4 == 0 else 0)
        attend(pupil, autumn, 70, 70 - missed)
        if pupil.sen_provision != "N":
            with_sen += 1
            if with_sen % 3 == 1:
                suspend(pupil, taken - datetime.timedelta(days=n + 1), 2 + n % 3, "PD")
        grade = 3 + (n % 4) - (1 if pupil.sen_provision == "E" else 0)
        result(first, pupil, maths, scale, str(grade), grade)
        result(first, pupil, english, scale, str(grade + 1), grade + 1)

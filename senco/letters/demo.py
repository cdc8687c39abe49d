"""The demo trust's letters to families this school year.

Registered in capability.py as `DemoBuilder("letters", build, order=47)`, after meetings and
review days. At each school: a "joined the SEN register" letter (an email, now and then a
printed letter) for most pupils who joined this year; a review-day invitation to every
family on the register for the school's first review day, if it has one (the families with
no email address, about one in twenty made so here, are refused, as they would be); a few
"starting an intervention" emails to the families of a group or two; and one printed batch.
Written with bulk_create, dated as they happened, drawing only from the school's `rng`.
Nothing is queued: the demo sends nothing."""

import datetime

from senco.families import selectors as families
from senco.letters import services
from senco.letters.models import Batch, Channel, Kind, Message
from senco.lib import clock
from senco.lib.codes import ON_REGISTER, year_group_label
from senco.provision import selectors as provision
from senco.pupils.models import Contact, Pupil
from senco.register.models import RegisterChange


def build(demo) -> None:
    for school in demo.schools:
        _build_school(demo, school)


def _write(ds, kind, channel, pupils, about, day, audience="") -> None:
    """One sending, as `services.letters_send` would write it, sent (or printed) on `day`."""
    if not pupils:
        return
    school = ds.school
    values = services.about_values(school, kind, about)
    current = services.wording_for(school, kind)
    senco_name = services.person_name(ds.senco)
    when = ds.moment(day)
    batch = Batch.objects.create(
        school=school,
        kind=kind,
        channel=channel,
        subject=current.subject,
        body=current.body,
        audience=audience or (pupils[0].full_name if len(pupils) == 1 else ""),
        about=about or {},
        created_by=ds.senco,
    )
    rows = []
    for plan in services.plan_recipients(pupils, channel):
        base = {**values, **services.pupil_values(plan.pupil, school, senco_name)}
        if not plan.recipients:
            m = services._message(batch, plan.pupil, None, current, base, Message.Status.REFUSED)
            m.reason = plan.reason
            rows.append(m)
        for r in plan.recipients:
            if r.problem:
                status = Message.Status.REFUSED
            elif channel == Channel.LETTER:
                status = Message.Status.PRINTED
            else:
                status = Message.Status.SENT
            m = services._message(batch, plan.pupil, r.contact, current, base, status)
            m.reason = r.problem
            if status == Message.Status.SENT:
                m.sent_at, m.attempts = when, 1
            rows.append(m)
    Message.objects.bulk_create(rows)
    Batch.objects.filter(pk=batch.pk).update(created_at=when)
    Message.objects.filter(batch=batch).update(created_at=when)


def _build_school(demo, ds) -> None:
    rng, today = ds.rng, demo.today
    year_start = clock.school_terms(ds.terms, clock.academic_year_of(today))[0].starts_on
    by_pk = {p.pk: p for p in ds.pupils}
    joined = (
        RegisterChange.objects.filter(
            pupil__school=ds.school,
            effective_date__gte=year_start,
            effective_date__lte=today,
            to_provision__in=ON_REGISTER,
        )
        .exclude(from_provision__in=ON_REGISTER)
        .order_by("effective_date", "pk")
    )
    for change in joined:
        pupil = by_pk.get(change.pupil_id)
        if pupil is None or rng.random() < 0.2:
            continue  # a few still to write: the pupil page suggests the letter
        day = min(today, change.effective_date + datetime.timedelta(days=rng.randint(0, 6)))
        channel = Channel.LETTER if rng.random() < 0.15 else Channel.EMAIL
        _write(ds, Kind.JOINED_REGISTER, channel, [pupil], {}, day)
    on_register = [p for p in ds.pupils if p.sen_provision in ON_REGISTER]
    # A few families have given the school no email address: they get printed letters,
    # and the review day's emailed invitation says it could not reach them.
    no_email = [p.pk for p in on_register if rng.random() < 0.05]
    Contact.objects.filter(pupil_id__in=no_email).update(email="")
    days = families.upcoming_review_days(ds.school, year_start)
    if days:
        day = days[0]
        sent = max(year_start, min(today, day.held_on - datetime.timedelta(days=21)))
        _write(
            ds,
            Kind.REVIEW_DAY,
            Channel.EMAIL,
            on_register,
            {"day": day.pk},
            sent,
            "Every family on the SEN register",
        )
    groups = provision.groups_for_letters(ds.school, year_start)
    for group in rng.sample(groups, min(2, len(groups))):
        ids = set(provision.group_pupil_ids(group.id))
        members = [p for p in ds.pupils if p.pk in ids]
        _write(
            ds,
            Kind.STARTING_INTERVENTION,
            Channel.EMAIL,
            members,
            {"group": group.id},
            max(year_start, today - datetime.timedelta(days=rng.randint(10, 40))),
            f"group {group.name}",
        )
    # One printed batch: the families of Year 7 (or the youngest year) on the register who
    # are at SEN support, told again on paper after the autumn census.
    youngest = min((p.year_group for p in on_register), default=None)
    if youngest is not None:
        printed = [p for p in on_register if p.year_group == youngest][:12]
        printed = list(Pupil.objects.filter(pk__in=[p.pk for p in printed]))
        _write(
            ds,
            Kind.JOINED_REGISTER,
            Channel.LETTER,
            printed,
            {},
            max(year_start, today - datetime.timedelta(days=rng.randint(3, 20))),
            f"{year_group_label(youngest)}, printed for parents' evening",
        )

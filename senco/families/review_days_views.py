"""SEND parent review days: the SENCO creates a day of rooms and appointments, the office
(or the SENCO) books families in, the member of staff taking a room opens each
appointment and records the meeting; parents who have signed in book for their own child.
Item 4 of issue 12 (and the SEND Code of Practice 6.65: meet parents three times a year)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from senco.access import parent_view, pupils_visible_to, school_view
from senco.audit.services import audit_list, audit_record
from senco.ehcp.selectors import annual_reviews_for_meetings, plan_for
from senco.families import review_days_selectors as rds
from senco.families import review_days_services as services
from senco.families import selectors as meeting_selectors
from senco.families.audit import FamiliesAction
from senco.families.review_days_forms import (
    AppointmentForm,
    BookForm,
    ParentBookForm,
    PupilSearchForm,
    ReviewDayChangeForm,
    ReviewDayForm,
)
from senco.lib.forms import PageForm, add_service_errors
from senco.parents.selectors import views_for_pupil
from senco.plans.selectors import cycles_for_meetings, open_cycle_outcomes
from senco.profiles.selectors import passport_summary

RULE = "Meet the parents of pupils at SEN support at least three times a year"
SOURCE = "SEND Code of Practice 6.65"
NOT_BOOKED_PAGE = 50


def _posted(request):
    return request.POST if request.method == "POST" else None


def _day_url(scope, day) -> str:
    return reverse("families_review_day", args=[scope.school.urn, day.pk])


def _invite_url(scope, day) -> str:
    try:
        return reverse("letters_bulk", args=[scope.school.urn]) + f"?kind=review_day&day={day.pk}"
    except NoReverseMatch:  # the letters app not installed
        return ""


def _open_day(scope, day_id):
    """The day, or 404 (another school's); 403 for staff who neither read timetables nor
    take a room that day."""
    day = rds.day_for(scope, day_id)
    if not rds.may_open_day(scope, day):
        raise PermissionDenied
    return day


# --- The school's pages ----------------------------------------------------------------------


@school_view("sees_review_days")
def review_days(request, scope):
    today = timezone.localdate()
    days = list(rds.days_for(scope))
    audit_record(actor=request.actor, school=scope.school, action=FamiliesAction.REVIEW_DAYS_VIEW)
    return render(
        request,
        "families/review_days/list.html",
        {
            "scope": scope,
            "upcoming": [d for d in days if d.held_on >= today],
            "past": [d for d in reversed(days) if d.held_on < today],
            "rule": RULE,
            "source": SOURCE,
        },
    )


@school_view("runs_review_days")
def review_day_add(request, scope):
    form = ReviewDayForm(_posted(request), staff=rds.room_staff(scope.school))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            day = services.review_day_add(
                actor=request.actor,
                school=scope.school,
                title=data["title"],
                held_on=data["held_on"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                slot_minutes=data["slot_minutes"],
                parents_may_book=data["parents_may_book"],
                notes=data["notes"],
                rooms=data["rooms"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"{day} has been created.")
            return redirect(_day_url(scope, day))
    return render(request, "families/review_days/form.html", {"scope": scope, "form": form})


def _timetable_context(request, scope, day, *, error=""):
    today = timezone.localdate()
    rooms = rds.timetable(day)
    pupils = [s.pupil for r in rooms for s in r.slots if s.pupil_id]
    not_booked = rds.not_booked(day)
    audit_list(
        actor=request.actor,
        action=FamiliesAction.REVIEW_DAY_VIEW,
        school=scope.school,
        pupils=[p.pk for p in pupils],
        detail={"day_id": day.pk},
    )
    booked = len(pupils)
    total = sum(len(r.slots) for r in rooms)
    return {
        "scope": scope,
        "day": day,
        "rooms": rooms,
        "booked": booked,
        "free": total - booked,
        "not_booked_count": not_booked.count(),
        "may_book": scope.books_review_slots and day.held_on >= today,
        "any_booked": booked > 0,
        "invite_url": _invite_url(scope, day) if scope.books_review_slots else "",
        "user_id": scope.user.pk,
        "race_error": error,
        "today": today,
    }


@school_view("sees_review_days")
def review_day(request, scope, day_id):
    day = _open_day(scope, day_id)
    return render(request, "families/review_days/day.html", _timetable_context(request, scope, day))


@school_view("sees_review_days")
def review_day_not_booked(request, scope, day_id):
    """The pupils on the register without an appointment this day, 50 a page."""
    day = _open_day(scope, day_id)
    rows = Paginator(rds.not_booked(day), NOT_BOOKED_PAGE).get_page(PageForm.number(request.GET))
    audit_list(
        actor=request.actor,
        action=FamiliesAction.REVIEW_DAY_VIEW,
        school=scope.school,
        pupils=[p.pk for p in rows],
        detail={"day_id": day.pk, "list": "not_booked"},
    )
    return render(
        request,
        "families/review_days/not_booked.html",
        {"scope": scope, "day": day, "rows": rows},
    )


@school_view("runs_review_days")
def review_day_change(request, scope, day_id):
    day = rds.day_for(scope, day_id)
    form = ReviewDayChangeForm(
        _posted(request),
        initial={
            "title": day.title,
            "notes": day.notes,
            "parents_may_book": "yes" if day.parents_may_book else "no",
        },
        version=day.version,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_day_save(
                actor=request.actor,
                day=day,
                version=form.opened_version,
                title=data["title"],
                notes=data["notes"],
                parents_may_book=data["parents_may_book"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "The review day has been saved.")
            return redirect(_day_url(scope, day))
    return render(
        request,
        "families/review_days/change.html",
        {
            "scope": scope,
            "day": day,
            "form": form,
            "any_booked": day.slots.filter(pupil__isnull=False).exists(),
        },
    )


@school_view("books_review_slots")
def slot_book(request, scope, day_id, slot_id):
    day = rds.day_for(scope, day_id)
    slot = rds.slot_for(day, slot_id)
    if day.held_on < timezone.localdate():
        raise PermissionDenied
    search = PupilSearchForm(request.GET or None)
    searched = search.cleaned_data if search.is_valid() else {}
    query = searched.get("q", "")
    chosen = rds.register_pupil(scope.school, searched["pupil"]) if searched.get("pupil") else None
    form = BookForm(
        _posted(request),
        school=scope.school,
        initial={"pupil": chosen.pk if chosen else None},
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.slot_book(
                    actor=request.actor, slot=slot, pupil=data["pupil"], contact=data["contact"]
                )
            except services.SlotTaken as taken:
                context = _timetable_context(request, scope, day, error=taken.messages[0])
                return render(request, "families/review_days/day.html", context)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{data['pupil'].full_name} is booked for {services.slot_label(slot)}.",
                )
                return redirect(_day_url(scope, day))
        chosen = form.cleaned_data.get("pupil") if hasattr(form, "cleaned_data") else None
    if not slot.is_free and request.method == "GET":
        messages.info(
            request, f"{services.slot_label(slot)} is already booked. Choose another time."
        )
        return redirect(_day_url(scope, day))
    contacts = rds.contacts_of(chosen) if chosen else []
    found = list(rds.register_search(scope.school, query)) if query and not chosen else []
    if found:
        # The pupils a search names are read like any list of them.
        audit_list(
            actor=request.actor,
            action=FamiliesAction.SLOT_FORM_VIEW,
            school=scope.school,
            pupils=[p.pk for p in found],
            detail={"day_id": day.pk, "slot_id": slot.pk, "search": True},
        )
    if chosen:
        audit_record(
            actor=request.actor,
            pupil=chosen,
            action=FamiliesAction.SLOT_FORM_VIEW,
            detail={"day_id": day.pk, "slot_id": slot.pk},
        )
    return render(
        request,
        "families/review_days/book.html",
        {
            "scope": scope,
            "day": day,
            "slot": slot,
            "search": search,
            "query": query,
            "found": found,
            "chosen": chosen,
            "contacts": [(c, services.refusal(c)) for c in contacts],
            "form": form,
        },
    )


@school_view("books_review_slots")
def slot_cancel(request, scope, day_id, slot_id):
    day = rds.day_for(scope, day_id)
    slot = rds.slot_for(day, slot_id)
    if slot.is_free:
        return redirect(_day_url(scope, day))
    error = ""
    if request.method == "POST":
        try:
            services.slot_cancel(actor=request.actor, slot=slot)
        except ValidationError as e:
            error = e.messages[0]
        else:
            messages.success(
                request, f"The booking for {services.slot_label(slot)} has been cancelled."
            )
            return redirect(_day_url(scope, day))
    return render(
        request,
        "families/review_days/cancel.html",
        {"scope": scope, "day": day, "slot": slot, "error": error},
    )


@school_view("sees_review_days")
def appointment(request, scope, day_id, slot_id):
    """One appointment, for the member of staff taking its room and the SENCO: what they
    need about the pupil, and the form to record the meeting."""
    day = rds.day_for(scope, day_id)
    slot = rds.slot_for(day, slot_id)
    if not (scope.runs_review_days or slot.room.staff_id == scope.user.pk):
        raise PermissionDenied
    if slot.pupil_id is None:
        return redirect(_day_url(scope, day))
    pupil = slot.pupil
    today = timezone.localdate()
    cycles = cycles_for_meetings(pupil)
    open_cycle = next((c for c in cycles if c.is_open), None)
    form = AppointmentForm(
        _posted(request),
        contacts=meeting_selectors.told_contacts(pupil),
        staff=meeting_selectors.staff_of(scope.school),
        cycles=cycles,
        annual_reviews=annual_reviews_for_meetings(pupil),
        initial={
            "review": f"cycle-{open_cycle.pk}" if open_cycle else "none",
            "contacts": [slot.contact_id] if slot.contact_id else [],
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.appointment_record(
                actor=request.actor,
                slot=slot,
                contacts=list(data["contacts"]),
                others=data["others"],
                agreed=data["agreed"],
                cycle=data["cycle"],
                annual_review=data["annual_review"],
                follow_up=data["follow_up"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, "Meeting recorded")
            return redirect(_day_url(scope, day))
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=FamiliesAction.APPOINTMENT_VIEW,
        detail={"day_id": day.pk, "slot_id": slot.pk},
    )
    cycle, outcomes = open_cycle_outcomes(pupil)
    return render(
        request,
        "families/review_days/appointment.html",
        {
            "scope": scope,
            "day": day,
            "slot": slot,
            "pupil": pupil,
            "form": form,
            "passport": passport_summary(pupil=pupil),
            "cycle": cycle,
            "outcomes": outcomes,
            "ehc_plan": plan_for(pupil),
            "meetings": rds.recent_meetings(pupil),
            "parent_views": list(views_for_pupil(pupil)[:3]),
            "sees_pupil": pupils_visible_to(scope).filter(pk=pupil.pk).exists(),
            "may_record": day.held_on <= today and slot.meeting_id is None,
            "today": today,
        },
    )


# --- The parent's pages ----------------------------------------------------------------------


def _parent_page(request, pupil, contacts, day, *, form=None, error="", status=200):
    booking = rds.booking_of(day, pupil)
    return render(
        request,
        "families/parent/review_day.html",
        {
            "parent_page": True,
            "pupil": pupil,
            "day": day,
            "booking": booking,
            "times": [] if booking else rds.free_by_time(day),
            "form": form or ParentBookForm(day=day),
            "race_error": error,
        },
        status=status,
    )


@parent_view
def parent_review_day(request, pupil, contacts, day_id):
    today = timezone.localdate()
    day = rds.parent_day(pupil, day_id, today)
    form = ParentBookForm(_posted(request), day=day)
    error = ""
    if request.method == "POST" and form.is_valid():
        try:
            services.slot_book(
                actor=request.actor,
                slot=form.cleaned_data["slot"],
                pupil=pupil,
                contact=contacts[0],
                by_parent=True,
            )
        except services.SlotTaken as taken:
            error = taken.messages[0]
            form = ParentBookForm(day=day)
        except ValidationError as e:
            add_service_errors(form, e)
        else:
            messages.success(request, "Your appointment is booked.")
            return redirect("parent_review_day", pk=pupil.pk, day_id=day.pk)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=FamiliesAction.PARENT_DAY_VIEW,
        detail={"day_id": day.pk, "contacts": [c.pk for c in contacts]},
    )
    return _parent_page(request, pupil, contacts, day, form=form, error=error)


@parent_view
def parent_slot_cancel(request, pupil, contacts, day_id):
    today = timezone.localdate()
    day = rds.parent_day(pupil, day_id, today)
    booking = rds.booking_of(day, pupil)
    if booking is None:
        return redirect("parent_review_day", pk=pupil.pk, day_id=day.pk)
    error = ""
    if request.method == "POST":
        try:
            with transaction.atomic():
                services.slot_cancel(actor=request.actor, slot=booking, by_parent=True)
        except ValidationError as e:
            error = e.messages[0]
        else:
            messages.success(request, "Your appointment has been cancelled.")
            return redirect("parent_review_day", pk=pupil.pk, day_id=day.pk)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=FamiliesAction.PARENT_DAY_VIEW,
        detail={"day_id": day.pk, "cancel": True},
    )
    return render(
        request,
        "families/parent/cancel.html",
        {"parent_page": True, "pupil": pupil, "day": day, "booking": booking, "error": error},
    )

"""The calendar page, the subscription address (made, shown once, replaced, stopped) and the
iCalendar feed itself."""

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from senco.access import public_view, school_view
from senco.audit.services import audit_list
from senco.diary import selectors, services
from senco.diary.audit import DiaryAction
from senco.diary.feed import build_feed
from senco.diary.forms import FIRST_YEAR, LAST_YEAR, CalendarForm, FeedForm
from senco.diary.html import days_html, kind_checkboxes
from senco.lib.statutory import add_months
from senco.registry import event_kinds

NEW_FEED_KEY = "diary_new_feed"


def _month_query(day, kinds) -> str:
    return urlencode([("month", day.month), ("year", day.year)] + [("kind", k) for k in kinds])


@school_view("sees_calendar")
def calendar(request, scope):
    """Every dated event the person may see at the school in one month, by day."""
    today = timezone.localdate()
    form = CalendarForm(
        request.GET or None,
        kinds=event_kinds(),
        initial={"month": today.month, "year": today.year},
    )
    year, month, kinds = form.chosen(today)
    start, end = selectors.month_bounds(year, month)
    events = selectors.events_between(scope, start, end, kinds)
    audit_list(
        actor=request.actor,
        action=DiaryAction.CALENDAR_VIEW,
        school=scope.school,
        pupils=sorted({e.pupil_id for e in events if e.pupil_id}),
        detail={"month": f"{year}-{month:02d}", "kinds": kinds},
    )
    before, after = add_months(start, -1), add_months(start, 1)
    return render(
        request,
        "diary/calendar.html",
        {
            "scope": scope,
            "form": form,
            "start": start,
            "today": today,
            "days": bool(events),
            "days_html": days_html(selectors.by_day(events), today),
            "count": len(events),
            "kinds": kinds,
            "kind_boxes": kind_checkboxes(form, kinds),
            "previous": before if before.year >= FIRST_YEAR else None,
            "previous_query": _month_query(before, kinds),
            "next": after if after.year <= LAST_YEAR else None,
            "next_query": _month_query(after, kinds),
            "this_month_query": _month_query(today, kinds),
            "feed": selectors.live_feed(request.user, scope.school),
        },
    )


@school_view("sees_calendar")
def feed_settings(request, scope):
    """Make (or replace) the secret address of the person's calendar feed."""
    feed = selectors.live_feed(request.user, scope.school)
    initial = {"names": FeedForm.FULL_NAMES if feed and feed.full_names else FeedForm.INITIALS}
    form = FeedForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        token = services.feed_create(actor=request.actor, scope=scope, full_names=form.full_names)
        request.session[NEW_FEED_KEY] = {"school": scope.school.pk, "token": token}
        return redirect("diary_feed_address", scope.school.urn)
    return render(request, "diary/feed_settings.html", {"scope": scope, "form": form, "feed": feed})


@school_view("sees_calendar")
def feed_address(request, scope):
    """The new address, once: leaving the page forgets it (only its hash is kept)."""
    new = request.session.pop(NEW_FEED_KEY, None)
    if not new or new.get("school") != scope.school.pk:
        return redirect("diary_feed_settings", scope.school.urn)
    address = request.build_absolute_uri(reverse("diary_feed", args=[new["token"]]))
    return render(
        request,
        "diary/feed_address.html",
        {
            "scope": scope,
            "address": address,
            "webcal": "webcal://" + address.split("://", 1)[1],
            "feed": selectors.live_feed(request.user, scope.school),
        },
    )


@require_POST
@school_view("sees_calendar")
def feed_revoke(request, scope):
    if services.feed_revoke(actor=request.actor, scope=scope):
        messages.success(request, "Your calendar subscription address no longer works.")
    return redirect("diary_feed_settings", scope.school.urn)


@public_view
def feed(request, token):
    """The iCalendar feed. No sign-in: the secret token is the credential, and the owner's
    access is checked again on every fetch. A wrong, stopped or replaced token, and a
    person switched off or gone from the school, all get the same 404."""
    found = selectors.feed_for_token(token)
    if found is None:
        raise Http404("Not found")
    subscription, scope = found
    start, end = selectors.feed_window(timezone.localdate())
    events = selectors.events_between(scope, start, end)
    body = build_feed(
        events,
        name=f"senco: {scope.school.name}",
        full_names=subscription.full_names,
        base_url=request.build_absolute_uri("/").rstrip("/"),
        domain=request.get_host().split(":")[0],
    )
    services.feed_fetched(
        actor=request.actor,
        feed=subscription,
        pupil_ids={e.pupil_id for e in events if e.pupil_id},
        events=len(events),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="senco.ics"'
    add_never_cache_headers(response)
    return response

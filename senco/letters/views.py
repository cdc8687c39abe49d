"""Letters to families: the school's wording, a letter to one family or to many (choose,
preview, send), the log of every sending and each pupil's letters."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms.utils import ErrorDict
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from senco.access import pupil_view, school_view
from senco.audit.services import audit_list, audit_record, audit_record_many
from senco.families import selectors as families
from senco.letters import selectors, services, wording
from senco.letters.audit import LettersAction
from senco.letters.forms import BulkForm, PrefillForm, SendForm, WordingForm
from senco.letters.models import Channel, Kind
from senco.lib.codes import BroadArea, Provision, year_group_label
from senco.lib.forms import PageForm, add_service_errors
from senco.lib.pdf import html_to_pdf, pdf_context, pdf_filename, pdf_response, render_pdf_html
from senco.provision import selectors as provision
from senco.pupils.models import Contact

PAGE_SIZE = 50


def _posted(request):
    return request.POST if request.method == "POST" else None


def _step(request) -> str:
    return request.POST.get("step", "preview") if request.method == "POST" else ""


def _carried(request) -> list[tuple[str, str]]:
    """What was posted, to post again from the preview's buttons."""
    return [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", "step")
        for value in values
    ]


def _without_errors(form) -> None:
    """Show what was chosen again, to change it, without calling it wrong."""
    form.full_clean()
    form._errors = ErrorDict()


def _kind_items(form, *, bulk=False) -> list[dict]:
    """The kind's radios, each revealing what that kind of letter is about."""
    reveal = {
        Kind.STARTING_INTERVENTION: [form["group"]],
        Kind.REVIEW_INVITATION: [form["meeting_date"], form["meeting_time"]],
        Kind.REVIEW_DAY: [form["day"], form["everyone_on_day"]] if bulk else [form["day"]],
    }
    if bulk:  # the group is one of the filters, shown once below them
        reveal[Kind.STARTING_INTERVENTION] = []
    items = form["kind"].radio_items
    for item in items:
        item["reveal"] = reveal.get(item["value"], [])
    return items


def _prefill(request) -> dict:
    """`?kind=...&group=...&day=...` from the review-day, provision and pupil pages."""
    return PrefillForm(request.GET).chosen()


# --- Wording ---------------------------------------------------------------------------


@school_view("words_letters")
def wording_list(request, scope):
    rows = [services.wording_for(scope.school, kind) for kind in Kind.values]
    return render(
        request,
        "letters/wording_list.html",
        {"scope": scope, "rows": [(Kind(r.kind).label, r) for r in rows]},
    )


@school_view("words_letters")
def wording_change(request, scope, kind):
    if kind not in Kind.values:
        raise Http404("Not found")
    current = services.wording_for(scope.school, kind)
    form = WordingForm(
        _posted(request),
        kind=kind,
        initial={"subject": current.subject, "body": current.body},
        version=current.version,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.wording_save(
                actor=request.actor,
                school=scope.school,
                kind=kind,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                version=form.opened_version,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"The wording of “{Kind(kind).label}” has been saved.")
            return redirect("letters_wording", urn=scope.school.urn)
    placeholders = [
        ("{" + p + "}", wording.DESCRIPTIONS[p]) for p in wording.placeholders_for(kind)
    ]
    return render(
        request,
        "letters/wording_form.html",
        {
            "scope": scope,
            "form": form,
            "kind": kind,
            "kind_label": Kind(kind).label,
            "placeholders": placeholders,
            "current": current,
        },
    )


# --- One family --------------------------------------------------------------------------


def _contact_rows(contacts) -> list[dict]:
    """Each contact, why they cannot be chosen, and the checkbox's number among those that
    can (the first is the one the error summary links to)."""
    rows, n = [], 0
    for c in contacts:
        refused = services.restriction(c)
        rows.append(
            {
                "contact": c,
                "refused": refused,
                "no_email": not c.email,
                "bad_email": bool(c.email) and bool(services.email_problem(c.email)),
                "n": None if refused else n,
            }
        )
        n += 0 if refused else 1
    return rows


@pupil_view("sends_letters")
def send(request, pupil, scope):
    today = timezone.localdate()
    contacts = list(Contact.objects.filter(pupil=pupil).order_by("priority", "name", "pk"))
    form = SendForm(
        _posted(request),
        contacts=contacts,
        groups=provision.pupil_groups_for_letters(pupil),
        days=families.upcoming_review_days(scope.school, today),
        initial=_prefill(request),
    )
    step = _step(request)
    if step == "change":
        _without_errors(form)
    elif step and form.is_valid():
        args = {
            "school": scope.school,
            "kind": form.cleaned_data["kind"],
            "channel": form.cleaned_data["channel"],
            "pupils": [pupil],
            "about": form.about(),
            "contact_ids": form.cleaned_data["contacts"],
        }
        try:
            if step == "send":
                batch = services.letters_send(actor=request.actor, **args)
                messages.success(request, _sent_message(batch))
                return redirect("letters_pupil_log", pk=pupil.pk)
            plans, letters = services.preview(**args)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_record(
                actor=request.actor,
                pupil=pupil,
                action=LettersAction.PREVIEW,
                detail={"kind": args["kind"], "channel": args["channel"]},
            )
            return render(
                request,
                "letters/send_preview.html",
                {
                    "scope": scope,
                    "pupil": pupil,
                    "letters": letters,
                    "kind_label": Kind(args["kind"]).label,
                    "channel": args["channel"],
                    "carried": _carried(request),
                },
            )
    audit_record(actor=request.actor, pupil=pupil, action=LettersAction.SEND_FORM)
    return render(
        request,
        "letters/send_form.html",
        {
            "scope": scope,
            "pupil": pupil,
            "form": form,
            "kind_items": _kind_items(form),
            "contact_rows": _contact_rows(contacts),
            "chosen": set(form["contacts"].value() or []),
        },
    )


def _sent_message(batch) -> str:
    if batch.channel == Channel.LETTER:
        return "The letters are ready to print: download them from the log of letters."
    return "The emails have been sent, or are waiting to send: the log says which."


# --- Many families -----------------------------------------------------------------------


def _audience(form, group, day) -> str:
    data = form.cleaned_data
    parts = []
    if data["year_groups"]:
        parts.append(", ".join(year_group_label(int(y)) for y in data["year_groups"]))
    if data["provisions"]:
        parts.append(" and ".join(Provision(p).label for p in data["provisions"]))
    if data["area"]:
        parts.append(BroadArea(data["area"]).label)
    if group is not None:
        parts.append(f"group {group.name}")
    if day is not None:
        parts.append(
            "everyone on the register"
            if data["everyone_on_day"]
            else f"not yet booked on {day.held_on:%-d %B}"
        )
    return "; ".join(parts) or "Every family on the SEN register"


@school_view("sends_letters")
def bulk(request, scope):
    school, today = scope.school, timezone.localdate()
    form = BulkForm(
        _posted(request),
        groups=provision.groups_for_letters(school, today),
        days=families.upcoming_review_days(school, today),
        initial=_prefill(request),
    )
    step = _step(request)
    if step == "change":
        _without_errors(form)
    elif step and form.is_valid():
        filters = form.filters()
        group = None
        if filters["group_id"] is not None:
            group = provision.group_for_letters(school, filters["group_id"])
        day = None
        if filters["day_id"] is not None:
            day = families.review_day_for_letters(school, filters["day_id"])
        pupils = list(
            selectors.pupils_for_bulk(
                school,
                year_groups=filters["year_groups"],
                provisions=filters["provisions"],
                area=filters["area"],
                group_id=filters["group_id"],
                day=day,
                all_on_day=filters["all_on_day"],
                booked_ids=families.review_day_booked_pupil_ids(day) if day else None,
            )
        )
        args = {
            "school": school,
            "kind": form.cleaned_data["kind"],
            "channel": form.cleaned_data["channel"],
            "pupils": pupils,
            "about": form.about(),
        }
        try:
            if not pupils:
                raise ValidationError("No pupil matches what you chose: choose again")
            if step == "send":
                batch = services.letters_send(
                    actor=request.actor, audience=_audience(form, group, day), **args
                )
                messages.success(request, _sent_message(batch))
                return redirect("letters_batch", urn=school.urn, batch_id=batch.pk)
            plans, letters = services.preview(**args)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            audit_list(
                actor=request.actor,
                action=LettersAction.PREVIEW,
                school=school,
                pupils=pupils,
                detail={"kind": args["kind"], "channel": args["channel"]},
            )
            reaching = [p for p in plans if p.sendable]
            return render(
                request,
                "letters/bulk_preview.html",
                {
                    "scope": scope,
                    "plans": plans,
                    "reaching": reaching,
                    "not_reaching": [p for p in plans if not p.sendable],
                    "first": letters[0] if letters else None,
                    "kind_label": Kind(args["kind"]).label,
                    "channel": args["channel"],
                    "audience": _audience(form, group, day),
                    "carried": _carried(request),
                },
            )
    return render(
        request,
        "letters/bulk_form.html",
        {"scope": scope, "form": form, "kind_items": _kind_items(form, bulk=True)},
    )


# --- The log -----------------------------------------------------------------------------


@school_view("reads_letter_log")
def batches(request, scope):
    page = Paginator(selectors.batches_for(scope.school), PAGE_SIZE).get_page(
        PageForm.number(request.GET)
    )
    return render(request, "letters/batches.html", {"scope": scope, "page": page})


@school_view("reads_letter_log")
def batch_detail(request, scope, batch_id):
    batch = selectors.batch_for(scope.school, batch_id)
    rows = selectors.batch_messages(batch)
    audit_list(
        actor=request.actor,
        action=LettersAction.BATCH_VIEW,
        school=scope.school,
        pupils=sorted({m.pupil_id for m in rows}),
        detail={"batch_id": batch.pk},
    )
    return render(request, "letters/batch.html", {"scope": scope, "batch": batch, "rows": rows})


@school_view("reads_letter_log")
def batch_pdf(request, scope, batch_id):
    batch = selectors.batch_for(scope.school, batch_id)
    if batch.channel != Channel.LETTER:
        raise Http404("Not found")
    rows = [m for m in selectors.batch_messages(batch) if m.status == m.Status.PRINTED]
    html = render_pdf_html(
        "letters/pdf/letters.html",
        pdf_context(scope, f"{batch.get_kind_display()}: letters", batch=batch, rows=rows),
    )
    data = html_to_pdf(html)
    audit_record_many(
        actor=request.actor,
        action=LettersAction.BATCH_PDF,
        rows=[
            {"pupil": m.pupil_id, "school": scope.school.pk, "detail": {"batch_id": batch.pk}}
            for m in rows
        ]
        or [{"school": scope.school.pk, "detail": {"batch_id": batch.pk}}],
    )
    return pdf_response(data, pdf_filename("letters", batch.get_kind_display()))


@require_POST
@school_view("sends_letters")
def batch_retry(request, scope, batch_id):
    batch = selectors.batch_for(scope.school, batch_id)
    n = services.batch_retry(actor=request.actor, batch=batch)
    if n:
        messages.success(request, f"Tried again to send {n} email{'s' if n != 1 else ''}.")
    else:
        messages.info(request, "No email of this sending had failed.")
    return redirect("letters_batch", urn=scope.school.urn, batch_id=batch.pk)


@pupil_view("reads_pupil_letters")
def pupil_log(request, pupil, scope):
    rows = list(selectors.pupil_messages(pupil))
    audit_record(actor=request.actor, pupil=pupil, action=LettersAction.PUPIL_LOG_VIEW)
    return render(
        request,
        "letters/pupil_log.html",
        {
            "scope": scope,
            "pupil": pupil,
            "rows": rows,
            "suggestion": selectors.suggestion(pupil, rows) if scope.sends_letters else None,
        },
    )


@pupil_view("reads_pupil_letters")
def message_detail(request, pupil, scope, message_id):
    message = selectors.message_for(pupil, message_id)
    audit_record(
        actor=request.actor,
        pupil=pupil,
        action=LettersAction.MESSAGE_VIEW,
        detail={"message_id": message.pk},
    )
    return render(
        request, "letters/message.html", {"scope": scope, "pupil": pupil, "message": message}
    )

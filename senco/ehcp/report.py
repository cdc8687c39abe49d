"""The annual review report, drafted for the SENCO from the records: as Word (python-docx, or
the local authority's own form filled in by docxtpl) and as a PDF (WeasyPrint).

- `report_data(review)` gathers everything the report says, once, for every layout.
- `build_docx(data)` is senco's own layout; `fill_form(source, data)` fills a local
  authority's form (`ReportTemplate`) in a sandbox (`senco.ehcp.report_forms_check`).
- The deadline comes from `senco.ehcp.steps` (the "report" step), never from here.
"""

import datetime
import io
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import docx
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from docx.enum.text import WD_BREAK
from docx.shared import Pt

from senco.audit.actor import Actor
from senco.audit.services import audit_record
from senco.ehcp import steps
from senco.ehcp.audit import EhcpAction
from senco.ehcp.authorities import NAMES
from senco.ehcp.models import AnnualReview, Contributor, EHCPlan, ProvisionItem, ReportTemplate
from senco.ehcp.report_sandbox import PLACEHOLDERS, render_form
from senco.lib.statutory import Deadline
from senco.plans import selectors as plans_selectors
from senco.schools.selectors import saved_closures

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
__all__ = ["PLACEHOLDERS", "ReportData", "build_docx", "fill_form", "report_data", "review_for"]


def review_for(pupil, review_id: int) -> AnnualReview:
    """One of this pupil's annual reviews, with its plan, or 404 (the same for another
    pupil's review and one that does not exist)."""
    review = (
        AnnualReview.objects.select_related("plan", "plan__pupil")
        .filter(pk=review_id, plan__pupil=pupil)
        .first()
    )
    if review is None:
        raise Http404("Not found")
    review.plan.pupil = pupil
    return review


@dataclass(frozen=True)
class TeacherView:
    name: str
    view: str


def review_subject(review: AnnualReview) -> str:
    """How the teachers' requests for views name an annual review (`plans.ViewRequest`)."""
    return f"ehcp-review:{review.pk}"


def teacher_views(review: AnnualReview) -> tuple[list[TeacherView], int]:
    """The teachers' answers for the review, and how many teachers were asked, read through
    `plans.selectors.view_requests_about` (one query)."""
    requests = plans_selectors.view_requests_about(review_subject(review))
    answered = [
        TeacherView(r.teacher.get_full_name() or r.teacher.get_username(), r.view)
        for r in requests
        if r.answered_at and r.view.strip()
    ]
    return answered, len(requests)


@dataclass(frozen=True)
class ReportData:
    """Everything the report says, whatever its layout."""

    review: AnnualReview
    plan: EHCPlan
    pupil: object
    school: object
    contributors: list[Contributor]
    attended: list[Contributor]
    teachers: list[TeacherView]
    provision: list[tuple[str, list[ProvisionItem]]]
    deadline: Deadline | None
    prepared_on: datetime.date
    prepared_by: str = ""
    in_place: int = 0
    total: int = 0
    layout: str = "senco"
    extra: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return f"{self.review.get_kind_display()} report: {self.pupil.full_name}"

    @property
    def meeting_on(self) -> datetime.date | None:
        return self.review.held_on or self.review.meeting_on

    @property
    def due_text(self) -> str:
        if self.deadline is None:
            return (
                "The report is due within 2 weeks of the meeting (SEND Regulations 2014, "
                "reg. 20(7)); the meeting has not been held yet."
            )
        return str(self.deadline)


def report_data(review: AnnualReview, *, prepared_by=None, today=None) -> ReportData:
    """Gather the report from the records: a handful of queries whatever the plan's size."""
    plan = review.plan
    pupil = plan.pupil
    contributors = list(review.contributors.all())
    teachers, asked = teacher_views(review)
    task_list = steps.review_steps(
        review,
        contributors=contributors,
        teacher_views=(asked, len(teachers)),
        closures=saved_closures(pupil.school),
    )
    report_step = next((s for s in task_list if s.key == "report"), None)
    items = list(plan.items.all())
    groups = [
        (label, [i for i in items if i.kind == kind]) for kind, label in ProvisionItem.Kind.choices
    ]
    return ReportData(
        review=review,
        plan=plan,
        pupil=pupil,
        school=pupil.school,
        contributors=contributors,
        attended=[c for c in contributors if c.attended],
        teachers=teachers,
        provision=groups,
        deadline=report_step.deadline if report_step else None,
        prepared_on=today or timezone.localdate(),
        prepared_by=(prepared_by.get_full_name() or prepared_by.get_username())
        if prepared_by
        else "",
        in_place=sum(1 for i in items if i.in_place),
        total=len(items),
    )


# --- Plain text of the parts every layout shares ------------------------------------------


def _date(day: datetime.date | None, empty: str = "Not recorded") -> str:
    return f"{day:%-d %B %Y}" if day else empty


def in_place_text(item: ProvisionItem) -> str:
    if not item.in_place:
        return "Not in place"
    return f"In place since {_date(item.in_place_since)}" if item.in_place_since else "In place"


def officer_text(plan: EHCPlan) -> str:
    parts = [p for p in (plan.officer_name, plan.officer_email, plan.officer_phone) if p]
    return ", ".join(parts) or "Not recorded"


def attendees_text(data: ReportData) -> str:
    """Who attended: the names written on the review, then the invitees marked attended."""
    lines = [line.strip() for line in data.review.attendees.splitlines() if line.strip()]
    lines += [f"{c.name} ({c.get_role_display()})" for c in data.attended if c.name not in lines]
    return "\n".join(lines)


def form_context(data: ReportData) -> dict:
    """The placeholders a local authority's form may use, with their values (each one is in
    `PLACEHOLDERS` with its meaning, and the other way round: a test checks)."""
    review, plan, pupil = data.review, data.plan, data.pupil
    provision = [
        {
            "kind": label,
            "what": i.what,
            "who": i.who,
            "how_often": i.how_often,
            "how_long": i.how_long,
            "in_place": in_place_text(i),
            "evidence": i.evidence,
        }
        for label, group in data.provision
        for i in group
    ]
    contributors = [
        {
            "name": c.name,
            "role": c.get_role_display(),
            "organisation": c.organisation,
            "advice_received_on": _date(c.advice_received_on, ""),
            "advice": c.advice,
            "attended": "Yes" if c.attended else "No",
        }
        for c in data.contributors
    ]
    teachers = [{"name": t.name, "view": t.view} for t in data.teachers]
    return {
        "pupil_name": pupil.full_name,
        "pupil_forename": pupil.forename,
        "pupil_surname": pupil.legal_surname,
        "date_of_birth": _date(pupil.date_of_birth),
        "year_group": pupil.year_group_label,
        "upn": pupil.upn,
        "school_name": data.school.name,
        "school_urn": data.school.urn,
        "la_name": plan.la_name,
        "case_officer": officer_text(plan),
        "plan_issued_on": _date(plan.issued_on),
        "last_review_on": _date(plan.last_review_on, "Not reviewed before"),
        "review_kind": review.get_kind_display(),
        "meeting_date": _date(data.meeting_on),
        "next_setting": review.next_setting,
        "attendees": attendees_text(data),
        "needs": plan.needs,
        "outcomes": plan.outcomes,
        "progress": review.progress,
        "pupil_view": review.pupil_view,
        "parent_view": review.parent_view,
        "teacher_views": teachers,
        "teacher_views_text": "\n\n".join(f"{t['name']}: {t['view']}" for t in teachers),
        "contributors": contributors,
        "advice_text": "\n\n".join(
            f"{c['name']} ({c['role']}): {c['advice'] or 'No advice recorded'}"
            for c in contributors
        ),
        "provision": provision,
        "provision_text": "\n".join(
            f"{p['what']} ({', '.join(x for x in (p['who'], p['how_often'], p['how_long']) if x)})"
            f": {p['in_place']}"
            for p in provision
        ),
        "in_place_count": f"{data.in_place} of {data.total}",
        "recommendations": review.recommendations,
        "report_due": _date(data.deadline.due) if data.deadline else "",
        "report_due_rule": data.due_text,
        "prepared_on": _date(data.prepared_on),
        "prepared_by": data.prepared_by,
    }


# --- senco's own layout (python-docx) -------------------------------------------------------


def _text(cell_or_paragraph, text: str) -> None:
    """Text with its line breaks kept, into a table cell or a paragraph."""
    paragraph = (
        cell_or_paragraph.paragraphs[0]
        if hasattr(cell_or_paragraph, "paragraphs")
        else cell_or_paragraph
    )
    lines = (text or "").splitlines() or [""]
    run = paragraph.add_run(lines[0])
    for line in lines[1:]:
        run.add_break(WD_BREAK.LINE)
        run = paragraph.add_run(line)


def _facts(document, rows: list[tuple[str, str]]) -> None:
    table = document.add_table(rows=0, cols=2)
    table.style = "Table Grid"
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].paragraphs[0].add_run(label).bold = True
        _text(cells[1], value)


def _grid(document, headings: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, heading in zip(table.rows[0].cells, headings, strict=True):
        cell.paragraphs[0].add_run(heading).bold = True
    for row in rows:
        for cell, value in zip(table.add_row().cells, row, strict=True):
            _text(cell, value)


def _section(document, heading: str, text: str, empty: str = "Not recorded yet.") -> None:
    document.add_heading(heading, level=2)
    _text(document.add_paragraph(), text.strip() or empty)


def build_docx(data: ReportData) -> bytes:
    """senco's own layout: headings, tables and plain English, for Word."""
    context = form_context(data)
    review, plan, pupil = data.review, data.plan, data.pupil
    document = docx.Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    document.core_properties.title = data.title
    document.core_properties.author = data.school.name
    document.core_properties.language = "en-GB"
    document.add_heading(data.title, level=1)
    document.add_paragraph(
        f"Drafted by senco from {data.school.name}'s records on {context['prepared_on']}. "
        "Check it, complete it and send it to the local authority."
    )
    document.add_paragraph(data.due_text)

    document.add_heading("About the child or young person", level=2)
    _facts(
        document,
        [
            ("Name", pupil.full_name),
            ("Date of birth", context["date_of_birth"]),
            ("Year group", context["year_group"]),
            ("School", data.school.name),
            ("UPN", pupil.upn),
        ],
    )

    document.add_heading("The EHC plan", level=2)
    rows = [
        ("Local authority", f"{plan.la_name} ({plan.la_code})"),
        ("Case officer", context["case_officer"]),
        ("Plan issued", context["plan_issued_on"]),
        ("Last annual review", context["last_review_on"]),
        ("This review", review.get_kind_display()),
    ]
    if review.next_setting:
        rows.append(("Next school or college", review.next_setting))
    _facts(document, rows)

    document.add_heading("The review meeting", level=2)
    _facts(
        document,
        [
            ("Date", context["meeting_date"]),
            ("Time and place", review.meeting_time or "Not recorded"),
            ("Who attended", context["attendees"] or "Not recorded yet"),
        ],
    )

    document.add_heading("Advice", level=2)
    if data.contributors:
        _grid(
            document,
            ["Who", "Role", "Advice received", "Summary of their advice"],
            [
                [
                    c.name + (f", {c.organisation}" if c.organisation else ""),
                    c.get_role_display(),
                    _date(c.advice_received_on, "Not received"),
                    c.advice or "None recorded",
                ]
                for c in data.contributors
            ],
        )
    else:
        document.add_paragraph("Nobody has been invited to give advice yet.")

    document.add_heading("Views", level=2)
    _section(document, "The pupil's views", review.pupil_view)
    _section(document, "The parents' views", review.parent_view)
    document.add_heading("The teachers' views", level=2)
    if data.teachers:
        _grid(document, ["Teacher", "Their view"], [[t.name, t.view] for t in data.teachers])
    else:
        document.add_paragraph("No teacher's view recorded yet.")

    document.add_heading("Progress towards the outcomes", level=2)
    _section(document, "Section E: the outcomes in the plan", plan.outcomes)
    _section(document, "Progress made", review.progress)

    document.add_heading("Section F: provision", level=2)
    document.add_paragraph(f"{data.in_place} of {data.total} items of section F are in place.")
    for label, items in data.provision:
        if not items:
            continue
        document.add_heading(label, level=3)
        _grid(
            document,
            ["What", "Who, how often, how long", "In place", "Evidence"],
            [
                [
                    i.what,
                    ", ".join(x for x in (i.who, i.how_often, i.how_long) if x) or "-",
                    in_place_text(i),
                    i.evidence or "-",
                ]
                for i in items
            ],
        )

    _section(document, "Recommendations", review.recommendations)
    document.add_heading("When this report is due", level=2)
    document.add_paragraph(data.due_text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- A local authority's own form (docxtpl, sandboxed) ---------------------------------------


def fill_form(source, data: ReportData) -> bytes:
    """The local authority's form (a path or bytes of a .docx), filled in."""
    return render_form(source, form_context(data))


def form_for(data: ReportData) -> ReportTemplate | None:
    """The school's form for the plan's local authority, if it uploaded one."""
    return ReportTemplate.objects.filter(school=data.school, la_code=data.plan.la_code).first()


# --- Uploading and removing a local authority's form (services) ----------------------------


def _unlink(path) -> None:
    path.unlink(missing_ok=True)


@transaction.atomic
def report_template_save(
    *, actor: Actor, school, la_code: str, data: bytes, filename: str
) -> tuple[ReportTemplate, bool]:
    """Keep a local authority's form (already checked: `report_sandbox.check_form`) under a
    new random key, replacing the school's earlier form for that authority. Returns the
    form and whether it replaced one."""
    if la_code not in NAMES:
        raise ValidationError({"la_code": "Choose the local authority"})
    template = ReportTemplate.objects.select_for_update().filter(school=school, la_code=la_code)
    template = template.first()
    replaced = template is not None
    if replaced:
        old_path = template.path
        transaction.on_commit(lambda: _unlink(old_path))
    else:
        template = ReportTemplate(school=school, la_code=la_code)
    template.key = uuid.uuid4()
    template.filename = Path(filename).name[:200]
    template.uploaded_by = actor.person
    template.uploaded_at = timezone.now()
    template.save()
    audit_record(
        actor=actor,
        school=school,
        action=EhcpAction.REPORT_FORM_REPLACE if replaced else EhcpAction.REPORT_FORM_UPLOAD,
        detail={"la_code": la_code, "filename": template.filename, "size": len(data)},
    )
    # The file is written last, so a failure rolls the row back; a file left by a failed
    # commit is named by no row and so never used.
    path = template.path
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return template, replaced


@transaction.atomic
def report_template_remove(*, actor: Actor, template: ReportTemplate) -> None:
    path = template.path
    template.delete()
    transaction.on_commit(lambda: _unlink(path))
    audit_record(
        actor=actor,
        school=template.school_id,
        action=EhcpAction.REPORT_FORM_REMOVE,
        detail={"la_code": template.la_code, "filename": template.filename},
    )

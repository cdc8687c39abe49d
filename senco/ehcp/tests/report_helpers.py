"""What the tests of the annual review report share: a review built with the ORM, and
reading a Word document back."""

import datetime
import io

import docx
from django.utils import timezone

from senco.ehcp.models import AnnualReview, Contributor, ProvisionItem
from senco.plans.models import ViewRequest


def make_review(plan, *, by, teacher=None, held=True) -> AnnualReview:
    """A review of `plan` with its meeting held three days ago (or booked in a week), two
    contributors, the pupil's and parents' views and, given a teacher, their answer."""
    today = timezone.localdate()
    meeting = today - datetime.timedelta(days=3) if held else today + datetime.timedelta(days=7)
    review = AnnualReview.objects.create(
        plan=plan,
        meeting_on=meeting,
        meeting_time="10am, the SENCO's office",
        held_on=meeting if held else None,
        pupil_view="I like the quiet room at lunch & the timer",
        parent_view="Homework is a battle most nights",
        attendees="Mum (parent)\nMs Khan (class teacher)",
        progress="Reading age up 14 months; asks for help most lessons",
        recommendations="Keep the plan; add a touch-typing programme",
        created_by=by,
    )
    Contributor.objects.create(
        review=review,
        role=Contributor.Role.PROFESSIONAL,
        name="Dr Ada Obi",
        organisation="Speech and language therapy",
        advice_requested_on=meeting - datetime.timedelta(days=30),
        advice_received_on=meeting - datetime.timedelta(days=20),
        advice="Continue the attention autism programme twice a week",
        attended=True,
    )
    Contributor.objects.create(
        review=review, role=Contributor.Role.PARENT, name="Sam Parent", attended=False
    )
    if teacher is not None:
        ViewRequest.objects.create(
            pupil=plan.pupil,
            subject=f"ehcp-review:{review.pk}",
            teacher=teacher,
            question="How is it going?",
            answered_at=timezone.now(),
            view="Settles well after the movement break",
        )
    return review


def add_classroom_item(plan, what="Visual timetable on the desk") -> ProvisionItem:
    return ProvisionItem.objects.create(
        plan=plan,
        what=what,
        who="Class teacher",
        kind=ProvisionItem.Kind.CLASSROOM,
        in_place=True,
        in_place_since=timezone.localdate() - datetime.timedelta(days=60),
        evidence="Seen in lessons",
        position=1,
    )


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word document, as Word would show the text."""
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def word_file(*paragraphs: str) -> bytes:
    """A Word document of these paragraphs."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

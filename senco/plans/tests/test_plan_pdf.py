"""The plan as a one-page PDF for the family."""

import pytest
from django.urls import reverse

from senco.access import scope_at
from senco.audit.models import AuditEvent
from senco.lib.pdf import pdf_context, render_pdf_html
from senco.plans import selectors
from senco.profiles.tests.test_pdfs import pdf_text
from senco.testing import ROLES, SENCO_ONLY_PUPIL_PAGE, role_table

PLAN_PDF = role_table("plans_cycle_pdf", SENCO_ONLY_PUPIL_PAGE)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_and_the_plan_pdf(role, cast, client_for, pupil, planned):
    url = reverse("plans_cycle_pdf", args=[pupil.pk, planned.pk])
    response = client_for(cast[role]).get(url)
    assert response.status_code == PLAN_PDF[role]


def test_the_pdf_holds_the_plan_and_nothing_of_the_staffs_notes(
    client_for, senco, pupil, planned, today
):
    planned.notes.create(date=today, text="Private note about a bad day", author=senco)
    response = client_for(senco).get(reverse("plans_cycle_pdf", args=[pupil.pk, planned.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="plans.plan.pdf")
    assert (event.pupil, event.user, event.detail["cycle_id"]) == (pupil, senco, planned.pk)


def test_the_plan_reads_as_a_letter_to_the_family(senco, pupil, planned):
    html = render_pdf_html(
        "plans/pdf/plan.html",
        pdf_context(
            scope_at(senco, pupil.school),
            "plan",
            pupil=pupil,
            cycle=planned,
            outcomes=list(planned.outcomes.all()),
            progress=False,
            senco=selectors.senco_of(pupil.school),
        ),
    )
    text = pdf_text(html)
    for outcome in planned.outcomes.all():
        assert outcome.text.split()[0] in text
    assert "What the school will do" in text
    assert "Do not pin up" not in text


def test_the_cycle_page_links_the_pdf_for_the_senco_only(
    client_for, senco, teacher, pupil, planned
):
    url = reverse("plans_cycle", args=[pupil.pk, planned.pk])
    pdf_url = reverse("plans_cycle_pdf", args=[pupil.pk, planned.pk])
    assert pdf_url in client_for(senco).get(url).content.decode()
    assert pdf_url not in client_for(teacher).get(url).content.decode()

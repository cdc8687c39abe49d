"""Printed passports, profiles and class sheets: real A4 PDFs with text, audited."""

import pytest
import weasyprint
from django.urls import reverse

from senco import factories as f
from senco.access import scope_at
from senco.audit.models import AuditEvent
from senco.profiles import pdf
from senco.profiles.tests.conftest import add_photo, save_passport


@pytest.fixture
def rendered(monkeypatch):
    """The HTML each PDF was drawn from."""
    pages = []
    original = pdf.html_to_pdf

    def spy(html):
        pages.append(html)
        return original(html)

    monkeypatch.setattr(pdf, "html_to_pdf", spy)
    return pages


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages, as a reader of the PDF would get it."""
    document = weasyprint.HTML(string=html, url_fetcher=pdf.PrivatePhotoFetcher()).render()
    words = []

    def walk(box):
        if hasattr(box, "text"):
            words.append(box.text)
        for child in getattr(box, "children", []):
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return " ".join(words)


def _assert_accessible(html, school):
    assert '<html lang="en-GB">' in html
    assert "<title>" in html
    assert "<h1>" in html
    assert "Confidential" in html
    assert school.name in html
    assert "Printed" in html


def test_the_passport_pdf(client_for, teacher, senco, pupil, passport, school, rendered):
    add_photo(pupil, senco)
    response = client_for(teacher).get(reverse("passport_pdf", args=[pupil.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert "private" in response["Cache-Control"]
    (html,) = rendered
    _assert_accessible(html, school)
    assert "Sitting near the front &amp; a visual timetable" in html
    text = pdf_text(html)
    assert "Sitting near the front & a visual timetable" in text
    assert "Confidential" in text
    event = AuditEvent.objects.get(action="passport.pdf")
    assert (event.user, event.pupil) == (teacher, pupil)


def test_the_profile_pdf_keeps_the_pupils_words(client_for, senco, pupil, school, rendered):
    save_passport(pupil, senco, in_my_own_words="I am good at Lego")
    response = client_for(senco).get(reverse("profile_pdf", args=[pupil.pk]))
    assert response.content.startswith(b"%PDF")
    (html,) = rendered
    _assert_accessible(html, school)
    assert "&ldquo;I am good at Lego&rdquo;" in html
    assert AuditEvent.objects.filter(action="profile.pdf", pupil=pupil).exists()


def test_the_class_sheet_lists_the_groups_send_pupils(
    client_for, teacher, school, pupil, passport, rendered
):
    group = teacher.teaching_groups.get()
    group.pupils.add(f.PupilFactory(school=school, forename="Noneed", legal_surname="Pupil"))
    response = client_for(teacher).get(reverse("class_sheet_pdf", args=[school.urn, group.pk]))
    assert response.content.startswith(b"%PDF")
    (html,) = rendered
    _assert_accessible(html, school)
    assert "7A/En1" in html
    assert "Loud rooms" in html
    assert "Noneed" not in html
    event = AuditEvent.objects.get(action="class_sheet.pdf")
    assert (event.pupil, event.school, event.detail) == (pupil, school, {"groups": [group.pk]})


def test_a_teacher_cannot_print_a_group_they_do_not_teach(client_for, teacher, school):
    group = f.TeachingGroupFactory(school=school, name="8B/Ma2")
    response = client_for(teacher).get(reverse("class_sheet_pdf", args=[school.urn, group.pk]))
    assert response.status_code == 404


def test_another_schools_group_is_404(client_for, senco, school, other_school):
    group = f.TeachingGroupFactory(school=other_school)
    response = client_for(senco).get(reverse("class_sheet_pdf", args=[school.urn, group.pk]))
    assert response.status_code == 404


def test_the_year_batch_has_every_group_of_the_year(client_for, leader, senco, school, rendered):
    for name, year in (("7A/Ma1", 7), ("7B/Ma2", 7), ("8A/Ma1", 8)):
        group = f.TeachingGroupFactory(school=school, name=name, year_group=year)
        group.pupils.add(*f.SenPupilFactory.create_batch(2, school=school))
    response = client_for(leader).get(reverse("class_sheets_year_pdf", args=[school.urn, 7]))
    assert response.content.startswith(b"%PDF")
    (html,) = rendered
    assert "7A/Ma1" in html and "7B/Ma2" in html
    assert "8A/Ma1" not in html
    assert "Class sheets: Year 7" in html
    # Each group starts on its own page.
    document = weasyprint.HTML(string=html, url_fetcher=pdf.PrivatePhotoFetcher()).render()
    assert len(document.pages) == 2
    events = AuditEvent.objects.filter(action="class_sheet.pdf")
    assert events.count() == 4
    assert len({e.pupil_id for e in events}) == 4


def test_a_year_that_does_not_exist_is_404(client_for, senco, school):
    assert (
        client_for(senco).get(reverse("class_sheets_year_pdf", args=[school.urn, 99])).status_code
        == 404
    )


def test_class_sheets_pdf_for_a_benchmark(senco, school):
    group = f.TeachingGroupFactory(school=school, name="9A/Sc1", year_group=9)
    group.pupils.add(*f.SenPupilFactory.create_batch(3, school=school, year_group=9))
    data = pdf.class_sheets_pdf(scope=scope_at(senco, school), year_group=9)
    assert data.startswith(b"%PDF")


def test_the_pdf_fetches_nothing_but_photos():
    fetcher = pdf.PrivatePhotoFetcher()
    with pytest.raises(ValueError):
        fetcher.fetch("https://example.com/font.woff")
    with pytest.raises(ValueError):
        fetcher.fetch("file:///etc/passwd")
    with pytest.raises(ValueError):
        fetcher.fetch("senco-photo:../../etc/passwd")

"""Printed passports, profiles and class sheets: real A4 PDFs with text, audited."""

import io

import pikepdf
import pytest
import weasyprint
from django.urls import reverse

from senco import factories as f
from senco.access import scope_at
from senco.audit.models import AuditEvent
from senco.lib import pdf as lib_pdf
from senco.profiles import pdf
from senco.profiles.selectors import class_sheet_groups
from senco.profiles.tests.conftest import add_photo, save_passport


def spy_on_pdfs(monkeypatch) -> list[str]:
    """The HTML each PDF was drawn from: class sheets as the one document their sections
    make when laid out on one core."""
    pages = []
    html_to_pdf, sections_to_pdf = pdf.html_to_pdf, pdf.sections_to_pdf

    def spy(html):
        pages.append(html)
        return html_to_pdf(html)

    def sections_spy(sections, document):
        pages.append(document("".join(sections)))
        return sections_to_pdf(sections, document)

    monkeypatch.setattr(pdf, "html_to_pdf", spy)
    monkeypatch.setattr(pdf, "sections_to_pdf", sections_spy)
    return pages


@pytest.fixture
def rendered(monkeypatch):
    return spy_on_pdfs(monkeypatch)


def _words(box, words: list[str]) -> list[str]:
    if hasattr(box, "text"):
        words.append(box.text)
    for child in getattr(box, "children", []):
        _words(child, words)
    return words


def pdf_text(html: str) -> str:
    """The text WeasyPrint lays out on the pages, as a reader of the PDF would get it."""
    document = weasyprint.HTML(string=html, url_fetcher=pdf.PrivatePhotoFetcher()).render()
    words = []
    for page in document.pages:
        _words(page._page_box, words)
    return " ".join(words)


def page_footers(html: str) -> list[str]:
    """The page numbers at the foot of each page, as printed."""
    document = weasyprint.HTML(string=html, url_fetcher=pdf.PrivatePhotoFetcher()).render()
    return [
        " ".join(
            word
            for box in page._page_box.children
            if type(box).__name__ == "MarginBox" and box.at_keyword == "@bottom-right"
            for text in _words(box, [])
            for word in text.split()
        )
        for page in document.pages
    ]


def test_a_groups_pages_are_numbered_on_their_own(senco, school):
    long = "Extra time to think before I answer; count to ten in your head. " * 12
    for name in ("9A/Ma1", "9B/Ma2"):
        group = f.TeachingGroupFactory(school=school, name=name, year_group=9)
        for pupil in f.SenPupilFactory.create_batch(4, school=school, year_group=9):
            group.pupils.add(pupil)
            save_passport(pupil, senco, what_helps_me=long)
    scope = scope_at(senco, school)
    html = pdf.class_sheets_html(
        scope=scope, groups=class_sheet_groups(scope=scope, year_group=9), title="Sheets"
    )
    footers = page_footers(html)
    first = [p for p in footers if p.startswith("9A/Ma1")]
    second = [p for p in footers if p.startswith("9B/Ma2")]
    assert len(first) > 1 and len(second) > 1 and len(footers) == len(first) + len(second)
    for pages, title in ((first, "9A/Ma1 (Maths)"), (second, "9B/Ma2 (Maths)")):
        assert pages == [f"{title}: page {n} of {len(pages)}" for n in range(1, len(pages) + 1)]


def test_a_year_with_no_groups_prints_one_page_that_says_so(client_for, senco, school, rendered):
    response = client_for(senco).get(reverse("class_sheets_year_pdf", args=[school.urn, 8]))
    assert response.content.startswith(b"%PDF")
    (html,) = rendered
    assert "There are no teaching groups to print." in pdf_text(html)
    assert page_footers(html) == ["Class sheets: Year 8: page 1 of 1"]


def test_a_year_groups_sheets_laid_out_side_by_side(client_for, senco, school, monkeypatch):
    names = ["9A/Ma1", "9B/Ma2", "9C/Ma3"]
    for name in names:
        group = f.TeachingGroupFactory(school=school, name=name, year_group=9)
        group.pupils.add(*f.SenPupilFactory.create_batch(2, school=school, year_group=9))
    monkeypatch.setattr(lib_pdf, "pdf_processes", lambda sections: 2)
    pages = spy_on_pdfs(monkeypatch)
    response = client_for(senco).get(reverse("class_sheets_year_pdf", args=[school.urn, 9]))
    joined = pikepdf.open(io.BytesIO(response.content))
    assert len(joined.pages) == len(page_footers(pages[0])) == 3
    with joined.open_outline() as outline:
        (title,) = outline.root
        assert str(title.title) == "Class sheets: Year 9"
        assert [str(item.title) for item in title.children] == [f"{n} (Maths)" for n in names]
    assert AuditEvent.objects.filter(action="class_sheet.pdf").count() == 6


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
    # Each group starts on its own page, numbered under its name.
    assert page_footers(html) == ["7A/Ma1 (Maths): page 1 of 1", "7B/Ma2 (Maths): page 1 of 1"]
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

"""The preview shows its rows 100 a page, through real URLs as the SENCO: the counts at the
top cover the whole file, the page and the kind of row come through a form (a bad value is
the first page, never an error), and each pupil of the register shown is audited."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.imports.services import import_batch_create
from senco.imports.tests.helpers import csv_bytes, row, upn
from senco.imports.views import PREVIEW_PAGE_SIZE
from senco.testing import assert_valid_html

ROWS = 250  # three pages: 1-100, 101-200, 201-250


def make_batch(school, senco, rows):
    upload = SimpleUploadedFile("pupils.csv", csv_bytes(rows), content_type="text/csv")
    return import_batch_create(school=school, actor=Actor(senco), upload=upload)


def preview_url(batch):
    return reverse("import_preview", args=[batch.school.urn, batch.pk])


def shown_rows(response) -> list[int]:
    """The file's row numbers in the table of the page, in order."""
    return [
        int(n) for n in re.findall(r'<tr class="govuk-table__row" id="row-(\d+)">', _text(response))
    ]


def _text(response) -> str:
    return response.content.decode()


@pytest.fixture
def big_batch(school, senco):
    return make_batch(school, senco, [row(n) for n in range(1, ROWS + 1)])


def test_a_page_holds_100_rows(big_batch, senco, client_for):
    assert PREVIEW_PAGE_SIZE == 100
    response = client_for(senco).get(preview_url(big_batch))
    assert response.status_code == 200
    assert_valid_html(response)
    content = _text(response)
    # Pupil rows 1 to 100 are the spreadsheet's rows 2 to 101 (row 1 is the headings).
    assert shown_rows(response) == list(range(2, 102))
    assert upn(100) in content and upn(101) not in content
    assert "250 rows, showing 1 to 100." in content
    # The counts cover the whole file, whatever the page.
    assert '<dd class="govuk-summary-list__value" id="count-create">250</dd>' in content
    assert "Import 250 pupils" in content
    assert '<nav class="govuk-pagination" aria-label="Pages of the rows of the file">' in content
    assert f'href="{preview_url(big_batch)}?page=2" rel="next"' in content
    assert 'aria-label="Page 3"' in content


def test_page_two_shows_rows_101_to_200(big_batch, senco, client_for):
    response = client_for(senco).get(preview_url(big_batch), {"page": "2"})
    assert response.status_code == 200
    assert_valid_html(response)
    content = _text(response)
    assert shown_rows(response) == list(range(102, 202))
    for n in range(101, 201):
        assert upn(n) in content
    assert upn(100) not in content and upn(201) not in content
    assert "250 rows, showing 101 to 200." in content
    assert 'aria-current="page">2</a>' in content
    assert f'href="{preview_url(big_batch)}?page=1" rel="prev"' in content
    assert '<dd class="govuk-summary-list__value" id="count-create">250</dd>' in content


def test_the_last_page(big_batch, senco, client_for):
    response = client_for(senco).get(preview_url(big_batch), {"page": "3"})
    assert shown_rows(response) == list(range(202, 252))
    assert 'rel="next"' not in _text(response)


@pytest.mark.parametrize(
    ("value", "first_row"),
    [
        ("abc", 2),
        ("0", 2),
        ("-1", 2),
        ("", 2),
        ("1.5", 2),
        ("2%00", 2),
        ("9" * 40, 2),  # not a page number (PageForm takes up to a million)
        ("4", 202),  # past the end: the last page
    ],
)
def test_a_bad_page_value_is_a_page_not_an_error(big_batch, senco, client_for, value, first_row):
    response = client_for(senco).get(preview_url(big_batch), {"page": value})
    assert response.status_code == 200
    assert_valid_html(response)
    assert shown_rows(response)[0] == first_row
    assert "There is a problem" not in _text(response)


def test_a_bad_kind_of_row_shows_every_row(big_batch, senco, client_for):
    response = client_for(senco).get(preview_url(big_batch), {"show": "<script>", "page": "2"})
    assert response.status_code == 200
    assert shown_rows(response) == list(range(102, 202))
    assert "<script>" not in _text(response)


def test_the_rows_with_problems_are_one_link_away(school, senco, client_for):
    rows = [row(n) for n in range(1, ROWS + 1)]
    rows[149] = row(150, DOB="31/02/2013")
    rows[229] = row(230, Gender="X", Year="Year 99")
    batch = make_batch(school, senco, rows)
    client = client_for(senco)
    first = client.get(preview_url(batch))
    content = _text(first)
    assert '<dd class="govuk-summary-list__value" id="count-bad">2</dd>' in content
    assert "2 rows have problems" in content
    link = f'<a class="govuk-link" href="{preview_url(batch)}?show=problem" id="show-problems">'
    assert link + "Show only the 2 rows with problems</a>" in content
    assert "There is no such date" not in content  # row 151 of the file is on page 2

    problems = client.get(preview_url(batch), {"show": "problem"})
    assert_valid_html(problems)
    content = _text(problems)
    assert shown_rows(problems) == [151, 231]
    assert "2 rows." in content
    assert "31/02/2013" in content and "There is no such date" in content
    assert "Use M or F" in content and "Year 99" in content
    assert 'id="show-problems"' not in content
    assert f'<a class="govuk-link" href="{preview_url(batch)}">Show every row</a>' in content
    # Still the whole file's counts, and the choice to leave the bad rows out.
    assert '<dd class="govuk-summary-list__value" id="count-create">248</dd>' in content
    assert "Import only the 248 good rows and leave out the bad ones" in content


def test_each_kind_of_row_can_be_shown_alone(school, senco, client_for):
    same = f.PupilFactory(school=school, upn=upn(1))
    changed = f.PupilFactory(school=school, upn=upn(2))
    rows = [
        row(
            1,
            **{
                "Legal Surname": same.legal_surname,
                "Legal Forename": same.forename,
                "DOB": same.date_of_birth.strftime("%d/%m/%Y"),
                "Gender": same.sex,
                "Year": str(same.year_group),
                "Reg Group": same.reg_group,
                "PP": "Y" if same.pupil_premium else "N",
                "EAL": "Y" if same.eal else "N",
                "LAC": "Y" if same.looked_after else "N",
                "SEN Status": same.sen_provision,
                "Primary Need": same.primary_need,
                "Secondary Need": same.secondary_need,
            },
        ),
        row(2, **{"Legal Surname": "Changed"}),
        row(3),
    ]
    batch = make_batch(school, senco, rows)
    client = client_for(senco)
    expected = {"unchanged": [2], "update": [3], "create": [4], "problem": []}
    for kind, numbers in expected.items():
        response = client.get(preview_url(batch), {"show": kind})
        assert response.status_code == 200
        assert_valid_html(response)
        assert shown_rows(response) == numbers, kind
    assert "from " + changed.legal_surname + " to Changed" in _text(
        client.get(preview_url(batch), {"show": "update"})
    )
    assert "No rows of the file are of this kind." in _text(
        client.get(preview_url(batch), {"show": "problem"})
    )


def test_only_the_pupils_on_the_page_shown_are_audited(school, senco, client_for):
    on_page_1 = f.PupilFactory(school=school, upn=upn(50))
    on_page_2 = f.PupilFactory(school=school, upn=upn(150))
    batch = make_batch(school, senco, [row(n) for n in range(1, ROWS + 1)])
    client = client_for(senco)

    client.get(preview_url(batch), {"page": "2"})
    events = AuditEvent.objects.filter(action="import.preview")
    assert [e.pupil for e in events] == [on_page_2]
    event = events.get()
    assert (event.user, event.school) == (senco, school)
    assert event.detail["batch"] == batch.pk
    assert event.detail["page"] == 2
    assert event.detail["created"] == ROWS - 2 and event.detail["updated"] == 2

    AuditEvent.objects.all().delete()
    client.get(preview_url(batch))
    assert [e.pupil for e in AuditEvent.objects.filter(action="import.preview")] == [on_page_1]

    # A page with only new pupils on it names nobody, but the look is still recorded.
    AuditEvent.objects.all().delete()
    client.get(preview_url(batch), {"page": "3"})
    event = AuditEvent.objects.get(action="import.preview")
    assert (event.pupil, event.school) == (None, school)


def test_the_page_of_a_refused_import_links_to_the_preview(school, senco, client_for):
    rows = [row(n) for n in range(1, ROWS + 1)]
    rows[0] = row(1, DOB="31/02/2013")
    batch = make_batch(school, senco, rows)
    response = client_for(senco).post(reverse("import_apply", args=[school.urn, batch.pk]))
    assert response.status_code == 200
    assert_valid_html(response)
    content = _text(response)
    assert "Nothing has been imported because 1 row has problems" in content
    assert shown_rows(response) == list(range(2, 102))
    assert f'href="{preview_url(batch)}?page=2" rel="next"' in content


def test_the_preview_does_not_query_by_the_row(
    school, senco, client_for, django_assert_max_num_queries
):
    f.PupilFactory.create_batch(5, school=school)
    for n in (10, 120, 220):
        f.PupilFactory(school=school, upn=upn(n))
    batch = make_batch(school, senco, [row(n) for n in range(1, ROWS + 1)])
    client = client_for(senco)
    client.get(preview_url(batch))  # the session and its first writes
    with django_assert_max_num_queries(20):
        response = client.get(preview_url(batch), {"page": "2"})
    assert response.status_code == 200

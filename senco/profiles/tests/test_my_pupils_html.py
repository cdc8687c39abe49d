"""My pupils' rows, built in Python (senco/profiles/my_pupils_html.py): escaped, with the
photo, the passport's answers (or "-"), line breaks, tags and what teachers should do."""

import datetime
import uuid

from senco.profiles.my_pupils_html import pupil_rows
from senco.profiles.selectors import PassportEssentials, PhotoKey, SendPupil
from senco.registry import TeacherLine, TeacherSection


def _pupil(**changes) -> SendPupil:
    values = {
        "pk": 7,
        "forename": "Zoë <b>",
        "legal_surname": "O'Neil & Co",
        "sen_provision": "K",
        "primary_need": "SLCN",
        "photo": None,
        "passport": PassportEssentials("Short\r\nsteps <i>", "", "Praise"),
        "passport_last_reviewed": datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC),
    }
    values.update(changes)
    return SendPupil(**values)


def test_a_pupils_row_is_escaped_and_keeps_line_breaks():
    html = pupil_rows([_pupil()])
    assert (
        '<a class="govuk-link" href="/pupils/7/passport/">Zoë &lt;b&gt; O&#x27;Neil &amp; Co</a>'
        in html
    )
    assert "SEN support, Speech, language and communication needs" in html
    assert ">Short<br>steps &lt;i&gt;</td>" in html
    assert 'data-label="I find it difficult to">-</td>' in html  # an empty answer
    assert "rowspan" not in html and "<img" not in html and "govuk-tag" not in html


def test_no_passport_and_an_out_of_date_one_are_tagged():
    none = _pupil(passport=None, passport_out_of_date=True)
    old = _pupil(passport_out_of_date=True)
    html = pupil_rows([none, old])
    assert html.count('govuk-tag--orange">No passport</strong>') == 1
    assert html.count('govuk-tag--orange">Out of date</strong>') == 1
    assert html.count('data-label="What helps me">-</td>') == 1


def test_the_photo_is_scaled_to_60_pixels_wide():
    key = uuid.UUID(int=5)
    html = pupil_rows([_pupil(photo=PhotoKey(key, 400, 500))])
    assert f'<img src="/pupils/7/photo.jpg?v={key}" alt="" width="60" height="75"' in html


def test_what_teachers_should_do_is_a_second_row():
    section = TeacherSection(
        "EHC plan, section F", (TeacherLine("Seat <near>\nthe front", "Not in place yet"),)
    )
    html = pupil_rows([_pupil(for_teachers=[section])])
    assert ' rowspan="2"' in html
    assert 'EHC plan, section F<span class="govuk-visually-hidden">, Zoë &lt;b&gt;' in html
    assert "<li>Seat &lt;near&gt;<br>the front <strong" in html
    assert 'govuk-tag--orange">Not in place yet</strong></li>' in html

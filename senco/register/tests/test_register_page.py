import datetime

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.testing import assert_valid_html


def names(response):
    return [p.legal_surname for p in response.context["page"]]


def get(client, school, **params):
    return client.get(reverse("register", args=[school.urn]), params)


def test_it_lists_only_pupils_on_the_register(client_for, senco, school, register_pupils):
    response = get(client_for(senco), school)
    assert sorted(names(response)) == ["Adeyemi", "Murphy", "Nowak"]
    assert_valid_html(response)


def test_show_all_includes_pupils_with_no_sen(client_for, senco, school, register_pupils):
    assert "Smith" in names(get(client_for(senco), school, show_all="on"))


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"provision": "E"}, ["Adeyemi"]),
        ({"primary": "SPLD"}, ["Nowak"]),
        ({"secondary": "SLCN"}, ["Nowak"]),
        ({"area": "CL"}, ["Nowak"]),
        ({"area": "CI"}, ["Adeyemi"]),
        ({"year": "10"}, ["Murphy"]),
        ({"reg": "9K"}, ["Adeyemi"]),
        ({"sex": "F"}, ["Nowak"]),
        ({"pp": "yes"}, ["Adeyemi"]),
        ({"pp": "no"}, ["Murphy", "Nowak"]),
        ({"eal": "yes"}, ["Nowak"]),
        ({"lac": "yes"}, ["Murphy"]),
        ({"q": "nowak"}, ["Nowak"]),
        ({"q": "Łucja"}, ["Nowak"]),
        ({"q": "łucja"}, ["Nowak"]),
        ({"q": "ŁUCJA"}, ["Nowak"]),
        ({"q": "tobi adeyemi"}, ["Adeyemi"]),
    ],
)
def test_it_filters(client_for, senco, school, register_pupils, params, expected):
    assert sorted(names(get(client_for(senco), school, **params))) == expected


def test_it_finds_a_pupil_by_upn(client_for, senco, school, register_pupils):
    upn = register_pupils["lac"].upn
    assert names(get(client_for(senco), school, q=upn.lower())) == ["Murphy"]


@pytest.mark.parametrize(
    ("sort", "direction", "expected"),
    [
        ("name", "asc", ["Adeyemi", "Murphy", "Nowak"]),
        ("name", "desc", ["Nowak", "Murphy", "Adeyemi"]),
        ("year", "asc", ["Nowak", "Adeyemi", "Murphy"]),
        ("year", "desc", ["Murphy", "Adeyemi", "Nowak"]),
        ("provision", "asc", ["Adeyemi", "Murphy", "Nowak"]),
        ("primary", "asc", ["Adeyemi", "Murphy", "Nowak"]),
    ],
)
def test_it_sorts(client_for, senco, school, register_pupils, sort, direction, expected):
    assert names(get(client_for(senco), school, sort=sort, dir=direction)) == expected


def test_a_bad_filter_value_is_ignored_not_an_error(client_for, senco, school, register_pupils):
    response = get(client_for(senco), school, year="banana", sort="nonsense")
    assert response.status_code == 200


def test_it_shows_the_columns(client_for, senco, school, register_pupils):
    content = get(client_for(senco), school).content.decode()
    for heading in [
        "Name",
        "UPN",
        "Year",
        "Reg group",
        "Provision",
        "Primary need",
        "Secondary need",
        "Broad area",
        "Sex",
        "PP",
        "EAL",
        "LAC",
        "On register since",
    ]:
        assert f">{heading}<" in content
    assert "Cognition and learning" in content
    assert register_pupils["support"].upn in content


def test_teacher_sees_only_their_pupils(client_for, teacher, school, pupil, register_pupils):
    assert names(get(client_for(teacher), school, show_all="on")) == [pupil.legal_surname]


def test_viewing_the_register_is_audited(client_for, senco, school, register_pupils):
    get(client_for(senco), school, provision="E")
    # One row for each pupil shown, so that it is in that pupil's own log.
    event = AuditEvent.objects.get(action="register.view")
    assert event.user == senco
    assert event.school == school
    assert event.pupil == register_pupils["ehc"]
    assert event.detail["filters"] == {"provision": "E"}
    assert event.ip_address == "127.0.0.1"


def test_an_empty_register_is_still_audited(client_for, senco, school):
    get(client_for(senco), school, provision="E")
    event = AuditEvent.objects.get(action="register.view")
    assert (event.school, event.pupil) == (school, None)
    assert event.detail["filters"] == {"provision": "E"}


def test_it_lists_pupils_whose_parents_have_not_been_told(
    client_for, senco, school, register_pupils
):
    p = register_pupils["support"]
    p.parents_not_told = True
    p.save()
    client = client_for(senco)
    assert b"1 pupil whose parents have not yet been told" in get(client, school).content
    assert names(get(client, school, not_told="on")) == ["Nowak"]


def test_it_pages_a_long_register(client_for, senco, school):
    f.SenPupilFactory.create_batch(260, school=school)
    client = client_for(senco)
    first = get(client, school)
    assert len(first.context["page"]) == 250
    # Only the rows of the page shown are in the pupils' logs.
    first_ids = {p.pk for p in first.context["page"]}
    views = AuditEvent.objects.filter(action="register.view")
    assert set(views.values_list("pupil_id", flat=True)) == first_ids
    second = get(client, school, page="2")
    assert len(second.context["page"]) == 10
    # A new read of the log (the list pages' rows are moved in as it is made).
    assert AuditEvent.objects.filter(action="register.view").count() == 260


def test_export_is_safe_to_open_in_a_spreadsheet(client_for, senco, school):
    f.SenPupilFactory(
        school=school,
        legal_surname='=HYPERLINK("x")',
        forename="@Bob",
        on_register_since=datetime.date(2025, 1, 6),
    )
    response = client_for(senco).get(reverse("register_export", args=[school.urn]))
    body = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK" in body
    assert "'@Bob" in body
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.filter(action="register.export", user=senco).exists()


def test_the_export_is_in_each_exported_pupils_log(client_for, senco, school, register_pupils):
    client_for(senco).get(reverse("register_export", args=[school.urn]), {"provision": "K"})
    events = AuditEvent.objects.filter(action="register.export", user=senco)
    exported = {p.pk for p in register_pupils.values() if p.sen_provision == "K"}
    assert exported and set(events.values_list("pupil_id", flat=True)) == exported
    assert {e.detail["filters"]["provision"] for e in events} == {"K"}


def test_export_keeps_names_exactly(client_for, senco, school, pupil):
    body = client_for(senco).get(reverse("register_export", args=[school.urn])).content
    assert "O'Brien-Łukasiewicz".encode() in body
    assert "Zoë".encode() in body

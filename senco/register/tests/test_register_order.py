"""The register as people read it: names in English order whatever their accents,
registration groups by number, and the need in either place."""

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.testing import assert_valid_html


@pytest.fixture
def names(school):
    made = {}
    for surname, forename, group in [
        ("Smith", "Ben", "11A"),
        ("Şahin", "Elif", "10K"),
        ("Sanders", "Amy", "7K"),
        ("Łukasiewicz", "Łucja", "10A"),
        ("Lewis", "Tom", "8M"),
        ("Lyons", "Ava", "7K"),
        ("Çelik", "Can", "9C"),
        ("Clarke", "Jo", "10K"),
        ("Cole", "Sam", "RA"),
    ]:
        made[surname] = f.SenPupilFactory(
            school=school, legal_surname=surname, forename=forename, reg_group=group
        )
    return made


def get(client, school, **params):
    return client.get(reverse("register", args=[school.urn]), params)


def surnames(response):
    return [p.legal_surname for p in response.context["page"]]


def test_names_sort_in_english_order(client_for, senco, school, names):
    expected = [
        "Çelik",
        "Clarke",
        "Cole",
        "Lewis",
        "Łukasiewicz",
        "Lyons",
        "Şahin",
        "Sanders",
        "Smith",
    ]
    client = client_for(senco)
    assert surnames(get(client, school)) == expected
    assert surnames(get(client, school, sort="name", dir="desc")) == expected[::-1]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("celik", ["Çelik"]),
        ("Çelik", ["Çelik"]),
        ("ÇELIK", ["Çelik"]),
        ("sahin", ["Şahin"]),
        ("lucja", ["Łukasiewicz"]),
        ("łucja", ["Łukasiewicz"]),
        ("lukasiewicz lucja", ["Łukasiewicz"]),
        ("elif sahin", ["Şahin"]),
    ],
)
def test_search_ignores_accents(client_for, senco, school, names, q, expected):
    assert surnames(get(client_for(senco), school, q=q)) == expected


def test_search_by_a_preferred_name(client_for, senco, school):
    f.SenPupilFactory(school=school, legal_surname="Nowak", forename="Łucja", preferred_name="Łu")
    assert surnames(get(client_for(senco), school, q="lu")) == ["Nowak"]


def test_a_search_of_punctuation_only_finds_nobody_rather_than_everyone(
    client_for, senco, school, names
):
    assert surnames(get(client_for(senco), school, q="-")) == []


def test_registration_groups_are_listed_by_number(client_for, senco, school, names):
    response = get(client_for(senco), school)
    choices = [value for value, _ in response.context["form"].fields["reg"].choices]
    assert choices == ["", "RA", "7K", "8M", "9C", "10A", "10K", "11A"]
    assert_valid_html(response)


def test_sorting_by_registration_group_goes_by_number(client_for, senco, school, names):
    response = get(client_for(senco), school, sort="reg")
    groups = [p.reg_group for p in response.context["page"]]
    assert groups == ["RA", "7K", "7K", "8M", "9C", "10A", "10K", "10K", "11A"]
    # Within a group, by name.
    assert surnames(response)[1:3] == ["Lyons", "Sanders"]


def test_sorting_by_year_goes_by_group_number_within_the_year(client_for, senco, school):
    for group in ["10K", "9B", "10A"]:
        f.SenPupilFactory(school=school, year_group=10, reg_group=group)
    response = get(client_for(senco), school, sort="year")
    assert [p.reg_group for p in response.context["page"]] == ["9B", "10A", "10K"]


@pytest.fixture
def needs(school):
    return {
        "primary": f.SenPupilFactory(
            school=school, legal_surname="Adeyemi", primary_need="ASD", secondary_need=""
        ),
        "secondary": f.SenPupilFactory(
            school=school, legal_surname="Nowak", primary_need="SPLD", secondary_need="ASD"
        ),
        "neither": f.SenPupilFactory(
            school=school, legal_surname="Murphy", primary_need="SEMH", secondary_need="SLCN"
        ),
    }


def test_it_filters_by_a_need_in_either_place(client_for, senco, school, needs):
    client = client_for(senco)
    response = get(client, school, need="ASD")
    assert surnames(response) == ["Adeyemi", "Nowak"]
    # The filter panel is open when the filter is in use, and the filter is in the export.
    content = response.content.decode()
    assert '<details class="govuk-details" open>' in content
    assert "Primary or secondary need" in content
    assert_valid_html(response)
    export = client.get(reverse("register_export", args=[school.urn]), {"need": "ASD"})
    body = export.content.decode("utf-8-sig")
    assert "Adeyemi" in body and "Nowak" in body and "Murphy" not in body
    assert surnames(get(client, school, need="SLCN")) == ["Murphy"]
    assert surnames(get(client, school, need="ASD", primary="SPLD")) == ["Nowak"]


def test_the_need_filter_is_recorded(client_for, senco, school, needs):
    get(client_for(senco), school, need="ASD")
    events = AuditEvent.objects.filter(action="register.view")
    assert {e.pupil.legal_surname for e in events} == {"Adeyemi", "Nowak"}
    assert all(e.detail["filters"] == {"need": "ASD"} for e in events)


def test_a_need_that_is_not_a_code_is_ignored(client_for, senco, school, needs):
    response = get(client_for(senco), school, need="XYZ")
    assert response.status_code == 200

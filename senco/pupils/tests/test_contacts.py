import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.testing import CONTACT_READERS, ROLES, assert_valid_html, role_table

EXPECTED = role_table("contact_list", CONTACT_READERS)


def url(school):
    return reverse("contact_list", args=[school.urn])


@pytest.mark.parametrize("role", ROLES)
def test_each_role(role, cast, client_for, school, pupil):
    response = client_for(cast[role]).get(url(school))
    assert response.status_code == EXPECTED[role]
    if response.status_code == 200:
        assert_valid_html(response)


def test_office_sees_contacts_and_nothing_about_sen(client_for, office, school, pupil):
    response = client_for(office).get(url(school))
    content = response.content.decode()
    assert "Mary O&#x27;Brien" in content
    assert "Zoë" in content
    for sen_word in ("SLCN", "SEN support", "EHC plan", "Speech, language"):
        assert sen_word not in content
    # One row for each pupil shown, in the pupil's own log.
    event = AuditEvent.objects.get(action="contacts.view")
    assert event.user == office
    assert (event.pupil, event.school) == (pupil, school)
    assert event.detail == {"q": ""}


def test_search_by_name_upn_or_group(client_for, office, school, pupil):
    other = f.PupilFactory(school=school, legal_surname="Okafor", reg_group="9K")
    client = client_for(office)

    def names(q):
        return [p.pk for p in client.get(url(school), {"q": q}).context["page"]]

    assert names("okafor") == [other.pk]
    assert names(pupil.upn.lower()) == [pupil.pk]
    assert names("9k") == [other.pk]


def test_other_schools_pupils_are_not_listed(client_for, office, school, other_pupil):
    content = client_for(office).get(url(school)).content
    assert b"Elsewhere" not in content


@pytest.mark.parametrize("n", [5, 40])
def test_queries_do_not_grow(n, client_for, office, school):
    for p in f.PupilFactory.create_batch(n, school=school):
        f.ContactFactory(pupil=p)
        f.ContactFactory(pupil=p, name="Sam Carer", relationship="Carer")
    client = client_for(office)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url(school)).status_code == 200
    # session, user, school with the membership, count, pupils, contacts, audit
    assert len(ctx.captured_queries) == 7


@pytest.fixture
def families(school):
    celik = f.PupilFactory(school=school, legal_surname="Çelik", forename="Can", reg_group="8C")
    f.ContactFactory(pupil=celik, name="Ayşe Çelik", relationship="Mother", phone="07700900123")
    nowak = f.PupilFactory(school=school, legal_surname="Nowak", forename="Łucja", reg_group="7M")
    f.ContactFactory(
        pupil=nowak, name="Piotr Nowak", relationship="Father", phone="+44 7700 900456"
    )
    f.ContactFactory(pupil=nowak, name="Sam Carer", relationship="Carer", phone="")
    return {"celik": celik, "nowak": nowak}


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # The pupil's name, whatever the accents.
        ("celik", ["celik"]),
        ("lucja", ["nowak"]),
        # A parent's or carer's name.
        ("ayse", ["celik"]),
        ("Piotr", ["nowak"]),
        ("sam carer", ["nowak"]),
        ("piotr lucja", ["nowak"]),
        # A phone number, by its digits, however it is written.
        ("07700 900123", ["celik"]),
        ("07700900123", ["celik"]),
        ("(07700) 900-123", ["celik"]),
        ("+44 7700 900123", ["celik"]),
        ("07700 900456", ["nowak"]),
        ("900456", ["nowak"]),
        ("07700 900", ["celik", "nowak"]),
        ("07700 999999", []),
        # A few digits are not a phone number (nor the year of a registration group).
        ("123", []),
        ("7m", ["nowak"]),
    ],
)
def test_search_by_a_parents_name_or_phone_number(
    client_for, office, school, families, q, expected
):
    response = client_for(office).get(url(school), {"q": q})
    assert [p.pk for p in response.context["page"]] == [families[k].pk for k in expected]


def test_another_schools_contacts_do_not_match(client_for, office, school, families, other_pupil):
    f.ContactFactory(pupil=other_pupil, name="Ayşe Elsewhere", phone="07700 900777")
    client = client_for(office)
    assert [p.pk for p in client.get(url(school), {"q": "ayse"}).context["page"]] == [
        families["celik"].pk
    ]
    assert list(client.get(url(school), {"q": "07700 900777"}).context["page"]) == []


def test_pupils_are_listed_in_english_name_order(client_for, office, school, families, pupil):
    page = client_for(office).get(url(school)).context["page"]
    assert [p.legal_surname for p in page] == ["Çelik", "Nowak", "O'Brien-Łukasiewicz"]


@pytest.mark.parametrize("q", ["sam", "07700 900123"])
@pytest.mark.parametrize("n", [5, 40])
def test_searching_queries_do_not_grow(n, q, client_for, office, school):
    for p in f.PupilFactory.create_batch(n, school=school, forename="Sam"):
        f.ContactFactory(pupil=p, phone="07700 900123")
        f.ContactFactory(pupil=p, name="Sam Carer", relationship="Carer")
    client = client_for(office)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url(school), {"q": q})
    assert response.context["page"].paginator.count == n
    # session, user, school with the membership, count, pupils, contacts, audit
    assert len(ctx.captured_queries) == 7

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
    event = AuditEvent.objects.get(action="contacts.view")
    assert event.user == office
    assert event.detail["pupils"] == [pupil.pk]


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
    # session, user, school, membership, count, pupils, contacts, audit, session save (3)
    assert len(ctx.captured_queries) == 11

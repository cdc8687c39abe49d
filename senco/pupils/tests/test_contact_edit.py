"""Contacts added, corrected and removed by hand, and their rules shown wherever a contact
appears (issue 12, item 1)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco import factories as f
from senco.audit.models import AuditEvent
from senco.pupils.contact_services import RESTRICTION_REASON_MISSING
from senco.pupils.models import Contact, Pupil
from senco.pupils.selectors import contacts_to_tell
from senco.testing import ROLES, answers, assert_valid_html, role_tables

# The office and the SENCO change contacts; leaders read them on the contacts page only.
CONTACT_EDITORS_PAGE = answers(403, senco=200, office=200, parent=404, outsider=404)
CONTACT_EDITORS_ACTION = answers(403, senco=302, office=302, parent=404, outsider=404)

PAGES = role_tables(
    {
        "contact_add": CONTACT_EDITORS_PAGE,
        "contact_change": CONTACT_EDITORS_PAGE,
        "contact_remove": CONTACT_EDITORS_PAGE,
    }
)
ACTIONS = role_tables(
    {
        "contact_add": CONTACT_EDITORS_ACTION,
        "contact_change": CONTACT_EDITORS_ACTION,
        "contact_remove": CONTACT_EDITORS_ACTION,
    },
    method="POST",
)


@pytest.fixture
def mother(pupil):
    return pupil.contacts.get()


def valid(**changes) -> dict:
    data = {
        "name": "Ana Silva",
        "relationship": "Aunt",
        "parental_responsibility": "",
        "priority": "2",
        "phone": "07700 900321",
        "email": "ana.silva@example.com",
        "language": "Portuguese",
        "interpreter": "on",
        "restriction_note": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def urls(school, pupil, contact) -> dict[str, str]:
    return {
        "contact_add": reverse("contact_add", args=[school.urn, pupil.pk]),
        "contact_change": reverse("contact_change", args=[school.urn, contact.pk]),
        "contact_remove": reverse("contact_remove", args=[school.urn, contact.pk]),
    }


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_opens_the_pages(role, name, cast, client_for, school, pupil, mother):
    response = client_for(cast[role]).get(urls(school, pupil, mother)[name])
    assert response.status_code == PAGES[name][role]
    if response.status_code == 200:
        assert_valid_html(response)


@pytest.mark.parametrize("name", sorted(ACTIONS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_posts(role, name, cast, client_for, school, pupil, mother):
    data = valid() if name != "contact_remove" else {"version": mother.version}
    response = client_for(cast[role]).post(urls(school, pupil, mother)[name], data)
    assert response.status_code == ACTIONS[name][role]
    changed = response.status_code == 302
    if name == "contact_add":
        assert pupil.contacts.filter(name="Ana Silva").exists() == changed
    elif name == "contact_change":
        assert Contact.objects.get(pk=mother.pk).name == ("Ana Silva" if changed else mother.name)
    else:
        assert Contact.objects.filter(pk=mother.pk).exists() == (not changed)


def test_office_adds_a_contact_and_returns_to_the_search(client_for, office, school, pupil):
    response = client_for(office).post(reverse("contact_add", args=[school.urn, pupil.pk]), valid())
    assert response.url == f"{reverse('contact_list', args=[school.urn])}?q={pupil.upn}"
    ana = pupil.contacts.get(name="Ana Silva")
    assert (ana.relationship, ana.priority, ana.language, ana.interpreter) == (
        "Aunt",
        2,
        "Portuguese",
        True,
    )
    assert ana.parental_responsibility is False
    assert ana.version == 1
    event = AuditEvent.objects.get(action="contact.add")
    assert (event.user, event.pupil, event.school) == (office, pupil, school)
    assert event.detail["contact_id"] == ana.pk


def test_senco_changes_a_contact_from_the_pupil_page(client_for, senco, school, pupil, mother):
    client = client_for(senco)
    page = client.get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
    change = reverse("contact_change", args=[school.urn, mother.pk])
    assert f'href="{change}"' in page
    assert f'href="{reverse("contact_add", args=[school.urn, pupil.pk])}"' in page
    form = client.get(change)
    assert form.context["form"]["version"].value() == "1"
    assert AuditEvent.objects.filter(action="contact.form.view", pupil=pupil).count() == 1
    response = client.post(change, valid(name="Mary O'Brien", version="1"))
    assert response.url == reverse("pupil_detail", args=[pupil.pk])
    mother.refresh_from_db()
    assert (mother.relationship, mother.version) == ("Aunt", 2)
    event = AuditEvent.objects.get(action="contact.save")
    assert event.pupil == pupil
    assert "relationship" in event.detail["changed"] and "name" not in event.detail["changed"]


def test_leader_and_teacher_are_not_offered_changes(client_for, leader, teacher, school, pupil):
    add = reverse("contact_add", args=[school.urn, pupil.pk])
    for user in (leader, teacher):
        page = client_for(user).get(reverse("pupil_detail", args=[pupil.pk])).content.decode()
        assert "Mary O&#x27;Brien" in page
        assert add not in page
    listing = client_for(leader).get(reverse("contact_list", args=[school.urn])).content.decode()
    assert add not in listing


def test_bad_email_is_refused_and_named(client_for, office, school, pupil):
    response = client_for(office).post(
        reverse("contact_add", args=[school.urn, pupil.pk]), valid(email="ana.silva@")
    )
    assert response.status_code == 200
    assert_valid_html(response)
    message = "Enter an email address in the correct format, like name@example.com"
    assert response.context["form"].errors["email"] == [message]
    assert 'href="#id_email"' in response.content.decode()
    assert not pupil.contacts.filter(name="Ana Silva").exists()
    assert not AuditEvent.objects.filter(action="contact.add").exists()


@pytest.mark.parametrize("rule", ["no_contact", "no_information"])
def test_a_rule_needs_its_reason(rule, client_for, office, school, pupil):
    url = reverse("contact_add", args=[school.urn, pupil.pk])
    response = client_for(office).post(url, valid(**{rule: "on"}))
    assert response.status_code == 200
    assert response.context["form"].errors["restriction_note"] == [RESTRICTION_REASON_MISSING]
    assert 'href="#id_restriction_note"' in response.content.decode()
    response = client_for(office).post(
        url, valid(**{rule: "on", "restriction_note": "Court order, 3 March 2026"})
    )
    assert response.status_code == 302
    ana = pupil.contacts.get(name="Ana Silva")
    assert getattr(ana, rule) is True
    assert ana.restriction_note == "Court order, 3 March 2026"


def test_a_stale_save_is_refused_and_shows_both(client_for, senco, office, school, mother):
    url = reverse("contact_change", args=[school.urn, mother.pk])
    # The office saves first; the SENCO's form was opened at version 1.
    assert client_for(office).post(url, valid(name="Mary O'Brien", version="1")).status_code == 302
    response = client_for(senco).post(
        url, valid(name="Mary O'Brien", relationship="Grandmother", version="1")
    )
    assert response.status_code == 200
    assert_valid_html(response)
    mother.refresh_from_db()
    assert (mother.relationship, mother.version) == ("Aunt", 2)
    form = response.context["form"]
    assert form["version"].value() == "2"
    rows = {row["name"]: row for row in form.stale_rows}
    assert rows["relationship"]["theirs"] == "Aunt"
    assert rows["relationship"]["yours"] == "Grandmother"
    assert "Someone else changed this since you opened it" in response.content.decode()
    # Saved again from the version now shown, it works.
    again = client_for(senco).post(
        url, valid(name="Mary O'Brien", relationship="Grandmother", version="2")
    )
    assert again.status_code == 302
    mother.refresh_from_db()
    assert (mother.relationship, mother.version) == ("Grandmother", 3)


def test_remove_asks_first_and_refuses_a_stale_removal(client_for, office, school, pupil, mother):
    client = client_for(office)
    url = reverse("contact_remove", args=[school.urn, mother.pk])
    page = client.get(url)
    assert "Are you sure you want to remove Mary O&#x27;Brien" in page.content.decode()
    assert Contact.objects.filter(pk=mother.pk).exists()
    client.post(
        reverse("contact_change", args=[school.urn, mother.pk]),
        valid(name="Mary O'Brien", version="1"),
    )
    stale = client.post(url, {"version": "1"})
    assert stale.status_code == 200
    assert Contact.objects.filter(pk=mother.pk).exists()
    assert client.post(url, {"version": "2"}).status_code == 302
    assert not Contact.objects.filter(pk=mother.pk).exists()
    event = AuditEvent.objects.get(action="contact.remove")
    assert (event.user, event.pupil, event.detail["contact_id"]) == (office, pupil, mother.pk)


def test_another_schools_pupil_or_contact_is_not_found(client_for, office, school, other_pupil):
    theirs = f.ContactFactory(pupil=other_pupil, name="Elsewhere Parent")
    client = client_for(office)
    for url in (
        reverse("contact_add", args=[school.urn, other_pupil.pk]),
        reverse("contact_change", args=[school.urn, theirs.pk]),
        reverse("contact_remove", args=[school.urn, theirs.pk]),
        reverse("contact_change", args=[school.urn, 999999]),
    ):
        assert client.get(url).status_code == 404
        assert client.post(url, valid(version="1")).status_code == 404
    theirs.refresh_from_db()
    assert theirs.name == "Elsewhere Parent"
    assert other_pupil.contacts.count() == 1


@pytest.fixture
def barred(pupil):
    return f.ContactFactory(
        pupil=pupil,
        name="Dan Barred",
        relationship="Father",
        priority=3,
        phone="07700 900999",
        email="dan@example.com",
        no_contact=True,
        restriction_note="Court order, 3 March 2026",
    )


@pytest.fixture
def untold(pupil):
    return f.ContactFactory(
        pupil=pupil,
        name="Lee Untold",
        relationship="Stepfather",
        priority=4,
        phone="07700 900888",
        email="lee@example.com",
        no_information=True,
        restriction_note="Safeguarding lead's decision",
    )


@pytest.mark.parametrize("where", ["pupil_page", "contact_list"])
def test_rules_are_shown_and_calls_not_offered(
    where, client_for, senco, school, pupil, barred, untold
):
    if where == "pupil_page":
        url = reverse("pupil_detail", args=[pupil.pk])
    else:
        url = reverse("contact_list", args=[school.urn])
    response = client_for(senco).get(url)
    assert_valid_html(response)
    content = response.content.decode()
    assert '<strong class="govuk-tag govuk-tag--red">Do not contact</strong>' in content
    assert '<strong class="govuk-tag govuk-tag--red">Do not give information</strong>' in content
    assert "Why: Court order, 3 March 2026" in content
    assert "Why: Safeguarding lead&#x27;s decision" in content
    # The number of someone who must not be contacted is there to read, not to call.
    assert "07700 900999" in content
    assert 'href="tel:07700900999"' not in content
    assert 'href="mailto:dan@example.com"' not in content
    # Someone who must not be told may still be called (to arrange a collection, say).
    assert 'href="tel:07700900888"' in content


def test_contacts_to_tell(school, pupil, mother, barred, untold):
    mother.email = "mary@example.com"
    mother.save()
    gran = f.ContactFactory(pupil=pupil, name="Gran", priority=2, email="gran@example.com")
    f.ContactFactory(pupil=pupil, name="No Email", priority=1, email="")
    lonely = f.PupilFactory(school=school)
    other = f.PupilFactory(school=school)
    f.ContactFactory(pupil=other, name="Other Parent", email="other@example.com")
    with CaptureQueriesContext(connection) as ctx:
        told = contacts_to_tell([pupil, lonely.pk])
    assert len(ctx.captured_queries) == 1
    assert told == {pupil.pk: [mother, gran], lonely.pk: []}
    with CaptureQueriesContext(connection) as ctx:
        told = contacts_to_tell(Pupil.objects.filter(school=school))
    assert len(ctx.captured_queries) == 1
    assert [c.name for c in told[pupil.pk]] == ["Mary O'Brien", "Gran"]
    assert [c.name for c in told[other.pk]] == ["Other Parent"]
    assert lonely.pk not in told


@pytest.mark.parametrize("n", [5, 30])
def test_contact_list_with_links_does_not_grow(n, client_for, senco, school):
    for p in f.PupilFactory.create_batch(n, school=school):
        f.ContactFactory(pupil=p, phone="07700 900123", no_contact=True, restriction_note="X")
        f.ContactFactory(pupil=p, name="Sam Carer", relationship="Carer")
    client = client_for(senco)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("contact_list", args=[school.urn]))
    assert response.status_code == 200
    assert response.content.decode().count(">Add a contact<") == n
    assert len(ctx.captured_queries) == 7  # as test_contacts.py's list

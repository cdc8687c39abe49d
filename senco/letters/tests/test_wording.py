"""The school's wording of each letter, and the tiny safe syntax that fills it."""

from django.urls import reverse

from senco.letters import wording
from senco.letters.models import Kind, Wording
from senco.letters.tests.helpers import send_one
from senco.testing import assert_valid_html


def _url(school, kind=Kind.JOINED_REGISTER):
    return reverse("letters_wording_change", args=[school.urn, kind])


def test_fill_replaces_known_names_only():
    text = "Dear {contact_name}, {child_name.__class__} {unknown} {{child_name}} {}"
    filled = wording.fill(text, {"contact_name": "Mary", "child_name": "Zoë"})
    assert filled == "Dear Mary, {child_name.__class__} {unknown} {Zoë} {}"


def test_every_default_uses_only_its_own_placeholders():
    for kind, default in wording.DEFAULTS.items():
        assert wording.unknown_placeholders(kind, default.subject, default.body) == []


def test_the_list_and_the_form_show_the_placeholders(client_for, senco, school):
    client = client_for(senco)
    page = client.get(reverse("letters_wording", args=[school.urn]))
    assert_valid_html(page)
    assert b"senco's default" in page.content
    form = client.get(_url(school, Kind.REVIEW_DAY))
    assert_valid_html(form)
    assert b"{how_to_book}" in form.content


def test_saved_wording_is_used_for_the_next_letter(client_for, senco, school, pupil):
    client = client_for(senco)
    data = {
        "subject": "News about {child_first_name}",
        "body": "Hello {contact_name}",
        "version": "0",
    }
    assert client.post(_url(school), data).status_code == 302
    saved = Wording.objects.get(school=school, kind=Kind.JOINED_REGISTER)
    assert saved.version == 1 and saved.updated_by == senco
    response = send_one(client, pupil, pupil.contacts.get(), channel="letter", step="preview")
    assert "News about Zoë" in response.content.decode()
    assert "Hello Mary O&#x27;Brien" in response.content.decode()


def test_an_unknown_placeholder_is_refused_by_name(client_for, senco, school):
    data = {"subject": "About {childname}", "body": "Dear {contact_name} {date}", "version": "0"}
    response = client_for(senco).post(_url(school), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "{childname} is not a placeholder: use one of {child_first_name}" in html
    # {date} belongs to the review invitation, not to this letter.
    assert "{date} is not a placeholder" in html
    assert not Wording.objects.exists()


def test_a_save_from_an_older_version_is_refused_and_loses_nothing(client_for, senco, school):
    client = client_for(senco)
    client.post(_url(school), {"subject": "First", "body": "One", "version": "0"})
    response = client.post(_url(school), {"subject": "Second", "body": "Two", "version": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Someone else changed this since you opened it" in html
    assert "Second" in html  # what was typed is kept
    assert Wording.objects.get().subject == "First"
    # Saved again once seen, it goes through.
    response = client.post(_url(school), {"subject": "Second", "body": "Two", "version": "1"})
    assert response.status_code == 302
    assert Wording.objects.get().subject == "Second"


def test_an_empty_wording_names_each_field(client_for, senco, school):
    response = client_for(senco).post(_url(school), {"subject": "", "body": "", "version": "0"})
    html = response.content.decode()
    assert "Enter the subject of the letter" in html
    assert "Enter the text of the letter" in html


def test_an_unknown_kind_is_not_found(client_for, senco, school):
    response = client_for(senco).get(_url(school, "birthday"))
    assert response.status_code == 404

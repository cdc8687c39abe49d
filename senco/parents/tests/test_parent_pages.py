"""A parent's own pages: who gets what, another family's child is the same 404 as no child
at all, a contact flagged must not be told loses access at once, every read is audited,
and nothing of another contact or staff-only is shown."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.families.models import Kind, Meeting
from senco.parents.models import MeetingRequest, ParentViews
from senco.testing import ROLES, answers, assert_valid_html, role_tables

PARENT_ONLY = answers(404, parent=200)
PARENT_ONLY_ACTION = answers(404, parent=302)

GETS = role_tables(
    {
        "parent_home": PARENT_ONLY,
        "parent_child": PARENT_ONLY,
        "parent_views_add": PARENT_ONLY,
        "parent_meeting_ask": PARENT_ONLY,
    }
)
POSTS = role_tables(
    {"parent_views_add": PARENT_ONLY_ACTION, "parent_meeting_ask": PARENT_ONLY_ACTION},
    method="POST",
)
CHILD_PAGES = ["parent_child", "parent_views_add", "parent_meeting_ask"]
DATA = {
    "parent_views_add": {"going_well": "She loves Lego club.", "worries": "", "hopes": ""},
    "parent_meeting_ask": {"about": "Her homework", "when": "Phone after 3pm"},
}


def _plain(response, pk) -> str:
    """The page without its CSRF token and the address asked for."""
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())
    return text.replace(response.wsgi_request.path, "")


def _url(name, pupil):
    return reverse(name) if name == "parent_home" else reverse(name, args=[pupil.pk])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, parent_link, client_for, pupil):
    response = client_for(cast[role]).get(_url(name, pupil))
    assert response.status_code == GETS[name][role]
    assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content


@pytest.mark.parametrize("name", sorted(POSTS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_posts_with_the_right_answer(name, role, cast, parent_link, client_for, pupil):
    response = client_for(cast[role]).post(_url(name, pupil), DATA[name])
    assert response.status_code == POSTS[name][role]
    saved = (ParentViews if name == "parent_views_add" else MeetingRequest).objects.filter(
        pupil=pupil
    )
    assert saved.exists() == (role == "parent")


@pytest.mark.parametrize("name", CHILD_PAGES)
def test_another_familys_child_is_the_same_404_as_no_child(
    name, parent, other_parent, parent_link, client_for, pupil
):
    mine = client_for(parent)
    other = parent_link["other_pupil"]
    assert mine.get(_url(name, pupil)).status_code == 200
    theirs = mine.get(_url(name, other))
    missing = mine.get(reverse(name, args=[other.pk + 1000]))
    assert theirs.status_code == missing.status_code == 404
    assert _plain(theirs, other.pk) == _plain(missing, other.pk + 1000)
    assert b"Ben" not in theirs.content
    # The other parent, the other way round.
    assert client_for(other_parent).get(_url(name, pupil)).status_code == 404
    assert client_for(other_parent).get(_url(name, other)).status_code == 200
    # A POST too.
    if name in DATA:
        assert mine.post(_url(name, other), DATA[name]).status_code == 404
        assert not ParentViews.objects.filter(pupil=other).exists()
        assert not MeetingRequest.objects.filter(pupil=other).exists()


@pytest.mark.parametrize("name", ["parent_home", *CHILD_PAGES])
def test_signed_out_people_are_sent_to_sign_in(name, parent_link, pupil):
    response = Client().get(_url(name, pupil))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("flag", ["no_contact", "no_information"])
@pytest.mark.parametrize("name", ["parent_home", *CHILD_PAGES])
def test_a_flagged_contact_loses_access_at_once(name, flag, parent, parent_link, client_for, pupil):
    client = client_for(parent)
    assert client.get(_url(name, pupil)).status_code == 200
    contact = parent_link["contact"]
    setattr(contact, flag, True)
    contact.restriction_note = "Court order, 3 March 2026"
    contact.save()
    # The same session: nothing is remembered from before.
    assert client.get(_url(name, pupil)).status_code == 404


def test_a_stopped_link_gives_nothing(parent, parent_link, client_for, pupil):
    from senco.accounts.models import ParentLink

    ParentLink.objects.filter(user=parent).update(is_active=False)
    for name in ["parent_home", *CHILD_PAGES]:
        assert client_for(parent).get(_url(name, pupil)).status_code == 404


def test_every_read_is_audited(parent, parent_link, client_for, pupil):
    client = client_for(parent)
    for name, action in (
        ("parent_home", "parents.home.view"),
        ("parent_child", "parents.child.view"),
        ("parent_views_add", "parents.views.form"),
        ("parent_meeting_ask", "parents.ask.form"),
    ):
        client.get(_url(name, pupil))
        assert AuditEvent.objects.filter(pupil=pupil, user=parent, action=action).exists(), name
    other = parent_link["other_pupil"]
    client.get(_url("parent_child", other))
    refused = AuditEvent.objects.get(user=parent, action="pupil.denied")
    assert refused.pupil_id is None and refused.detail["requested_pupil"] == other.pk


def test_the_child_page_shows_only_what_the_family_may_read(
    parent, senco, parent_link, client_for, pupil
):
    contact = parent_link["contact"]
    father = f.ContactFactory(
        pupil=pupil,
        name="Frank Secret",
        relationship="Father",
        phone="07700 900123",
        no_contact=True,
        restriction_note="Court order about Frank",
    )
    meeting = Meeting.objects.create(
        school=pupil.school,
        pupil=pupil,
        kind=Kind.INFORMAL,
        held_on="2026-01-05",
        others="Dr Hidden (educational psychologist)",
        agreed="Agreed things",
        recorded_by=senco,
    )
    meeting.contacts.set([contact])
    ParentViews.objects.create(pupil=pupil, contact=father, going_well="Father's private views")
    ParentViews.objects.create(pupil=pupil, contact=contact, going_well="Mother's views")
    MeetingRequest.objects.create(
        pupil=pupil,
        contact=contact,
        about="Homework",
        status=MeetingRequest.Status.ARRANGED,
        answer="Tuesday at 4pm in room 4",
    )
    response = client_for(parent).get(_url("parent_child", pupil))
    assert response.status_code == 200
    assert_valid_html(response)
    body = response.content.decode()
    for secret in (
        "Frank Secret",
        "07700 900123",
        "Court order about Frank",
        "Father's private views",
        "Dr Hidden",
    ):
        assert secret not in body, secret
    assert "Mother&#x27;s views" in body or "Mother's views" in body
    assert "Tuesday at 4pm in room 4" in body
    assert "Tell us your views before the review" in body and "Ask for a meeting" in body


def test_views_need_one_box_filled(parent, parent_link, client_for, pupil):
    response = client_for(parent).post(
        _url("parent_views_add", pupil), {"going_well": " ", "worries": "", "hopes": ""}
    )
    assert response.status_code == 200
    assert_valid_html(response)
    assert (
        b"Write what is going well, what worries you or what you would like to happen next"
        in response.content
    )
    assert not ParentViews.objects.exists()


def test_views_and_requests_are_saved_with_the_contact(parent, parent_link, client_for, pupil):
    client = client_for(parent)
    response = client.post(_url("parent_views_add", pupil), DATA["parent_views_add"], follow=True)
    assert b"Your views have been sent" in response.content
    views = ParentViews.objects.get(pupil=pupil)
    assert (views.contact, views.written_by) == (parent_link["contact"], parent)
    response = client.post(_url("parent_meeting_ask", pupil), {"about": "", "when": ""})
    assert b"Enter what you would like to talk about" in response.content
    client.post(_url("parent_meeting_ask", pupil), DATA["parent_meeting_ask"])
    asked = MeetingRequest.objects.get(pupil=pupil)
    assert (asked.contact, asked.asked_by, asked.when) == (
        parent_link["contact"],
        parent,
        "Phone after 3pm",
    )
    assert AuditEvent.objects.filter(pupil=pupil, action="parents.ask", user=parent).exists()


def test_a_parent_lands_on_their_children_and_never_on_school_pages(
    parent, parent_link, client_for, pupil, school
):
    client = client_for(parent)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == reverse("parent_home")
    home = client.get(reverse("parent_home"))
    assert_valid_html(home)
    assert b"Your children" in home.content
    assert pupil.forename.encode() in home.content and b"Ben" not in home.content
    for name, args in (
        ("register", [school.urn]),
        ("contact_list", [school.urn]),
        ("pupil_detail", [pupil.pk]),
        ("parent_invite", [school.urn, parent_link["contact"].pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_a_parent_of_two_children_sees_both(parent, parent_link, client_for, school):
    from senco.accounts.models import ParentLink

    second = f.SenPupilFactory(school=school, legal_surname="Brother", forename="Sami")
    ParentLink.objects.create(
        user=parent, contact=f.ContactFactory(pupil=second, name="Mary O'Brien")
    )
    response = client_for(parent).get(reverse("parent_home"))
    assert b"Sami" in response.content and b"Zo" in response.content


def test_the_home_page_queries_do_not_grow_with_children(
    parent, parent_link, client_for, school, django_assert_max_num_queries
):
    from senco.accounts.models import ParentLink

    client = client_for(parent)
    client.get(reverse("parent_home"))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("parent_home"))
    for n in range(4):
        child = f.SenPupilFactory(school=school, legal_surname=f"Sibling{n}", forename="Kit")
        ParentLink.objects.create(user=parent, contact=f.ContactFactory(pupil=child))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("parent_home"))


def test_actor_is_the_parent(parent, parent_link, pupil):
    from senco.parents import services

    views = services.views_add(
        actor=Actor(parent), pupil=pupil, contacts=[parent_link["contact"]], hopes="More reading"
    )
    assert views.contact == parent_link["contact"]


def test_a_parent_has_their_own_account_page(parent, parent_link, client_for):
    response = client_for(parent).get(reverse("account"))
    assert response.status_code == 200
    assert_valid_html(response)

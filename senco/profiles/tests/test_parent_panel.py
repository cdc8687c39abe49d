"""The passport and one-page profile on a parent's page about their own child."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from senco import factories as f
from senco.audit.actor import Actor
from senco.profiles.parent_panel import passport_panel
from senco.profiles.services import passport_save
from senco.profiles.tests.conftest import save_passport
from senco.testing import assert_valid_html
from senco.tests.parent_panels import (
    assert_valid_panel,
    link_parent,
    panel_context,
    render_panel,
)

TEMPLATE = "profiles/parent/_passport.html"
STAFF_ONLY = "STAFF-ONLY-9f3a: medical room note"


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def contacts(parent, pupil):
    return [link_parent(parent, pupil)]


def _write(pupil, by, **extra):
    texts = {
        "i_enjoy": "Lego and swimming",
        "what_helps_me": "A visual timetable",
        "find_difficult": "Loud rooms",
        "my_targets": "Read a chapter book",
        "additional_information": STAFF_ONLY,
        "liked_and_admired": "Kind to younger children",
        "important_to_me": "My dog Biscuit",
        "how_to_support_me": "Give me time to answer",
        "in_my_own_words": "I like it when it is quiet",
    }
    texts.update(extra)
    return save_passport(pupil, by, **texts)


def test_the_panel_shows_the_passport_and_profile_as_last_saved(
    senco, pupil, contacts, today, django_assert_max_num_queries
):
    _write(pupil, senco, i_enjoy="Drawing")
    _write(pupil, senco, i_enjoy="Lego and swimming")
    with django_assert_max_num_queries(1):
        context = passport_panel(pupil, contacts, today)
    assert context["updated_on"] == today
    labels = {s["label"]: s["text"] for s in context["passport"]}
    assert labels["I enjoy"] == "Lego and swimming"
    assert labels["What helps me"] == "A visual timetable"
    assert "I communicate by" not in labels  # not written: left out, not "Not written yet"
    html = render_panel(TEMPLATE, context)
    assert_valid_panel(html)
    for text in (
        "Lego and swimming",
        "A visual timetable",
        "Loud rooms",
        "Read a chapter book",
        "Kind to younger children",
        "My dog Biscuit",
        "Give me time to answer",
        "I like it when it is quiet",
        "One-page profile",
        "Pupil passport",
        today.strftime("%-d %B %Y"),
    ):
        assert text in html
    assert "Drawing" not in html
    assert "<h2" in html


def test_the_registry_gives_the_panel_in_its_place(senco, pupil, contacts, today):
    _write(pupil, senco)
    assert panel_context(TEMPLATE, pupil, contacts, today)["passport"]


def test_nothing_for_a_pupil_with_no_passport(pupil, contacts, today):
    assert passport_panel(pupil, contacts, today) is None
    assert panel_context(TEMPLATE, pupil, contacts, today) is None


def test_nothing_for_a_passport_with_nothing_a_family_sees(senco, pupil, contacts, today):
    save_passport(pupil, senco, additional_information=STAFF_ONLY)
    assert passport_panel(pupil, contacts, today) is None


def test_staff_only_text_never_reaches_the_family(senco, pupil, contacts, today):
    _write(pupil, senco)
    html = render_panel(TEMPLATE, passport_panel(pupil, contacts, today))
    assert "STAFF-ONLY-9f3a" not in html
    assert "Additional information" not in html


def test_another_pupils_passport_is_not_shown(senco, school, pupil, contacts, today):
    other = f.SenPupilFactory(school=school, legal_surname="Other", forename="Olive")
    _write(other, senco, i_enjoy="OTHER-CHILD-7c1e enjoys chess")
    assert passport_panel(pupil, contacts, today) is None
    _write(pupil, senco)
    html = render_panel(TEMPLATE, passport_panel(pupil, contacts, today))
    assert "OTHER-CHILD-7c1e" not in html
    assert "Olive" not in html


def test_the_date_is_the_last_save(senco, pupil, contacts, today):
    version = _write(pupil, senco)
    earlier = timezone.now() - datetime.timedelta(days=40)
    type(version).objects.filter(pk=version.pk).update(saved_at=earlier)
    assert passport_panel(pupil, contacts, today)["updated_on"] == timezone.localdate(earlier)


def test_what_the_pupil_wrote_is_marked_as_theirs(senco, pupil, contacts, today):
    passport_save(
        actor=Actor(senco),
        pupil=pupil,
        texts={"i_enjoy": "Football"},
        pupil_wrote={"i_enjoy"},
        reviewed=False,
    )
    html = render_panel(TEMPLATE, passport_panel(pupil, contacts, today))
    assert "own words" in html
    assert "&ldquo;Football&rdquo;" in html or "“Football”" in html


def test_the_parent_reads_it_on_their_childs_page(senco, parent, pupil, contacts, client_for):
    _write(pupil, senco)
    response = client_for(parent).get(reverse("parent_child", args=[pupil.pk]))
    assert response.status_code == 200
    assert_valid_html(response)
    html = response.content.decode()
    assert 'id="parent-passport"' in html
    assert "Lego and swimming" in html
    assert "STAFF-ONLY-9f3a" not in html

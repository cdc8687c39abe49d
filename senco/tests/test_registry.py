"""senco/registry.py: what each app adds to the shared pages, read from one list."""

import datetime
import re

import pytest
from django.urls import reverse

from senco import registry
from senco.access import school_scope
from senco.audit.actor import Actor
from senco.plans import services as plans_services
from senco.testing import ROLES, SENCO_ONLY_SCHOOL_PAGE, assert_valid_html, role_table

MENUS = {
    "senco": ["Register", "My pupils", "EHC plans", "Provision", "School settings"],
    "leader": ["Register", "My pupils", "Contacts", "EHC plans", "Summary"],
    "teacher": ["Register", "My pupils", "My groups", "Calendar"],
    "ta": ["Register", "My pupils", "My groups", "Calendar"],
    "office": ["Contacts"],
    "governor": ["Summary"],
    "trust_lead": ["Summary"],
}


@pytest.mark.parametrize("role", sorted(MENUS))
def test_each_role_sees_its_menu(role, cast, school):
    scope = school_scope(cast[role], school.urn)
    assert [item.label for item in registry.menu_for(scope)] == MENUS[role]
    # With Home, no role's menu holds more than six entries.
    assert len(MENUS[role]) + 1 <= 6


def test_the_page_shows_the_menu_the_registry_gives(client_for, cast, school):
    content = client_for(cast["office"]).get(reverse("contact_list", args=[school.urn]))
    html = content.content.decode()
    assert reverse("contact_list", args=[school.urn]) in html
    assert reverse("register", args=[school.urn]) not in html


def test_no_menu_without_a_school():
    assert registry.menu_for(None) == []


def test_every_app_declares_what_it_adds():
    apps = {c.app for c in registry.capabilities()}
    assert {"plans", "profiles", "imports", "register", "pupils", "accounts", "schools"} <= apps


def test_an_app_registered_twice_is_refused():
    with pytest.raises(ValueError, match="registered twice"):
        registry.register(registry.Capability(app="plans"))


def test_pupil_panels_come_in_order(client_for, senco, pupil):
    response = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    html = response.content.decode()
    order = ["passport-panel", "plans-panel", "supporters-heading", "register-history"]
    found = [html.find(marker) for marker in order if marker in html]
    assert found == sorted(found)
    assert html.index('id="passport-panel"') < html.index('id="plans-panel"')


def test_review_dates_are_dated_events(senco, pupil, school):
    cycle = plans_services.cycle_start(actor=Actor(senco), pupil=pupil)
    scope = school_scope(senco, school.urn)
    events = registry.events_for(scope, cycle.review_date, cycle.review_date)
    assert [(e.date, e.pupil_id) for e in events] == [(cycle.review_date, pupil.pk)]
    assert events[0].source == "SEND Code of Practice 6.48"
    day_before = cycle.review_date - datetime.timedelta(days=1)
    assert registry.events_for(scope, day_before, day_before) == []


def test_dated_events_show_only_pupils_the_scope_sees(senco, other_teacher, pupil, school):
    cycle = plans_services.cycle_start(actor=Actor(senco), pupil=pupil)
    scope = school_scope(other_teacher, school.urn)
    assert registry.events_for(scope, cycle.review_date, cycle.review_date) == []


SETTINGS = role_table("school_settings", SENCO_ONLY_SCHOOL_PAGE)


@pytest.mark.parametrize("role", ROLES)
def test_each_role_and_the_school_settings_page(role, cast, client_for, school):
    response = client_for(cast[role]).get(reverse("school_settings", args=[school.urn]))
    assert response.status_code == SETTINGS[role]


def test_the_school_settings_page_lists_the_setup_pages(client_for, senco, school):
    response = client_for(senco).get(reverse("school_settings", args=[school.urn]))
    html = response.content.decode()
    for name in ("import_upload", "staff_list", "group_list", "term_dates"):
        assert reverse(name, args=[school.urn]) in html
    assert_valid_html(response)


def test_the_menu_marks_the_page_you_are_on(client_for, senco, school):
    html = client_for(senco).get(reverse("staff_list", args=[school.urn])).content.decode()
    settings_url = reverse("school_settings", args=[school.urn])
    assert f'href="{settings_url}" aria-current="page"' in html
    html = client_for(senco).get(reverse("register", args=[school.urn])).content.decode()
    assert f'href="{reverse("register", args=[school.urn])}" aria-current="page"' in html


def test_an_error_page_keeps_the_schools_menu(client_for, senco, school):
    response = client_for(senco).get("/pupils/999999/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Hillside Academy" in html
    assert reverse("register", args=[school.urn]) in html
    assert 'govuk-header__service-name">SEND records' not in html


def test_the_home_page_groups_strategy_and_reporting_under_its_own_heading(
    client_for, senco, teacher, school
):
    sections = registry.home_sections_for(school_scope(senco, school.urn))
    headings = [h for h, _items in sections]
    assert headings[0] == "" and registry.STRATEGY in headings
    strategy = dict(sections)[registry.STRATEGY]
    assert "SEND development plan" in [i.home_label for i in strategy]
    page = client_for(senco).get("/").content.decode()
    assert page.index(">Go to<") < page.index(f">{registry.STRATEGY}<")
    assert page.index(f">{registry.STRATEGY}<") < page.index(">SEND development plan<")
    # A teacher has none of those pages: no heading.
    assert registry.STRATEGY not in client_for(teacher).get("/").content.decode()


def _active(html: str) -> list[str]:
    """The addresses the menu marks as the page you are on."""
    return re.findall(r'href="([^"]*)" aria-current="page"', html)


def test_the_menu_marks_home_and_your_account_by_their_address(client_for, senco, school):
    # The menu's entries are drawn once a process for each set (senco_tags.menu_items):
    # the same person's menu must still mark each page as they move between them.
    client = client_for(senco)
    assert _active(client.get(reverse("home")).content.decode()) == [reverse("home")]
    assert _active(client.get(reverse("account")).content.decode()) == [reverse("account")]
    register = reverse("register", args=[school.urn])
    assert _active(client.get(register).content.decode()) == [register]
    assert _active(client.get(reverse("home")).content.decode()) == [reverse("home")]


def test_each_school_and_role_gets_its_own_menu(client_for, senco, teacher, school, sister_school):
    # The menu's entries are drawn once a process for each set: another school's SENCO
    # gets links to their own school, and a teacher only the teacher's entries.
    from senco.factories import MembershipFactory, UserFactory

    sister_senco = MembershipFactory(
        school=sister_school, role="senco", user=UserFactory(username="sister.senco")
    ).user
    home = reverse("home")
    mine = client_for(senco).get(reverse("register", args=[school.urn])).content.decode()
    theirs = client_for(sister_senco).get(reverse("register", args=[sister_school.urn]))
    theirs = theirs.content.decode()
    assert reverse("register", args=[school.urn]) in mine
    assert reverse("register", args=[sister_school.urn]) in theirs
    assert f"/school/{school.urn}/" not in theirs
    teachers = client_for(teacher).get(home).content.decode()
    assert reverse("school_settings", args=[school.urn]) in mine
    assert reverse("school_settings", args=[school.urn]) not in teachers
    assert reverse("provision_my_groups", args=[school.urn]) in teachers


def test_a_parent_sees_your_children_marked(client_for, parent, parent_link):
    html = client_for(parent).get(reverse("parent_home")).content.decode()
    assert "Your children</a></li>" in html
    assert _active(html) == [reverse("parent_home")]
    assert (
        "Register"
        not in re.search(r'<ul class="govuk-service-navigation__list".*?</ul>', html, re.S)[0]
    )


def test_static_files_are_named_as_django_names_them():
    from django.templatetags.static import static

    from senco.templatetags.senco_tags import asset

    assert asset("js/senco.js") == static("js/senco.js")

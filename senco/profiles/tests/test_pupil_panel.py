"""The panel on the pupil's page links to the passport pages and costs no query."""

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from senco.access import scope_at
from senco.testing import assert_valid_html


def test_the_panel_links_to_the_passport_without_a_query(senco, teacher, school, pupil):
    for user, can_edit in ((senco, True), (teacher, False)):
        scope = scope_at(user, school)
        with CaptureQueriesContext(connection) as ctx:
            html = render_to_string("profiles/_pupil_panel.html", {"pupil": pupil, "scope": scope})
        assert ctx.captured_queries == []
        assert reverse("passport_detail", args=[pupil.pk]) in html
        assert reverse("profile_pdf", args=[pupil.pk]) in html
        assert (reverse("passport_edit", args=[pupil.pk]) in html) == can_edit


def test_the_pupil_page_shows_the_panel(client_for, ta, pupil):
    response = client_for(ta).get(reverse("pupil_detail", args=[pupil.pk]))
    assert_valid_html(response)
    assert b"Passport and profile" in response.content

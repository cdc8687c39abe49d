"""The list of pupils on the home page's sections: eight shown, the rest folded away, each a
link with the pupil's name escaped (senco_tags.pupil_link_list)."""

import pytest
from django.template import Context, Template
from django.urls import reverse

from senco import factories as f
from senco.testing import assert_valid_html

LIST = Template(
    '{% include "includes/pupil_link_list.html" with pupils=pupils list_id="x" '
    'url_name="pupil_detail" %}'
)


class _Page:
    def __init__(self, html):
        self.content = f"<!DOCTYPE html><html lang=en><title>t</title>{html}</html>".encode()


@pytest.mark.django_db
def test_eight_are_shown_and_the_rest_fold_away(school):
    pupils = [f.PupilFactory(school=school, legal_surname=f"Pupil{n:02}") for n in range(11)]
    pupils[0].forename = "<b>Zoë</b>"
    html = LIST.render(Context({"pupils": pupils}))
    shown, folded = html.split("Show 3 more")
    assert shown.count("<li>") == 8 and folded.count("<li>") == 3
    assert f'href="{reverse("pupil_detail", args=[pupils[10].pk])}"' in folded
    assert "&lt;b&gt;Zoë&lt;/b&gt;" in shown and "<b>Zoë" not in html
    assert f", {pupils[0].year_group_label}</li>" in shown
    assert_valid_html(_Page(html))


@pytest.mark.django_db
def test_a_short_list_has_nothing_to_fold(school):
    html = LIST.render(Context({"pupils": [f.PupilFactory(school=school)]}))
    assert html.count("<li>") == 1 and "<details" not in html
    assert_valid_html(_Page(html))

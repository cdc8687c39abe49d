"""Each role's answer on every provision map page and download.

Who sees what: the SENCO and leaders read every map (`reads_provision`). A teacher reads
the maps of the classes they teach and of the pupils they teach (`reads_class_provision`,
`reads_pupil_provision`): another class is 404, as if it did not exist (as class sheets
do), and the whole-school map 403. TAs, the office, governors and the trust's SEND lead get
403 (governors and the trust lead see totals elsewhere, never names); a parent and another
school's SENCO 404.
"""

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.provision.tests.map_fixtures import map_offer  # noqa: F401
from senco.pupils.models import TeachingGroup
from senco.testing import ROLES, answers, assert_valid_html, role_tables

MAP_READERS = answers(403, senco=200, leader=200, parent=404, outsider=404)
CLASS_LIST_READERS = answers(
    403, senco=200, leader=200, teacher=200, other_teacher=200, parent=404, outsider=404
)
CLASS_MAP_READERS = answers(
    403, senco=200, leader=200, teacher=200, other_teacher=404, parent=404, outsider=404
)
PUPIL_MAP_READERS = answers(404, senco=200, leader=200, teacher=200, ta=403)

GETS = role_tables(
    {
        "provision_map": MAP_READERS,
        "provision_map_download": MAP_READERS,
        "provision_map_classes": CLASS_LIST_READERS,
        "provision_map_class": CLASS_MAP_READERS,
        "provision_map_class_download": CLASS_MAP_READERS,
        "provision_map_pupil": PUPIL_MAP_READERS,
        "provision_map_pupil_download": PUPIL_MAP_READERS,
    }
)


def _url(name, school, pupil, fmt="xlsx"):
    if name == "provision_map_pupil":
        return reverse(name, args=[pupil.pk])
    if name == "provision_map_pupil_download":
        return reverse(name, args=[pupil.pk, fmt])
    group = TeachingGroup.objects.get(school=school, name="7A/En1")
    if name == "provision_map_class":
        return reverse(name, args=[school.urn, group.pk])
    if name == "provision_map_class_download":
        return reverse(name, args=[school.urn, group.pk, fmt])
    if name == "provision_map_download":
        return reverse(name, args=[school.urn, fmt])
    return reverse(name, args=[school.urn])


@pytest.mark.parametrize("name", sorted(GETS))
@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_the_right_answer(name, role, cast, client_for, school, pupil, map_offer):  # noqa: F811
    response = client_for(cast[role]).get(_url(name, school, pupil))
    assert response.status_code == GETS[name][role]
    if "download" not in name or response.status_code != 200:
        assert_valid_html(response)
    if response.status_code != 200:
        assert pupil.legal_surname.encode() not in response.content
    else:
        assert AuditEvent.objects.filter(action__startswith="provision.map.").exists()


@pytest.mark.parametrize("role", ["senco", "teacher"])
def test_pdf_downloads(role, cast, client_for, school, pupil, map_offer):  # noqa: F811
    name = "provision_map_download" if role == "senco" else "provision_map_class_download"
    response = client_for(cast[role]).get(_url(name, school, pupil, fmt="pdf"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF-")
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]

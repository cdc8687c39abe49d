"""A teaching group can follow a registration group: new pupils from the MIS join it and
pupils who move or leave go, with each import; the preview says who would."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from senco import factories as f
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.imports.services import import_apply
from senco.imports.tests.helpers import csv_bytes, csv_text, row, upn
from senco.imports.tests.test_services import row_for
from senco.pupils.models import TeachingGroup
from senco.pupils.services import teaching_group_save


def _follow(school, senco, reg="7K", name="7K tutor group"):
    return teaching_group_save(
        actor=Actor(senco),
        school=school,
        name=name,
        subject="",
        year_group=7,
        teachers=[],
        follows_reg_group=reg,
    )


def test_a_following_group_takes_its_registration_groups_pupils(school, senco):
    in_7k = f.PupilFactory.create_batch(2, school=school, reg_group="7K")
    f.PupilFactory(school=school, reg_group="7M")
    group = _follow(school, senco)
    assert set(group.pupils.all()) == set(in_7k)
    assert AuditEvent.objects.filter(action="group.add_pupils", pupil__in=in_7k).count() == 2


def test_an_import_moves_pupils_in_and_out(school, senco):
    stays = f.PupilFactory(school=school, reg_group="7K")
    moves = f.PupilFactory(school=school, reg_group="7K")
    group = _follow(school, senco)
    plan = import_apply(
        school=school,
        actor=Actor(senco),
        text=csv_text(
            [row_for(stays), row_for(moves, **{"Reg Group": "7M"}), row(1, **{"Reg Group": "7K"})]
        ),
        filename="pupils.csv",
    )
    assert {p.upn for p in group.pupils.all()} == {stays.upn, upn(1)}
    [change] = plan.group_changes
    assert [p.upn for p in change.joined] == [upn(1)]
    assert change.left == [moves]
    assert AuditEvent.objects.filter(action="group.remove_pupil", pupil=moves).exists()


def test_a_group_chosen_by_hand_is_left_alone(school, senco):
    pupil = f.PupilFactory(school=school, reg_group="7K")
    group = f.TeachingGroupFactory(school=school, name="7A/En1")
    import_apply(
        school=school,
        actor=Actor(senco),
        text=csv_text([row_for(pupil, **{"Reg Group": "7M"})]),
        filename="pupils.csv",
    )
    assert not group.pupils.exists()


def test_the_preview_says_which_groups_gain_and_lose(client_for, senco, school):
    leaver = f.PupilFactory(school=school, reg_group="7K", legal_surname="Moved")
    _follow(school, senco)
    client = client_for(senco)
    data = csv_bytes([row_for(leaver, **{"Reg Group": "7M"}), row(1, **{"Reg Group": "7K"})])
    response = client.post(
        reverse("import_upload", args=[school.urn]),
        {"file": SimpleUploadedFile("pupils.csv", data, content_type="text/csv")},
        follow=True,
    )
    html = response.content.decode()
    assert 'id="group-moves"' in html
    assert "1 joining" in html and "1 leaving" in html and "Moved" in html


def test_hand_changes_are_refused_for_a_following_group(client_for, senco, school):
    pupil = f.PupilFactory(school=school, reg_group="7K")
    group = _follow(school, senco)
    client = client_for(senco)
    client.post(reverse("group_remove_pupil", args=[school.urn, group.pk, pupil.pk]))
    assert group.pupils.filter(pk=pupil.pk).exists()
    page = client.get(reverse("group_detail", args=[school.urn, group.pk])).content.decode()
    assert 'id="follows"' in page and "Add pupils</h2>" not in page


def test_the_senco_sets_a_group_to_follow_in_the_browser(client_for, senco, school):
    f.PupilFactory(school=school, reg_group="8B")
    client = client_for(senco)
    response = client.post(
        reverse("group_add", args=[school.urn]),
        {"name": "8B tutor", "subject": "", "year_group": "", "follows_reg_group": "8B"},
    )
    assert response.status_code == 302
    group = TeachingGroup.objects.get(name="8B tutor")
    assert group.follows_reg_group == "8B" and group.pupils.count() == 1

"""The one audit vocabulary: every action has a label, and the log page shows it."""

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit import actions
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent
from senco.audit.services import audit_record, audit_record_many


def test_every_action_has_a_plain_english_label():
    vocabulary = actions.all_actions()
    # The core's and every capability's actions are in it.
    assert {"pupil.view", "passport.view", "plans.cycle.view", "import.apply"} <= set(vocabulary)
    for code, label in vocabulary.items():
        assert label and label != code and label[0].isupper(), code


def test_a_code_declared_twice_with_another_label_is_refused():
    from django.db import models

    class Clash(models.TextChoices):
        PUPIL_VIEW = "pupil.view", "Something else"

    with pytest.raises(ValueError, match="declared twice"):
        actions.register_actions(Clash)


@pytest.mark.django_db
def test_an_action_outside_the_vocabulary_is_refused(senco, pupil):
    with pytest.raises(ValueError, match="not in the audit vocabulary"):
        audit_record(actor=Actor(senco), pupil=pupil, action="pupil.peek")
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_the_bulk_form_writes_one_row_a_pupil(senco, pupil, school, django_assert_num_queries):
    other = f.PupilFactory(school=school)
    with django_assert_num_queries(1):
        audit_record_many(
            actor=Actor(senco, "10.0.0.9"),
            action=actions.AuditAction.PUPIL_VIEW,
            rows=[{"pupil": pupil, "detail": {"n": 1}}, {"pupil": other.pk, "school": school}],
        )
    rows = list(AuditEvent.objects.order_by("pk"))
    assert [(r.pupil_id, r.school_id, r.user_id, r.ip_address) for r in rows] == [
        (pupil.pk, school.pk, senco.pk, "10.0.0.9"),
        (other.pk, school.pk, senco.pk, "10.0.0.9"),
    ]


@pytest.mark.django_db
def test_a_job_is_recorded_as_nobody(pupil):
    event = audit_record(actor=Actor.system(), pupil=pupil, action="pupil.view")
    assert (event.user, event.ip_address) == (None, None)


@pytest.mark.django_db
def test_the_who_looked_page_shows_labels_not_codes(client_for, senco, pupil):
    client = client_for(senco)
    client.get(reverse("passport_detail", args=[pupil.pk]))
    content = client.get(reverse("pupil_audit", args=[pupil.pk])).content.decode()
    assert "Viewed the passport" in content
    assert "passport.view" not in content


@pytest.mark.django_db
def test_many_rows_go_in_statements_of_a_bounded_size(
    senco, school, monkeypatch, django_assert_num_queries
):
    from senco.audit import services

    pupils = f.PupilFactory.create_batch(5, school=school)
    monkeypatch.setattr(services, "ROWS_A_STATEMENT", 2)
    with django_assert_num_queries(3):
        written = audit_record_many(
            actor=Actor(senco, "2001:db8::7"),
            action=actions.AuditAction.PUPIL_VIEW,
            rows=[{"pupil": p, "detail": {"page": 2, "q": "Zoë Ó"}} for p in pupils],
        )
    assert written == 5
    rows = list(AuditEvent.objects.order_by("pk"))
    assert [r.pupil_id for r in rows] == [p.pk for p in pupils]
    assert {r.school_id for r in rows} == {school.pk}
    assert all(r.detail == {"page": 2, "q": "Zoë Ó"} for r in rows)
    assert all(r.ip_address == "2001:db8::7" and r.user_id == senco.pk for r in rows)
    assert all(r.at is not None for r in rows)
    assert len({r.at for r in rows}) == 1


@pytest.mark.django_db
def test_each_row_keeps_its_own_detail_even_from_a_generator(senco, school):
    """Details are turned into JSON once per object: rows made one at a time (a generator,
    each detail dropped after its row) must still each get their own."""
    pupils = f.PupilFactory.create_batch(6, school=school)
    shared = {"filters": {"year": "9"}}
    written = audit_record_many(
        actor=Actor(senco),
        action=actions.AuditAction.PUPIL_VIEW,
        rows=({"pupil": p, "detail": {"n": i} if i % 2 else shared} for i, p in enumerate(pupils)),
    )
    assert written == 6
    details = [r.detail for r in AuditEvent.objects.filter(pupil__in=pupils).order_by("pk")]
    assert details == [{"n": i} if i % 2 else shared for i in range(6)]

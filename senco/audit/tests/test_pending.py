"""A list page's audit rows wait in a table with no index and are moved into the log in
batches (`senco/audit/pending.py`): no read of the log, and no "who has looked" page, ever
misses one."""

import logging

import pytest
from django.urls import reverse

from senco import factories as f
from senco.audit import pending
from senco.audit.actor import Actor
from senco.audit.models import AuditEvent, PendingAuditEvent
from senco.audit.services import audit_list, audit_record
from senco.operations.schedules import run_due

pytestmark = pytest.mark.django_db


def register_url(school):
    return f"/school/{school.urn}/register/"


def who_looked_url(pupil):
    return reverse("pupil_audit", args=[pupil.pk])


@pytest.fixture
def shown(school):
    return f.SenPupilFactory.create_batch(3, school=school)


def test_a_list_pages_rows_wait_then_reach_the_log_whole_and_in_order(senco, school, shown):
    actor = Actor(senco, "10.0.0.7")
    audit_list(actor=actor, action="register.view", school=school, pupils=shown, detail={"q": 1})
    audit_list(actor=actor, action="my_pupils.view", school=school, pupils=shown[:1])
    assert PendingAuditEvent.objects.count() == 4
    waiting = list(PendingAuditEvent.objects.order_by("pupil_id", "id").values())

    moved = list(AuditEvent.objects.order_by("id").values())  # a read moves them first

    assert PendingAuditEvent.objects.count() == 0
    keep = ("at", "user_id", "school_id", "pupil_id", "action", "detail", "ip_address")
    # Every row, as it was written; in the log, ordered by pupil, then as written.
    assert [{k: row[k] for k in keep} for row in moved] == [
        {k: row[k] for k in keep} for row in waiting
    ]
    assert [(row["pupil_id"], row["action"]) for row in moved] == [
        (shown[0].pk, "register.view"),
        (shown[0].pk, "my_pupils.view"),
        (shown[1].pk, "register.view"),
        (shown[2].pk, "register.view"),
    ]
    assert moved[0]["detail"] == {"q": 1} and moved[0]["ip_address"] == "10.0.0.7"


def test_who_has_looked_names_a_register_view_at_once(client_for, senco, school, shown):
    client_for(senco).get(register_url(school))
    assert PendingAuditEvent.objects.filter(pupil=shown[1]).exists()

    page = client_for(senco).get(who_looked_url(shown[1]))

    assert page.status_code == 200
    assert "Viewed the register" in [e.action_label for e in page.context["page"]]
    assert PendingAuditEvent.objects.count() == 0


def test_the_people_and_actions_of_the_filters_include_waiting_rows(senco, teacher, school, shown):
    from senco.audit.selectors import pupil_audit_choices

    audit_list(actor=Actor(teacher), action="register.view", school=school, pupils=shown)
    people, actions = pupil_audit_choices(pupil=shown[0])
    assert [value for value, _ in people] == [str(teacher.pk)]
    assert actions == ["Viewed the register"]


def test_rows_move_after_a_response_once_a_process_has_written_enough(
    client_for, senco, school, shown, monkeypatch
):
    monkeypatch.setattr(pending, "_written", 0)
    monkeypatch.setattr(pending, "MOVE_AFTER_ROWS", 5)
    client = client_for(senco)
    client.get(register_url(school))
    assert PendingAuditEvent.objects.count() == 3  # 3 written: below 5, they wait
    client.get(register_url(school))  # 6 written: moved after this response
    assert PendingAuditEvent.objects.count() == 0
    assert pending._written == 0
    assert AuditEvent.as_written.filter(action="register.view").count() == 6


def test_a_failed_move_after_a_response_is_logged_and_tried_again(
    senco, school, shown, monkeypatch, caplog
):
    monkeypatch.setattr(pending, "_written", 0)
    monkeypatch.setattr(pending, "MOVE_AFTER_ROWS", 3)
    audit_list(actor=Actor(senco), action="register.view", school=school, pupils=shown)

    def busy(using=None):
        raise RuntimeError("database is locked")

    monkeypatch.setattr(pending, "move_pending", busy)
    with caplog.at_level(logging.ERROR, logger="senco.audit.pending"):
        pending.move_after_response()
    assert "Could not move the waiting audit rows" in caplog.text
    assert PendingAuditEvent.objects.count() == 3 and pending._written == 3
    monkeypatch.undo()
    monkeypatch.setattr(pending, "_written", 3)
    monkeypatch.setattr(pending, "MOVE_AFTER_ROWS", 3)
    pending.move_after_response()
    assert PendingAuditEvent.objects.count() == 0


def test_the_scheduled_job_moves_them(senco, school, shown):
    audit_list(actor=Actor(senco), action="register.view", school=school, pupils=shown)
    runs = run_due(only="audit.move_pending")
    assert [(run.last_ok, run.last_message) for _, run in runs] == [
        (True, "Moved 3 audit rows of list pages into the log.")
    ]
    assert PendingAuditEvent.objects.count() == 0
    assert AuditEvent.as_written.count() == 3


def test_nothing_waiting_costs_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        assert pending.move_pending() == 0


def test_a_pupil_deleted_while_their_rows_wait_leaves_them_unnamed(senco, school, shown):
    audit_list(actor=Actor(senco), action="register.view", school=school, pupils=shown)
    gone = shown[2].pk
    shown[2].delete()
    assert AuditEvent.objects.filter(action="register.view").count() == 3
    assert not AuditEvent.objects.filter(pupil_id=gone).exists()
    assert AuditEvent.objects.filter(pupil__isnull=True).count() == 1


def test_one_rows_go_straight_into_the_log(senco, pupil):
    audit_record(actor=Actor(senco), pupil=pupil, action="pupil.view")
    assert PendingAuditEvent.objects.count() == 0
    assert AuditEvent.as_written.count() == 1

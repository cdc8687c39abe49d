"""SQL written once (senco/lib/prepared.py): the same rows and instances as the ORM's own
query, one query per call, and a refusal for what cannot be written once."""

import datetime

import pytest
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from senco.accounts.models import Membership
from senco.audit.models import AuditEvent
from senco.lib.prepared import NotPreparable, Prepared
from senco.pupils.models import Contact, Pupil

pytestmark = pytest.mark.django_db


def _fields(instance) -> dict:
    loaded = set(instance.__dict__) - {"_state"}
    return {name: instance.__dict__[name] for name in sorted(loaded)}


def test_instances_match_the_orm_with_related_models(pupil, other_pupil):
    build = lambda pk: Pupil.objects.select_related("school", "school__trust").filter(pk=pk)  # noqa: E731
    prepared = Prepared(build)
    for p in (pupil, other_pupil, pupil):
        with CaptureQueriesContext(connection) as queries:
            (found,) = prepared.instances(pk=p.pk)
            assert found.school.trust.name == p.school.trust.name  # no query more
        assert len(queries) == 1
        (expected,) = build(p.pk)
        assert _fields(found) == _fields(expected)
        assert _fields(found.school) == _fields(expected.school)
        assert _fields(found.school.trust) == _fields(expected.school.trust)
        assert not found._state.adding and found._state.db == "default"
    assert prepared.instances(pk=10**9) == []


def test_rows_with_dates_come_back_as_the_orm_converts_them(pupil, school):
    other = Pupil.objects.create(
        school=school,
        upn="B123456789012",
        legal_surname="Other",
        forename="Olu",
        year_group=5,
        date_of_birth=datetime.date(2016, 3, 4),
    )
    build = lambda school, born: (  # noqa: E731
        Pupil.objects.filter(school_id=school, date_of_birth__gte=born)
        .order_by("pk")
        .values_list("pk", "date_of_birth", "forename")
    )
    prepared = Prepared(build)
    for born in (datetime.date(2000, 1, 1), datetime.date(2016, 3, 4), datetime.date(2030, 1, 1)):
        assert prepared.rows(school=school.pk, born=born) == list(build(school.pk, born))
    (row,) = prepared.rows(school=school.pk, born=datetime.date(2016, 3, 4))
    assert row == (other.pk, datetime.date(2016, 3, 4), "Olu")


def test_annotations_and_only_are_kept(pupil, ta):
    build = lambda pk: (  # noqa: E731
        Pupil.objects.filter(pk=pk)
        .only("forename", "legal_surname")
        .annotate(n=Count("support_assignments"), named=Count("pk", filter=Q(forename="")))
    )
    (found,) = Prepared(build).instances(pk=pupil.pk)
    (expected,) = build(pupil.pk)
    assert (found.n, found.named) == (expected.n, expected.named) == (1, 0)
    assert found.get_deferred_fields() == expected.get_deferred_fields()
    assert found.forename == pupil.forename


def test_only_through_a_foreign_key_and_a_null_foreign_key(pupil, senco, ta):
    Contact.objects.create(pupil=pupil, name="Mum", relationship="Mother", priority=1)
    build = lambda pk: (  # noqa: E731
        Contact.objects.filter(pupil_id=pk)
        .select_related("pupil")
        .only("name", "pupil__forename")
        .order_by("pk")
    )
    found, expected = Prepared(build).instances(pk=pupil.pk), list(build(pupil.pk))
    assert [c.name for c in found] == [c.name for c in expected] and "Mum" in found[-1].name
    assert found[-1].get_deferred_fields() == expected[-1].get_deferred_fields()
    assert found[-1].pupil.get_deferred_fields() == expected[-1].pupil.get_deferred_fields()
    assert found[-1].pupil.forename == pupil.forename
    # An audit row with nobody signed in: its user is null.
    AuditEvent.objects.create(action="test", school=pupil.school, user=None)
    build = lambda school: AuditEvent.objects.filter(school_id=school).select_related("user")  # noqa: E731
    (event,) = Prepared(build).instances(school=pupil.school_id)
    with CaptureQueriesContext(connection) as queries:
        assert event.user is None
    assert not queries


def test_datetimes_and_strings_as_arguments(senco, school):
    build = lambda user, now: (  # noqa: E731
        Membership.objects.filter(user_id=user, user__date_joined__lte=now).values_list("role")
    )
    prepared = Prepared(build)
    now = timezone.now()
    assert prepared.rows(user=senco.pk, now=now) == list(build(senco.pk, now))
    assert prepared.rows(user=senco.pk, now=now - datetime.timedelta(days=3650)) == []
    by_name = Prepared(lambda name: Pupil.objects.filter(forename=name).values_list("pk"))
    assert by_name.rows(name="Nobody at all") == []


def test_none_and_other_types_go_through_the_orm(pupil):
    prepared = Prepared(lambda pk: Pupil.objects.filter(pk=pk).values_list("forename"))
    assert prepared.rows(pk=None) == []
    assert prepared.rows(pk=pupil.pk) == [(pupil.forename,)]


def test_what_cannot_be_written_once_is_refused_and_still_answered(pupil, caplog):
    like = Prepared(lambda name: Pupil.objects.filter(forename__icontains=name).values_list("pk"))
    with pytest.raises(NotPreparable):
        like.prepare(instances=False, name="x")
    assert like.rows(name=pupil.forename[1:4]) == [(pupil.pk,)]
    assert "Not prepared" in caplog.text
    shaped = Prepared(  # the SQL depends on the value
        lambda pk: Pupil.objects.filter(pk=pk) if pk % 2 else Pupil.objects.filter(pk=-pk)
    )
    with pytest.raises(NotPreparable):
        shaped.prepare(instances=True, pk=1)
    with pytest.raises(NotPreparable):
        Prepared(lambda pk: Pupil.objects.filter(pk=pk)).prepare(instances=False, pk=1)


@pytest.mark.parametrize("role", ["senco", "teacher", "ta", "governor"])
def test_a_shape_per_role_reads_what_the_role_sees(role, request, school, pupil):
    from senco.access import pupils_visible, pupils_visible_to, scope_at, visibility

    user = request.getfixturevalue(role)
    scope = scope_at(user, school)
    prepared = Prepared(
        lambda shape, school, user: (
            pupils_visible(shape, school, user).order_by("pk").values_list("pk")
        )
    )
    for _ in range(2):
        found = prepared.rows(shape=visibility(scope), school=school.pk, user=user.pk)
        assert found == list(pupils_visible_to(scope).order_by("pk").values_list("pk"))
    assert bool(found) == (role != "governor")


def test_a_string_for_an_id_is_answered_by_the_orm(pupil):
    prepared = Prepared(lambda pk: Pupil.objects.filter(pk=pk).values_list("forename"))
    assert prepared.rows(pk=str(pupil.pk)) == [(pupil.forename,)]
    assert prepared.rows(pk=pupil.pk) == [(pupil.forename,)]


def test_an_id_beyond_an_integer_column_is_answered_by_the_orm(pupil):
    prepared = Prepared(lambda pk: Pupil.objects.filter(pk=pk).values_list("forename"))
    assert prepared.rows(pk=pupil.pk) == [(pupil.forename,)]
    assert prepared.rows(pk=2**40) == []


def test_instances_made_directly_save_as_updates_and_load_deferred_fields(pupil):
    build = lambda pk: Pupil.objects.filter(pk=pk).only("forename")  # noqa: E731
    (found,) = Prepared(build).instances(pk=pupil.pk)
    assert type(found) is Pupil and found.pk == pupil.pk
    with CaptureQueriesContext(connection) as queries:
        assert found.legal_surname == pupil.legal_surname  # deferred: read when asked for
    assert len(queries) == 1
    found.forename = "Changed"
    found.save(update_fields=["forename"])
    assert Pupil.objects.count() == 1 and Pupil.objects.get().forename == "Changed"


def test_a_model_something_listens_to_is_made_by_its_init(pupil):
    from django.db.models.signals import post_init

    seen = []

    def heard(sender, instance, **kwargs):
        seen.append(instance.pk)

    post_init.connect(heard, sender=Pupil)
    try:
        (found,) = Prepared(lambda pk: Pupil.objects.filter(pk=pk)).instances(pk=pupil.pk)
    finally:
        post_init.disconnect(heard, sender=Pupil)
    assert found.pk == pupil.pk and seen == [pupil.pk]


def test_list_arguments_are_written_once_for_each_length(pupil, other_pupil, school):
    build = lambda ids, school: (  # noqa: E731
        Pupil.objects.filter(Q(pk__in=ids) | Q(school_id=school, upn__in=[]))
        .order_by("pk")
        .values_list("pk", "forename")
    )
    prepared = Prepared(build)
    pairs = [
        [pupil.pk, other_pupil.pk],
        [other_pupil.pk, 10**9],
        [pupil.pk],
        [],
        (other_pupil.pk,),
    ]
    for ids in pairs:
        with CaptureQueriesContext(connection) as queries:
            found = prepared.rows(ids=ids, school=school.pk)
        assert found == list(build(ids, school.pk))
        assert len(queries) <= 1  # none for an empty list: the ORM knows there is nothing
    assert prepared.refused() == []
    # Each length is its own SQL; a repeat, mixed types or a long list go through the ORM.
    assert len(prepared._plans) == 3
    assert prepared.rows(ids=[pupil.pk, pupil.pk], school=school.pk) == [(pupil.pk, pupil.forename)]
    assert prepared.rows(ids=[pupil.pk, str(other_pupil.pk)], school=school.pk) == list(
        build([pupil.pk, other_pupil.pk], school.pk)
    )
    assert prepared.rows(ids=list(range(1, 200)), school=school.pk) == list(
        build(list(range(1, 200)), school.pk)
    )
    assert len(prepared._plans) == 3


def test_list_and_scalar_arguments_each_land_in_their_own_place(pupil, other_pupil, school):
    build = lambda first, ids, last: (  # noqa: E731
        Pupil.objects.filter(pk__gte=first, pk__lte=last, pk__in=ids)
        .order_by("-pk")
        .values_list("pk")
    )
    prepared = Prepared(build)
    low, high = sorted([pupil.pk, other_pupil.pk])
    for args in (
        {"first": low, "ids": [high, low], "last": high},
        {"first": high, "ids": [low, high], "last": high},
        {"first": low, "ids": [low, high], "last": low},
    ):
        assert prepared.rows(**args) == list(build(**args))
    assert prepared.refused() == []

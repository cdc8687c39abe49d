"""The results comparison (outcomes_attainment) and its pupils (outcomes_pupils with the
measure "attainment"): who may open them, what they show, the pupils who make a gap (named
and audited for the SENCO and leaders only), the governor's page with small numbers hidden
and no breakdown by teacher, bad options, the trend, the front page's headline, and query
counts that do not grow."""

import pytest
from django.urls import reverse

from senco.audit.models import AuditEvent
from senco.outcomes import attainment as A
from senco.outcomes.audit import OutcomesAction
from senco.outcomes.disclosure import HEAD, counts_of
from senco.outcomes.groups import ALL
from senco.outcomes.tests.attainment_fixtures import build
from senco.testing import answers, assert_valid_html, role_table

READERS = role_table(
    "outcomes_attainment",
    answers(403, senco=200, leader=200, governor=200, trust_lead=200, parent=404, outsider=404),
)
# The pupils behind a figure: the list of `outcomes_pupils`, whose role table part 2 keeps
# for every measure; here the same answers for results.
PUPIL_READERS = role_table(
    "outcomes_pupils", answers(403, senco=200, leader=200, parent=404, outsider=404)
)


def url(school, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("outcomes_attainment", args=[school.urn]) + (f"?{query}" if query else "")


def pupils_url(school, **params):
    query = "&".join(f"{k}={v}" for k, v in params.items())
    return reverse("outcomes_pupils", args=[school.urn, "attainment"]) + f"?{query}"


@pytest.fixture
def data(school):
    return build(school)


@pytest.mark.django_db
def test_role_table(cast, client_for, school, data):
    for role, user in cast.items():
        response = client_for(user).get(url(school))
        assert response.status_code == READERS[role], role


@pytest.mark.django_db
def test_the_pupils_behind_a_figure_role_table(cast, client_for, school, data):
    for role, user in cast.items():
        response = client_for(user).get(pupils_url(school, group="E"))
        assert response.status_code == PUPIL_READERS[role], role


def test_the_senco_reads_the_gaps_and_who_makes_them(senco, client_for, school, data):
    response = client_for(senco).get(url(school))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    latest = data.drops[-1]
    assert f"Results {latest.name}" in page  # the latest drop by default
    assert "At the expected standard: all subjects" in page
    # The two EHC pupils far below make all of the gap: one of them, half of it.
    assert "1 pupil accounts for 50% of the gap in results at the expected standard" in page
    assert "between pupils with EHC plans and pupils with no SEN" in page
    assert data.low[0].full_name in page
    assert reverse("pupil_detail", args=[data.low[0].pk]) in page
    assert "3 of 3 results below" in page
    # Among pupils at SEN support it is a wider pattern.
    assert "It is a wider pattern" in page
    # Each cell links to its pupils; the averages name their scale.
    assert reverse("outcomes_pupils", args=[school.urn, "attainment"]) in page
    assert "Averages: GCSE grades" in page
    # The trend across the four drops, a chart and its table.
    assert "<svg" in page
    for d in data.drops:
        assert d.name in page
    # One audit row for each pupil named.
    rows = AuditEvent.objects.filter(action=OutcomesAction.ATTAINMENT_VIEW)
    assert data.low[0].pk in {r.pupil_id for r in rows}
    assert all(r.pupil_id for r in rows)


def test_a_subject_a_drop_and_each_breakdown(senco, client_for, school, data):
    maths = data.subjects["Maths"]
    first = data.drops[0]
    for by in A.DIMENSIONS:
        response = client_for(senco).get(url(school, drop=first.id, subject=maths.pk, by=by))
        assert response.status_code == 200, by
        page = response.content.decode()
        assert f"Results {first.name}" in page
        assert "At the expected standard: Maths" in page
    page = client_for(senco).get(url(school, by="teacher")).content.decode()
    assert "Maths teacher Y10" in page
    page = client_for(senco).get(url(school, by="subject")).content.decode()
    assert "Science" in page and "English" in page


def test_the_figures(school, data):
    # All subjects at the latest drop: 12 EHC pupils, 2 with every result at grade 1, the
    # other 10 at 3, 4 or 5 by turn.
    names = A.subjects(school)
    rows = A.results(data.drops[-1].id)
    units = A.units(rows, names)
    assert len(units) == 3 * 72
    from senco.outcomes.groups import whole

    r = whole(units)
    assert r.cells["E"].pupils == 12
    assert r.cells["N"].value == 100.0  # no SEN: 4 to 7
    below = A.gap_makers(r, "E")
    assert {c.pupil for c in below.pupils[:2]} == {p.pk for p in data.low}
    avg = A.averages(rows, "subject")
    assert avg[(ALL, "N")].value == pytest.approx(5.5, abs=0.1)
    assert avg[(ALL, "N")].scale == data.scale.pk


def test_counts_in_sql_are_the_units_counts(school, data):
    # The governor's page decides on figures counted in SQL; the same figures as the units
    # give, so the table, the trend and the front page hide alike.
    names = A.subjects(school)
    d = data.drops[-1]
    for subject in (None, data.subjects["English"].pk):
        units = A.units(A.results(d.id, subject), names)
        from_units = counts_of(units, list(A.DIMENSIONS))
        from_sql = A.drop_counts([d.id], subject)[d.id]
        assert {k: [v[0], v[1]] for k, v in from_sql.items()} == {
            k: [v[0], int(v[1])] for k, v in from_units.items()
        }
        assert from_sql[(HEAD, ALL, ALL)][2] == len(units)


@pytest.mark.parametrize(
    "params",
    [{"drop": 999999}, {"drop": "abc"}, {"subject": 999999}, {"by": "colour"}, {"subject": "x"}],
)
def test_bad_options_are_404(senco, client_for, school, data, params):
    assert client_for(senco).get(url(school, **params)).status_code == 404


def test_another_schools_drop_is_404(senco, client_for, school, sister_school, data):
    theirs = build(sister_school, ehc=1, support=1, none=2, years=(2024,))
    assert client_for(senco).get(url(school, drop=theirs.drops[0].id)).status_code == 404
    subject = theirs.subjects["Maths"].pk
    assert client_for(senco).get(url(school, subject=subject)).status_code == 404


def test_the_governor_sees_no_names_no_teachers_and_small_numbers_hidden(
    governor, client_for, school, sister_school
):
    data = build(school, ehc=3, support=20, none=40)
    response = client_for(governor).get(url(school, by="year"))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    for p in data.pupils:
        assert p.full_name not in page
    assert "account for" not in page
    assert reverse("outcomes_pupils", args=[school.urn, "attainment"]) not in page
    assert "hidden" in page
    assert 'id="hidden-figures-note"' in page
    assert "teacher" not in page.lower().replace("teacher assessment", "")
    assert client_for(governor).get(url(school, by="teacher")).status_code == 404
    # One audit row for the school, naming no pupil.
    rows = list(AuditEvent.objects.filter(action=OutcomesAction.ATTAINMENT_VIEW))
    assert len(rows) == 1 and rows[0].pupil_id is None


def test_the_governor_sees_the_same_whole_school_row_whatever_the_breakdown(
    governor, client_for, school
):
    build(school, ehc=3, support=7, none=40)
    client = client_for(governor)
    heads = set()
    for by in A.FIGURES_ONLY_DIMENSIONS:
        page = client.get(url(school, by=by)).content.decode()
        body = page.split('id="expected-table"')[1].split("</tr>")[1]
        heads.add(body.split("<tr")[1])
    assert len(heads) == 1


def test_the_pupils_behind_a_cell(senco, client_for, school, data):
    response = client_for(senco).get(
        pupils_url(school, group="E", drop=data.drops[-1].id, by="year", key=10)
    )
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    in_cell = [p for p in data.ehc if p.year_group == 10]
    for p in in_cell:
        assert p.full_name in page
    for p in data.ehc:
        if p.year_group != 10:
            assert p.full_name not in page
    rows = AuditEvent.objects.filter(action=OutcomesAction.PUPILS_VIEW)
    assert {r.pupil_id for r in rows} == {p.pk for p in in_cell}
    for params in ({"group": "X"}, {"group": "E", "drop": 999999}, {"group": "E", "by": "year"}):
        assert client_for(senco).get(pupils_url(school, **params)).status_code == 404


def test_nothing_imported_says_so(senco, governor, client_for, school):
    page = client_for(senco).get(url(school)).content.decode()
    assert "No results imported yet" in page
    assert reverse("outcomes_imports", args=[school.urn]) in page
    page = client_for(governor).get(url(school)).content.decode()
    assert "No results imported yet" in page
    assert A.headline(school) is None


def test_the_headline(school, data):
    shown = A.headline(school)
    assert shown["template"] == "outcomes/attainment/_headline.html"
    found = shown["context"]
    assert found.drop == data.drops[-1].name
    assert dict(found.cells)["No SEN"] == "100.0%"
    assert found.gaps[0][0] == "EHC plan against no SEN"
    # As it was on a day before the last drop.
    earlier = A.headline(school, data.drops[1].taken_on)["context"]
    assert earlier.drop == data.drops[1].name
    assert A.headline(school, suppress=True)["context"].cells


def test_key_stage_2_beside_england(senco, governor, client_for, school):
    build(
        school,
        ehc=6,
        support=12,
        none=30,
        years=(2024,),
        year_groups=(6,),
        subjects=("Reading", "Writing", "Maths"),
    )
    page = client_for(senco).get(url(school)).content.decode()
    assert "Year 6: reading, writing and maths all at the expected standard" in page
    assert "74%" in page  # England, no SEN, 2024/25
    assert "Key stage 2 attainment" in page or "LAIT" in page
    assert client_for(governor).get(url(school)).status_code == 200


@pytest.mark.parametrize("role", ["senco", "governor"])
def test_queries_do_not_grow_with_results(
    role, cast, client_for, school, django_assert_max_num_queries
):
    build(school, ehc=4, support=6, none=10, years=(2024,))
    client = client_for(cast[role])
    with django_assert_max_num_queries(20) as small:
        client.get(url(school))
    build(school, ehc=20, support=40, none=90, years=(2023,))
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(url(school))


NONSENSE = ["²", "-1", "0", "9" * 30, "1e9", "abc", "%00", "\u202e", "x" * 5000]


@pytest.mark.parametrize("name", ["drop", "subject", "by"])
def test_nonsense_in_any_option_is_404_never_500(name, senco, client_for, school, data):
    client = client_for(senco)
    for value in NONSENSE:
        response = client.get(reverse("outcomes_attainment", args=[school.urn]), {name: value})
        assert response.status_code == 404, value
        response = client.get(
            reverse("outcomes_pupils", args=[school.urn, "attainment"]),
            {"group": "E", name: value},
        )
        assert response.status_code == 404, value


@pytest.mark.parametrize("role", ["senco", "governor"])
def test_the_front_page_shows_the_latest_drop(role, cast, client_for, school, data):
    response = client_for(cast[role]).get(reverse("outcomes_home", args=[school.urn]))
    assert response.status_code == 200
    assert_valid_html(response)
    page = response.content.decode()
    assert f"Results at the expected standard, {data.drops[-1].name}" in page
    assert url(school, drop=data.drops[-1].id).replace("&", "&amp;") in page or (
        f"?drop={data.drops[-1].id}" in page
    )


def test_an_average_is_never_taken_across_scales(senco, client_for, school, data):
    # The EHC pupils' science is assessed on the school's own scale.
    from decimal import Decimal

    from senco.outcomes.models import Result, Scale

    own = Scale.objects.create(school=school, name="Steps", kind=Scale.Kind.OWN, expected=3)
    science = data.subjects["Science"]
    Result.objects.filter(subject=science, provision="E").update(scale=own, value=Decimal(2))
    rows = A.results(data.drops[-1].id)
    avg = A.averages(rows, "subject")
    assert avg[(science.pk, "E")].scale == own.pk
    assert avg[(science.pk, "E")].value == 2
    assert avg[(science.pk, ALL)] is None  # Steps and GCSE grades together
    assert avg[(ALL, ALL)] is None
    assert avg[(data.subjects["Maths"].pk, ALL)].scale == data.scale.pk
    page = client_for(senco).get(url(school, by="subject")).content.decode()
    assert "average 2.0 (Steps)" in page
    assert "Averages: GCSE grades" in page  # the rows of English and maths


def test_the_pupils_list_queries_do_not_grow(
    senco, client_for, school, django_assert_max_num_queries
):
    build(school, ehc=4, support=6, none=10, years=(2024,))
    client = client_for(senco)
    with django_assert_max_num_queries(14) as small:
        assert client.get(pupils_url(school, group="all")).status_code == 200
    build(school, ehc=20, support=40, none=90, years=(2023,))
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(pupils_url(school, group="all")).status_code == 200


@pytest.mark.parametrize("role", ["senco", "governor"])
def test_a_drop_with_no_results_yet(role, cast, client_for, school):
    from senco.outcomes.tests.attainment_fixtures import drops_for

    empty = drops_for(school, (2025,))[-1]
    response = client_for(cast[role]).get(url(school, drop=empty.id))
    assert response.status_code == 200
    assert "There are no results for all subjects in" in response.content.decode()
    assert A.headline(school, suppress=role == "governor") is None

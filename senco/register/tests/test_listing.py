"""The register's page reads its pupils by queries written once (senco/lib/prepared.py) for
the common filters, and through the ORM for the rest: both ways list the same pupils, in the
same order, as `register_pupils` (the export's and the bulk action's query)."""

import itertools

import pytest

from senco import factories as f
from senco.access import school_scope
from senco.pupils.models import Pupil
from senco.register import selectors
from senco.register.forms import RegisterFilterForm

pytestmark = pytest.mark.django_db

FILTERS = [
    {},
    {"show_all": "on"},
    {"year": "9"},
    {"year": "0", "show_all": "on"},
    {"reg": "9K"},
    {"provision": "E"},
    {"primary": "ASD"},
    {"secondary": "SLCN"},
    {"need": "SLCN"},
    {"area": "CL"},
    {"sex": "F"},
    {"pp": "yes"},
    {"eal": "no"},
    {"lac": "yes", "show_all": "on"},
    {"not_told": "on"},
    {"q": "nowak"},
    {"year": "9", "sex": "M", "pp": "yes"},
    {"need": "SLCN", "area": "CL", "eal": "yes"},
]
SORTS = [{}, {"sort": "year", "dir": "desc"}, {"sort": "since"}, {"sort": "nonsense"}]


@pytest.fixture
def pupils(school, register_pupils):
    """The register page's pupils (conftest.py), one of them with parents not told, a
    Reception pupil and three more of 9K: every filter of FILTERS finds someone."""
    Pupil.objects.filter(pk=register_pupils["support"].pk).update(parents_not_told=True)
    more = [f.PupilFactory(school=school, year_group=0, reg_group="RA")]
    more += [f.SenPupilFactory(school=school, year_group=9, reg_group="9K") for _ in range(3)]
    return [*register_pupils.values(), *more]


def _params(data: dict) -> dict:
    form = RegisterFilterForm(data, reg_groups=["7M", "9K", "RA"])
    assert form.is_valid(), form.errors
    return form.cleaned_data


@pytest.mark.parametrize(("filters", "sort"), list(itertools.product(FILTERS, SORTS)))
def test_written_once_and_through_the_orm_list_the_same_pupils(
    senco, school, pupils, filters, sort
):
    scope = school_scope(senco, school.urn)
    params = _params({**filters, **sort})
    expected = [p.pk for p in selectors.register_pupils(scope=scope, params=params)]
    for written_once in (True, False):
        listing = selectors.RegisterListing(scope=scope, params=params)
        listing.written_once = written_once
        assert listing.count() == len(expected)
        assert [p.pk for p in listing[0 : len(expected)]] == expected
    assert not any(p.refused() for p in (selectors._count, selectors._page))


def test_pages_of_the_listing_are_whole_pages(senco, school, pupils):
    listing = selectors.RegisterListing(scope=school_scope(senco, school.urn), params={})
    with pytest.raises(ValueError, match="Not a page"):
        listing[1:3]
    assert len(listing[0 : selectors.PAGE_SIZE]) == 6


def test_a_search_or_filters_together_run_through_the_orm(senco, school):
    scope = school_scope(senco, school.urn)

    def written_once(data):
        return selectors.RegisterListing(scope=scope, params=_params(data)).written_once

    assert written_once({}) and written_once({"year": "9", "sort": "upn", "show_all": "on"})
    assert written_once({"pp": "yes"}) and written_once({"area": "CL"})
    assert not written_once({"q": "smith"})
    assert not written_once({"year": "9", "sex": "M"})
    assert not written_once({"pp": "yes", "not_told": "on"})

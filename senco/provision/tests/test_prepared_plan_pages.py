"""The pages of a pupil's plans read through queries written once (senco/lib/prepared.py),
with a group delivering both section F and the cycle: none falls back to the ORM, and each
shows what the ORM's own queries showed (issue 13)."""

import datetime

import pytest
from django.urls import reverse

from senco.audit.actor import Actor
from senco.ehcp import review_selectors, review_services
from senco.ehcp import selectors as ehcp_selectors
from senco.ehcp.models import Contributor
from senco.families import selectors as family_selectors
from senco.lib.prepared import every_prepared
from senco.profiles import selectors as profile_selectors
from senco.provision import links
from senco.provision.models import ProvisionLink
from senco.provision.tests import links_fixtures as lf
from senco.provision.tests.links_fixtures import add_item, hold

pytestmark = pytest.mark.django_db

today, ehc_pupil, ehc_plan, f_item = lf.today, lf.ehc_pupil, lf.ehc_plan, lf.f_item
open_cycle, lexia, running_group, member = lf.open_cycle, lf.lexia, lf.running_group, lf.member


def test_the_plan_pages_read_through_queries_written_once(
    client_for, cast, senco, ehc_plan, f_item, open_cycle, member, today
):
    second = add_item(senco, ehc_plan, what="Social skills group")
    ProvisionLink.objects.create(member=member, ehcp_item_id=f_item.pk)
    ProvisionLink.objects.create(member=member, ehcp_item_id=second.pk)
    ProvisionLink.objects.create(member=member, cycle_id=open_cycle.pk)
    hold(member.group, today - datetime.timedelta(days=7), present=[member])
    review = review_services.review_start(actor=Actor(senco), plan=ehc_plan, kind="annual")
    review_services.contributor_add(
        actor=Actor(senco), review=review, role=Contributor.Role.PARENT, name="Sam Parent"
    )
    pupil = ehc_plan.pupil
    pages = [
        reverse("ehcp_plan", args=[pupil.pk]),
        reverse("ehcp_review", args=[pupil.pk, review.pk]),
        reverse("plans_cycle", args=[pupil.pk, open_cycle.pk]),
        reverse("passport_detail", args=[pupil.pk]),
    ]
    for prepared in every_prepared():
        prepared.forget()
    seen = {}
    for role in ("senco", "teacher", "leader", "ta"):
        client = client_for(cast[role])
        for url in pages:
            response = client.get(url)
            assert response.status_code in {200, 403, 404}, (role, url)
            seen[(role, url)] = response.status_code
    refused = {
        f"{p.build.__module__}.{p.build.__qualname__}": p.refused()
        for p in every_prepared()
        if ".tests." not in p.build.__module__ and p.refused()
    }
    assert refused == {}
    used = [p for p in every_prepared() if p._plans]
    for written_once in (
        links._links,
        links._session_counts,
        ehcp_selectors._plan_of,
        ehcp_selectors._items_of,
        review_selectors._review_of,
        review_selectors._contributors_of,
        review_selectors._reviews_of,
        family_selectors._review_meetings,
        profile_selectors._latest_version,
    ):
        assert written_once in used
    assert all(seen[("senco", url)] == 200 for url in pages)
    # What the group delivers, from the links read by the query written once.
    text = client_for(senco).get(pages[0]).content.decode()
    assert text.count("Delivered by Lexia group") == 2
    assert "1 of" in text and "attended 1" in text
    text = client_for(senco).get(pages[2]).content.decode()
    assert "Delivered by Lexia group" in text
    text = client_for(senco).get(pages[1]).content.decode()
    assert "Sam Parent" in text

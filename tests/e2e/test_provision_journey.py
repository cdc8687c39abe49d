"""The SENCO sets up an intervention and a group through the pages, adds two pupils with
their scores at entry, links one to section F of her EHC plan, records exit scores, reads
the impact and downloads the provision map: axe-core clean on every page visited."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from senco import factories as f
from senco.audit.actor import Actor
from senco.ehcp import services as ehcp_services
from senco.lib.codes import Provision
from senco.provision.models import GroupMember, InterventionGroup, ProvisionLink
from senco.provision.tests.links_fixtures import hold
from senco.pupils.models import Pupil

pytestmark = pytest.mark.django_db(transaction=True)

SECTION_F = "Daily structured reading programme"


@pytest.fixture
def section_f(senco, pupil, today):
    """Zoë at E on the register with an EHC plan whose section F has an intervention."""
    Pupil.objects.filter(pk=pupil.pk).update(sen_provision=Provision.EHC_PLAN)
    pupil.refresh_from_db()
    plan = ehcp_services.plan_save(
        actor=Actor(senco),
        pupil=pupil,
        la_code="886",
        issued_on=today - datetime.timedelta(days=200),
        last_review_on=None,
        status="in_force",
        needs="Dyslexia",
        outcomes="Reads at age-related expectations",
    )
    return ehcp_services.item_add(
        actor=Actor(senco),
        plan=plan,
        what=SECTION_F,
        who="Teaching assistant",
        how_often="Twice a week",
        how_long="30 minutes",
        kind="intervention",
        in_place=False,
    )


def _add_pupil(page, follow, fill_date, name, joined, baseline):
    follow(page.get_by_role("link", name="Add a pupil"))
    page.get_by_label("Pupil's name or UPN").fill(name)
    follow(page.get_by_role("button", name="Search"))
    page.get_by_label(re.compile(name)).check()
    fill_date("id_joined_on", joined)
    page.get_by_label("Score at entry (optional)").fill(str(baseline))
    fill_date("id_baseline_on", joined)
    follow(page.get_by_role("button", name="Add to the group"))


def _exit_score(page, follow, fill_date, name, score, on):
    follow(page.locator("#members").get_by_role("link", name=re.compile("^" + name)))
    page.get_by_label("Score at exit (optional)").fill(str(score))
    fill_date("id_exit_on", on)
    follow(page.get_by_role("button", name="Save"))


def test_senco_sets_up_links_and_reads_the_impact(
    page: Page, sign_in, follow, visit, fill_date, senco, school, pupil, section_f, today
):
    f.SenPupilFactory(school=school, legal_surname="Okafor", forename="Tayo")
    starts = today - datetime.timedelta(days=42)
    sign_in("senco")

    # The intervention offer.
    visit(reverse("provision_offer_add", args=[school.urn]))
    page.get_by_label("Name").first.fill("Lexia")
    page.get_by_label("Cognition and learning").check()
    page.get_by_label("Standardised score (average 100)").check()
    page.get_by_label("Exit threshold (optional)").fill("90")
    follow(page.get_by_role("button", name="Save the intervention"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lexia")

    # A group, twice a week, started six weeks ago.
    visit(reverse("provision_group_add", args=[school.urn]))
    page.get_by_label("Intervention", exact=True).select_option(label="Lexia")
    page.get_by_label("Name of the group").fill("Lexia group")
    page.get_by_label("Who delivers it", exact=True).select_option(index=1)
    page.get_by_label("Monday").check()
    page.get_by_label("Wednesday").check()
    fill_date("id_starts_on", starts)
    fill_date("id_ends_on", today + datetime.timedelta(days=42))
    follow(page.get_by_role("button", name="Save the group"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lexia group")

    # Two pupils with their scores at entry.
    _add_pupil(page, follow, fill_date, "Zoë", starts, 78)
    _add_pupil(page, follow, fill_date, "Tayo", starts, 82)
    expect(page.locator("#members tbody tr")).to_have_count(2)
    group = InterventionGroup.objects.get(name="Lexia group")
    zoe = GroupMember.objects.get(group=group, pupil=pupil)
    tayo = GroupMember.objects.exclude(pk=zoe.pk).get(group=group)

    # Zoë's place delivers the intervention of her EHC plan's section F.
    follow(
        page.locator("#members").get_by_role(
            "link", name=re.compile(r"^Link to their EHC plan or plan \(Zo")
        )
    )
    page.get_by_label(re.compile(SECTION_F)).check()
    follow(page.get_by_role("button", name="Link the group"))
    expect(page.locator("#links")).to_contain_text(SECTION_F)
    assert ProvisionLink.objects.filter(member=zoe, ehcp_item_id=section_f.pk).exists()

    # Sessions (recorded here through the models; the session pages are another journey).
    day = starts
    while day < today:
        if day.weekday() in (0, 2):
            hold(group, day, present=[zoe, tayo] if day.day % 5 else [tayo], absent=[])
        day += datetime.timedelta(days=1)

    # The EHC plan shows the group and what its sessions say.
    visit(reverse("ehcp_plan", args=[pupil.pk]))
    expect(page.locator("#provision-2")).to_contain_text("Delivered by Lexia group (Mon, Wed)")
    expect(page.locator("#provision-2")).to_contain_text("held in the last 4 weeks")

    # Exit scores.
    visit(reverse("provision_group_detail", args=[school.urn, group.pk]))
    _exit_score(page, follow, fill_date, "Zoë", 91, today)
    _exit_score(page, follow, fill_date, "Tayo", 85, today)
    zoe.refresh_from_db()
    assert zoe.exit_score == 91

    # The impact, with two pupils: too few to judge.
    visit(reverse("provision_impact", args=[school.urn]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact and value for money")
    expect(page.locator("main")).to_contain_text("Lexia")
    expect(page.locator("main")).to_contain_text(re.compile("too few pupils to judge", re.I))

    # The provision map, downloaded as an Excel workbook.
    visit(reverse("provision_map", args=[school.urn]))
    expect(page.get_by_role("heading", level=1)).to_have_text("Provision map")
    expect(page.locator("main")).to_contain_text("Lexia")
    with page.expect_download() as download:
        page.locator("#downloads").get_by_role("link", name=re.compile("Excel workbook")).click()
    assert download.value.suggested_filename.endswith(".xlsx")

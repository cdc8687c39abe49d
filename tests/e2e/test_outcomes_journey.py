"""Issue 14's journey with attendance, suspensions and results: the SENCO imports a term's
attendance and a data drop from CSV files (preview, then confirm), reads the attendance gaps,
opens the pupils behind one figure and reaches a pupil's page with their own figures; a
governor reads the same page with no names, no links to pupils and small numbers hidden.
axe-core checks every page visited; the outcomes pages also at 390 px, none wider than the
screen."""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from senco import factories as f
from senco.lib.clock import academic_year_of
from senco.lib.codes import Provision
from senco.outcomes.models import Attendance, OutcomesImport, Result
from senco.outcomes.tests.outcome_fixtures import school_figures, subject, suspend

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1100, "height": 900}

# The elements reaching past the right edge of the screen (innermost), to say where a page
# that is too wide overflows. Elements clipped by an ancestor do not count.
OVERFLOWING = """() => {
  const edge = document.documentElement.clientWidth + 0.5;
  const clipped = el => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const s = getComputedStyle(a);
      if (s.overflowX !== 'visible' && a.getBoundingClientRect().right <= edge) return true;
    }
    return false;
  };
  return [...document.querySelectorAll('body *')]
    .filter(el => el.getBoundingClientRect().right > edge && !clipped(el))
    .filter(el => ![...el.children].some(c => c.getBoundingClientRect().right > edge))
    .slice(0, 5)
    .map(el => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}`
      + ` to ${Math.round(el.getBoundingClientRect().right)} px`);
}"""

# The school's roll: (surname, forename, year, provision, need). Three pupils with EHC
# plans (too few to judge, and a count a governor may not see), five at SEN support and
# eight with no SEN.
ROLL = [
    ("Ahmed", "Yusuf", 8, Provision.EHC_PLAN, "ASD"),
    ("Baker", "Chloe", 10, Provision.EHC_PLAN, "SEMH"),
    ("Kowalski", "Piotr", 9, Provision.EHC_PLAN, "SLCN"),
    ("Davies", "Megan", 11, Provision.SEN_SUPPORT, "MLD"),
    ("Fraser", "Isla", 8, Provision.SEN_SUPPORT, "HI"),
    ("Osei", "Kwame", 7, Provision.SEN_SUPPORT, "SEMH"),
    ("Hughes", "Ella", 9, Provision.SEN_SUPPORT, "SPLD"),
    ("Evans", "Noah", 11, Provision.NONE, ""),
    ("Campbell", "Liam", 9, Provision.NONE, ""),
    ("Patel", "Asha", 7, Provision.NONE, ""),
    ("Murphy", "Sean", 8, Provision.NONE, ""),
    ("Nowak", "Zofia", 10, Provision.NONE, ""),
    ("Jones", "Rhys", 7, Provision.NONE, ""),
    ("Smith", "Amelia", 11, Provision.NONE, ""),
    ("Wright", "Oliver", 10, Provision.NONE, ""),
]


@pytest.fixture
def school_roll(school, pupil):
    """The cast's Zoë (at SEN support) and fifteen more pupils, each with a UPN."""
    pupils = [pupil]
    for surname, forename, year, provision, need in ROLL:
        factory = f.PupilFactory if provision == Provision.NONE else f.SenPupilFactory
        pupils.append(
            factory(
                school=school,
                legal_surname=surname,
                forename=forename,
                year_group=year,
                reg_group=f"{year}{surname[0]}",
                sen_provision=provision,
                primary_need=need,
                sex="F" if forename in ("Chloe", "Megan", "Isla", "Ella", "Asha") else "M",
            )
        )
    subject(school, "Maths")
    subject(school, "English")
    return pupils


def _missed(p, n: int) -> int:
    """Sessions missed of 70: pupils with EHC plans miss most, and two pupils very many."""
    base = {"E": 8, "K": 5}.get(p.sen_provision, 3)
    return base + (20 if n in (1, 2) else 0)


def attendance_csv(pupils) -> str:
    """A term's attendance as SIMS exports it (headings its way)."""
    lines = [
        "UPN,Legal Surname,Forename,Possible,Present,Authorised Absences,Unauthorised Absences"
    ]
    for n, p in enumerate(pupils):
        missed = _missed(p, n)
        lines.append(
            f"{p.upn},{p.legal_surname},{p.forename},70,{70 - missed},{missed - missed // 3},"
            f"{missed // 3}"
        )
    return "\r\n".join(lines) + "\r\n"


def results_csv(pupils) -> str:
    """A data drop's maths and English as GCSE grades."""
    lines = ["UPN,Subject,Result"]
    for n, p in enumerate(pupils):
        grade = 3 + n % 4 - (1 if p.sen_provision == "E" else 0)
        lines.append(f"{p.upn},Maths,{grade}")
        lines.append(f"{p.upn},English,{grade + 1}")
    return "\n".join(lines) + "\n"


def _upload(page: Page, name: str, text: str) -> None:
    page.get_by_label("Upload a CSV file").set_input_files(
        files=[{"name": name, "mimeType": "text/csv", "buffer": text.encode()}]
    )


def _submit(page: Page, follow) -> None:
    """The upload form's one button."""
    follow(page.locator("main form").get_by_role("button").last)


def test_senco_imports_reads_the_gaps_and_opens_the_pupils_behind_one(
    page: Page, sign_in, follow, visit, fill_date, school, senco, school_roll, today
):
    page.set_viewport_size(DESKTOP)
    urn = school.urn
    sign_in("senco")

    # 1. This year's attendance, to date, from SIMS: a preview, then the import.
    visit(reverse("outcomes_import_upload", args=[urn, "attendance"]))
    page.get_by_label("Year to date").check()
    _upload(page, "Attendance to date.csv", attendance_csv(school_roll))
    _submit(page, follow)
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check the import")
    expect(page.locator("#count-new")).to_have_text(str(len(school_roll)))
    expect(page.locator("#count-refused")).to_have_text("0")
    batch = OutcomesImport.objects.get(kind=OutcomesImport.Kind.ATTENDANCE)
    assert not Attendance.objects.exists(), "Nothing is written before the SENCO confirms"
    follow(main.get_by_role("button", name=re.compile(r"^Import")).first)
    batch.refresh_from_db()
    assert batch.status == OutcomesImport.Status.APPLIED
    assert Attendance.objects.filter(pupil__school=school).count() == len(school_roll)

    # A data drop's results, the same way.
    visit(reverse("outcomes_import_upload", args=[urn, "results"]))
    page.get_by_label("Name of the new data drop").fill(f"Autumn {today.year}")
    fill_date("id_taken_on", today)
    page.get_by_label("Scale of the results").select_option(label="GCSE grades (9 to 1)")
    _upload(page, "Autumn data drop.csv", results_csv(school_roll))
    _submit(page, follow)
    expect(page.locator("#count-new")).to_have_text(str(2 * len(school_roll)))
    assert not Result.objects.exists()
    follow(page.locator("main").get_by_role("button", name=re.compile(r"^Import")).first)
    assert Result.objects.filter(pupil__school=school).count() == 2 * len(school_roll)

    # 2. The attendance gaps, the pupils behind one figure, and one pupil's page.
    visit(reverse("outcomes_attendance", args=[urn]))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance")
    expect(main).to_contain_text("EHC plan")
    expect(main).to_contain_text(re.compile("too few pupils to judge", re.I))
    # The first figure of the whole school: pupils with EHC plans, and who they are.
    follow(main.locator('a[href*="group=E"]', has_text=re.compile("see the pupils")).first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("EHC plan")
    for name in ("Ahmed", "Baker", "Kowalski"):
        expect(main).to_contain_text(name)
    expect(main).not_to_contain_text("Campbell")  # no SEN: not in this figure
    follow(main.get_by_role("link", name=re.compile(r"Yusuf|Ahmed")).first)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Yusuf")
    panel = page.locator("#outcomes-panel")
    expect(panel).to_contain_text("Missed 28 of 70 possible sessions (40.0%)")
    expect(panel).to_contain_text("Persistently absent")
    expect(panel.locator("#outcomes-results")).to_contain_text("Maths")


def test_governor_reads_the_attendance_page_without_names_or_small_numbers(
    page: Page, sign_in, visit, school, school_roll, governor, today
):
    school_figures(school, school_roll, today)
    page.set_viewport_size(DESKTOP)
    sign_in("governor")
    visit(reverse("outcomes_attendance", args=[school.urn]))
    main = page.locator("main")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Attendance")
    expect(main).to_contain_text("EHC plan")
    # Three pupils with EHC plans: a count of 1 to 4, shown as hidden.
    expect(main.get_by_text("hidden", exact=True).first).to_be_visible()
    text = main.inner_text()
    for p in school_roll:
        assert p.legal_surname not in text, f"{p.legal_surname} named to a governor"
    assert main.locator('a[href*="/pupils/"]').count() == 0
    assert not re.search(r"\b[1-4] pupils? account", text)

    # The summary page's line: the same figures, the same one hidden.
    visit(reverse("register_summary", args=[school.urn]))
    expect(page.locator("#attendance-figure-E")).to_contain_text("hidden")


@pytest.fixture
def outcomes_pages(school, school_roll, today):
    """The figures every outcomes page shows, and a file of suspensions in preview."""
    school_figures(school, school_roll, today)
    ehc = [p for p in school_roll if p.sen_provision == Provision.EHC_PLAN]
    suspend(ehc[0], today - datetime.timedelta(days=3), 4, "VA")
    return {"pupil": ehc[0], "year": academic_year_of(today)}


def _pages(urn: str, pupil_pk: int) -> list[str]:
    return [
        reverse("outcomes_home", args=[urn]),
        reverse("outcomes_attendance", args=[urn]),
        reverse("outcomes_suspensions", args=[urn]),
        reverse("outcomes_attainment", args=[urn]),
        f"/pupils/{pupil_pk}/",
    ]


def _preview(page: Page, follow, visit, urn: str, pupils) -> None:
    """Upload a file of suspensions and stay on its preview (axe checks it)."""
    visit(reverse("outcomes_import_upload", args=[urn, "suspensions"]))
    rows = ["UPN,Start Date,Type,Days,Reason"]
    for n, p in enumerate(pupils[:4]):
        rows.append(f"{p.upn},0{n + 1}/09/{academic_year_of(datetime.date.today())},FT,1.5,PD")
    _upload(page, "Suspensions.csv", "\n".join(rows) + "\n")
    _submit(page, follow)


@pytest.mark.parametrize("size", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_outcomes_pages_are_axe_clean_and_fit_the_screen(
    page: Page, sign_in, follow, visit, school, senco, school_roll, outcomes_pages, size
):
    page.set_viewport_size(size)
    sign_in("senco")
    too_wide = []

    def fits() -> None:
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > size["width"]:
            too_wide.append(f"{page.url}: {width} px; {page.evaluate(OVERFLOWING)}")

    for path in _pages(school.urn, outcomes_pages["pupil"].pk):
        response = visit(path)
        assert response.status == 200, f"{path}: {response.status}"
        fits()
    expect(page.locator("#outcomes-panel")).to_contain_text("Attendance, suspensions and results")
    _preview(page, follow, visit, school.urn, school_roll)
    fits()
    assert not too_wide, f"Wider than {size['width']} px:\n" + "\n".join(too_wide)

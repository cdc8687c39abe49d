"""The sections of each kind of report, as data with their sources."""

from senco.registry import EVIDENCE_KEYS
from senco.reports.kinds import GOVERNORS, INFORMATION, KINDS
from senco.reports.models import Kind


def test_every_kind_of_the_model_has_its_sections():
    assert set(KINDS) == set(Kind.values)
    for kind in KINDS.values():
        assert kind.label == Kind(kind.key).label
        for section in kind.sections:
            assert section.heading and section.prompt and section.draft
            assert set(section.evidence) <= set(EVIDENCE_KEYS)


def test_the_information_report_has_every_item_of_schedule_1():
    paragraphs = [
        s.source.rsplit("paragraph ", 1)[-1]
        for s in INFORMATION.sections
        if "Schedule 1," in s.source
    ]
    expected = ["1", "2", *(f"3({x})" for x in "abcdefg"), *map(str, range(4, 14))]
    assert paragraphs == expected
    assert "reg. 51" in INFORMATION.source


def test_the_governors_report_covers_what_the_issue_asks():
    keys = set(GOVERNORS.evidence_keys)
    for wanted in (
        "register",
        "needs",
        "provision",
        "annual_reviews",
        "parent_meetings",
        "attendance",
        "suspensions",
        "attainment",
        "development_plan",
    ):
        assert wanted in keys
    headings = [s.heading for s in GOVERNORS.sections]
    assert "Staff training and expertise" in headings and "Priorities for next year" in headings
    assert "nasen" in GOVERNORS.source


def test_the_information_reports_figures_are_among_the_governors_reports():
    # The demo keeps one day's figures for both (senco/reports/demo.py).
    assert set(INFORMATION.evidence_keys) <= set(GOVERNORS.evidence_keys)


def test_a_starting_draft_names_only_the_school_the_year_and_the_senco(school, senco):
    from senco.reports.services import draft_fill

    fill = draft_fill(school, 2026, senco)
    for kind in KINDS.values():
        for section in kind.sections:
            words = section.draft.format(**fill)
            assert "{" not in words
    assert "2026/27" in GOVERNORS.section("introduction").draft.format(**fill)
    assert fill["senco"] == (senco.get_full_name() or senco.username)

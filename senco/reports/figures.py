"""The figures of a report: today's for a draft, those kept when it was issued for an issued
report. Reports go to governors or the public, so their figures always pass disclosure
control, whoever reads them: `registry.evidence_for(..., suppress=True)` (counts from 1 to
4, and anything that would give one away, read "hidden": docs/disclosure.md). No figure
names a pupil.
"""

import datetime
from dataclasses import dataclass, field

from senco import registry
from senco.reports.kinds import KINDS, Section
from senco.reports.models import Report, ReportSection

HIDDEN = "hidden"


@dataclass(frozen=True)
class Row:
    """A figure as a report shows it (from a live `registry.Figure` or a kept one)."""

    label: str
    value: str
    national: str = ""
    source: str = ""
    url: str = ""

    @property
    def hidden(self) -> bool:
        return self.value.strip().lower() == HIDDEN


def live(report: Report, today: datetime.date) -> dict[str, list[Row]]:
    """Today's figures for every evidence key of the report's kind, with small numbers
    hidden. Keys nobody offers are left out."""
    kind = KINDS.get(report.kind)
    if kind is None:
        return {}
    found = registry.evidence_for(kind.evidence_keys, report.school, today, suppress=True)
    return {
        key: [Row(f.label, str(f.value), f.national, f.source, f.url) for f in figures]
        for key, figures in found.items()
    }


def frozen(figures: dict[str, list[Row]]) -> dict:
    """Figures as `Report.figures` keeps them (no links: an issued report is a document)."""
    return {
        key: [
            {"label": r.label, "value": r.value, "national": r.national, "source": r.source}
            for r in rows
        ]
        for key, rows in figures.items()
    }


def kept(report: Report) -> dict[str, list[Row]]:
    return {
        key: [
            Row(
                str(r.get("label", "")),
                str(r.get("value", "")),
                str(r.get("national", "")),
                str(r.get("source", "")),
            )
            for r in rows
            if isinstance(r, dict)
        ]
        for key, rows in (report.figures or {}).items()
        if isinstance(rows, list)
    }


def figures_of(report: Report, today: datetime.date) -> dict[str, list[Row]]:
    return kept(report) if report.is_issued else live(report, today)


@dataclass
class SectionView:
    """A section as the page and the documents show it: the SENCO's words, and the figures
    of its evidence keys from senco."""

    section: ReportSection
    spec: Section | None
    rows: list[Row] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.section.key

    @property
    def heading(self) -> str:
        return self.section.heading

    @property
    def words(self) -> str:
        return self.section.words

    @property
    def paragraphs(self) -> list[str]:
        return [
            p.strip() for p in self.section.words.replace("\r\n", "\n").split("\n\n") if p.strip()
        ]

    @property
    def prompt(self) -> str:
        return self.spec.prompt if self.spec else ""

    @property
    def source(self) -> str:
        return self.spec.source if self.spec else ""

    @property
    def written(self) -> bool:
        """Changed by a person since senco made the starting draft."""
        return self.section.updated_by_id is not None

    @property
    def figure_sources(self) -> list[str]:
        return list(dict.fromkeys(r.source for r in self.rows if r.source))

    @property
    def any_national(self) -> bool:
        return any(r.national for r in self.rows)


def sections_with_figures(
    report: Report, sections: list[ReportSection], figures: dict[str, list[Row]]
) -> list[SectionView]:
    kind = KINDS.get(report.kind)
    views = []
    for section in sections:
        spec = kind.section(section.key) if kind else None
        keys = spec.evidence if spec else ()
        views.append(SectionView(section, spec, [r for k in keys for r in figures.get(k, [])]))
    return views


def any_hidden(views: list[SectionView]) -> bool:
    return any(r.hidden for v in views for r in v.rows)

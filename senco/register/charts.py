"""The summary's figures as charts: the same percents its tables show, with the same
figures hidden from those who see only protected ones (each row's `hidden`)."""

from django.utils.safestring import SafeString, mark_safe

from senco.lib.charts import Bar, bar_chart_svg
from senco.lib.figures import row_share

SERIES = ("EHC plan", "SEN support")


def _shares(row, basis: str, total) -> tuple[float | None, float | None]:
    """A row's two percents, as its table shows them: of the row's roll, or of the whole
    register's figure ("register")."""
    if basis == "roll":
        return row_share(row, "ehc", row, "roll"), row_share(row, "support", row, "roll")
    return row_share(row, "ehc", total, "ehc"), row_share(row, "support", total, "support")


def breakdown_chart(breakdown, total) -> SafeString | None:
    """A chart of one breakdown: percent of each row's roll, or each row's share of the
    register (as its table says). None when there is nothing to draw."""
    bars = []
    for row in breakdown.rows:
        values = _shares(row, breakdown.basis, total)
        # England's figure is comparable only where it is a share too (by need); the
        # other breakdowns' England figures stay in their tables.
        references = (row.national_ehc, row.national_support)
        comparable = breakdown.basis == "register" and any(references)
        bars.append(Bar(row.label, values, references if comparable else ()))
    if not any(v is not None for b in bars for v in b.values):
        return None
    return mark_safe(  # noqa: S308 (bar_chart_svg escapes every text it draws)
        bar_chart_svg(
            title=f"{breakdown.title}: {breakdown.caption}",
            series=SERIES,
            bars=bars,
            reference_label="England",
        )
    )


def school_comparison_chart(rows, total) -> SafeString | None:
    """Each school's percent of pupils with an EHC plan and at SEN support, England marked."""
    bars = [
        Bar(row.label, _shares(row, "roll", row), (total.national_ehc, total.national_support))
        for row in rows
    ]
    if not any(v is not None for b in bars for v in b.values):
        return None
    return mark_safe(  # noqa: S308 (bar_chart_svg escapes every text it draws)
        bar_chart_svg(
            title="Percent of pupils with an EHC plan and at SEN support, by school",
            series=SERIES,
            bars=bars,
            reference_label="England",
        )
    )


def summary_charts(summary) -> list[SafeString | None]:
    """One chart for each of the summary's breakdowns, in order."""
    return [breakdown_chart(b, summary.total) for b in summary.breakdowns]

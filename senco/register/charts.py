"""The summary's figures as charts: the same percents its tables show, with the same
figures hidden from those who see only suppressed ones."""

from django.utils.safestring import SafeString, mark_safe

from senco.lib.charts import Bar, bar_chart_svg
from senco.lib.figures import shown_share

SERIES = ("EHC plan", "SEN support")


def _shares(row, totals, suppress: bool) -> tuple[float | None, float | None]:
    ehc_total, support_total = totals
    return (
        shown_share(row.ehc, ehc_total, suppress),
        shown_share(row.support, support_total, suppress),
    )


def breakdown_chart(breakdown, total, suppress: bool) -> SafeString | None:
    """A chart of one breakdown: percent of each row's roll, or each row's share of the
    register (as its table says). None when there is nothing to draw."""
    bars = []
    for row in breakdown.rows:
        if breakdown.basis == "roll":
            values = _shares(row, (row.roll, row.roll), suppress)
        else:
            values = _shares(row, (total.ehc, total.support), suppress)
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


def school_comparison_chart(rows, total, suppress: bool) -> SafeString | None:
    """Each school's percent of pupils with an EHC plan and at SEN support, England marked."""
    bars = [
        Bar(
            row.label,
            _shares(row, (row.roll, row.roll), suppress),
            (total.national_ehc, total.national_support),
        )
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


def summary_charts(summary, suppress: bool) -> list[SafeString | None]:
    """One chart for each of the summary's breakdowns, in order."""
    return [breakdown_chart(b, summary.total, suppress) for b in summary.breakdowns]

"""Plain-text tables for the commands' reports (seed_demo, bench, bench_audit, loadtest)."""

from collections.abc import Collection, Sequence


def text_table(
    rows: Sequence[Sequence[str]],
    *,
    left: Collection[int] = (0,),
    rules_after: Collection[int] = (0,),
    strip: bool = True,
) -> list[str]:
    """The rows as lines of columns two spaces apart: the columns in `left` flush left, the
    others flush right, a rule of dashes under each row numbered in `rules_after` (the
    heading, by default)."""
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = []
    for n, row in enumerate(rows):
        line = "  ".join(
            cell.ljust(w) if i in left else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        lines.append(line.rstrip() if strip else line)
        if n in rules_after:
            lines.append("  ".join("-" * w for w in widths))
    return lines

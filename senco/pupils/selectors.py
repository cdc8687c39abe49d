"""Reads of pupils that cross tables, limited to what the user may see."""

from senco.access import Scope, pupils_visible_to


def reg_groups(*, scope: Scope) -> list[str]:
    """The registration groups of the pupils the scope sees, in order."""
    return list(
        pupils_visible_to(scope)
        .exclude(reg_group="")
        .order_by("reg_group")
        .values_list("reg_group", flat=True)
        .distinct()
    )

"""Who is withdrawn when, for teachers: on My pupils and the class sheets (the profiles
app's pages), each pupil's intervention groups running now (what, when, with whom),
through the registry's `for_teachers` hook."""

from django.utils import timezone

from senco.provision import session_selectors as sel
from senco.registry import TeacherLine, TeacherSection

TITLE = "Out of lessons for interventions"


def line_for(group: sel.GroupNow) -> TeacherLine:
    parts = [group.intervention, sel.when_text(group), f"with {group.staff}"]
    if group.place:
        parts.append(f"in {group.place}")
    text = ", ".join(p for p in parts if p)
    return TeacherLine(f"{text} (until {group.ends_on:%-d %B %Y})")


def withdrawn(scope, pupils) -> dict[int, list[TeacherSection]]:
    """For each pupil in an intervention group running today, the groups: one query; none
    for someone who may not see withdrawals."""
    if not scope.may("sees_withdrawals"):
        return {}
    found = sel.groups_now([p.pk for p in pupils], timezone.localdate())
    return {
        pupil_id: [TeacherSection(TITLE, tuple(line_for(g) for g in groups))]
        for pupil_id, groups in found.items()
    }

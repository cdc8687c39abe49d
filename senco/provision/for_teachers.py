"""Who is withdrawn when, for teachers: on My pupils and the class sheets (the profiles
app's pages), each pupil's intervention groups running now (what, when, with whom),
through the registry's `for_teachers` hook."""

from django.utils import timezone

from senco.provision import session_selectors as sel
from senco.registry import TeacherLine, TeacherSection

TITLE = "Out of lessons for interventions"


def line_for(member) -> TeacherLine:
    group = member.group
    parts = [group.intervention.name, sel.when_text(group), f"with {sel.staff_text(group)}"]
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
        pupil_id: [TeacherSection(TITLE, tuple(line_for(m) for m in members))]
        for pupil_id, members in found.items()
    }

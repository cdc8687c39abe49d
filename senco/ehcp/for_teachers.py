"""Section F for teachers: the classroom strategies of a pupil's EHC plan, and what to do
when things are not going well, on My pupils and the class sheets (the profiles app's
pages), through the registry's `for_teachers` hook."""

from senco.ehcp import selectors
from senco.ehcp.models import ProvisionItem
from senco.registry import TeacherLine, TeacherSection

NOT_IN_PLACE = "Not in place yet"
TITLES = {
    ProvisionItem.Kind.CLASSROOM: "EHC plan, section F: in every lesson",
    ProvisionItem.Kind.WHEN_STRUGGLING: "EHC plan, section F: when things are not going well",
}


def section_f(scope, pupils) -> dict[int, list[TeacherSection]]:
    """For each pupil with an EHC plan, its classroom strategies and what to do when things
    are not going well, each marked when not in place yet. One query; none when no pupil is
    at E or the person may not read EHC plans."""
    if not scope.may("reads_ehc_plans"):
        return {}
    return {
        pupil_id: [
            TeacherSection(
                TITLES[kind],
                tuple(
                    TeacherLine(what, "" if in_place else NOT_IN_PLACE) for what, in_place in items
                ),
            )
            for kind, items in kinds.items()
            if items
        ]
        for pupil_id, kinds in selectors.teacher_strategies(pupils).items()
    }

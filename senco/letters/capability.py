"""What letters to families add to the shared pages (see senco/registry.py)."""

from senco.accounts.models import Role
from senco.letters import selectors
from senco.letters.audit import LettersAction
from senco.letters.demo import build as build_demo
from senco.registry import (
    HOME_ONLY,
    SETTINGS,
    Capability,
    DemoBuilder,
    NavItem,
    PupilPanel,
    register,
)


def _pupil_panel(request, pupil, scope):
    """The last letters to the family and, for the SENCO, a letter that is due: one query
    (the register's history is the history panel's), two when the last letters do not say."""
    if not scope.reads_pupil_letters:
        return None
    messages = selectors.recent_messages(pupil)
    return {
        "messages": messages,
        "suggestion": selectors.suggestion(pupil, messages) if scope.sends_letters else None,
    }


register(
    Capability(
        app="letters",
        nav=(
            # The SENCO's menu is full: under "Go to" on the home page, and the wording
            # under School settings.
            NavItem(
                "Letters to families",
                "letters_batches",
                ability="reads_letter_log",
                order=46,
                group=HOME_ONLY,
                home_label="Letters to families",
            ),
            NavItem(
                "Wording of letters to families",
                "letters_wording",
                ability="words_letters",
                order=46,
                group=SETTINGS,
                description="The subject and text of each letter and email to families.",
            ),
        ),
        pupil_panels=(PupilPanel("letters/_pupil_panel.html", _pupil_panel, order=36),),
        demo=(DemoBuilder("letters", build_demo, order=47),),
        abilities={
            # Who writes to families, one or many, and tries failed emails again.
            "sends_letters": {Role.SENCO},
            # Who sets the school's wording of each kind of letter.
            "words_letters": {Role.SENCO},
            # Who reads the log of every sending (the SENCO and leaders).
            "reads_letter_log": {Role.SENCO, Role.LEADER},
            # Who reads a pupil's letters: whoever sees the pupil.
            "reads_pupil_letters": {Role.SENCO, Role.LEADER, Role.TEACHER, Role.TA},
        },
        audit_actions=LettersAction,
    )
)

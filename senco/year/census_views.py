"""The census check page: what the next census would get wrong, each line with its fix."""

from django.shortcuts import render
from django.utils import timezone

from senco.access import pupils_visible_to, school_view
from senco.lib.html import url_pattern
from senco.year import census_selectors as selectors
from senco.year.census import SOURCE
from senco.year.census_services import census_check_record

# Where each kind of fix is, and the ability a person needs to make it there. Whoever may
# not make it (a senior leader) sees who can instead of a link.
FIXES = {
    "register": ("register_change", "manages_register", ""),
    "ehc_plan": ("ehcp_plan_edit", "manages_ehc_plans", ""),
    "plans": ("plans_cycles", "runs_cycles", ""),
    # The pupil's register history, where each change's "parents told" is recorded.
    "parents": ("pupil_detail", "manages_register", "#register-history"),
}


def _fix_urls(scope) -> dict[str, str]:
    """The fix link of each kind with `{}` for the pupil's id, for the kinds this person may
    make ("" for the others): reversed once for the whole page."""
    return {
        kind: url_pattern(url_name, 1) + anchor if scope.may(ability) else ""
        for kind, (url_name, ability, anchor) in FIXES.items()
    }


@school_view("checks_census")
def census_check(request, scope):
    """Run the check: each visit is a check, kept with what it found (CensusCheck)."""
    today = timezone.localdate()
    problems = selectors.census_problems(scope.school, pupils_visible_to(scope), today)
    check = census_check_record(actor=request.actor, school=scope.school, problems=problems)
    fixes = _fix_urls(scope)
    pupil_url = url_pattern("pupil_detail", 1)
    groups = [
        {
            "problem": problem,
            "rows": [
                {
                    "line": line,
                    "pupil_url": pupil_url.format(line.pupil_id),
                    "fix_url": fixes[problem.fixed_at].format(line.pupil_id),
                }
                for line in lines
            ],
        }
        for problem, lines in problems.groups()
    ]
    return render(
        request,
        "year/census/check.html",
        {
            "scope": scope,
            "problems": problems,
            "census": problems.census,
            "days_to_go": problems.census.days_from(today),
            "groups": groups,
            "check": check,
            # The checks run before this one for the same census day.
            "earlier": [
                c for c in selectors.checks_before(scope.school, problems.census) if c != check
            ][:4],
            "source": SOURCE,
        },
    )

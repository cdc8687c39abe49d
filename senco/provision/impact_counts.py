"""The interventions' totals on a school's summary page: what governors (and the trust's
SEND lead) see of the provision, never a name (registered as `SummaryFigures` in
capability.py). For the academic year so far, interventions additional to and different
from high-quality teaching (waves 2 and 3):

- what they cost (`costs.py`, the sessions held or planned);
- how many pupils are in them;
- of the pupils with an exit score, how many met the exit criteria, and the share.

For someone who sees no names the counts are hidden as the register's are
(`senco.lib.disclosure.protect` over the counts and the sum between them: assessed = met +
not met), and a share is shown only where both its counts are (and 5 or more pupils were
assessed: "too few pupils to judge" otherwise, for everyone). The cost is money, not a
count of pupils, and is shown. A handful of queries, whatever the number of groups.
"""

import datetime

from senco.lib import clock
from senco.lib.disclosure import Sum, protect
from senco.provision import impact_selectors
from senco.provision.impact import pounds

PUPILS, ASSESSED, MET, NOT_MET = "pupils", "assessed", "met", "not_met"
ORDER = (PUPILS, ASSESSED, MET, NOT_MET)
LABELS = {
    PUPILS: "Pupils in these interventions",
    ASSESSED: "Pupils with an exit score",
    MET: "of them meeting the exit criteria",
    NOT_MET: "of them not meeting the exit criteria yet",
}


def summary_figures(school, today: datetime.date, suppress: bool) -> dict:
    year = clock.academic_year_of(today)
    totals = impact_selectors.year_totals(school, year)
    counts = {
        PUPILS: totals.pupils_in_interventions,
        ASSESSED: totals.exit_assessed,
        MET: totals.exit_met,
        NOT_MET: totals.exit_assessed - totals.exit_met,
    }
    hidden = protect(counts, [Sum(ASSESSED, (MET, NOT_MET))]).hidden if suppress else frozenset()
    share = None
    if totals.exit_judged and MET not in hidden and ASSESSED not in hidden:
        share = totals.exit_share
    return {
        "year_label": clock.academic_year_label(year),
        "cost": pounds(totals.cost),
        "rows": [
            {
                "key": key,
                "label": LABELS[key],
                "value": None if key in hidden else counts[key],
                "sub": key in (MET, NOT_MET),
            }
            for key in ORDER
        ],
        "share": share,
        "too_few": not totals.exit_judged,
        "assessed_hidden": ASSESSED in hidden,
        "any_hidden": bool(hidden),
    }

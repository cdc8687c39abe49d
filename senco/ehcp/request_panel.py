"""The pupil page's panel of requests for an EHC needs assessment."""

from senco.ehcp.compliance import is_open, pupil_requests
from senco.lib.codes import Provision


def requests_panel(request, pupil, scope):
    """For a pupil without an EHC plan on the register, to the SENCO and leaders: their
    requests for an EHC needs assessment (one query), and a link to record one. A pupil at
    E has the EHC plan's panel instead, and costs no query here."""
    if pupil.sen_provision == Provision.EHC_PLAN or not scope.follows_ehc_work:
        return None
    found = pupil_requests(pupil)
    return {"requests": [(r, is_open(r)) for r in found]}

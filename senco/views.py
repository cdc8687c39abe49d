from django.db import connection
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from senco.access import Scope, public_view, signed_in_view
from senco.accounts.models import Membership, Role, TrustMembership
from senco.plans.selectors import todo_for

try:
    from senco.profiles.selectors import passports_out_of_date
except ImportError:  # pragma: no cover - the passports app is not there yet
    passports_out_of_date = None


def _section(membership: Membership, user, today) -> dict:
    """One school's list of things to do for this person, a query or so a list."""
    scope = Scope(user, membership.school, membership.role, membership.can_edit_passports)
    todo = todo_for(scope=scope, today=today)
    if scope.role == Role.SENCO and passports_out_of_date is not None:
        todo["passports"] = list(passports_out_of_date(scope=scope, today=today))
    return {"scope": scope, "membership": membership, **todo}


@signed_in_view
def home(request):
    """What needs doing: for each school where the person works, their own list."""
    today = timezone.localdate()
    memberships = list(Membership.objects.filter(user=request.user).select_related("school"))
    trusts = list(TrustMembership.objects.filter(user=request.user).select_related("trust"))
    sections = [_section(m, request.user, today) for m in memberships]
    return render(
        request,
        "home.html",
        {
            # With one school, the menu shows that school's pages.
            "scope": sections[0]["scope"] if len(sections) == 1 else None,
            "sections": sections,
            "trusts": trusts,
            "today": today,
        },
    )


@public_view
def healthz(request):
    """For a load balancer: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")

from django.db import connection
from django.http import HttpResponse
from django.shortcuts import redirect, render

from senco.access import public_view, signed_in_view
from senco.accounts.models import Membership, TrustMembership


@signed_in_view
def home(request):
    """Where each person starts: their school, or a choice when they have several."""
    memberships = list(Membership.objects.filter(user=request.user).select_related("school"))
    trusts = list(TrustMembership.objects.filter(user=request.user).select_related("trust"))
    if len(memberships) == 1 and not trusts:
        m = memberships[0]
        if m.role in ("senco", "leader", "teacher", "ta"):
            return redirect("register", urn=m.school.urn)
        if m.role == "governor":
            return redirect("register_summary", urn=m.school.urn)
    if len(trusts) == 1 and not memberships:
        return redirect("trust_summary", trust_id=trusts[0].trust_id)
    return render(request, "home.html", {"memberships": memberships, "trusts": trusts})


@public_view
def healthz(request):
    """For a load balancer: the app answers and the database is reachable."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return HttpResponse("ok", content_type="text/plain")

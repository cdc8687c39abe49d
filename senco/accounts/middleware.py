"""What a person must do after their password is accepted, before any other page opens."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse

from senco.accounts import two_factor


class SignInStepsMiddleware:
    """Sends a signed-in person to the step they still owe, in this order, from every other
    page (signing out always works):

    1. a code from their authenticator app, when they have one (two_factor.VERIFY);
    2. a password of their own, when someone else chose the one they signed in with
       (`User.must_change_password`);
    3. setting up an authenticator app, when their school requires one and they have none
       (two_factor.SET_UP).

    Steps 1 and 3 are decided once as the password is accepted and kept in the session
    (two_factor.sign_in_steps), so a page costs no query. After AuthenticationMiddleware
    and SessionMiddleware."""

    STEPS = {
        two_factor.VERIFY: ("two_factor_verify", ("two_factor_verify", "logout")),
        "password": ("password_change", ("password_change", "logout")),
        two_factor.SET_UP: ("two_factor_setup", ("two_factor_setup", "logout")),
    }

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            step = self.step(request, user)
            if step is not None:
                target, allowed = self.STEPS[step]
                if request.path_info not in {reverse(name) for name in allowed}:
                    url = reverse(target)
                    if request.method == "GET" and step == two_factor.VERIFY:
                        url += "?" + urlencode({"next": request.get_full_path()})
                    return redirect(url)
        return self.get_response(request)

    @staticmethod
    def step(request, user) -> str | None:
        owed = two_factor.step_owed(request)
        if owed == two_factor.VERIFY:
            return owed
        if user.must_change_password:
            return "password"
        return owed

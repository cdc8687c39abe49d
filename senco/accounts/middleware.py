"""A person whose password someone else chose changes it before anything else."""

from django.shortcuts import redirect
from django.urls import reverse


class PasswordChangeRequiredMiddleware:
    """Sends a signed-in user with `must_change_password` to the "Change your password" page
    from every other page; signing out still works. After AuthenticationMiddleware."""

    # The pages such a person may still reach, by URL name.
    ALLOWED = ("password_change", "logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_change_password:
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path_info not in allowed:
                return redirect("password_change")
        return self.get_response(request)

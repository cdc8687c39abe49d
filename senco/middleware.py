"""Middleware of senco's own that belongs to no app."""

from django.utils.cache import patch_cache_control


class NoStoreForSignedInMiddleware:
    """Every response to a signed-in person says `Cache-Control: no-store, private`.

    Pages, PDFs, CSV files and photos all hold pupils' data; none may stay in the
    browser's cache or a shared proxy's after the person signs out of a shared computer.
    Static files never get here (WhiteNoise answers them first). It goes after
    AuthenticationMiddleware, and asks after the view, so a sign-in response is covered.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response

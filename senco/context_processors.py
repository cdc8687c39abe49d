"""What every page's frame needs, computed only when a page asks for it."""

from senco.access import Scope


def frame(request):
    """`default_scope`: on a page that names no school (an error page, say), the school of
    a person who works at exactly one, so the header and menu stay as they were. A
    callable, so the query runs only on pages that use it."""

    def default_scope():
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        memberships = list(user.memberships.select_related("school")[:2])
        if len(memberships) != 1:
            return None
        m = memberships[0]
        return Scope(user, m.school, m.role, m.can_edit_passports)

    return {"default_scope": default_scope}

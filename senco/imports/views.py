from django.shortcuts import render

from senco.access import MANAGES_REGISTER, school_view


@school_view(*MANAGES_REGISTER)
def import_upload(request, scope):
    return render(request, "imports/upload.html", {"scope": scope})

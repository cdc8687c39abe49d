"""What docs/security.md promises about responses and settings: no caching of anything a
signed-in person sees, flash messages kept server-side, a Content-Security-Policy with no
inline script or style, and settings that refuse to run a real installation unsafely."""

import os
import re
import subprocess
import sys

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.html import escape

from senco.lib.forms import date_data
from senco.middleware import NoStoreForSignedInMiddleware
from senco.testing import assert_valid_html

CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)


def directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(";")}


def assert_not_stored(response):
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"no-store", "private"} <= cache_control
    assert "public" not in cache_control


# --- Cache-Control --------------------------------------------------------------------------


def test_a_signed_in_page_is_not_stored(client_for, senco):
    response = client_for(senco).get(reverse("home"))
    assert response.status_code == 200
    assert_not_stored(response)


def test_a_pupils_page_is_not_stored(client_for, senco, pupil):
    response = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert_not_stored(response)


def test_a_csv_export_is_not_stored(client_for, senco, school, pupil):
    response = client_for(senco).get(reverse("register_export", args=[school.urn]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert_not_stored(response)


def test_a_pdf_is_not_stored(client_for, senco, pupil):
    response = client_for(senco).get(reverse("profile_pdf", args=[pupil.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert_not_stored(response)


def test_a_photo_is_not_stored(client_for, senco, pupil, settings, tmp_path):
    from senco.profiles.tests.conftest import add_photo

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    add_photo(pupil, senco)
    response = client_for(senco).get(reverse("pupil_photo", args=[pupil.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert_not_stored(response)


def test_a_response_to_someone_not_signed_in_is_left_alone(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    response = NoStoreForSignedInMiddleware(lambda request: HttpResponse("public"))(request)
    assert not response.has_header("Cache-Control")


def test_a_stricter_header_of_the_view_is_kept(rf, senco):
    def view(request):
        response = HttpResponse("x")
        add_never_cache_headers(response)
        return response

    request = rf.get("/")
    request.user = senco
    response = NoStoreForSignedInMiddleware(view)(request)
    assert_not_stored(response)
    assert "max-age=0" in response["Cache-Control"]


def test_static_files_are_left_alone(client_for, senco):
    response = client_for(senco).get(settings.STATIC_URL + "js/senco.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


# --- Flash messages -------------------------------------------------------------------------


def test_a_message_naming_a_pupil_travels_in_the_session_not_a_cookie(client_for, senco, pupil):
    client = client_for(senco)
    response = client.post(
        reverse("register_change", args=[pupil.pk]),
        {
            "to_provision": "E",
            "to_primary_need": "ASD",
            "to_secondary_need": "",
            **date_data("effective_date", timezone.localdate()),
            "reason": "EHC plan issued by the local authority",
        },
    )
    assert response.status_code == 302
    assert "messages" not in response.cookies
    assert "messages" not in client.cookies
    shown = client.get(response["Location"])
    assert escape(pupil.full_name).encode() in shown.content
    assert b"has been changed" in shown.content
    assert "messages" not in shown.cookies


# --- Content-Security-Policy ----------------------------------------------------------------


def test_every_page_has_the_policy(client_for, senco, client):
    signed_in = client_for(senco).get(reverse("home"))
    signed_out = client.get(reverse("login"))
    for response in (signed_in, signed_out):
        assert directives(response["Content-Security-Policy"]) == directives(CSP)


def test_no_inline_script_or_style_on_a_page(client_for, senco, pupil):
    response = client_for(senco).get(reverse("pupil_detail", args=[pupil.pk]))
    assert_valid_html(response)
    html = response.content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts and all("src=" in tag for tag in scripts), scripts
    assert all(
        not body.strip() for body in re.findall(r"<script\b[^>]*>(.*?)</script>", html, re.S)
    )
    assert "<style" not in html
    assert re.search(r"\sstyle=", html) is None
    assert re.search(r"\son[a-z]+=", html) is None  # no event-handler attributes


def test_no_template_served_as_a_page_has_inline_script_or_style():
    """PDF templates (rendered by WeasyPrint, never served as HTML) may have <style>."""
    offenders = []
    for path in settings.BASE_DIR.joinpath("senco").rglob("templates/**/*.html"):
        if "pdf" in path.parts or path.name.endswith("_pdf.html"):
            continue
        text = path.read_text()
        inline_script = re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text)
        inline_style = "<style" in text or re.search(r"\sstyle=", text)
        if inline_script or inline_style or re.search(r"\son[a-z]+=", text):
            offenders.append(str(path))
    assert offenders == []


# --- Settings of a real installation --------------------------------------------------------

# As docs/security.md tells a deployer to set them.
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "k3Jq9vX2-ufT8sWm4ZbH7yLr0pNc5eAd6gQi1oVt_RwYx8jUzKa2fS9hDl4Cn7",
    "ALLOWED_HOSTS": "senco.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://senco.example.org",
    "SECURE_COOKIES": "1",
    "SECURE_SSL_REDIRECT": "1",
    "SECURE_PROXY_SSL_HEADER": "HTTP_X_FORWARDED_PROTO",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_PRELOAD": "1",
    "TRUSTED_PROXY_COUNT": "1",
}


def manage(*args, tmp_path, **env):
    """manage.py in a fresh Python without pytest, with no environment but PATH and `env`."""
    clean = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, "SQLITE_PATH": str(tmp_path / "db.sqlite3"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_settings(tmp_path):
    done = manage("check", "--deploy", "--fail-level", "WARNING", tmp_path=tmp_path, **PRODUCTION)
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout
    assert done.stderr == ""


def test_the_development_key_is_refused_with_debug_off(tmp_path):
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    # The server does not start on it...
    clean = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    done = subprocess.run(
        [sys.executable, "-c", "import senco.wsgi"],
        cwd=settings.BASE_DIR,
        env={**clean, "SQLITE_PATH": str(tmp_path / "db.sqlite3"), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "ImproperlyConfigured: Set SECRET_KEY" in done.stderr
    # ...and the deployment check says so.
    done = manage("check", "--deploy", tmp_path=tmp_path, **env)
    assert done.returncode != 0
    assert "senco.E001" in done.stderr
    # Management commands (migrations, the demo) still run on a developer's machine.
    assert manage("makemigrations", "--check", "--dry-run", tmp_path=tmp_path).returncode == 0


def test_the_development_key_is_allowed_with_debug_on(tmp_path):
    done = manage("check", tmp_path=tmp_path, DEBUG="1")
    assert done.returncode == 0, done.stderr

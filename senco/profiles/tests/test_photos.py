"""Photos: only real JPEG or PNG images, cleaned and shrunk, kept private."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from PIL import Image, ImageFile

from senco.audit.models import AuditEvent
from senco.profiles.models import PassportVersion, PupilPhoto
from senco.profiles.photos import clean_photo
from senco.profiles.tests.conftest import add_photo, image_bytes, upload
from senco.testing import assert_valid_html

KEPT = {"what_helps_me": "Keep this text please"}


def _post(client, pupil, data, **files):
    return client.post(reverse("passport_edit", args=[pupil.pk]), {**KEPT, **data, **files})


def _exif_jpeg(size=(800, 400)) -> bytes:
    image = Image.new("RGB", size, (10, 120, 200))
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90 degrees clockwise to display
    exif[0x010F] = "Phone maker"
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def test_a_jpeg_is_turned_shrunk_and_stripped(client_for, senco, pupil, private_media):
    response = _post(client_for(senco), pupil, {}, photo=upload(_exif_jpeg()))
    assert response.status_code == 302
    photo = PupilPhoto.objects.get(pupil=pupil)
    assert photo.path.parent == private_media / "photos"
    with Image.open(photo.path) as saved:
        assert saved.format == "JPEG"
        assert saved.size == (300, 600)  # 800x400 turned upright, then fitted in 600x600
        assert len(saved.getexif()) == 0
    assert (photo.width, photo.height) == (300, 600)
    assert AuditEvent.objects.filter(action="photo.add", pupil=pupil).exists()
    assert PassportVersion.objects.get(pupil=pupil).what_helps_me == KEPT["what_helps_me"]


def test_a_transparent_png_is_accepted(client_for, senco, pupil):
    data = image_bytes("PNG", size=(300, 200), color=(0, 0, 0, 0))
    response = _post(client_for(senco), pupil, {}, photo=upload(data, "me.png", "image/png"))
    assert response.status_code == 302
    with Image.open(PupilPhoto.objects.get(pupil=pupil).path) as saved:
        assert (saved.format, saved.size, saved.mode) == ("JPEG", (300, 200), "RGB")


def _pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (50, 50)).save(out, format="PDF")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (_pdf(), "photo.jpg", b"must be a JPEG or PNG"),
        (b"Just some notes about the pupil\n" * 10, "notes.jpg", b"must be a JPEG or PNG"),
        (image_bytes("GIF", size=(40, 40)), "anim.gif", b"must be a JPEG or PNG"),
        (image_bytes()[:600], "cut.jpg", b"damaged or incomplete"),
        (image_bytes("PNG")[:300], "cut.png", b"damaged or incomplete"),
        (b"", "empty.jpg", b"empty"),
    ],
    ids=["pdf-renamed", "text", "gif", "truncated-jpeg", "truncated-png", "empty"],
)
def test_what_is_not_a_good_image_is_refused(client_for, senco, pupil, data, name, message):
    response = _post(client_for(senco), pupil, {}, photo=upload(data, name))
    assert response.status_code == 200
    assert_valid_html(response)
    assert b"There is a problem" in response.content
    assert message in response.content
    assert b"Keep this text please" in response.content
    assert not PupilPhoto.objects.exists()
    assert not PassportVersion.objects.exists()


def test_a_photo_over_the_limit_is_refused(client_for, senco, pupil, settings):
    data = image_bytes() + b"\0" * settings.PHOTO_MAX_BYTES
    response = _post(client_for(senco), pupil, {}, photo=upload(data))
    assert response.status_code == 200
    assert b"must be smaller than 5 MB" in response.content
    assert not PupilPhoto.objects.exists()


def test_replacing_a_photo_deletes_the_old_file(
    client_for, senco, pupil, django_capture_on_commit_callbacks
):
    old = add_photo(pupil, senco)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client_for(senco), pupil, {}, photo=upload(image_bytes(size=(100, 100))))
    new = PupilPhoto.objects.get(pupil=pupil)
    assert new.key != old.key
    assert new.path.is_file()
    assert not old.path.exists()
    assert AuditEvent.objects.filter(action="photo.replace").exists()


def test_removing_the_photo(client_for, senco, pupil, django_capture_on_commit_callbacks):
    old = add_photo(pupil, senco)
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client_for(senco), pupil, {"remove_photo": "on"})
    assert response.status_code == 302
    assert not PupilPhoto.objects.exists()
    assert not old.path.exists()
    assert AuditEvent.objects.filter(action="photo.remove").exists()


def test_a_new_photo_and_remove_together_is_an_error(client_for, senco, pupil):
    add_photo(pupil, senco)
    response = _post(client_for(senco), pupil, {"remove_photo": "on"}, photo=upload(image_bytes()))
    assert response.status_code == 200
    assert b"not both" in response.content


def test_the_photo_is_served_privately(client_for, ta, senco, pupil):
    add_photo(pupil, senco)
    response = client_for(ta).get(reverse("pupil_photo", args=[pupil.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert "private" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\xff\xd8")


def test_no_photo_is_404(client_for, senco, pupil):
    assert client_for(senco).get(reverse("pupil_photo", args=[pupil.pk])).status_code == 404


def test_the_passport_page_shows_the_photo(client_for, teacher, senco, pupil, passport):
    photo = add_photo(pupil, senco)
    response = client_for(teacher).get(reverse("passport_detail", args=[pupil.pk]))
    assert_valid_html(response)
    assert f"{reverse('pupil_photo', args=[pupil.pk])}?v={photo.key}".encode() in response.content
    assert b'alt="Photo of' in response.content


def _photo_like_jpeg(size=(640, 480)) -> bytes:
    """A JPEG with detail all over (like a photo), so its second half holds real scan data."""
    out = io.BytesIO()
    Image.effect_noise(size, 64).convert("RGB").save(out, format="JPEG", quality=90)
    return out.getvalue()


def test_a_jpeg_cut_in_half_is_refused_by_clean_photo(monkeypatch):
    # WeasyPrint sets LOAD_TRUNCATED_IMAGES for the whole process when imported.
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    data = _photo_like_jpeg()
    with pytest.raises(ValidationError) as caught:
        clean_photo(upload(data[: len(data) // 2]))
    assert caught.value.messages == ["The photo is damaged or incomplete. Choose another photo."]
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # set back for WeasyPrint
    assert clean_photo(upload(data)).width == 600  # the whole file is fine


def test_a_jpeg_cut_in_half_is_refused_on_the_form(client_for, senco, pupil):
    import weasyprint  # noqa: F401  (as in a running server, where a PDF was made already)

    data = _photo_like_jpeg()
    response = _post(client_for(senco), pupil, {}, photo=upload(data[: len(data) // 2]))
    assert response.status_code == 200
    assert b"The photo is damaged or incomplete. Choose another photo." in response.content
    assert b"Keep this text please" in response.content
    assert not PupilPhoto.objects.exists()

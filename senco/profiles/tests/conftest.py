"""Helpers for the passport tests: private media in a temporary folder, images made with
Pillow, and a passport saved through the service."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from senco.audit.actor import Actor
from senco.profiles.photos import clean_photo
from senco.profiles.services import passport_save, pupil_photo_replace


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def image_bytes(fmt="JPEG", size=(800, 1000), color=(200, 30, 30), **save_kwargs) -> bytes:
    mode = "RGBA" if fmt == "PNG" else "RGB"
    image = Image.new(mode, size, color)
    out = io.BytesIO()
    image.save(out, format=fmt, **save_kwargs)
    return out.getvalue()


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def save_passport(pupil, by, reviewed=False, **texts):
    return passport_save(
        actor=Actor(by), pupil=pupil, texts=texts, pupil_wrote=set(), reviewed=reviewed
    )


def add_photo(pupil, by):
    return pupil_photo_replace(
        actor=Actor(by), pupil=pupil, photo=clean_photo(upload(image_bytes()))
    )


@pytest.fixture
def passport(pupil, senco):
    return save_passport(
        pupil,
        senco,
        what_helps_me="Sitting near the front & a visual timetable",
        find_difficult="Loud rooms",
        others_support_me_by="Give me time to answer",
    )

"""Checking and cleaning an uploaded photo with Pillow.

An upload is trusted for nothing: its name and Content-Type are ignored. Pillow must
recognise it as a JPEG or PNG, `verify()` it, and decode it in full (which catches a
truncated file). It is then turned the right way up from its EXIF orientation, shrunk to
fit 600 by 600 and saved again as a JPEG, which drops every piece of metadata (GPS
position, camera, original file name).
"""

import io
import threading
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageFile, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = {"JPEG", "PNG"}
MAX_SIDE = 600
# Far more than any camera; stops a small file that decodes to an enormous image.
MAX_PIXELS = 50_000_000
JPEG_QUALITY = 85
_STRICT = threading.Lock()

NOT_AN_IMAGE = "The photo must be a JPEG or PNG image. This file is not one: choose a photo."
DAMAGED = "The photo is damaged or incomplete. Choose another photo."


@dataclass(frozen=True)
class CleanPhoto:
    jpeg: bytes
    width: int
    height: int


def too_large_message() -> str:
    return f"The photo must be smaller than {settings.PHOTO_MAX_BYTES // (1024 * 1024)} MB."


def clean_photo(upload) -> CleanPhoto:
    """The upload as a small, metadata-free JPEG, or a ValidationError saying what is wrong."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(too_large_message())
    data = upload.read()
    if len(data) > settings.PHOTO_MAX_BYTES:
        raise ValidationError(too_large_message())
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if probe.format not in ALLOWED_FORMATS:
                raise ValidationError(NOT_AN_IMAGE)
            if probe.width * probe.height > MAX_PIXELS:
                raise ValidationError("The photo is too big in pixels. Choose a smaller one.")
            probe.verify()
        # verify() leaves the image unusable; open it again to decode it in full.
        with _strict_decoding(), Image.open(io.BytesIO(data)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            if image.mode != "RGB":
                image = _flatten(image)
            out = io.BytesIO()
            image.save(out, format="JPEG", quality=JPEG_QUALITY, optimize=True)
            return CleanPhoto(out.getvalue(), image.width, image.height)
    except UnidentifiedImageError as error:
        raise ValidationError(NOT_AN_IMAGE) from error
    except Image.DecompressionBombError as error:
        raise ValidationError("The photo is too big in pixels. Choose a smaller one.") from error
    except (OSError, SyntaxError, ValueError) as error:
        raise ValidationError(DAMAGED) from error


@contextmanager
def _strict_decoding():
    """Pillow's LOAD_TRUNCATED_IMAGES off while the upload is decoded, so a file cut short
    raises instead of being padded with grey and saved as if whole. Pillow's default is
    off, but WeasyPrint turns it on for the whole process when it is imported; it is a
    global, so it is set back afterwards (WeasyPrint only ever renders photos cleaned here,
    which are whole)."""
    with _STRICT:
        previous = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            yield
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = previous


def _flatten(image: Image.Image) -> Image.Image:
    """A transparent PNG on white, as JPEG has no transparency."""
    rgba = image.convert("RGBA")
    background = Image.new("RGB", rgba.size, "white")
    background.paste(rgba, mask=rgba.getchannel("A"))
    return background

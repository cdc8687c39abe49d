"""Where private files live (PRIVATE_MEDIA_ROOT): named by a random key, never by anything
a person typed, and reached by a browser only through a view that checks access."""

import uuid
from pathlib import Path

from django.conf import settings


def private_path(folder: str, key, suffix: str) -> Path:
    """Where a private file lives: named by a random key, never by anything a user typed."""
    return Path(settings.PRIVATE_MEDIA_ROOT) / folder / f"{uuid.UUID(str(key))}{suffix}"

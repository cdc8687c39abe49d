"""What passports, profiles, photos and printed sheets write to the audit log."""

from django.db import models


class ProfilesAction(models.TextChoices):
    PASSPORT_VIEW = "passport.view", "Viewed the passport"
    PROFILE_VIEW = "profile.view", "Viewed the one-page profile"
    PASSPORT_EDIT_VIEW = "passport.edit.view", "Opened the passport to edit it"
    PROFILE_EDIT_VIEW = "profile.edit.view", "Opened the one-page profile to edit it"
    PASSPORT_HISTORY_VIEW = "passport.history.view", "Viewed the passport's versions"
    PASSPORT_COMPARE_VIEW = "passport.compare.view", "Compared two versions of the passport"
    PASSPORT_SAVE = "passport.save", "Saved the passport"
    PASSPORT_PDF = "passport.pdf", "Printed the passport"
    PROFILE_PDF = "profile.pdf", "Printed the one-page profile"
    CLASS_SHEET_PDF = "class_sheet.pdf", "Printed a class sheet"
    MY_PUPILS_VIEW = "my_pupils.view", "Viewed My pupils"
    PHOTO_ADD = "photo.add", "Added a photo"
    PHOTO_REPLACE = "photo.replace", "Replaced the photo"
    PHOTO_REMOVE = "photo.remove", "Removed the photo"
    PHOTO_VIEW = "photo.view", "Saw the photo"

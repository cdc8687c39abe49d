"""Argon2id with OWASP's parameters; hashes made with Django's older ones still verify and
are upgraded at the next sign-in."""

from django.contrib.auth.hashers import Argon2PasswordHasher, check_password, make_password
from django.test import override_settings

from senco import factories as f
from senco.accounts.hashers import OwaspArgon2PasswordHasher

PRODUCTION_HASHERS = [
    "senco.accounts.hashers.OwaspArgon2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
]


def params(encoded: str) -> str:
    """`m=19456,t=2,p=1` from `argon2$argon2id$v=19$m=19456,t=2,p=1$salt$hash`."""
    return encoded.split("$")[3]


def test_the_owasp_parameters():
    hasher = OwaspArgon2PasswordHasher()
    encoded = hasher.encode("a-long-Passphrase-77", hasher.salt())
    assert encoded.startswith("argon2$argon2id$")
    assert params(encoded) == "m=19456,t=2,p=1"
    assert hasher.verify("a-long-Passphrase-77", encoded)
    assert not hasher.verify("another-Passphrase-77", encoded)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_new_passwords_use_the_owasp_parameters():
    assert params(make_password("a-long-Passphrase-77")) == "m=19456,t=2,p=1"


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_an_old_hash_still_verifies_and_is_upgraded(db):
    old = Argon2PasswordHasher()
    user = f.UserFactory(username="old_hash")
    user.password = old.encode("a-long-Passphrase-77", old.salt())
    user.save(update_fields=["password"])
    assert params(user.password) == "m=102400,t=2,p=8"

    assert user.check_password("a-long-Passphrase-77")
    user.refresh_from_db()
    assert params(user.password) == "m=19456,t=2,p=1"
    assert check_password("a-long-Passphrase-77", user.password)


@override_settings(PASSWORD_HASHERS=PRODUCTION_HASHERS)
def test_a_wrong_password_against_an_old_hash_is_not_upgraded(db):
    old = Argon2PasswordHasher()
    user = f.UserFactory(username="old_hash")
    user.password = old.encode("a-long-Passphrase-77", old.salt())
    user.save(update_fields=["password"])
    assert not user.check_password("wrong-Passphrase-77")
    user.refresh_from_db()
    assert params(user.password) == "m=102400,t=2,p=8"

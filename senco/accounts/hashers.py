"""Password hashing with the OWASP Password Storage Cheat Sheet's Argon2id parameters.

OWASP's first choice: Argon2id with 19 MiB of memory, 2 iterations and 1 degree of
parallelism. Django's own Argon2PasswordHasher (listed after this one in PASSWORD_HASHERS)
still verifies older hashes, and Django re-hashes them with these parameters at the next
sign-in because the parameters differ (`must_update`).
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Argon2id, m=19456 KiB, t=2, p=1. The algorithm name stays "argon2", so stored hashes
    read the same; `must_update` compares the parameters in each hash with these."""

    memory_cost = 19 * 1024  # KiB
    time_cost = 2
    parallelism = 1

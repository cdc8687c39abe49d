"""Unique pupil numbers. The DfE check-letter algorithm is python-stdnum's, not ours."""

from stdnum.gb import upn as stdnum_upn


def normalise_upn(value: str) -> str:
    return stdnum_upn.compact(value or "")


def upn_problem(value: str) -> str | None:
    """What is wrong with a UPN, in words a data manager can act on, or None."""
    try:
        stdnum_upn.validate(value)
    except stdnum_upn.InvalidLength:
        return "A UPN has 13 characters: a check letter and 12 more."
    except stdnum_upn.InvalidFormat:
        return "A UPN is a letter, 11 digits, then a digit or letter."
    except stdnum_upn.InvalidComponent:
        return "Characters 2 to 4 of a UPN must be a local authority number."
    except stdnum_upn.InvalidChecksum:
        return "The check letter does not match the rest of the UPN: check it against the MIS."
    return None


def make_upn(la: int, establishment: int, year: int, serial: int) -> str:
    """A valid UPN from its parts (for demo data and tests)."""
    body = f"{la:03d}{establishment:04d}{year % 100:02d}{serial:03d}"
    return stdnum_upn.calc_check_digit(body) + body

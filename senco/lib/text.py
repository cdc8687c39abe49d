"""Small pieces of plain English, written once."""


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """'1 pupil', '3 pupils', '2 children' (with plural_form='children')."""
    word = singular if count == 1 else (plural_form or f"{singular}s")
    return f"{count:,} {word}"

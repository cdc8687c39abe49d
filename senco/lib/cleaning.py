"""Text as it comes in from a person or a file, cleaned of what no name or note needs.

Control characters (a NUL that PostgreSQL refuses, an escape sequence that repaints a
terminal reading the logs) and the invisible bidirectional marks and overrides that make
text display in another order than it is stored ("Trojan Source": a name that reads
"Amira" on screen and sorts, searches and exports as something else) are removed. Newline
and tab are kept; Windows and old Mac line endings become a plain newline.
"""

import re

# C0 controls but tab (U+0009) and newline (U+000A), DEL and the C1 controls.
_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
# Bidirectional marks, embeddings, overrides and isolates.
_BIDI = "\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069"
_UNWANTED = re.compile(f"[{_CONTROLS}{_BIDI}]")


def clean_text(value: str) -> str:
    """`value` without control characters (but newline and tab) or bidirectional controls."""
    return _UNWANTED.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))

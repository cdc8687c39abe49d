"""What a benchmark ran on, printed above its figures: timings move with the machine's
load and with the interpreter (a Python built with profile-guided and link-time
optimisation, as Debian's is, took about a fifth less CPU for the daily pages in-process
than one pyenv compiled with its defaults: docs/demo-and-bench.md)."""

import os
import platform
import sys
from pathlib import Path


def load_average() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def interpreter() -> str:
    """e.g. "Python 3.11.2 (/usr/bin/python3.11)": the one the virtual environment was made
    with (the Makefile's PYTHON)."""
    return f"Python {platform.python_version()} ({Path(sys.executable).resolve()})"


def machine() -> str:
    """e.g. "2 CPUs, load average 0.52, 0.31, 0.20; Python 3.11.2 (/usr/bin/python3.11)"."""
    return f"{os.cpu_count()} CPUs, load average {load_average()}; {interpreter()}"

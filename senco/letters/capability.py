"""What letters adds to the shared pages (see senco/registry.py)."""

from senco.registry import Capability, register

register(Capability(app="letters"))

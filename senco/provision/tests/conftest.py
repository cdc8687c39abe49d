"""Fixtures shared by the provision tests (each part appends its own)."""

"""Pydantic models only: no I/O."""

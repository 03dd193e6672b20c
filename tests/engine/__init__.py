"""Tests of the pure engine (tui/engine)."""

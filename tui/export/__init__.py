"""Renderers of the engine's :class:`~tui.engine.DiffResult`: JSON, text, HTML, Markdown."""

"""paradiff: side-by-side prose diff for the terminal."""

__version__ = "0.1.0"

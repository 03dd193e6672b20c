"""The local web server of the sources tests, for the command line's URL tests."""

from tests.sources.conftest import closed_port, local_server, silent_port  # noqa: F401

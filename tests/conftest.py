"""Shared fixtures: the repository's seeds, the JSON schema, and a runner for the CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
SCHEMA_PATH = ROOT / "docs" / "paradiff-diff.schema.json"
DATA_DIR = Path(__file__).resolve().parent / "data"

#: How paradiff can be started: the module (always) and the console script (when installed).
CONSOLE_SCRIPT = Path(sys.executable).with_name("paradiff")

RunCli = Callable[..., subprocess.CompletedProcess[bytes]]

if sys.dont_write_bytecode:
    # PYTHONDONTWRITEBYTECODE is set: then every run and every xdist worker compiled the
    # test modules (with pytest's assertion rewriting) and `tui` again, over 2 s of CPU per
    # process. Keep the compiled code in the pytest cache instead, out of the source tree.
    # The command-line runs the tests start (the real entry point) share that cache.
    sys.pycache_prefix = str(ROOT / ".pytest_cache" / "pycache")
    sys.dont_write_bytecode = False
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)


def seed_paths() -> dict[str, Path]:
    """The five seed articles keyed by their three-digit prefix ("000" ... "004")."""
    return {p.name[:3]: p for p in sorted(SEEDS_DIR.glob("*.txt"))}


def cli_env(**extra: str) -> dict[str, str]:
    """An environment for a paradiff subprocess: the repo importable, no colour, no debug."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARADIFF_", "PYTEST_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH", "")]))
    env["NO_COLOR"] = "1"
    env["PYTHONIOENCODING"] = "utf-8"
    env.pop("FORCE_COLOR", None)
    env.update(extra)
    return env


def cli_command(entry: str = "module") -> list[str]:
    """The argv prefix that starts paradiff: ``python -m tui`` or the console script."""
    if entry == "module":
        return [sys.executable, "-m", "tui"]
    if entry == "script":
        return [str(CONSOLE_SCRIPT)]
    raise ValueError(entry)


def run_paradiff(
    args: Sequence[str | os.PathLike[str]],
    entry: str = "module",
    stdin: bytes | None = None,
    timeout: float = 300,
    **env: str,
) -> subprocess.CompletedProcess[bytes]:
    """Run paradiff with ``args`` in a subprocess; stdout/stderr captured as bytes."""
    return subprocess.run(
        [*cli_command(entry), *map(str, args)],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=ROOT,
        env=cli_env(**env),
        timeout=timeout,
        check=False,
    )


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist, hand tests out a few at a time (``--maxschedchunk 4`` unless given):
    the default first hands each worker a quarter of the suite in a block, so a worker given
    most of the app tests runs alone at the end while the other has long finished."""
    if getattr(config.option, "maxschedchunk", 0) is None:
        config.option.maxschedchunk = 4
    # Hypothesis by default fails an example slower than 200 ms and a test whose examples
    # are slow to generate: wall-clock checks that a loaded machine trips. Neither here.
    from hypothesis import HealthCheck, settings

    settings.register_profile(
        "paradiff", deadline=None, suppress_health_check=[HealthCheck.too_slow]
    )
    settings.load_profile("paradiff")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The slow tests first (otherwise in collection order): the longest ones start while
    the other worker has many short ones left, and no long test starts last."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


#: The user's real home, before :func:`isolated_user_folders` replaces it for each test.
REAL_HOME = os.environ.get("HOME", "")

#: Environment variables naming the folders a user's data, settings and caches live in.
USER_FOLDER_VARIABLES = {
    "XDG_DATA_HOME": ".local/share",
    "XDG_CONFIG_HOME": ".config",
    "XDG_CACHE_HOME": ".cache",
    "XDG_STATE_HOME": ".local/state",
}


@pytest.fixture(autouse=True)
def isolated_user_folders(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """No test touches the user's real data: HOME, the XDG folders (what platformdirs reads)
    and PARADIFF_DATA_DIR point into a fresh temporary home, inherited by subprocesses.

    The home is not ``tmp_path``, so tests keep that folder to themselves. Returns the home.
    """
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    for variable, folder in USER_FOLDER_VARIABLES.items():
        monkeypatch.setenv(variable, str(home / folder))
    monkeypatch.setenv("PARADIFF_DATA_DIR", str(home / "paradiff-data"))
    return home


#: Seconds a notification lasts in the tests: a test never finds one gone by the clock.
NOTIFICATION_SECONDS = 24 * 3600.0


@pytest.fixture(autouse=True)
def notifications_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Notifications last the whole test. Textual drops a notification from
    ``app._notifications`` (and its toast from the screen) after its timeout of 2 to 5 s of
    wall-clock time, so on a loaded machine a test could look for one already gone."""
    textual_app = sys.modules.get("textual.app")  # loaded by the Pilot tests; no one else
    if textual_app is None:
        return
    notify = textual_app.App.notify

    def notify_for_the_whole_test(self: Any, message: str, **options: Any) -> None:
        notify(self, message, **{**options, "timeout": NOTIFICATION_SECONDS})

    monkeypatch.setattr(textual_app.App, "notify", notify_for_the_whole_test)


@pytest.fixture(scope="session")
def seeds() -> dict[str, Path]:
    """Seed paths by prefix; fails loudly if the repository's seeds/ went missing."""
    paths = seed_paths()
    assert sorted(paths) == ["000", "001", "002", "003", "004"], paths
    return paths


@pytest.fixture(scope="session")
def diff_schema() -> dict[str, Any]:
    """The paradiff-diff JSON Schema (docs/paradiff-diff.schema.json)."""
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate_diff(diff_schema: dict[str, Any]) -> Callable[[Any], None]:
    """A function that raises ``jsonschema.ValidationError`` unless its argument fits."""
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(diff_schema)
    validator = jsonschema.Draft202012Validator(diff_schema)

    def validate(document: Any) -> None:
        errors = sorted(validator.iter_errors(document), key=lambda e: list(e.path))
        if errors:
            first = errors[0]
            where = "/".join(map(str, first.absolute_path))
            raise jsonschema.ValidationError(
                f"{len(errors)} error(s); first at /{where}: {first.message}"
            )

    return validate


@pytest.fixture(params=["module", "script"])
def entry(request: pytest.FixtureRequest) -> str:
    """Each way of starting paradiff; the console script is skipped when not installed."""
    if request.param == "script" and not CONSOLE_SCRIPT.exists():
        pytest.skip(f"console script not installed at {CONSOLE_SCRIPT} (pip install -e .)")
    return str(request.param)


@pytest.fixture
def run_cli(entry: str) -> RunCli:
    """Run paradiff through ``entry`` (module and console script)."""

    def run(*args: str | os.PathLike[str], **kwargs: Any) -> subprocess.CompletedProcess[bytes]:
        return run_paradiff(args, entry=entry, **kwargs)

    return run

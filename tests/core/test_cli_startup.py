"""The ``safar`` command starts fast: its help and version load none of the heavy libraries.

Timing varies with the machine; what the command imports does not. A fresh interpreter (``python -I``)
imports the CLI and lists what it pulled in. bench/startup_bench.py measures the seconds.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Libraries that belong to the commands that use them, never to the command's start.
HEAVY = (
    "pandas",
    "numpy",
    "ibis",
    "duckdb",
    "pyarrow",
    "sqlalchemy",
    "alembic",
    "pydantic",
    "fastapi",
    "starlette",
    "uvicorn",
    "weasyprint",
    "pyspark",
    "scipy",
    "sklearn",
    "openpyxl",
    "yaml",
    "jinja2",
    "argon2",
)


def _imported_by(code: str) -> set[str]:
    probe = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted({{m.split('.')[0] for m in sys.modules}})))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return set(json.loads(out.strip().splitlines()[-1]))


def _run(*args: str) -> str:
    return f"from safar.cli import app\ntry:\n    app({list(args)!r})\nexcept SystemExit:\n    pass"


@pytest.mark.parametrize(
    ("code", "theirs"),
    [
        ("import safar.cli", set()),
        (_run("--help"), set()),
        (_run("--version"), set()),
        # Typer's own adapter for a group's or command's help imports pydantic (typer._adapters), not Safar.
        (_run("map", "--help"), {"pydantic"}),
        (_run("analyze", "funnel", "--help"), {"pydantic"}),
    ],
    ids=["import", "help", "version", "group-help", "command-help"],
)
def test_the_command_starts_without_heavy_libraries(code: str, theirs: set[str]) -> None:
    assert _imported_by(code) & set(HEAVY) == theirs


def test_the_version_is_the_packages() -> None:
    from safar import __version__

    out = subprocess.run(
        [sys.executable, "-c", "from safar.cli import main; main()", "--version"],
        capture_output=True,
        text=True,
    )
    assert (out.returncode, out.stdout) == (0, f"safar {__version__}\n")


def test_the_api_names_load_on_first_use() -> None:
    """``import safar`` is light; ``safar.Workspace`` and the other API names are there when asked for."""
    assert _imported_by("import safar") & set(HEAVY) == set()
    import safar

    assert {name: getattr(safar, name).__name__ for name in safar.__all__} == {
        "JourneyMap": "JourneyMap",
        "SafarError": "SafarError",
        "SaveResult": "SaveResult",
        "Settings": "Settings",
        "StoredMap": "StoredMap",
        "Workspace": "Workspace",
        "load_map": "read_map_file",
    }
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = safar.nothing  # type: ignore[attr-defined]


def test_no_command_function_is_called_as_a_plain_function() -> None:
    """A command function's defaults are Typer's option objects, not values: called from another command it
    hands those objects on (``safar demo`` once crashed so). Shared work goes in a plain function instead."""
    import ast
    from pathlib import Path

    import click
    import typer.main

    from safar.cli import app

    def callbacks(command: click.Command) -> set[tuple[str, str]]:
        """(module, function) of every command: a call is one in its own module or through its module."""
        callback = command.callback
        found = {(callback.__module__.rsplit(".", 1)[-1], callback.__name__)} if callback else set()
        if hasattr(
            command, "list_commands"
        ):  # a group: listed as `safar --help` lists it (the root builds lazily)
            ctx = type(command).context_class(command)
            for name in command.list_commands(ctx):
                found |= callbacks(command.get_command(ctx, name))
        return found

    commands = callbacks(typer.main.get_command(app)) - {("__init__", "_root")}
    cli = Path(__file__).resolve().parents[2] / "src" / "safar" / "cli"

    def command_called(node: ast.AST, module: str) -> bool:
        if not isinstance(node, ast.Call):
            return False
        func = node.func
        if isinstance(func, ast.Name):
            return (module, func.id) in commands
        return (
            isinstance(func, ast.Attribute)
            and isinstance(func.value, ast.Name)
            and ((func.value.id, func.attr) in commands)
        )

    calls = [
        f"{path.name}:{node.lineno}"
        for path in sorted(cli.glob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if command_called(node, path.stem)
    ]
    assert len(commands) > 40 and calls == []

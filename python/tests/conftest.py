"""What the tests share: the repository, the `jdlint` binary they compare with, and the
development set beside the repository."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def jdlint_binary() -> Path:
    """The command line the package must agree with: $JDLINT_BIN, else this checkout's debug
    build, brought up to date (a no-op after `cargo test`, which builds it)."""
    given = os.environ.get("JDLINT_BIN")
    if given:
        return Path(given)
    subprocess.run(["cargo", "build", "--locked", "--quiet", "--bin", "jdlint"], cwd=ROOT, check=True)
    return ROOT / "target" / "debug" / "jdlint"


def run_cli(binary: Path, args: List[str], stdin: Optional[bytes] = None) -> List[Dict[str, Any]]:
    """`jdlint --format jsonl --fail-on never ARGS`, each line parsed; with `--no-config` unless
    ARGS name a config: a jdlint.toml around the working directory must not count."""
    config = [] if "--config" in args else ["--no-config"]
    out = subprocess.run(
        [str(binary), "--format", "jsonl", "--fail-on", "never", *config, *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
    )
    # 2 is also an input error in a record, which still yields its line: never no output.
    assert out.returncode in (0, 2) and out.stdout, out.stderr.decode()
    return [json.loads(line) for line in out.stdout.decode().splitlines()]


def without_place(result: Dict[str, Any]) -> Dict[str, Any]:
    """`result` without its file path and line: what a record given from Python has (`None`),
    since it comes from no file."""
    result = dict(result)
    result["source"] = dict(result["source"], path=None, line=None)
    return result


def shared_data(name: str) -> Path:
    """A file of the development set in ../shared/data. Absent, the test skips, or fails when
    JDLINT_REQUIRE_SHARED is set (as .ci/run sets it), as the Rust tests do."""
    path = ROOT.parent / "shared" / "data" / name
    if not path.exists():
        message = f"{path} is absent (the development set sits beside the repository)"
        if os.environ.get("JDLINT_REQUIRE_SHARED"):
            pytest.fail(message)
        pytest.skip(message)
    return path

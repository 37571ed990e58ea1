"""examples/spark_lint.py as users run it, in Spark's local mode: one result per posting, each
the command line's, and a partition that fails once and is retried neither loses nor repeats
a posting."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import postings
from conftest import ROOT, run_cli, without_place

EXAMPLE = ROOT / "examples" / "spark_lint.py"
# Enough postings that every partition holds several Arrow batches; each a passage of about
# 1,000 characters, so that the debug build of the command line checks all of them in seconds.
COUNT = 20_000
CHARS = 1_000


def spark_lint(*args: str, env: Optional[Dict[str, str]] = None) -> subprocess.CompletedProcess:
    """`python examples/spark_lint.py ARGS`, as a user runs it; it must succeed."""
    out = subprocess.run(
        [sys.executable, str(EXAMPLE), *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )
    assert out.returncode == 0, out.stderr[-5000:]
    return out


def read_jsonl_folder(folder: Path) -> List[Dict[str, Any]]:
    assert (folder / "_SUCCESS").exists()
    return [
        json.loads(line)
        for part in sorted(folder.glob("part-*"))
        for line in part.read_text(encoding="utf-8").splitlines()
    ]


def by_id(results: List[Dict[str, Any]]) -> Dict[str, Dict[str, Any]]:
    ids = Counter(r["source"]["id"] for r in results)
    repeated = [i for i, n in ids.items() if n > 1]
    assert not repeated, f"ids with more than one result: {repeated[:10]}"
    return {r["source"]["id"]: r for r in results}


@pytest.fixture(scope="module")
def table(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("spark")
    return postings.write_jsonl(postings.generate(COUNT, CHARS), folder / "postings.jsonl")


@pytest.fixture(scope="module")
def cli_results(jdlint_binary, table) -> Dict[str, Dict[str, Any]]:
    return by_id([without_place(r) for r in run_cli(jdlint_binary, [str(table)])])


def test_spark_lints_every_posting_once_through_a_retried_partition(table, cli_results, tmp_path):
    output = tmp_path / "results"
    out = spark_lint(
        # local[2,2]: two cores, and a task may fail once (local mode's spark.task.maxFailures).
        "--master", "local[2,2]", "--partitions", "8", str(table), str(output),
        env={"JDLINT_SPARK_FAIL_ONCE": "1"},
    )
    # The failure was injected, after partition 0's first attempt had written results.
    assert "failure injected in partition 0, attempt 0" in out.stderr
    results = read_jsonl_folder(output)
    assert len(results) == COUNT
    spark = by_id(results)
    assert sorted(spark) == sorted(cli_results) == [f"gen-{i:05d}" for i in range(COUNT)]
    differing = [i for i in spark if spark[i] != cli_results[i]]
    assert not differing, f"{len(differing)} results differ from the CLI's, first {differing[0]}"
    errors = Counter(r["error"] for r in results if r["error"])
    assert errors == {"no `title` field (a non-empty string)": 20, "`text` is a number, not a string": 20}


def test_parquet_in_and_out_and_the_binary_route(jdlint_binary, table, cli_results, tmp_path):
    pandas = pytest.importorskip("pandas")
    records = [json.loads(line) for line in table.read_text(encoding="utf-8").splitlines()[:1500]]
    frame = pandas.DataFrame(records)
    # A numeric column with missing values, as tables have them: kept as the digits a JSONL
    # file's integer is.
    frame["openings"] = [None if i % 5 == 0 else i % 3 for i in range(len(frame))]
    frame["openings"] = frame["openings"].astype("Int64")
    frame["text"] = frame["text"].map(lambda t: t if isinstance(t, str) else None)
    table_parquet = tmp_path / "postings.parquet"
    frame.to_parquet(table_parquet)
    output = tmp_path / "results.parquet"
    spark_lint("--master", "local[2]", str(table_parquet), str(output))
    results = pandas.read_parquet(output)
    assert sorted(results["id"]) == sorted(r["id"] for r in records)
    # The same records in a JSONL file, a missing value as null.
    as_jsonl = [
        {k: None if pandas.isna(v) else int(v) if k == "openings" else v for k, v in row.items()}
        for row in frame.to_dict("records")
    ]
    printed = by_id([without_place(r) for r in run_cli(jdlint_binary, [str(postings.write_jsonl(as_jsonl, tmp_path / "t.jsonl"))])])
    for row in results.itertuples():
        result = json.loads(row.json)
        assert result == printed[row.id]
        # pandas reads a null string as NaN or None, by its version and dtype.
        columns = [None if pandas.isna(v) else v for v in (row.claimed_level, row.implied_level, row.error)]
        assert columns == [
            (result["claimed"] or {}).get("level"),
            (result["implied"] or {}).get("level"),
            result["error"],
        ]
        assert list(row.rules) == [d["rule"] for d in result["diagnostics"]]
    assert printed["gen-00001"]["fields"]["openings"] == "1"

    # Through the binary alone (RDD.pipe): the same lines.
    piped = tmp_path / "piped"
    lines = tmp_path / "some.jsonl"
    lines.write_text("".join(table.read_text(encoding="utf-8").splitlines(keepends=True)[:1500]), encoding="utf-8")
    spark_lint("--master", "local[2]", "--binary", str(jdlint_binary), str(lines), str(piped))
    piped_results = by_id(read_jsonl_folder(piped))
    assert len(piped_results) == 1500
    for i, result in piped_results.items():
        assert without_place(result) == cli_results[i]

#!/usr/bin/env python3
"""Postings a second: the jdlint binary, the Python package's analyze_many, and
examples/spark_lint.py in Spark's local mode, each at 1 and 2 cores, on the same records.
A benchmark, not a test: it asserts nothing but that every route gave one result a posting.

    python python/benches/throughput.py [--count 20000] [--binary target/release/jdlint]

The records are made as the Spark test makes them (python/tests/postings.py: the fixtures' and
the development set's postings, each with another's title), at their full size (about 4 KB).
The Spark figures time the job alone (read, lint, write) in a session already started, the
second of two: the first also warms the JVM up and starts the Python workers, which a long job
pays once. The session's start and the first job are printed apart. Build the binary and the package in release first:
`cargo build --release` and `pip install ./python`.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python" / "tests"))

import postings  # noqa: E402  (the tests' generator, found through the path above)


def example():
    spec = importlib.util.spec_from_file_location("spark_lint", ROOT / "examples" / "spark_lint.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rate(count: int, seconds: float) -> str:
    return f"{count / seconds:>8,.0f} postings/s  ({seconds:.1f} s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "jdlint"))
    parser.add_argument("--partitions", type=int, default=8,
                        help="input partitions of the Spark job (through Spark's split size, no shuffle)")
    args = parser.parse_args()

    import jdlint

    with tempfile.TemporaryDirectory() as tmp:
        table = postings.write_jsonl(postings.generate(args.count), Path(tmp) / "postings.jsonl")
        size = table.stat().st_size
        lines = table.read_text(encoding="utf-8").splitlines()
        print(f"{args.count:,} postings, {size / 1e6:.1f} MB ({size / args.count / 1e3:.1f} KB each), "
              f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")

        for threads in (1, 2):
            start = time.perf_counter()
            out = subprocess.run(
                [args.binary, "--format", "jsonl", "--no-config", "--fail-on", "never", "-j", str(threads), str(table)],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            )
            seconds = time.perf_counter() - start
            assert out.stdout.count(b"\n") == args.count
            print(f"CLI, {threads} thread{'s' * (threads > 1)}:              {rate(args.count, seconds)}")

        engine = jdlint.Engine()
        for threads in (1, 2):
            start = time.perf_counter()
            results = engine.analyze_many_json(lines, threads=threads)
            seconds = time.perf_counter() - start
            assert len(results) == args.count
            print(f"Python analyze_many, {threads} thread{'s' * (threads > 1)}: {rate(args.count, seconds)}")

        spark_lint = example()
        split = max(1 << 20, size // args.partitions + 1)
        for cores in (1, 2):
            start = time.perf_counter()
            spark = spark_lint.session(f"local[{cores}]", {"spark.sql.files.maxPartitionBytes": str(split)})
            spark.sparkContext.setLogLevel("ERROR")
            started = time.perf_counter() - start
            times = []
            for run in ("first", "second"):
                output = Path(tmp) / f"out-{cores}-{run}"
                job = spark_lint.parse_args([str(table), str(output)])
                start = time.perf_counter()
                spark_lint.run(spark, job)
                times.append(time.perf_counter() - start)
                written = sum(p.read_bytes().count(b"\n") for p in output.glob("part-*"))
                assert written == args.count
            spark.stop()
            print(f"Spark local[{cores}], second job:    {rate(args.count, times[1])}  "
                  f"(first job {times[0]:.1f} s, session start {started:.1f} s)")


if __name__ == "__main__":
    main()

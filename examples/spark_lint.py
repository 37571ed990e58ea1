#!/usr/bin/env python3
"""Lint a table of job postings with jdlint on Spark: one result per posting, its id kept.

    python examples/spark_lint.py INPUT OUTPUT
    python examples/spark_lint.py --master 'local[2]' postings.jsonl results/
    python examples/spark_lint.py postings.parquet results/          # Parquet in, Parquet out
    python examples/spark_lint.py --binary /usr/local/bin/jdlint postings.jsonl results/

INPUT is a JSON Lines file (or a folder of them) of records with ``id``, ``title`` and ``text``
(else ``description``, else ``body``), as ``jdlint`` reads them, or a Parquet table with those
columns. OUTPUT is a folder Spark writes (it must not exist):

- JSON Lines (``--output-format jsonl``, the default for JSONL input): each line is the object
  ``jdlint --format jsonl`` prints for the record, its id in ``source.id`` and ``fields.id``.
- Parquet (the default for Parquet input): ``id``, the claimed and implied level, track and
  specialization, ``confidence``, ``rules`` (the rule ids found), ``error``, and ``json``, the
  whole result.

Each Spark task analyzes its partition with ``mapInPandas``, through the engine of its Python
worker process (``jdlint.shared_engine``: built on the first task, reused by the next ones), on
one thread, since Spark already runs a task a core. A JSON Lines line goes to the library
unparsed, so it is read exactly as ``jdlint`` reads a line of a file; a line that is not a
posting yields a result with ``error`` set, as ``jdlint`` reports it.

``--binary PATH`` takes the route that needs no Python package on the workers: each partition's
lines are piped through ``jdlint --format jsonl --input-format jsonl -`` (``RDD.pipe``), which
must be installed at PATH on every worker. JSONL in and out only.

Needs ``pyspark`` and ``pyarrow`` (and ``jdlint`` on the workers' Python, but for ``--binary``).
docs/spark.md explains the choices.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import Iterator, List, Optional

# The results' columns in a Parquet output, with their Spark types.
PARQUET_SCHEMA = (
    "id string, claimed_level string, claimed_track string, claimed_specialization string, "
    "implied_level string, implied_track string, implied_specialization string, "
    "confidence double, rules array<string>, error string, json string"
)

INTEGRAL_TYPES = ("byte", "short", "integer", "long")

# A test of retries sets this: the first attempt of partition 0 fails after it has produced
# results, and Spark must run it again without losing or duplicating a posting.
FAIL_ONCE_VARIABLE = "JDLINT_SPARK_FAIL_ONCE"


def parse_args(argv: Optional[List[str]]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", metavar="INPUT", help="JSON Lines file or folder, or Parquet table")
    parser.add_argument("output", metavar="OUTPUT", help="folder to write the results to")
    parser.add_argument("--input-format", choices=["jsonl", "parquet"],
                        help="default: parquet for a .parquet path or a folder of .parquet files, else jsonl")
    parser.add_argument("--output-format", choices=["jsonl", "parquet"],
                        help="default: the input's format")
    parser.add_argument("--master", help="Spark master (default: spark-submit's, else local[*])")
    parser.add_argument("--partitions", type=int,
                        help="repartition the input into N partitions first (default: as read)")
    parser.add_argument("--lexicon", help="a lexicon file or folder on every worker (jdlint --lexicon)")
    parser.add_argument("--config", help="a jdlint.toml on every worker (jdlint --config)")
    parser.add_argument("--binary", metavar="PATH",
                        help="pipe JSONL through the jdlint binary at PATH instead of the Python package")
    args = parser.parse_args(argv)
    if args.input_format is None:
        args.input_format = "parquet" if _is_parquet(args.input) else "jsonl"
    if args.output_format is None:
        args.output_format = args.input_format
    if args.binary and (args.input_format, args.output_format) != ("jsonl", "jsonl"):
        parser.error("--binary reads and writes JSON Lines only")
    if args.binary and (args.lexicon or args.config):
        parser.error("--binary takes no --lexicon or --config: put them in the command instead")
    return args


def _is_parquet(path: str) -> bool:
    if path.endswith(".parquet"):
        return True
    return os.path.isdir(path) and any(name.endswith(".parquet") for name in os.listdir(path))


def _engine(lexicon: Optional[str], config: Optional[str]):
    import jdlint

    return jdlint.shared_engine(lexicon=lexicon, config=config)


def _fail_once_after_first_batch():
    """When the retry test asks for it: a function that raises on the first attempt of
    partition 0, to be called after that attempt has yielded results."""
    if not os.environ.get(FAIL_ONCE_VARIABLE):
        return lambda: None
    from pyspark import TaskContext

    context = TaskContext.get()
    if context.partitionId() != 0 or context.attemptNumber() != 0:
        return lambda: None

    def fail():
        raise RuntimeError(f"{FAIL_ONCE_VARIABLE}: failure injected in partition 0, attempt 0")

    return fail


def lint_lines(lexicon: Optional[str], config: Optional[str], parquet: bool):
    """The mapInPandas function over JSON Lines text (a ``value`` column of lines)."""

    def lint(batches: Iterator["pandas.DataFrame"]) -> Iterator["pandas.DataFrame"]:
        engine = _engine(lexicon, config)
        after_batch = _fail_once_after_first_batch()
        for batch in batches:
            results = engine.analyze_many_json(batch["value"].tolist(), threads=1)
            yield _results_frame(results, parquet)
            after_batch()

    return lint


def lint_records(lexicon: Optional[str], config: Optional[str], parquet: bool):
    """The mapInPandas function over a table's rows (Parquet): each row a record."""

    def lint(batches: Iterator["pandas.DataFrame"]) -> Iterator["pandas.DataFrame"]:
        engine = _engine(lexicon, config)
        after_batch = _fail_once_after_first_batch()
        for batch in batches:
            # Missing values (NaN, None) become None, JSON's null, which the library names in
            # its messages ("`text` is null, not a string").
            records = batch.astype(object).where(batch.notna(), None).to_dict("records")
            results = engine.analyze_many_json(records, threads=1)
            yield _results_frame(results, parquet)
            after_batch()

    return lint


def _results_frame(results: List[str], parquet: bool) -> "pandas.DataFrame":
    import pandas as pd
    import jdlint

    if not parquet:
        return pd.DataFrame({"json": results})
    rows = [jdlint.frame_row(line) for line in results]
    return pd.DataFrame.from_records(rows, columns=list(jdlint.FRAME_COLUMNS))


def session(master: Optional[str], conf: Optional[dict] = None):
    """A Spark session for the job; `conf` adds settings (the benchmark sets the split size)."""
    from pyspark.sql import SparkSession

    # Spark's Python workers run the interpreter this script runs on, which has jdlint (in
    # local mode; on a cluster, the executors' environment sets PYSPARK_PYTHON).
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("jdlint")
    if master:
        builder = builder.master(master)
    # A posting is a few kilobytes: Arrow batches of 1,000 rows instead of 10,000 keep a
    # worker's memory small and the work spread over the tasks.
    builder = builder.config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def run(spark, args: argparse.Namespace) -> None:
    from pyspark.sql import functions as F

    parquet_out = args.output_format == "parquet"
    if args.input_format == "jsonl":
        # Split at `\n` only, as jdlint does (its reader drops a `\r` before it): Spark's
        # default also splits at a lone `\r`, which JSON allows between tokens.
        lines = spark.read.option("lineSep", "\n").text(args.input)
        # jdlint skips a blank line; so does this.
        lines = lines.filter(~F.col("value").rlike("^[ \t\n\f\r]*$"))
        if args.partitions:
            lines = lines.repartition(args.partitions)
        if args.binary:
            # One thread a process: Spark already runs a task a core.
            command = [args.binary, "--format", "jsonl", "--input-format", "jsonl",
                       "--no-config", "--fail-on", "never", "-j", "1", "-"]
            results = lines.rdd.map(lambda row: row.value).pipe(shlex.join(command))
            results.saveAsTextFile(args.output)
            return
        function = lint_lines(args.lexicon, args.config, parquet_out)
        source = lines
    else:
        source = spark.read.parquet(args.input)
        # An integer column reaches pandas as floats when a batch has a missing value (5.0,
        # NaN); as a string it stays the digits jdlint keeps for a JSON integer.
        source = source.select(*[
            F.col(f.name).cast("string") if f.dataType.typeName() in INTEGRAL_TYPES else F.col(f.name)
            for f in source.schema.fields
        ])
        if args.partitions:
            source = source.repartition(args.partitions)
        function = lint_records(args.lexicon, args.config, parquet_out)
    schema = PARQUET_SCHEMA if parquet_out else "json string"
    results = source.mapInPandas(function, schema)
    if parquet_out:
        results.write.parquet(args.output)
    else:
        results.write.text(args.output)


def main(argv: Optional[List[str]] = None) -> int:
    args = parse_args(argv)
    spark = session(args.master)
    try:
        run(spark, args)
    finally:
        spark.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())

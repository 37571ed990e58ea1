"""The engine from Python: threads, bad records among good ones, errors with the library's
messages, the pandas frame, the per-process engine, and the type stubs."""

from __future__ import annotations

import ast
import doctest
import inspect
import json
import math
import subprocess
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import jdlint
from conftest import ROOT, run_cli, shared_data, without_place


@pytest.fixture(scope="module")
def engine() -> jdlint.Engine:
    return jdlint.Engine()


@pytest.fixture(scope="module")
def dev_lines():
    return [line for line in shared_data("pm-dev.jsonl").read_text(encoding="utf-8").splitlines()]


def test_results_are_the_same_at_any_thread_count(engine, dev_lines):
    one = engine.analyze_many(dev_lines, threads=1)
    assert [r["error"] for r in one] == [None] * len(dev_lines)
    for threads in (2, 3, 8, None):
        assert engine.analyze_many(dev_lines, threads=threads) == one, threads


def test_one_engine_serves_many_python_threads_at_once(engine, dev_lines):
    expected = engine.analyze_many(dev_lines, threads=1)
    # Each thread analyzes the whole set from a different starting point, so that the threads
    # run different postings at the same moment; the GIL is released while they do.
    def run(shift: int):
        shifted = dev_lines[shift:] + dev_lines[:shift]
        return engine.analyze_many(shifted, threads=1), shift

    with ThreadPoolExecutor(max_workers=4) as pool:
        for results, shift in pool.map(run, [0, 50, 100, 150]):
            assert results == expected[shift:] + expected[:shift]


def test_the_gil_is_released_while_analyzing(engine, dev_lines):
    # While one thread analyzes a long batch, another keeps running Python: it would stand
    # still for the whole batch if the GIL were held.
    done = threading.Event()
    ticks = []

    def tick():
        while not done.is_set():
            ticks.append(1)
            done.wait(0.001)

    ticker = threading.Thread(target=tick)
    ticker.start()
    try:
        engine.analyze_many_json(dev_lines * 5, threads=1)
    finally:
        done.set()
        ticker.join()
    assert len(ticks) > 20


def test_a_bad_record_yields_its_error_in_place_and_the_rest_are_analyzed(engine, jdlint_binary, tmp_path):
    good = json.loads((ROOT / "fixtures/batch.jsonl").read_text(encoding="utf-8").splitlines()[0])
    # Records a JSONL file can hold too: the command line must report them the same.
    jsonl_bad = [
        {"id": "no-title", "text": good["text"]},
        {"id": "empty-title", "title": " ", "text": good["text"]},
        {"id": 42, "title": "PM", "text": 7},
        '{"id": "cut", "title": "PM", "text": "Own',
        "[1, 2]",
    ]
    batch = [good, *jsonl_bad, good]
    results = engine.analyze_many(batch)
    assert len(results) == len(batch)
    assert results[0] == results[-1] == engine.analyze(good["title"], good["text"], id=good["id"]) | {
        "fields": results[0]["fields"]
    }
    assert results[0]["error"] is None and results[0]["implied"] is not None
    lines = tmp_path / "bad.jsonl"
    lines.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in jsonl_bad), encoding="utf-8"
    )
    printed = [without_place(r) for r in run_cli(jdlint_binary, [str(lines)])]
    assert results[1:-1] == printed
    assert [r["error"] for r in printed] == [
        "no `title` field (a non-empty string)",
        "`title` is empty",
        "`text` is a number, not a string",
        "not valid JSON at column 41: EOF while parsing a string",
        "not a JSON object",
    ]
    assert [r["source"]["id"] for r in printed] == ["no-title", "empty-title", "42", None, None]
    for result in printed:
        assert (result["claimed"], result["implied"], result["evidence"], result["diagnostics"]) == (None, None, [], [])


def test_records_only_python_has_are_errors_too(engine):
    good = ("Senior Product Manager", "Requirements\n- 5-7 years of product management experience\n")
    batch = [
        good,
        ("PM", float("nan")),  # pandas' missing value
        ("PM", None),
        ("PM", "text", "extra"),
        12,
        {1: "a key that is not a string"},
        ("PM", "\ud800"),  # a lone surrogate cannot be UTF-8
        {"title": "PM", "text": "Own the roadmap", "id": np.int64(7), "rank": np.float32(1.5)},
        good,
    ]
    results = engine.analyze_many(batch)
    assert [r["error"] for r in results] == [
        None,
        "`text` is null, not a string",
        "`text` is null, not a string",
        "a record sequence must be a (title, text) pair, not 3 items",
        "a record is an int, not a dict, a (title, text) pair or a JSON line",
        "a key is an int, not a string",
        "`text` is not valid Unicode (a lone surrogate)",
        None,
        None,
    ]
    assert results[0] == results[-1]
    # numpy's numbers, which pandas hands out, are kept as numbers are.
    assert results[7]["source"]["id"] == "7"
    assert results[7]["fields"] == {"id": "7", "rank": "1.5", "title": "PM"}


def test_analyze_takes_strings_and_an_id(engine):
    result = engine.analyze("Senior Product Manager", "Own the roadmap", id=98765432109876543210)
    assert result["source"] == {"path": None, "line": None, "id": "98765432109876543210"}
    assert list(result) == ["source", "title", "claimed", "implied", "evidence", "diagnostics", "fields", "error"]
    with pytest.raises(TypeError):
        engine.analyze("PM", 12)
    with pytest.raises(ValueError, match="threads must be 1 or more"):
        engine.analyze_many([], threads=0)


def test_an_iterator_that_raises_raises(engine):
    def records():
        yield ("PM", "Own the roadmap")
        raise KeyError("the caller's own error")

    with pytest.raises(KeyError, match="the caller's own error"):
        engine.analyze_many(records())


def cli_error(binary: Path, args) -> str:
    out = subprocess.run([str(binary), *args, str(ROOT / "fixtures/postings/pm-core.txt")], capture_output=True)
    assert out.returncode == 2
    return out.stderr.decode().strip()


def test_a_bad_lexicon_raises_the_librarys_message(jdlint_binary, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps({"signals": [{"terms": ["x"], "supports": "level:nope", "weight": 1, "source": "001: x"}]}),
        encoding="utf-8",
    )
    for lexicon in (bad, tmp_path / "missing"):
        with pytest.raises(jdlint.LexiconError) as raised:
            jdlint.Engine(lexicon=lexicon)
        assert f"jdlint: lexicon error: {raised.value}" == cli_error(jdlint_binary, ["--lexicon", str(lexicon)])
    assert "unknown level id `nope`" in str(raised.value) or "cannot read" in str(raised.value)


def test_a_bad_config_raises_the_librarys_message(jdlint_binary, tmp_path):
    unknown_key = tmp_path / "unknown.toml"
    unknown_key.write_text('selec = ["wording"]\n', encoding="utf-8")
    bad_lexicon = tmp_path / "lexicon.toml"
    bad_lexicon.write_text('lexicon = ["nowhere"]\n', encoding="utf-8")
    for config, kind in [(unknown_key, jdlint.ConfigError), (tmp_path / "missing.toml", jdlint.ConfigError),
                         (bad_lexicon, jdlint.LexiconError)]:
        with pytest.raises(kind) as raised:
            jdlint.Engine(config=config)
        label = "config" if kind is jdlint.ConfigError else "lexicon"
        assert f"jdlint: {label} error: {raised.value}" == cli_error(jdlint_binary, ["--config", str(config)])
        assert isinstance(raised.value, jdlint.JdlintError) and isinstance(raised.value, ValueError)
    with pytest.raises(jdlint.ConfigError, match=r"unknown\.toml:1: `selec`: unknown field `selec`"):
        jdlint.Engine(config=unknown_key)


def test_analyze_frame(engine):
    records = [json.loads(line) for line in (ROOT / "fixtures/calibrate/postings.jsonl").read_text().splitlines()]
    df = pd.DataFrame(records).set_index(pd.Index([f"row{i}" for i in range(len(records))]))
    df.loc["row1", "text"] = None
    df.loc["row2", "title"] = math.nan
    frame = jdlint.analyze_frame(df, id="id")
    assert list(frame.columns) == list(jdlint.FRAME_COLUMNS)
    assert list(frame.index) == list(df.index)
    expected = engine.analyze_many(
        [{"id": r["id"], "title": t, "text": x} for r, t, x in zip(records, df["title"], df["text"])]
    )
    assert [json.loads(text) for text in frame["json"]] == expected
    row0 = expected[0]
    assert frame.loc["row0", "id"] == records[0]["id"]
    assert frame.loc["row0", "claimed_level"] == row0["claimed"]["level"]
    assert frame.loc["row0", "implied_level"] == row0["implied"]["level"]
    assert frame.loc["row0", "confidence"] == row0["implied"]["confidence"]
    assert frame.loc["row0", "rules"] == [d["rule"] for d in row0["diagnostics"]]
    assert frame.loc["row1", "error"] == "`text` is null, not a string"
    assert frame.loc["row2", "error"] == "`title` is null, not a string"
    assert pd.isna(frame.loc["row1", "implied_level"])
    # Without an id column: (title, text) pairs, no id.
    plain = jdlint.analyze_frame(df[["title", "text"]].astype("string"))
    assert plain["id"].isna().all()
    assert list(plain["error"].isna()) == list(frame["error"].isna())


def test_shared_engine_is_one_per_process_and_arguments(tmp_path):
    assert jdlint.shared_engine() is jdlint.shared_engine()
    config = tmp_path / "jdlint.toml"
    config.write_text('ignore = ["wording"]\n', encoding="utf-8")
    configured = jdlint.shared_engine(config=config)
    assert configured is jdlint.shared_engine(config=str(config))
    assert configured is not jdlint.shared_engine()


def test_the_docstring_example_runs():
    failed, attempted = doctest.testmod(jdlint)
    assert (failed, attempted > 0) == (0, True)


def test_the_stubs_name_what_the_module_has():
    stub = ast.parse((Path(jdlint.__file__).parent / "_jdlint.pyi").read_text(encoding="utf-8"))
    from jdlint import _jdlint

    classes = {node.name: node for node in stub.body if isinstance(node, ast.ClassDef)}
    assert set(classes) == {"Engine", "JdlintError", "LexiconError", "ConfigError"}
    for name in classes:
        assert isinstance(getattr(_jdlint, name), type)
    for node in classes["Engine"].body:
        if not isinstance(node, ast.FunctionDef):
            continue
        stubbed = [a.arg for a in node.args.args if a.arg != "self"]
        runtime = _jdlint.Engine if node.name == "__init__" else getattr(_jdlint.Engine, node.name)
        actual = [p for p in inspect.signature(runtime).parameters if p != "self"]
        assert stubbed == actual, node.name
    runtime = {name for name in dir(_jdlint.Engine) if not name.startswith("_")}
    stubbed = {node.name for node in classes["Engine"].body if isinstance(node, ast.FunctionDef)} - {"__init__"}
    assert runtime == stubbed

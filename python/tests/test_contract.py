"""The package returns what the command line prints: on the fixtures and the development set,
each result equals the object of `jdlint --format jsonl` for the same record, key for key and
value for value, but for the file path and line a record from Python does not have."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import jdlint
from conftest import ROOT, run_cli, shared_data, without_place

RECORD_FIXTURES = [
    "fixtures/batch.jsonl",
    "fixtures/calibrate/postings.jsonl",
    "fixtures/calibrate/bad-label.jsonl",
    "fixtures/inputs/ats-export.jsonl",
]
DOCUMENT_FIXTURES = sorted(
    str(path.relative_to(ROOT))
    for folder in ("postings", "rules", "years", "inputs")
    for path in (ROOT / "fixtures" / folder).iterdir()
    if path.suffix in (".txt", ".md", ".html")
)


@pytest.fixture(scope="module")
def engine() -> jdlint.Engine:
    return jdlint.Engine()


def expected(binary: Path, *args: str) -> List[Dict[str, Any]]:
    return [without_place(result) for result in run_cli(binary, list(args))]


def jsonl_lines(path: Path) -> List[str]:
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def parsed(line: str) -> Any:
    """A JSONL line as Python reads it; a line that is not JSON stays a line, for the library
    to report."""
    try:
        return json.loads(line)
    except json.JSONDecodeError:
        return line


@pytest.mark.parametrize("fixture", RECORD_FIXTURES)
def test_jsonl_fixtures_as_lines_and_as_dicts(engine, jdlint_binary, fixture):
    printed = expected(jdlint_binary, fixture)
    lines = jsonl_lines(ROOT / fixture)
    assert engine.analyze_many(lines) == printed
    assert engine.analyze_many([parsed(line) for line in lines]) == printed


def test_json_fixture_as_dicts(engine, jdlint_binary):
    fixture = "fixtures/inputs/postings.json"
    records = json.loads((ROOT / fixture).read_text(encoding="utf-8"))
    assert engine.analyze_many(records) == expected(jdlint_binary, fixture)


def test_csv_fixture_as_dicts(engine, jdlint_binary):
    fixture = "fixtures/inputs/export.csv"
    with open(ROOT / fixture, newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))
    assert engine.analyze_many(records) == expected(jdlint_binary, fixture)


def test_document_fixtures_as_records(engine, jdlint_binary, tmp_path):
    # A document's title is read from its file; the same title and the whole file's text, as a
    # record, must read the same from Python as from a JSONL file.
    titles = [result["title"] for result in run_cli(jdlint_binary, DOCUMENT_FIXTURES)]
    records = [
        {"id": name, "title": title, "text": (ROOT / name).read_text(encoding="utf-8")}
        for name, title in zip(DOCUMENT_FIXTURES, titles)
    ]
    batch = tmp_path / "documents.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    printed = expected(jdlint_binary, str(batch))
    assert len(printed) == len(DOCUMENT_FIXTURES) > 40
    assert engine.analyze_many(records) == printed
    one_at_a_time = [engine.analyze(r["title"], r["text"], id=r["id"]) for r in records]
    assert one_at_a_time == printed


@pytest.mark.parametrize("name", ["pm-dev.jsonl", "non-pm-dev.jsonl"])
def test_development_set(engine, jdlint_binary, name):
    path = shared_data(name)
    printed = expected(jdlint_binary, str(path))
    lines = jsonl_lines(path)
    assert len(printed) == len(lines) >= 200
    assert engine.analyze_many(lines) == printed
    # The records as Python reads them (a `company` of null, strings): the same results.
    assert engine.analyze_many([json.loads(line) for line in lines]) == printed


def test_lexicon_and_config_are_those_of_the_command_line(jdlint_binary, tmp_path):
    # A config that selects rules and moves a threshold, and a lexicon overlay with a new title
    # phrase: the engine built from them reads postings as `jdlint --config --lexicon` does.
    lexicon = tmp_path / "ladder"
    lexicon.mkdir()
    wrangler = {
        "phrases": ["product wrangler"],
        "kind": "role",
        "level": "senior",
        "source": "001: Senior Product Manager (Sr. PM)",
    }
    (lexicon / "titles.json").write_text(json.dumps({"titles": [wrangler]}), encoding="utf-8")
    config = tmp_path / "jdlint.toml"
    config.write_text('ignore = ["wording"]\n', encoding="utf-8")
    records = [json.loads(line) for line in jsonl_lines(ROOT / "fixtures/calibrate/postings.jsonl")]
    records.append({"id": "w", "title": "Product Wrangler", "text": records[0]["text"]})
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    out = run_cli(jdlint_binary, ["--config", str(config), "--lexicon", str(lexicon), str(batch)])
    printed = [without_place(r) for r in out]
    engine = jdlint.Engine(lexicon=str(lexicon), config=config)
    assert engine.analyze_many(records) == printed
    assert printed[-1]["claimed"]["level"] == "senior"
    assert printed != [without_place(r) for r in run_cli(jdlint_binary, [str(batch)])]

"""A large table of postings made at test time from the fixtures and the development set, for
the Spark tests and the benchmark. Nothing made here is committed: the development set's
postings stay in ../shared."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

from conftest import ROOT, shared_data


def base_records() -> List[Dict[str, Any]]:
    """Every posting the fixtures and the development set hold, as records."""
    records: List[Dict[str, Any]] = []
    for name in ("pm-dev.jsonl", "non-pm-dev.jsonl"):
        records += [json.loads(line) for line in shared_data(name).read_text(encoding="utf-8").splitlines()]
    for name in ("fixtures/calibrate/postings.jsonl",):
        records += [json.loads(line) for line in (ROOT / name).read_text(encoding="utf-8").splitlines()]
    records += json.loads((ROOT / "fixtures/inputs/postings.json").read_text(encoding="utf-8"))
    for path in sorted((ROOT / "fixtures/postings").glob("*.txt")):
        title, _, text = path.read_text(encoding="utf-8").partition("\n")
        records.append({"title": title, "text": text, "company": path.stem})
    return records


def generate(count: int, max_chars: int = 0) -> List[Dict[str, Any]]:
    """`count` records with unique ids `gen-00000`...: posting i takes the text of base posting
    i (cycling) and the title of another, so that titles and bodies disagree as on a real board,
    and every 997th is not a posting (no title, a text that is not a string), to go through as
    an error with its id. With `max_chars`, each text is a passage of about that many
    characters, starting further in on each cycle: smaller postings, all different."""
    base = base_records()
    out = []
    for i in range(count):
        record = base[i % len(base)]
        text = record["text"]
        if max_chars:
            text = _passage(text, (i // len(base)) * max_chars // 3, max_chars)
        generated: Dict[str, Any] = {
            "id": f"gen-{i:05d}",
            "title": base[(i * 7 + i // len(base)) % len(base)]["title"],
            "company": record.get("company"),
            "text": text,
        }
        if i % 997 == 500:
            del generated["title"]
        elif i % 997 == 900:
            generated["text"] = len(text)
        out.append(generated)
    return out


def _passage(text: str, start: int, length: int) -> str:
    """About `length` characters of `text` from `start` (wrapping round), in whole words."""
    if len(text) <= length:
        return text
    start %= len(text) - length
    begin = text.rfind(" ", 0, start) + 1
    end = text.find(" ", begin + length)
    return text[begin : end if end >= 0 else len(text)]


def write_jsonl(records: List[Dict[str, Any]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record) + "\n")
    return path

"""jdlint for Python: the jdlint library's analysis of product-management job postings.

An :class:`Engine` is built once (it compiles the lexicon) and shared, also across threads.
Each result is the object ``jdlint --format jsonl`` prints for a posting, key for key (see
``docs/json-output.md``), written by the library's own printer and parsed here. A posting given
from Python comes from no file: ``source.path`` and ``source.line`` are ``None``.

>>> import jdlint
>>> engine = jdlint.Engine()
>>> result = engine.analyze("Senior Product Manager", "Requirements\\n- 5-7 years of product management experience\\n")
>>> result["claimed"]["level"]
'senior'
"""

from __future__ import annotations

import json
import os
import threading
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, TypedDict, Union

from jdlint._jdlint import ConfigError, JdlintError, LexiconError, __version__
from jdlint._jdlint import Engine as _RustEngine

__all__ = [
    "Engine",
    "Result",
    "Record",
    "shared_engine",
    "analyze_frame",
    "FRAME_COLUMNS",
    "frame_row",
    "JdlintError",
    "LexiconError",
    "ConfigError",
    "__version__",
]

#: A record for :meth:`Engine.analyze_many`: a mapping with ``title``, ``text`` (else
#: ``description``, else ``body``) and optionally ``id`` and other fields, as a JSONL line holds;
#: a ``(title, text)`` pair; or a ``str`` that is one JSONL line.
Record = Union[Mapping[str, Any], Tuple[Any, Any], List[Any], str]


class Result(TypedDict):
    """One posting's result: the JSON contract of ``docs/json-output.md``, key for key."""

    source: Dict[str, Any]
    title: Optional[str]
    claimed: Optional[Dict[str, Any]]
    implied: Optional[Dict[str, Any]]
    evidence: List[Dict[str, Any]]
    diagnostics: List[Dict[str, Any]]
    fields: Dict[str, str]
    error: Optional[str]


class Engine:
    """A compiled lexicon with its settings and rules, as ``jdlint`` builds it for one run.

    ``lexicon`` is a lexicon file or folder layered on the default lexicon (``jdlint
    --lexicon``); ``config`` a ``jdlint.toml`` (``jdlint --config``). Without ``config`` no
    config file applies (``jdlint --no-config``): nothing is looked for in the working
    directory. A lexicon or config that does not load raises :class:`LexiconError` or
    :class:`ConfigError` (both :class:`JdlintError`, a ``ValueError``) with the library's
    message, which names the file and the entry or line.

    Build one per process and share it: every method may be called from many threads at once,
    and the analysis runs with the GIL released.
    """

    __slots__ = ("_engine",)

    def __init__(self, lexicon: Optional[str] = None, config: Optional[str] = None) -> None:
        self._engine = _RustEngine(lexicon, config)

    def analyze(self, title: str, text: str, id: Union[str, int, None] = None) -> Result:
        """One posting's result: what its title claims, what its body implies, the evidence and
        the diagnostics.

        The posting is read as the record ``{"id": id, "title": title, "text": text}`` in a
        JSONL file is: an empty title or an over-long text gives a result whose ``error`` says
        so, as ``jdlint`` reports it. A title or text that is not a ``str`` raises
        ``TypeError``.
        """
        return json.loads(self._engine.analyze_json(title, text, id))

    def analyze_many(self, records: Iterable[Record], threads: Optional[int] = None) -> List[Result]:
        """Each record's result, in input order, analyzed in parallel with the GIL released.

        A record is a mapping read as a JSONL line's object is (its ``title``, its ``text``,
        else ``description``, else ``body``, its ``id``; its other scalar fields come back in
        ``fields``), a ``(title, text)`` pair, or a ``str`` holding one JSONL line (read exactly
        as ``jdlint`` reads a line of a file, numbers kept as written). A record that is not a
        posting (no title, malformed JSON, a text that is not a string) yields a result with
        ``error`` set in its place, and the others are analyzed: there are always as many
        results as records.

        ``threads``: how many threads analyze (default: one a core; capped at four a core);
        ``1`` runs on the calling thread, as a Spark task should.
        """
        return [json.loads(line) for line in self._engine.analyze_many_json(records, threads)]

    def analyze_many_json(
        self, records: Iterable[Record], threads: Optional[int] = None
    ) -> List[str]:
        """As :meth:`analyze_many`, each result as its JSON text: the line ``jdlint --format
        jsonl`` prints, without its line end. For writing results out without parsing them."""
        return self._engine.analyze_many_json(records, threads)


#: The columns :func:`analyze_frame` returns, in order.
FRAME_COLUMNS = (
    "id",
    "claimed_level",
    "claimed_track",
    "claimed_specialization",
    "implied_level",
    "implied_track",
    "implied_specialization",
    "confidence",
    "rules",
    "error",
    "json",
)


def frame_row(line: str) -> Tuple[Any, ...]:
    """The :data:`FRAME_COLUMNS` of one result given as its JSON text."""
    result = json.loads(line)
    claimed = result["claimed"] or {}
    implied = result["implied"] or {}
    return (
        result["source"]["id"],
        claimed.get("level"),
        claimed.get("track"),
        claimed.get("specialization"),
        implied.get("level"),
        implied.get("track"),
        implied.get("specialization"),
        implied.get("confidence"),
        [d["rule"] for d in result["diagnostics"]],
        result["error"],
        line,
    )


def analyze_frame(
    df: Any,
    title: str = "title",
    text: str = "text",
    id: Optional[str] = None,
    engine: Optional[Engine] = None,
    threads: Optional[int] = None,
) -> Any:
    """A pandas DataFrame of each row's result, on ``df``'s index (so it joins back).

    Columns: ``id`` (the result's ``source.id``: the ``id`` column's value, else ``None``),
    ``claimed_level``, ``claimed_track``, ``claimed_specialization``,
    ``implied_level``, ``implied_track``, ``implied_specialization``, ``confidence``, ``rules``
    (the rule ids of the diagnostics, most severe first), ``error`` (why a row could not be
    analyzed, else ``None``) and ``json``, the whole result as JSON text.

    ``title`` and ``text`` name ``df``'s columns; ``id``, a column whose values become each
    result's ``source.id``. A row whose title or text is missing (``None``, NaN, ``pd.NA``)
    gets ``error`` and no classification. ``engine`` defaults to :func:`shared_engine`'s over
    the default lexicon. Needs pandas (``pip install 'jdlint[pandas]'``).
    """
    import pandas as pd

    engine = engine or shared_engine()
    columns = [_with_none_for_missing(df[name]) for name in (title, text)]
    if id is None:
        records: Iterable[Record] = zip(*columns)
    else:
        ids = _with_none_for_missing(df[id])
        records = (
            {"id": i, "title": t, "text": x} for i, t, x in zip(ids, columns[0], columns[1])
        )
    rows = [frame_row(line) for line in engine.analyze_many_json(records, threads)]
    return pd.DataFrame.from_records(rows, columns=list(FRAME_COLUMNS), index=df.index)


def _with_none_for_missing(column: Any) -> List[Any]:
    # pandas marks a missing value as NaN, None, pd.NA or NaT by dtype; the library reads
    # `None` as JSON's null, which its messages name ("`text` is null, not a string").
    return [None if missing else value for value, missing in zip(column, column.isna())]


_SHARED_ENGINES: Dict[Tuple[Optional[str], Optional[str]], Engine] = {}
_SHARED_ENGINES_LOCK = threading.Lock()


def shared_engine(
    lexicon: Union[str, "os.PathLike[str]", None] = None,
    config: Union[str, "os.PathLike[str]", None] = None,
) -> Engine:
    """The :class:`Engine` of this process for these arguments: built on the first call, the
    same object on every later one (from any thread).

    For code that runs many times in one process without a place to keep an engine: a Spark or
    Dask task, a pandas ``apply``. A Spark worker process then compiles the lexicon once, not
    once a task. The files are read on the first call only: a lexicon or config changed later
    needs a new process (or an :class:`Engine` built anew).
    """
    key = (
        None if lexicon is None else os.fspath(lexicon),
        None if config is None else os.fspath(config),
    )
    with _SHARED_ENGINES_LOCK:
        engine = _SHARED_ENGINES.get(key)
        if engine is None:
            engine = Engine(lexicon=key[0], config=key[1])
            _SHARED_ENGINES[key] = engine
        return engine

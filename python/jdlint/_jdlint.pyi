"""Type stubs of the compiled module; :mod:`jdlint` wraps it and is what programs import."""

from os import PathLike
from typing import Any, Iterable, List, Optional, Union

__version__: str

class JdlintError(ValueError):
    """A lexicon or config that jdlint cannot use; the message is the library's."""

class LexiconError(JdlintError):
    """A lexicon file or folder that does not load: the message names the file and the entry."""

class ConfigError(JdlintError):
    """A jdlint.toml that does not load: the message names the file, the line and the key."""

class Engine:
    """A compiled lexicon with its settings and rules, as ``jdlint`` builds it for one run."""

    def __init__(
        self,
        lexicon: Union[str, PathLike[str], None] = None,
        config: Union[str, PathLike[str], None] = None,
    ) -> None: ...
    def analyze_json(self, title: str, text: str, id: Union[str, int, None] = None) -> str:
        """One posting's result as JSON text (a ``jdlint --format jsonl`` line without its
        line end)."""
    def analyze_many_json(self, records: Iterable[Any], threads: Optional[int] = None) -> List[str]:
        """Each record's result as JSON text, in input order."""

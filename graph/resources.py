"""Files that ship with vnkg: the ontology, vocabularies and saved queries.

They live at the top of the repository (``ontology/``, ``queries/``) and are installed as
package data (``vnkg.ontology``, ``vnkg.savedqueries``), so both a checkout and an installed
package find them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

_ROOT = Path(__file__).resolve().parent.parent


def _dir(package: str, checkout_name: str) -> Path:
    here = _ROOT / checkout_name
    if here.is_dir() and (_ROOT / "pyproject.toml").exists():
        return here
    return Path(str(resources.files(package)))


def ontology_dir() -> Path:
    return _dir("vnkg.ontology", "ontology")


def vocab_dir() -> Path:
    return ontology_dir() / "vocab"


def queries_dir() -> Path:
    return _dir("vnkg.savedqueries", "queries")

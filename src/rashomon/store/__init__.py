"""The store: a SQLite file that grows, with the latest report kept queryable.

In: inputs to add. Out: the stored articles, annotations, story index and report.
`database` adds inputs in one transaction and searches; `schema` creates and migrates
the tables; `rows` converts between models and rows; `index` keeps the story index;
`incremental` re-checks only the stories an add touched.
"""

from __future__ import annotations

from .database import (
    DEFAULT_DB,
    AddResult,
    SearchHit,
    StoreError,
    add_inputs,
    connect,
    load_analyzer,
    load_report,
    read_totals,
    search,
)

__all__ = ["DEFAULT_DB", "AddResult", "SearchHit", "StoreError", "add_inputs", "connect",
           "load_analyzer", "load_report", "read_totals", "search"]

"""The public pipeline: ingest -> stories -> report. Each stage is usable on its own."""

from __future__ import annotations

from collections.abc import Sequence

from .ingest import group_label, ingest
from .models import Report
from .options import Options
from .report import build_report
from .stories import group_by_folder


def analyze(inputs: Sequence[str], options: Options | None = None) -> Report:
    """Analyse files, folders, globs, '-' and URLs into a report; problems ride along."""
    options = options or Options()
    result = ingest(list(inputs), options)
    labels = {g: group_label(g) for g in set(result.groups.values())}
    stories = group_by_folder(result.articles, result.groups, labels)
    return build_report(result.articles, stories, result.problems)

"""Report stage: assemble the `rashomon.report/1` object and write it safely."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from .. import __version__
from ..models import Article, Problem, Report, Story


def utc_now() -> str:
    """The current time as an ISO 8601 UTC stamp, to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def build_report(
    articles: Sequence[Article],
    stories: Sequence[Story],
    problems: Sequence[Problem] = (),
    generated_at: str | None = None,
) -> Report:
    """Put the pieces together; only ``generated_at`` differs between identical runs."""
    return Report(
        articles=tuple(articles),
        stories=tuple(stories),
        generator_version=__version__,
        generated_at=generated_at or utc_now(),
        problems=tuple(problems),
    )


def report_json(report: Report) -> str:
    """The report as deterministic, human-readable JSON text."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _read_umask() -> int:
    mask = os.umask(0o022)  # the only way to read it is to set it; put it back at once
    os.umask(mask)
    return mask


# Read once, at import: setting the umask (even briefly) is process-wide.
_UMASK = _read_umask()


def write_text_atomic(path: str | Path, text: str) -> None:
    """Write a file so that a crash never leaves a half-written one in its place."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        # mkstemp makes the file private (0600); a report is meant to be shared, so it
        # gets the permissions any new file of the user's would get.
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

"""Report stage: the finished `Report` and its renderings.

In: articles, cross-checked `Story`s and problems. Out: a `Report` (`build_report`,
`rashomon.report/1` JSON by `report_json`), an offline HTML page (`html`, with its
`sections`, conflict `cards`, the `glossary` behind its legend and tooltips, the stance
`marks` of article text, the `map` and the country `outlines` it draws, CSS and script
in `static/`), and flat exports (`export`: CSV, Markdown, GeoJSON).
"""

from __future__ import annotations

from .assemble import build_report, report_json

__all__ = ["build_report", "report_json"]

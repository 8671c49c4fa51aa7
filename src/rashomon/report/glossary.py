"""What the report's words mean: one glossary for the HTML legend, the badges' tooltips
and the web pages, so the three never disagree.

Each status and count is defined by the rule the cross-check applies
(``crosscheck.story.claim_status`` and ``crosscheck.independence.count_independent``);
change the wording here when those rules change.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

STATUS_HELP = {
    "corroborated": "Stated by two or more independent origins; nobody refutes it and no "
                    "origin only hedges it.",
    "disputed": "Someone refutes it, an origin only hedges (calls unconfirmed or "
                "uncertain) what another origin states, or it is a side of a conflict "
                "(another origin gives a rival figure, date, place or detail).",
    "single-source": "Not disputed, but stated by fewer than two independent origins "
                     "(for example one ministry, however many outlets quote it).",
}

COUNT_HELP = {
    "outlets": "How many different outlets have an article that mentions the claim, "
               "whatever their stance (an article with no known outlet counts as one).",
    "independent sources": "How many distinct origins state the claim. A named source "
                           "counts once however many outlets quote it, and sources whose "
                           "names nest (\"the police\", \"police in Hareid\") are one. An "
                           "outlet's own unattributed line counts only when no named "
                           "source states the claim, once per outlet; a near-identical "
                           "copy of an earlier article (sharing half their word 5-grams) "
                           "counts as that article's outlet. A claim nobody states "
                           "counts the origins of its denials.",
}

STANCE_HELP = {
    "supports": "✓ the speaker states it.",
    "refutes": "✗ the speaker denies it.",
    "uncertain": "? the speaker hedges: unconfirmed, possible, not yet known.",
}

KIND_HELP = {
    "denial": "One side states the claim; another denies it. Saying it is not confirmed "
              "is a hedge on the claim, not a denial.",
    "unconfirmed": "One side states the claim; another that would know says it cannot or "
                   "will not confirm it (not reported by this version: a hedge on the "
                   "claim instead).",
    "quantity": "The sides give different figures for the same thing.",
    "date": "The sides date the same event differently.",
    "place": "The sides place the same event in different places.",
    "detail": "The sides differ on a detail: a name, a designation, \"the first time\".",
    "update": "A figure changed between earlier and later reports: news that moved on, "
              "not necessarily a contradiction.",
}

MARK_HELP = {
    "(own reporting)": "The outlet says it in its own voice: no speaker is named.",
    "(inferred)": "The publication date, or its year, is not in the article's metadata "
                  "or text: it was taken from the dated articles beside it or from the "
                  "story's window.",
    "undated": "No publication date was found, and none is guessed.",
}

CONFLICT_HELP = ("A conflict card names the claim in dispute in its heading; each side is "
                 "headed by who holds it and what they say; its summary (the heading's "
                 "tooltip) names what differs and each side's value and sources.")


def status_title(status: str) -> str:
    """The one-line definition of a claim status ("" for an unknown one)."""
    return STATUS_HELP.get(status, "")


def kind_title(kind: str) -> str:
    """The one-line definition of a conflict kind ("" for an unknown one)."""
    return KIND_HELP.get(kind, "")


def badge_html(status: str) -> str:
    """A claim's status badge, its definition as the tooltip."""
    s = escape(status, quote=True)
    return f'<span class="badge {s}" title="{escape(status_title(status), quote=True)}">{s}</span>'


def kind_html(kind: str) -> str:
    """A conflict's kind label, its definition as the tooltip."""
    k = escape(kind, quote=True)
    return f'<span class="kind" title="{escape(kind_title(kind), quote=True)}">{k}</span>'


def _rows(terms: dict[str, str], render: Callable[[str], str] | None = None) -> str:
    out = []
    for term, meaning in terms.items():
        shown = render(term) if render else f"<b>{escape(term)}</b>"
        out.append(f"<dt>{shown}</dt><dd>{escape(meaning)}</dd>")
    return "".join(out)


def legend_html(open_: bool = False) -> str:
    """The collapsible "How to read this" legend placed at the top of report and story."""
    sections = (
        ("Claim status", _rows(STATUS_HELP, badge_html)),
        ("Counts", _rows(COUNT_HELP)),
        ("Stances", _rows(STANCE_HELP)),
        ("Conflict kinds", _rows(KIND_HELP, kind_html)),
        ("Marks", _rows(MARK_HELP)),
    )
    body = "".join(f"<div><h4>{title}</h4><dl>{rows}</dl></div>" for title, rows in sections)
    marks = ('<p class="meta">In the article text, highlighted sentences are mentions of '
             'disputed or corroborated claims, coloured by stance: '
             '<mark class="st-sup">states</mark> <mark class="st-ref">denies</mark> '
             '<mark class="st-unc">hedges</mark>. "Show all quoted sentences" adds the rest '
             '<mark class="st-other">in grey</mark>.</p>')
    return (f'<details class="legend" id="legend"{" open" if open_ else ""}>'
            "<summary>How to read this report</summary>"
            f'<div class="legend-grid">{body}</div><p class="meta">{escape(CONFLICT_HELP)}</p>'
            f"{marks}</details>")

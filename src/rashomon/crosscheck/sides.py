"""Find typed conflicts among a story's units and assemble them into report conflicts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any

import numpy as np

from ..models import Article, Claim, Conflict, ConflictSide, Mention, Quantity, stable_id
from . import conflicts as rules
from . import details
from .measured import different_occasions, outcomes
from .negation import DOUBT_CUES
from .one_voice import one_series
from .quantities import as_point, same_figure
from .similarity import candidate_arrays
from .summaries import Namer, summary
from .units import Unit

MentionFn = Callable[[Unit], list[Mention]]


@dataclass(frozen=True, slots=True)
class _Facts:
    """What the pair rules ask of one unit, worked out once per unit instead of once per
    pair (a big story compares a unit with hundreds of others)."""

    origins: frozenset[str]
    doubting: bool  # a denial or non-confirmation: with negation, the way into a denial
    figures: bool  # gives a figure: the only way into a quantity difference
    event: frozenset[str]  # the outcomes its figures count (deaths, cases...)
    models: bool  # names a model number: the only way into a designation difference
    dated: bool  # the same-event rules compare a day, a place or a detail on both sides
    placed: bool
    detailed: bool
    first_text: str  # where its "first time" is read from (`details.first_time_texts`)
    undergoer: str | None  # what its event happens to (`phrases.undergoer`)


def _facts(unit: Unit, origin: Callable[[Unit], set[str]], first_text: str) -> _Facts:
    head = unit.mentions[0]
    return _Facts(frozenset(origin(unit)), head.cue in DOUBT_CUES,
                  bool(head.frame.quantities), outcomes(unit),
                  details.names_model(unit), rules.has_day(unit), rules.has_place(unit),
                  details.has_detail(unit, first_text), first_text, unit.undergoer)


def _co_reported(units: Sequence[Unit], facts: Sequence[_Facts]) -> set[rules.FigurePair]:
    """Pairs of figures that one article attributes to different sources side by side
    (a live dispute; one source's figure rising is not, nor is a count the article
    itself says has changed: "the number of injured has risen to seven")."""
    by_article: dict[str, list[tuple[Quantity, frozenset[str]]]] = {}
    for unit, fact in zip(units, facts, strict=True):
        if rules.tells_change(unit):
            continue
        for q in unit.mentions[0].frame.quantities:
            if q.value:
                by_article.setdefault(unit.article_id, []).append((q, fact.origins))
    pairs: set[rules.FigurePair] = set()
    for values in by_article.values():
        for (x, wx), (y, wy) in combinations(values, 2):
            # Figures of one unit only ("a gash three metres long" is no rival of "seven
            # people injured").
            if x.value != y.value and x.unit == y.unit and not wx & wy:
                pairs.add(rules.figure_pair(x, y))
    return pairs


def find_findings(units: Sequence[Unit], sims: Any, articles: dict[str, Article],
                  origin: Callable[[Unit], set[str]]) -> list[rules.Finding]:
    """Every typed difference between related units of one story."""
    return _focused_denials(units, pair_findings(units, sims, articles, origin))


def pair_findings(units: Sequence[Unit], sims: Any, articles: dict[str, Article],
                  origin: Callable[[Unit], set[str]]) -> list[tuple[rules.Finding, float]]:
    """What the pair rules find on the candidate pairs, each with its pair's similarity."""
    first_texts = details.first_time_texts(units)
    facts = [_facts(u, origin, t) for u, t in zip(units, first_texts, strict=True)]
    co = _co_reported(units, facts)
    rows, cols, values = _promising(units, facts, *candidate_arrays(sims, rules.CANDIDATE))
    out = []
    for i, j, sim in zip(rows.tolist(), cols.tolist(), values.tolist(), strict=True):
        finding = _compare(units, (i, j), sim, articles, facts, co)
        if finding:
            out.append((finding, sim))
    return out


# A doubt matched by similarity alone keeps at most this many articles' closest
# statements: in a story of hundreds of articles one per article would be hundreds.
SIMILAR_DOUBTED = 3


def _focused_denials(units: Sequence[Unit], found: list[tuple[rules.Finding, float]],
                     ) -> list[rules.Finding]:
    """Denial findings that state what the doubting unit doubts. A doubt is similar to
    much of its story (the same places and actors), so of the asserting units outside
    the doubting sentence, only those with the doubted verb are kept where there are
    such; where there are none, the closest of a few articles, unless the doubt only
    points at a claim ("rejected the claim", "denies this"). The doubting sentence's own
    claim ("rejected X's claim that ...") always stays."""
    with_verb: set[int] = set()
    best: dict[tuple[int, str], float] = {}
    for f, sim in found:
        a, b = units[f.a], units[f.b]
        if f.kind == "denial" and not _same_sentence(a, b):
            key = (f.b, a.article_id)
            best[key] = max(best.get(key, sim), sim)
            if rules.same_event_verb(a, b):
                with_verb.add(f.b)
    closest = _closest_articles(best)
    kept = []
    for f, sim in found:
        a, b = units[f.a], units[f.b]
        if f.kind != "denial" or _same_sentence(a, b) or (
                rules.same_event_verb(a, b) if f.b in with_verb
                else (f.b, a.article_id) in closest and sim >= best[(f.b, a.article_id)]
                and not rules.names_no_proposition(b)):
            kept.append(f)
    return kept


def _closest_articles(best: dict[tuple[int, str], float]) -> set[tuple[int, str]]:
    """(doubting unit, article) of each doubting unit's `SIMILAR_DOUBTED` most similar
    articles (ties: article id)."""
    by_unit: dict[int, list[tuple[float, str]]] = {}
    for (unit, article), sim in best.items():
        by_unit.setdefault(unit, []).append((-sim, article))
    return {(unit, article) for unit, ranked in by_unit.items()
            for _, article in sorted(ranked)[:SIMILAR_DOUBTED]}


_ADJACENT = 3  # characters between two sentences that follow each other


def _adjacent(a: Unit, b: Unit) -> bool:
    """Two sentences of one article, one right after the other."""
    ma, mb = a.mentions[0], b.mentions[0]
    return a.article_id == b.article_id and (
        0 <= mb.start - ma.end <= _ADJACENT or 0 <= ma.start - mb.end <= _ADJACENT)


def _answers(a: Unit, b: Unit, fa: _Facts, fb: _Facts) -> bool:
    """A denial in the sentence right after (or before) a claim with the same verb
    answers that claim, however vaguely it words it ("The union said crew had reported a
    fault. The operator denied that any defect had been reported.")."""
    return (fa.doubting or fb.doubting) and _adjacent(a, b) and rules.same_predicate(a, b)


def _same_sentence(a: Unit, b: Unit) -> bool:
    return a.article_id == b.article_id and a.mentions[0].start == b.mentions[0].start


def _promising(units: Sequence[Unit], facts: Sequence[_Facts], rows: np.ndarray,
               cols: np.ndarray, values: np.ndarray,
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs on which `_compare` can find something, in their order: a big
    story has hundreds of thousands of candidates and most pass none of its gates. These
    are `_compare`'s gates over whole arrays; change both together (a test compares them)."""
    if not len(rows):
        return rows, cols, values

    def flag(name: str) -> np.ndarray:
        return np.array([getattr(f, name) for f in facts], dtype=bool)

    doubting, figures, models = flag("doubting"), flag("figures"), flag("models")
    dated, placed, detailed = flag("dated"), flag("placed"), flag("detailed")
    negated = np.array([u.negated for u in units], dtype=bool)
    owners = {aid: k for k, aid in enumerate(dict.fromkeys(u.article_id for u in units))}
    owner = np.array([owners[u.article_id] for u in units])
    i, j = rows, cols
    starts = np.array([u.mentions[0].start for u in units])
    ends = np.array([u.mentions[0].end for u in units])
    gap_ij, gap_ji = starts[j] - ends[i], starts[i] - ends[j]
    adjacent = (owner[i] == owner[j]) & (
        ((gap_ij >= 0) & (gap_ij <= _ADJACENT)) | ((gap_ji >= 0) & (gap_ji <= _ADJACENT)))
    denial = ((values >= rules.DENIAL) | (adjacent & (doubting[i] | doubting[j]))) & (
        doubting[i] | doubting[j] | (negated[i] != negated[j]))
    undergoers = {x: k for k, x in enumerate(dict.fromkeys(f.undergoer for f in facts))}
    undergoer = np.array([-1 - k if f.undergoer is None else undergoers[f.undergoer]
                          for k, f in enumerate(facts)])
    shared = (values >= rules.SHARED_PARTICIPANT) & (undergoer[i] == undergoer[j]) & (
        (dated[i] & dated[j]) | (placed[i] & placed[j]))
    same_event = (values >= rules.SAME_EVENT) & (
        (dated[i] & dated[j]) | (placed[i] & placed[j]) | (detailed[i] & detailed[j]))
    designation = (values >= details.DESIGNATION) & models[i] & models[j]
    keep = denial | (figures[i] & figures[j]) | (
        (owner[i] != owner[j]) & (designation | same_event | shared))
    return rows[keep], cols[keep], values[keep]


def _compare(units: Sequence[Unit], pair: tuple[int, int], sim: float,
             articles: dict[str, Article], facts: Sequence[_Facts],
             co: set[rules.FigurePair]) -> rules.Finding | None:
    i, j = pair
    a, b, fa, fb = units[i], units[j], facts[i], facts[j]
    if different_occasions(a, b):
        return None  # "last summer's fire" against this week's: two events, no dispute
    # Each rule is tried only where it can find something: most pairs of a big story
    # hold no figures, no doubt and no model number.
    if (sim >= rules.DENIAL or _answers(a, b, fa, fb)) and (
            fa.doubting or fb.doubting or a.negated != b.negated):
        found = rules.denial(a, b, i, j, bool(fa.origins & fb.origins), sim)
        if found:
            return found
    if fa.figures and fb.figures:
        found = _figures(a, b, pair, sim, (fa, fb), articles, co)
        if found:
            return found
    if a.article_id == b.article_id:
        return None
    if sim >= details.DESIGNATION and fa.models and fb.models and (
            found := details.designation(a, b, i, j)):
        return found
    found = None
    if sim >= rules.SAME_EVENT:
        found = ((fa.dated and fb.dated and rules.date(a, b, i, j))
                 or (fa.placed and fb.placed and rules.place(a, b, i, j))
                 or (fa.detailed and fb.detailed
                     and details.detail(a, b, i, j, (fa.first_text, fb.first_text))) or None)
    if found is None and sim >= rules.SHARED_PARTICIPANT and fa.undergoer is not None \
            and fa.undergoer == fb.undergoer:
        found = _by_participant(a, b, pair, fa, fb)
    return found


def _by_participant(a: Unit, b: Unit, pair: tuple[int, int], fa: _Facts, fb: _Facts,
                    ) -> rules.Finding | None:
    """A date or place difference between clauses that only a shared participant ties to
    one event (`phrases.undergoer`: "the river crested" / "the river peaked"). Each must
    say it itself: a date written in both clauses (not the day a statement was made:
    "..., the government said Sunday"), a place after a locative in both ("near A" /
    "outside B", not "the Boston-based site"), on one day (an alert raised on Friday and
    one kept on Tuesday are two events)."""
    i, j = pair
    if fa.dated and fb.dated and a.own_time and b.own_time and (
            found := rules.date(a, b, i, j, same_participant=True)):
        return found
    if fa.placed and fb.placed and a.locations and b.locations and rules.same_day(a, b):
        return rules.place(a, b, i, j)
    return None


def _figures(a: Unit, b: Unit, pair: tuple[int, int], sim: float,
             facts: tuple[_Facts, _Facts], articles: dict[str, Article],
             co: set[rules.FigurePair]) -> rules.Finding | None:
    """A quantity difference (or an update) between two units that both give figures."""
    fa, fb = facts
    same_count = bool(fa.event & fb.event)
    same_sentence = _same_sentence(a, b)
    same_thing = rules.same_counted(a, b) and (
        rules.same_event_verb(a, b) or rules.close_figures(a, b))
    # One source (or a body and its spokesperson) giving a figure on another day: it may
    # have moved on, whatever words the two reports use, when it measures the same thing.
    series = rules.on_other_days(a, b, articles) and (
        bool(fa.origins & fb.origins) or one_series(a, b))
    same_series = series and rules.same_thing_measured(a, b)
    counted = sim >= rules.RELATED and (same_count or same_thing or same_series)
    rivals = a.article_id != b.article_id or not fa.origins & fb.origins
    if (sim >= rules.FIGURES or counted or same_sentence) and rivals:
        return rules.quantity(a, b, pair[0], pair[1], articles, co,
                              bool(fa.origins & fb.origins) or series)
    return None


Node = tuple[str, int, str]  # kind, unit, the thing a figure measures ("" for other kinds)


def _components(findings: Sequence[rules.Finding],
                units: Sequence[Unit]) -> list[list[rules.Finding]]:
    """Findings that share a statement, as one conflict each. A statement that gives two
    figures ("19 cases and three deaths") joins a figure conflict per thing measured, not
    one conflict of every figure in the story."""
    parent: dict[Node, Node] = {}

    def find(x: Node) -> Node:
        parent.setdefault(x, x)
        while parent[x] != x:
            # Path halving: long chains (one very long article) stay short; the roots,
            # and so the groups, are the same as without it.
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def node(f: rules.Finding, unit: int, label: str) -> Node:
        if f.kind not in ("quantity", "update"):
            return f.kind, unit, ""
        figure = _figure(label, {unit}, units)
        return f.kind, unit, (figure.counted or figure.unit or "") if figure else ""

    for f in findings:
        parent[find(node(f, f.a, f.label_a))] = find(node(f, f.b, f.label_b))
    groups: dict[Node, list[rules.Finding]] = {}
    for f in findings:
        groups.setdefault(find(node(f, f.a, f.label_a)), []).append(f)
    return list(groups.values())


def assemble(findings: Sequence[rules.Finding], units: Sequence[Unit], mentions_of: MentionFn,
             claims: Sequence[Claim], namer: Namer | None = None) -> list[Conflict]:
    """Group findings into conflicts whose sides hold every mention taking that side;
    ``namer`` names sources, places and outlets in the sides and summaries."""
    return [c for c, _ in assemble_with_units(findings, units, mentions_of, claims, namer)]


def assemble_with_units(findings: Sequence[rules.Finding], units: Sequence[Unit],
                        mentions_of: MentionFn, claims: Sequence[Claim],
                        namer: Namer | None = None,
                        ) -> list[tuple[Conflict, frozenset[int]]]:
    """`assemble`'s conflicts, each with the units on its sides."""
    namer = namer or Namer()
    out = []
    by_quote = _claims_by_quote(claims)
    for component in _components(findings, units):
        sides: dict[str, tuple[str, set[int]]] = {}
        for f in component:
            for label, unit in ((f.label_a, f.a), (f.label_b, f.b)):
                sides.setdefault(f.side_key(label), (label, set()))[1].add(unit)
        if component[0].kind in ("quantity", "update"):
            sides = _agreeing_figures_merged(sides, units)
        if len(sides) < 2:
            continue
        members = frozenset(k for _, side in sides.values() for k in side)
        out.append((_conflict(component[0], sides, units, mentions_of, by_quote, namer),
                    members))
    return sorted(out, key=lambda pair: (pair[0].kind, pair[0].id))


def _agreeing_figures_merged(sides: dict[str, tuple[str, set[int]]], units: Sequence[Unit],
                             ) -> dict[str, tuple[str, set[int]]]:
    """Figure sides that can state the same value ("3,200 hectares", "about 32 square
    kilometres", "nearly 7,900 acres") as one side: a side is a value, not a wording."""
    figures = {key: _figure(label, members, units) for key, (label, members) in sides.items()}

    def order(key: str) -> tuple[bool, float, str]:
        q = figures[key]
        return q is None, (q.value or q.low or 0.0) if q else 0.0, key

    merged: dict[str, tuple[str, set[int]]] = {}
    last: str | None = None
    for key in sorted(sides, key=order):
        q = figures[key]
        if last is not None and q is not None and (p := figures[last]) is not None and \
                same_figure(as_point(p), as_point(q)):
            merged[last][1].update(sides[key][1])
            continue
        merged[key] = (sides[key][0], set(sides[key][1]))
        last = key
    return merged


def _figure(label: str, members: set[int], units: Sequence[Unit]) -> Quantity | None:
    """The figure a side label names, read from the side's statements."""
    return next((q for k in sorted(members) for q in units[k].mentions[0].frame.quantities
                 if q.text == label), None)


def _claims_by_quote(claims: Sequence[Claim]) -> dict[tuple[str, int], list[tuple[int, str]]]:
    """(position, id) of the claims citing each sentence: a big story has thousands of
    claims, too many to scan for every conflict."""
    index: dict[tuple[str, int], list[tuple[int, str]]] = {}
    for k, c in enumerate(claims):
        for m in c.mentions:
            index.setdefault((m.article_id, m.start), []).append((k, c.id))
    return index


def _conflict(first: rules.Finding, sides: dict[str, tuple[str, set[int]]],
              units: Sequence[Unit], mentions_of: MentionFn,
              by_quote: dict[tuple[str, int], list[tuple[int, str]]], namer: Namer) -> Conflict:
    built = []
    for key in sorted(sides):
        label, members = sides[key]
        mentions = tuple(m for k in sorted(members) for m in mentions_of(units[k]))
        source_ids = tuple(sorted({m.source_id for m in mentions if m.source_id}))
        shown = namer.place_label(label) if first.kind == "place" else label
        built.append(ConflictSide(shown, mentions, source_ids))
    # Keyed by the units' propositions, not their sentences: two conflicts of one kind
    # can face the same two sentences over different clauses; and by the side labels, as
    # one statement can join two figure conflicts (one per thing it measures).
    keys = sorted(f"{u.article_id}:{u.mentions[0].content_start}:{u.mentions[0].content_end}:"
                  f"{u.mentions[0].stance}"
                  for _, members in sides.values() for u in (units[k] for k in members))
    quotes = {(m.article_id, m.start) for s in built for m in s.mentions}
    citing = sorted({hit for q in quotes for hit in by_quote.get(q, ())})
    labels = sorted(label for label, _ in sides.values())
    return Conflict(stable_id("x", first.kind, *keys, *labels),
                    first.kind,  # type: ignore[arg-type]
                    _summary(first, built, namer), tuple(built), tuple(cid for _, cid in citing))


def _summary(first: rules.Finding, built: Sequence[ConflictSide], namer: Namer) -> str:
    """The conflict's line, its sides in reading order: an update's earlier figure first."""
    if first.kind != "denial" and not first.topic:
        return first.summary
    order = {first.label_a: 0, first.label_b: 1}
    ordered = sorted(built, key=lambda side: order.get(side.label, 2))
    return summary(first.kind, first.topic, ordered, namer)

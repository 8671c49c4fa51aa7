"""Navigation over an article's stored dependency parse."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import cached_property

from ..models import AnnotatedArticle, Sentence, Token

# Dependents that belong to a speaker's name ("a spokesperson for the ministry").
_NAME_DEPS = frozenset("""
    det poss case compound amod nummod nmod prep pobj quantmod cc conj npadvmod nn flat
""".split())
_KEEP_PREPS = frozenset(["of", "for", "from", "at"])
_HYPHENS = frozenset(["-", "\u2010", "\u2011"])
_PLACE_LABELS = frozenset(["GPE", "LOC", "ORG", "FAC", "NORP"])
# Penn tags of a finite verb (a verb with a tense of its own, not a participle or gerund).
FINITE_TAGS = frozenset(["VBD", "VBZ", "VBP"])


class Parse:
    """Tokens of one article with children lists and sentence ranges."""

    def __init__(self, annotated: AnnotatedArticle) -> None:
        self.text = annotated.article.text
        self.tokens: tuple[Token, ...] = annotated.tokens
        self.children: list[list[int]] = [[] for _ in self.tokens]
        for i, tok in enumerate(self.tokens):
            if tok.head != i:
                self.children[tok.head].append(i)
        self._starts = [t.start for t in self.tokens]

    def word(self, i: int) -> str:
        """The token's text."""
        tok = self.tokens[i]
        return self.text[tok.start : tok.end]

    def lower(self, i: int) -> str:
        """The token's text, lowercased."""
        return self._lowers[i]

    @cached_property
    def _lowers(self) -> list[str]:
        # Every rule asks for lowercased words, most of them many times over.
        text = self.text
        return [text[t.start : t.end].lower() for t in self.tokens]

    def token_range(self, sentence: Sentence) -> range:
        """Indices of the tokens inside a sentence span."""
        return self.tokens_between(sentence.start, sentence.end)

    def tokens_between(self, start: int, end: int) -> range:
        """Indices of the tokens that start inside the character span [start, end)."""
        return range(bisect_left(self._starts, start), bisect_left(self._starts, end))

    def span_roots(self, start: int, end: int) -> list[int]:
        """Tokens of the character span [start, end) whose head lies outside it (or that
        head themselves: a sentence's root), in text order."""
        inside = self.tokens_between(start, end)
        return [i for i in inside if self.tokens[i].head not in inside
                or self.tokens[i].head == i]

    def span_head(self, start: int, end: int) -> int | None:
        """The span's head: of `span_roots`, the one heading most of the span (a span cut
        from its sentence can have stray pieces); None for a span with no token."""
        inside = self.tokens_between(start, end)
        roots = self.span_roots(start, end)
        if not roots:
            return None
        return max(roots, key=lambda r: sum(1 for k in self.subtree(r) if k in inside))

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of token ``i``, optionally only those with the given relations."""
        return [c for c in self.children[i] if not deps or self.tokens[c].dep in deps]

    def subtree(self, i: int, skip: Iterable[str] = ()) -> Iterator[int]:
        """Token ``i`` and its descendants, leaving out branches with relations in ``skip``."""
        banned = frozenset(skip)
        stack = [i]
        while stack:
            j = stack.pop()
            yield j
            stack.extend(c for c in self.children[j] if self.tokens[c].dep not in banned)

    def span(self, indices: Iterable[int]) -> tuple[int, int]:
        """Character span covering the given tokens (contiguous by construction)."""
        idx = sorted(indices)
        return self.tokens[idx[0]].start, self.tokens[idx[-1]].end

    def name_tokens(self, head: int) -> list[int]:
        """The noun phrase that names a speaker, without clauses and appositions."""
        out, stack = [], [head]
        while stack:
            j = stack.pop()
            out.append(j)
            for c in self.children[j]:
                tok = self.tokens[c]
                # An adjective keeps its complement: "an official close to the Kremlin",
                # "a person familiar with the matter".
                if tok.dep in _NAME_DEPS and (tok.dep != "prep" or self._name_prep(c)
                                              or self.tokens[j].pos == "ADJ"):
                    stack.append(c)
                elif tok.dep == "punct" and self.lower(c) in _HYPHENS:
                    out.append(c)  # "Cuban-Americans"
        return _contiguous(sorted(out), head)

    def _name_prep(self, prep: int) -> bool:
        """'of'/'for'/'from' belong to a name; 'in' only before a place ("police in Kyiv")."""
        word = self.lower(prep)
        if word in _KEEP_PREPS:
            return True
        objects = [self.tokens[o].ent for o in self.children[prep] if self.tokens[o].dep == "pobj"]
        return word == "in" and any(ent in _PLACE_LABELS for ent in objects)

    def is_negated(self, i: int) -> bool:
        """Whether a verb has a negation dependent ("has not confirmed")."""
        return any(self.tokens[c].dep == "neg" for c in self.children[i])

    def ancestors(self, i: int) -> Iterator[int]:
        """Heads of ``i`` up to the root."""
        seen = {i}
        while self.tokens[i].head not in seen:
            i = self.tokens[i].head
            seen.add(i)
            yield i


def _contiguous(indices: list[int], head: int) -> list[int]:
    """Keep the run of consecutive indices around the head (drops stray far pieces)."""
    pos = indices.index(head)
    lo = hi = pos
    while lo > 0 and indices[lo - 1] == indices[lo] - 1:
        lo -= 1
    while hi < len(indices) - 1 and indices[hi + 1] == indices[hi] + 1:
        hi += 1
    return indices[lo : hi + 1]

"""The people an article names before a pronoun, ranked as antecedents of "he" / "she".

A pronoun that speaks ("he said") most often means the person the sentences just before
it are about: the nearest sentence that names a person of the pronoun's gender, and in
it the one who speaks or is the subject of its main clause, not a person named in what
was said ("Earnest said Obama hopes ... He said" is Earnest). Names come from the parse
and the entity tagger: a PERSON entity of two words or more, or one word that is the
surname of such a name or of a person who spoke earlier (a lone capitalised word the
tagger calls a person is often no person: "Pell Grants").
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from ..models import Entity, Sentence
from .gender import surname
from .parse import Parse

_SUBJECTS = frozenset(["nsubj", "nsubjpass"])


@dataclass(frozen=True, slots=True)
class Named:
    """One mention of a person: the name to give them, where, and how prominent."""

    name: str
    start: int
    sentence: int
    # 0 speaker, 1 subject, 2 possessor, 3 anything else: lower is a likelier antecedent.
    role: int
    depth: int
    head: int = -1


class PeopleIndex:
    """Mentions of people in one article by sentence, with their grammatical role."""

    def __init__(self, parse: Parse, sentences: Sequence[Sentence],
                 entities: Iterable[Entity], quoted: Callable[[int], bool] | None = None,
                 ) -> None:
        self.parse = parse
        self.quoted = quoted or (lambda _: False)
        self.starts = [s.start for s in sentences]
        people = [e for e in entities if e.label == "PERSON"]
        full: dict[str, str] = {}
        for e in people:
            if len(e.text.split()) > 1:
                full.setdefault(surname(e.text), e.text.strip())
        self.full_names = full
        self._people = people

    @cached_property
    def mentions(self) -> list[Named]:
        """Every mention of a person, made on first use (an article may have no pronoun)."""
        return [m for e in self._people if (m := self._named(e)) is not None]

    def sentence_of(self, position: int) -> int:
        """Index of the sentence a character offset falls in (-1 before the first)."""
        return bisect_right(self.starts, position) - 1

    def before(self, position: int, known: Iterable[str] = ()) -> list[Named]:
        """The mentions of people before ``position``; one-word names only where they are the
        surname of a fuller name in the article or of a ``known`` speaker."""
        surnames = {surname(k) for k in known}
        return [m for m in self.mentions if m.start < position
                and (" " in m.name or surname(m.name) in surnames)]

    def speaker(self, name: str, start: int) -> Named:
        """A speaker's mention as a candidate antecedent (the likeliest role)."""
        return Named(name, start, self.sentence_of(start), 0, 0)

    def _named(self, entity: Entity) -> Named | None:
        name = entity.text.strip()
        if " " not in name:
            name = self.full_names.get(surname(name), name)
        tokens = self.parse.tokens_between(entity.start, entity.end)
        if not tokens:
            return None
        head = next((i for i in tokens if self.parse.tokens[i].head not in tokens), tokens[0])
        dep = self.parse.tokens[head].dep
        role = 1 if dep in _SUBJECTS else 2 if dep == "poss" else 3
        depth = sum(1 for _ in self.parse.ancestors(head))
        return Named(name, entity.start, self.sentence_of(entity.start), role, depth, head)

    def rank(self, candidates: Iterable[Named], position: int) -> list[Named]:
        """Likeliest antecedent of a pronoun at ``position`` first: nearest earlier sentence,
        then speaker, subject, possessor; then the one nearer the root of the parse; then
        the earlier one; a person merely mentioned in an earlier paragraph comes after
        those who spoke or acted. In the pronoun's own sentence only a speaker, a subject, or a
        person whose relative clause or apposition holds the pronoun ("X, who said he ...")
        counts: "Asked about Clinton's plan, he said" is not Clinton."""
        sentence = self.sentence_of(position)
        tokens = self.parse.tokens_between(position, position + 1)
        above = self._holders(tokens[0]) if tokens else set()
        # A person named inside a quotation is what the speaker talks about: in
        # "“I thought he was effective on Trump's flank,” he said", he is not Trump.
        outside = not self.quoted(position)
        usable = [c for c in candidates
                  if (c.sentence < sentence or c.role <= 1 or c.head in above)
                  and not (c.role and outside and self.quoted(c.start))]
        text = self.parse.text

        def aside(c: Named) -> bool:
            # A person merely mentioned in an earlier paragraph ("a company run by X")
            # is a less likely "he" than whoever spoke or acted there (PolNeAR train).
            return c.role > 1 and "\n" in text[c.start:position]

        return sorted(usable, key=lambda c: (aside(c), sentence - c.sentence,
                                             c.head not in above, c.role, c.depth, c.start))

    def _holders(self, pronoun: int) -> set[int]:
        """Words whose phrase holds the pronoun ("Clinton, though she praised ...", "X, who
        led the campaign because he ..."), save the noun of a relative clause whose subject
        the pronoun is: in "X, who he claims was unfair", he is not X."""
        parse = self.parse
        out, below = set(), pronoun
        for head in parse.ancestors(pronoun):
            if not (parse.tokens[below].dep == "relcl" and parse.tokens[pronoun].head == below):
                out.add(head)
            below = head
        return out

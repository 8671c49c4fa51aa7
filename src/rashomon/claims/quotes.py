"""Direct quotations that run over several sentences, and who speaks them.

A quotation is the text between quotation marks. In news style a quotation that runs over
several paragraphs leaves every paragraph but the last unclosed and opens the next one
with a mark again; a paragraph that ends inside a quotation and is not followed by one
that opens with a mark ends the quotation there, so a stray or missing mark never carries
a speaker further than its paragraph.

Quotation marks are curly, straight, or the typewriter pairs "``" and "''".

A sentence whose words all lie inside one quotation has no speaker of its own: it takes
the speaker of the reporting clause outside the marks that introduces or closes the
quotation ("X said: “...”", "“...,” X said", also when the sentence splitter cut "“...?”"
from its "X said."), or, when that quotation has none, of the
quotation just before it in the same paragraph ("“...,” X said. “...”"). A sentence with
a reporting verb outside the marks keeps its own speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..models import Sentence
from .attribution import Attribution
from .parse import Parse

_OPEN, _CLOSE, _STRAIGHT = "\u201c", "\u201d", '"'
_MARKS = _OPEN + _CLOSE + _STRAIGHT
_WORD = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
# At most this many words between a quotation and the verb that closes it ("“...,” Trump
# campaign spokeswoman Hope Hicks said").
_CLOSER_WORDS = 6
# What may stand between an introducing clause and its quotation ("X said: “", "X said, “").
_INTRO_END = (":", ",")


@dataclass(frozen=True, slots=True)
class Quotation:
    """One quotation: its pieces (one per paragraph), character spans inside the marks."""

    pieces: tuple[tuple[int, int], ...]

    @property
    def start(self) -> int:
        """Where the first piece starts."""
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        """Where the last piece ends."""
        return self.pieces[-1][1]

    def covers(self, i: int) -> bool:
        """Whether character ``i`` lies inside the quotation."""
        return any(s <= i < e for s, e in self.pieces)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _marks(text: str) -> str:
    """The text with typewriter quotation marks ("``" and "''", as in LDC and Penn
    Treebank news text) made one-character marks, at the same offsets."""
    return text.replace("``", _OPEN + "\x00").replace("''", _STRAIGHT + "\x00")


def _after(text: str, mark: int) -> int:
    return mark + 2 if text[mark + 1 : mark + 2] == "\x00" else mark + 1


def quotations(text: str) -> list[Quotation]:
    """The quotations of a text, in order (see the module docstring for the rules)."""
    out: list[Quotation] = []
    text = _marks(text)
    paragraphs = _paragraphs(text)
    pieces: list[tuple[int, int]] = []
    opened: int | None = None
    for n, (p_start, p_end) in enumerate(paragraphs):
        continued = opened is not None
        for i in range(p_start, p_end):
            ch = text[i]
            if ch not in _MARKS:
                continue
            if opened is None:
                if ch != _CLOSE:
                    opened = _after(text, i)
            elif continued and i == p_start:
                opened = _after(text, i)  # the mark that reopens a continued quotation
                continued = False
            elif ch != _OPEN:
                pieces.append((opened, i))
                out.append(Quotation(tuple(pieces)))
                pieces, opened, continued = [], None, False
        if opened is None:
            continue
        pieces.append((opened, p_end))
        nxt = paragraphs[n + 1] if n + 1 < len(paragraphs) else None
        if nxt is None or text[nxt[0]] not in _OPEN + _STRAIGHT:
            out.append(Quotation(tuple(pieces)))
            pieces, opened = [], None
    return [q for q in out if any(_WORD.search(text[s:e]) for s, e in q.pieces)]


def quoted_test(text: str) -> Callable[[int], bool]:
    """A test of whether a character offset of ``text`` lies inside a quotation."""
    pieces = sorted(p for q in quotations(text) for p in q.pieces)
    starts = [s for s, _ in pieces]

    def test(i: int) -> bool:
        k = bisect_right(starts, i) - 1
        return k >= 0 and i < pieces[k][1]
    return test


def _inside(text: str, sentence: Sentence, quotation: Quotation) -> bool:
    """Whether every word character of the sentence lies inside the quotation."""
    return all(quotation.covers(sentence.start + m.start())
               for m in _WORD.finditer(sentence.text))


def _anchor(parse: Parse, attribution: Attribution) -> int | None:
    """Where the reporting clause is: its verb, else its speaker ("according to X")."""
    if attribution.verb is not None:
        return parse.tokens[attribution.verb].start
    return attribution.chain[-1].start if attribution.chain else None


def _speaks(parse: Parse, sentence: Sentence, attribution: Attribution,
            quotation: Quotation) -> bool:
    """An attribution outside the marks whose content is the quotation, or that ends its
    sentence with a colon or comma right before the quotation ("X said:" + quote)."""
    anchor = _anchor(parse, attribution)
    if not attribution.chain or anchor is None or quotation.covers(anchor):
        return False
    start, end = attribution.content
    if start < quotation.end and quotation.start < end:
        return True
    between = parse.text[quotation.end:anchor]
    if sentence.start <= quotation.end <= anchor and "\n" not in between \
            and len(_WORD_RUN.findall(between)) <= _CLOSER_WORDS:
        return True  # "“...,” said Cruz, who ..." whatever the content was taken to be
    before = parse.text[sentence.end:quotation.start]
    if quotation.end <= sentence.start:
        # "“...?” Clinton said." split after the mark: the sentence right after the quotation
        # that opens with its reporting clause.
        between = parse.text[quotation.end:sentence.start]
        return not _WORD.search(between) and "\n" not in between and anchor - sentence.start < 40
    return (sentence.end <= quotation.start and not _WORD.search(before)
            and sentence.text.rstrip().endswith(_INTRO_END))


def carried_speakers(parse: Parse, sentences: Sequence[Sentence],
                     raw: Sequence[Sequence[Attribution]]) -> dict[int, tuple[int, int]]:
    """Sentence index -> (sentence, attribution) index of the speaker it takes, for the
    sentences that lie wholly inside a quotation spoken by someone outside it."""
    text = parse.text
    found: dict[int, tuple[int, int]] = {}
    previous: tuple[Quotation, tuple[int, int]] | None = None
    for quotation in quotations(text):
        inside = [i for i, s in enumerate(sentences)
                  if s.start < quotation.end and quotation.start < s.end]
        near = inside + [i for i in (inside[0] - 1,) if inside and i >= 0]
        near += [i for i in (inside[-1] + 1,) if inside and i < len(sentences)]
        speaker = _nearest(parse, sentences, raw, near, quotation)
        if speaker is None and previous is not None and _same_paragraph(
                text, previous[0].end, quotation.start):
            speaker = previous[1]
        if speaker is None:
            continue
        previous = (quotation, speaker)
        for i in inside:
            if i != speaker[0] and _inside(text, sentences[i], quotation):
                found[i] = speaker
    return found


def _nearest(parse: Parse, sentences: Sequence[Sentence],
             raw: Sequence[Sequence[Attribution]], near: list[int],
             quotation: Quotation) -> tuple[int, int] | None:
    best: tuple[int, tuple[int, int]] | None = None
    for i in near:
        for k, attribution in enumerate(raw[i]):
            if not _speaks(parse, sentences[i], attribution, quotation):
                continue
            anchor = _anchor(parse, attribution) or 0
            distance = min(abs(anchor - quotation.start), abs(anchor - quotation.end))
            if best is None or distance < best[0]:
                best = (distance, (i, k))
    return best[1] if best else None


def _same_paragraph(text: str, start: int, end: int) -> bool:
    return "\n" not in text[start:end]

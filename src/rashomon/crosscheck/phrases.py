"""Noun phrases and negation of a clause, for telling two accounts' details apart."""

from __future__ import annotations

from ..claims.lexicon import REPORT_VERBS
from ..claims.parse import Parse
from ..claims.sources import source_key

_MODIFIER_DEPS = frozenset("compound amod nmod npadvmod".split())
_CONDITIONALS = frozenset("if unless whether until lest".split())
# Negative words, as spaCy splits them ("did" "n't").
NEGATORS = frozenset("not n't never no none nobody nothing neither nor".split())
# Modifiers that say nothing about which thing is meant.
_VAGUE = frozenset("""
    new old other same first last next many several few more most much such own main
    major small large big local total full further recent early late certain possible
    """.split())


def _naming(parse: Parse, i: int) -> bool:
    """Modifiers that name which thing is meant: proper names and designations."""
    word = parse.word(i)
    return parse.tokens[i].pos == "PROPN" or any(ch.isdigit() for ch in word) or (
        word[:1].isupper() and i > 0 and parse.tokens[i].dep != "ROOT")


def _modifiers(parse: Parse, head: int) -> frozenset[str]:
    words = set()
    for c in parse.children[head]:
        tok = parse.tokens[c]
        if tok.dep in _MODIFIER_DEPS and _naming(parse, c):
            words.add(tok.lemma.lower())
        elif tok.dep == "prep" and parse.lower(c) == "of":
            words.update(parse.tokens[o].lemma.lower() for o in parse.kids(c, "pobj")
                         if _naming(parse, o))
    return frozenset(words - _VAGUE)


Phrases = tuple[tuple[str, frozenset[str]], ...]


def noun_phrases(parse: Parse, start: int, end: int) -> tuple[Phrases, bool]:
    """(head noun, modifiers) pairs inside a span, and whether the span is negated."""
    span = parse.tokens_between(start, end)
    lo, hi = span.start, span.stop
    phrases = []
    negated = False
    for i in range(lo, hi):
        tok = parse.tokens[i]
        negated = negated or tok.dep == "neg" or parse.lower(i) in NEGATORS
        if tok.pos in ("NOUN", "PROPN") and tok.dep != "compound":
            mods = _modifiers(parse, i)
            if mods:
                phrases.append((tok.lemma.lower(), mods))
    # "if the freeze is not dropped" is a condition, not a denial of anything.
    conditional = any(parse.lower(i) in _CONDITIONALS for i in range(lo, hi))
    return tuple(phrases), negated and not conditional


# Relations that hang a clause of its own from a word: relative, adverbial, adnominal,
# complement and prepositional clauses.
_CLAUSE_DEPS = frozenset("relcl advcl acl ccomp csubj csubjpass pcomp xcomp".split())
# Words that open an embedded question or a free relative ("asked which plant made it",
# "whether it was opened", "what he knows"): a clause that asks asserts nothing.
_ASKING_TAGS = frozenset("WDT WP WP$".split())
_ASKING_MARKS = frozenset("whether if".split())


def clause_negation(parse: Parse, start: int, end: int) -> tuple[bool, frozenset[str]]:
    """Whether a negation in the span belongs to its own clause ("the bridge was not
    closed", "no defect was reported", "started in scrubland, and not near the
    village"), not to a clause inside it ("the man, who asked that his name not be used,
    lives nearby", "can sail as long as it does not carry cars", "blamed the parents for
    not teaching them"); and, where only a phrase is negated ("a purchase, not a loan",
    "not near the village"), the lemmas of that phrase: what the contrast denies."""
    root = parse.span_head(start, end)
    if root is None or _subordinate_clause(parse, root):
        return False, frozenset()
    main = set(_catenae(parse, root))
    span = parse.tokens_between(start, end)
    own = [i for i in span if _negator(parse, i) and not _subordinate(parse, i, main, span)]
    phrases = [parse.tokens[i].head for i in own if parse.tokens[i].dep == "neg"
               and parse.tokens[parse.tokens[i].head].pos not in ("VERB", "AUX")]
    if not own or len(phrases) < len(own):
        return bool(own), frozenset()  # the clause itself is negated
    return True, frozenset(parse.tokens[k].lemma.lower() for h in phrases
                           for k in parse.subtree(h)
                           if parse.tokens[k].pos in ("NOUN", "PROPN", "ADJ", "NUM"))


def _subordinate_clause(parse: Parse, root: int) -> bool:
    """Whether the span is itself an adverbial clause with its own conjunction, cut from
    its sentence ("as long as it is not from these batches", "because they have no
    souls", "even when I do not want to"): its negation qualifies the sentence's
    statement, as it does when the clause stays inside it, and denies nothing."""
    return parse.tokens[root].dep == "advcl" and bool(parse.kids(root, "mark"))


def _negator(parse: Parse, i: int) -> bool:
    return parse.tokens[i].dep == "neg" or parse.lower(i) in NEGATORS


def _catenae(parse: Parse, verb: int) -> list[int]:
    """A verb and the verbs it takes as open complements: "continues to have no
    evidence" is negated through "have"."""
    chain = [verb]
    while (nxt := parse.kids(chain[-1], "xcomp")) and len(chain) < 4:
        chain.append(nxt[0])
    return chain


def _subordinate(parse: Parse, i: int, main: set[int], span: range) -> bool:
    """Whether a token hangs from the span's main verbs through a clause of its own
    (relative, adverbial, complement...); a phrase of the main clause does not."""
    for j in parse.ancestors(i):
        if j in main or j not in span:
            return False
        if parse.tokens[j].dep in _CLAUSE_DEPS:
            return True
    return False


def asks(parse: Parse, start: int, end: int) -> bool:
    """Whether the span is an embedded question or a free relative ("which of the two
    plants had made the batches", "whether gauges recorded a rise", "what he knows")."""
    span = parse.tokens_between(start, end)
    first = next((i for i in span if parse.tokens[i].pos != "PUNCT"), None)
    root = parse.span_head(start, end)
    if first is None or root is None or parse.tokens[root].dep == "ROOT":
        return False
    tok = parse.tokens[first]
    # The wh-word is an argument of the clause's verb ("which plant made it"), or its
    # determiner; not of a clause inside ("what happened on Sunday was not an election").
    own = tok.head == root or (tok.dep == "det" and parse.tokens[tok.head].head == root)
    return own and (tok.tag in _ASKING_TAGS or (
        tok.dep == "mark" and parse.lower(first) in _ASKING_MARKS))


def context_prefix(parse: Parse, start: int, end: int) -> str:
    """The subject a split-off verb shares ("Rain began ... and barely eased" -> "Rain")."""
    span = parse.tokens_between(start, end)
    lo, hi = span.start, span.stop
    inside = range(lo, hi)
    roots = [i for i in inside if parse.tokens[i].head not in inside]
    if not roots:
        return ""
    root = roots[0]
    tok = parse.tokens[root]
    head = tok.head
    if tok.dep in ("conj", "advcl", "xcomp") and not parse.kids(root, "nsubj", "nsubjpass"):
        subjects = parse.kids(head, "nsubj", "nsubjpass")
        return _phrase_text(parse, subjects[0]) if subjects else ""
    return ""


def _phrase_text(parse: Parse, head: int) -> str:
    s, e = parse.span(parse.name_tokens(head))
    return parse.text[s:e] if e - s <= 80 else parse.word(head)


_LOCATIVE = frozenset("at in near outside inside from to on".split())


def locative_names(parse: Parse, start: int, end: int) -> frozenset[str]:
    """Proper names after 'at', 'near', 'outside'...: places the gazetteer may not know."""
    span = parse.tokens_between(start, end)
    lo, hi = span.start, span.stop
    names = set()
    for i in range(lo, hi):
        tok = parse.tokens[i]
        if tok.dep == "pobj" and tok.pos == "PROPN" and parse.lower(tok.head) in _LOCATIVE \
                and tok.ent not in ("DATE", "TIME", "PERSON"):
            names.add(source_key(_phrase_text(parse, i)))
    return frozenset(n for n in names if n)


# Verbs that say little about what happened ("the car was red", "had a thousand people"),
# and verbs of saying: a participant they share is no sign of one event.
_WEAK_VERBS = frozenset("be have do get make take give".split()) | REPORT_VERBS


def undergoer(parse: Parse, start: int, end: int) -> str | None:
    """What the span's event happens to, with its role, as "role:lemma": the object or
    passive subject ("patient:car" for "the car was swept off a road" and "floodwater
    carried the car away"), else the subject of a verb with no object ("subject:river"
    for "the river crested"). Two reports of one event often word it with different verbs
    ("crested" / "peaked") but keep what it happened to, in the same role. None for a
    pronoun or a common word standing for no one thing, a weak verb, or a verb with a
    clausal complement ("troops continued to guard", "was expected to pass"): the event
    is the complement's."""
    root = parse.span_head(start, end)
    if root is None or parse.tokens[root].pos != "VERB" or \
            parse.tokens[root].lemma.lower() in _WEAK_VERBS:
        return None
    if parse.kids(root, "xcomp", "ccomp"):
        return None  # the event is the complement's: "was expected to pass", "continued to"
    # A passive's subject is what the event happens to, as an object is (the parser
    # sometimes labels it "nsubj" beside a passive auxiliary).
    passive = bool(parse.kids(root, "auxpass"))
    patients = parse.kids(root, "dobj", "nsubjpass", *(("nsubj",) if passive else ()))
    if patients:
        role, head = "patient", patients[0]
    else:
        subjects = parse.kids(root, "nsubj")
        if not subjects:
            return None
        role, head = "subject", subjects[0]
    tok = parse.tokens[head]
    if tok.pos not in ("NOUN", "PROPN"):
        return None
    return f"{role}:{tok.lemma.lower()}"

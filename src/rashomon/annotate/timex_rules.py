"""The temporal tagger's rule table: one regex per expression family, with its normaliser.

All rules are joined into one alternation (``MASTER``) so the text is scanned once; at a
given position the first rule in ``RULES`` that matches wins, so longer, more specific
families come first. Each rule's own regex is then re-run on the span to read its groups.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from . import timex_abs as ab
from . import timex_rel as rel
from .timex_cal import Norm
from .timex_ctx import Ctx
from .timex_lex import (
    APPROX,
    DAYNUM,
    DUR_UNIT,
    HALF,
    MONTH,
    NUMBER,
    PART,
    PART_OF_DAY,
    SEASON,
    TOD,
    UNIT,
    VAGUE,
    WEEKDAY,
    YEAR4,
    ZONE,
)

Handler = Callable[[re.Match[str], Ctx], Norm | None]

# Month-day in either order, an optional year after: shared by dates and clock times.
MONTH_DAY = (rf"(?:(?P<mon>{MONTH})\s+(?P<d>{DAYNUM})|(?:the\s+)?(?P<d2>{DAYNUM})\s+(?:of\s+)?"
             rf"(?P<mon2>{MONTH}))(?!,?\d)(?:,?\s+(?P<y>{YEAR4})(?!\d|,\d))?")
DAY_REF = rf"(?P<ref>{WEEKDAY}|today|yesterday|tomorrow|tonight)"
REL_MOD = (r"(?:the\s+)?(?:last|past|previous|coming|next|current|following|latest)"
           r"|this\s+past|this"
           r"|earlier\s+this"
           r"|later\s+this|early\s+this|late\s+this|early\s+next|late\s+next|early\s+last"
           r"|late\s+last|the\s+full|the")
QUARTER_MODS = (r"(?:(?:fiscal|latest|current|last|previous|past|same|comparable|this|next"
                r"|year-ago|year-earlier|just-ended|recent|most\s+recent)[\s-]+)*")
SHORT_APPROX = r"(?:about|nearly|almost|more\s+than|less\s+than|some|just|only|roughly|over)"


class Rule(NamedTuple):
    """A regex with named groups and the function that normalises its matches."""

    name: str
    regex: re.Pattern[str]
    handler: Handler


SPECS: list[tuple[str, str, Handler]] = [
    ("iso", r"(?P<y>\d{4})-(?P<mo>\d\d)-(?P<d>\d\d)(?:T(?P<hm>\d\d:\d\d))?", ab.iso_date),
    ("time", rf"(?:(?:around|about|approximately|shortly\s+(?:before|after))\s+)?(?P<tod>{TOD})"
             rf"{ZONE}?(?:,?\s+(?:on\s+)?(?:(?P<md>(?:{WEEKDAY},?\s+)?{MONTH_DAY})|{DAY_REF}))?",
     ab.time_of_day),
    ("full_date", rf"(?:{WEEKDAY},?\s+)?{MONTH_DAY}", ab.full_date),
    ("month_year", rf"(?:(?P<part>{PART})\s*-?\s*)?(?P<mon>{MONTH})(?:\s+of)?,?\s+"
                   rf"(?:(?P<y>{YEAR4})|(?P<rel>this|last|next)\s+year)", ab.month_year),
    ("holiday", r"(?P<h>Christmas(?:\s+(?:Eve|Day))?|New\s+Year's(?:\s+(?:Eve|Day))?"
                r"|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Independence\s+Day|Halloween)"
                rf"(?:(?:,|\s+(?:of|in))?\s+(?P<y>{YEAR4}))?", ab.holiday),
    ("quarter", rf"(?:(?P<the>the)\s+)?(?:(?P<rel>(?:this|last|next)\s+year's)\s+|"
                rf"(?P<y>{YEAR4})(?:'s)?\s+)?(?P<mods>{QUARTER_MODS})(?:(?P<ord>first|second|third"
                r"|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal\s+)?(?P<q>quarter|half|period)"
                rf"(?:\s+(?:of\s+)?(?:fiscal\s+)?(?:(?P<y2>{YEAR4})|(?P<rel2>this|last|next)"
                r"\s+year(?!'s)))?", ab.quarter),
    ("year_ago", r"(?:the\s+)?year-(?:ago|earlier)(?:\s+period)?"
                 r"|the\s+(?:same|comparable)\s+period(?:\s+(?:a|last)\s+year)?", ab.year_ago),
    ("ago", rf"(?:{SHORT_APPROX}\s+)?(?P<n>{NUMBER}|{VAGUE})[\s-]+(?P<u>{UNIT})s?(?P<half>{HALF})?"
            r"(?:\s+or\s+so)?"
            r"\s+(?P<dir>ago|earlier|later|from\s+now|hence)", rel.ago),
    ("duration", rf"(?:(?P<lead>{APPROX})\s+)?(?P<n>{NUMBER}|{VAGUE})(?:\s+(?:or|to)\s+{NUMBER})?"
                 rf"(?:\s+more)?[\s-]+(?P<u>{DUR_UNIT})s?(?P<half>{HALF})?"
                 r"(?:[\s-]+(?P<old>long|old))?",
     ab.duration),
    ("decade", r"(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?:(?P<dec>1[89]\d0|20\d0)'?s"
               r"|'(?P<short>\d0)s)", ab.decade),
    ("century", r"(?:the\s+)?(?:(?P<c>\d{1,2})(?:st|nd|rd|th)|(?P<cmod>this|last|next))"
                r"[\s-]+century", ab.century),
    ("season", rf"(?:(?P<mod>last|this|next|early|late|mid|the)\s*-?\s*)?(?P<s>{SEASON})"
               rf"(?!\s+of\s+(?:the|a|an|his|her|its)\b)(?:\s+(?:of\s+)?(?P<y>{YEAR4}))?",
     ab.season),
    ("rel_unit", rf"(?:the\s+(?:end|beginning|start|middle|close)\s+of\s+)?(?P<mod>{REL_MOD})\s+"
                 rf"(?:fiscal\s+)?(?P<u>week|weekend|month|year|quarter|decade|century|{SEASON})"
                 r"(?!\s+\d|\s+of\s+(?:the|a|an|his|her|its|their)\b)",
     rel.rel_unit),
    ("month", rf"(?:(?P<mod>last|this(?:\s+past)?|next|{PART})\s*-?\s*)?(?P<mon>{MONTH})",
     ab.month_alone),
    ("weekday", rf"(?:(?P<mod>last|this(?:\s+coming|\s+past)?|next|coming|early|late|earlier|later)"
                r"(?:\s+on)?\s+)?"
                rf"(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PART_OF_DAY}))?", rel.weekday),
    ("day_word", r"(?:(?:late|early|earlier|later)\s+)?(?P<w>today|yesterday|tomorrow|tonight"
                 rf"|last(?=\s+night)|this(?=\s+{PART_OF_DAY}))(?:\s+(?P<pod>{PART_OF_DAY}))?",
     rel.day_word),
    ("anaphor", r"(?P<that>that|(?:that|the)\s+same)\s+(?:(?P<u>day|week|month|year)"
                rf"|(?P<pod>{PART_OF_DAY}))(?![\w-])"
                r"|the\s+(?P<mod>next|following|previous|preceding)\s+day"
                r"|the\s+day\s+(?P<dir>before|after)(?=\s*(?:[,.;:!?)]|$))", rel.anaphor),
    ("recent", rf"(?P<mod>recent|(?:the\s+)?(?:past|last|next|coming)\s+(?:few|several)"
               rf"|(?:the\s+)?coming)\s+(?P<u>{UNIT})s", rel.recent_units),
    ("ahead", rf"the\s+(?P<u>{UNIT})s\s+ahead", rel.units_ahead),
    # "soon", "previously", bare "recent"/"future" are left out: mostly not time references.
    ("ref", r"now|currently|current|at\s+present|presently|nowadays|these\s+days|recently"
            r"|lately|formerly|the\s+past|the\s+future|the\s+near\s+future",
     rel.ref),
    ("set", r"(?P<adv>daily|nightly|weekly|monthly|yearly|hourly)"
            rf"|(?:every|each|per)\s+(?:(?P<wd>{WEEKDAY})|(?P<mon>{MONTH})"
            rf"|(?P<u>day|night|week|month|year|quarter|hour|minute))|(?P<wdp>{WEEKDAY})s",
     ab.set_expr),
    ("plural_unit", rf"(?P<u>{UNIT})s(?P<long>-long|-old)?", ab.plural_unit),
    ("year_end", r"year(?:'s)?[\s-]end", ab.year_end),
    ("spelled_decade", r"the\s+(?:nineteen[\s-])?(?P<dec>twenties|thirties|forties|fifties"
                       r"|sixties|seventies|eighties|nineties)", ab.spelled_decade),
    ("spelled_year", r"(?P<hi>nineteen|eighteen)\s+(?P<lo>(?:twenty|thirty|forty|fifty|sixty"
                     r"|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight"
                     r"|nine))?)", ab.number_year),
    ("year", rf"(?:(?P<pre>fiscal(?:\s+year)?|FY|(?:early|mid|late)\s*-?|(?:the\s+(?:end"
             rf"|beginning|start|middle|close)\s+of)|(?:post|pre)-|the\s+year)\s*)?"
             rf"(?P<y>{YEAR4})(?!\s*(?:%|percent))", ab.year),
]

FLAGS = re.IGNORECASE
RULES: dict[str, Rule] = {name: Rule(name, re.compile(pat, FLAGS), fn) for name, pat, fn in SPECS}
_UNNAMED = re.compile(r"\(\?P<\w+>")
# Expressions start at a word start (not inside "1,500" or "$2000") and end at a word end.
MASTER = re.compile(
    r"(?<![\w$£€#@/.,:-])(?:"
    + "|".join(f"(?P<{name}>{_UNNAMED.sub('(?:', pat)})" for name, pat, _ in SPECS)
    + r")(?![\w@])",
    FLAGS,
)

"""Word lists and regex fragments for the temporal tagger (compiled once, in timex_rules)."""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}
WEEKDAYS: dict[str, int] = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA",
                           "winter": "WI"}
PARTS_OF_DAY: dict[str, str] = {"morning": "TMO", "afternoon": "TAF", "evening": "TEV",
                                "night": "TNI", "overnight": "TNI"}
ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2,
                            "3rd": 3, "4th": 4}
# Unit word -> (TimeML letter, is a clock unit written after "T").
UNITS: dict[str, tuple[str, bool]] = {
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "night": ("D", False), "week": ("W", False), "weekend": ("WE", False),
    "month": ("M", False), "quarter": ("Q", False), "year": ("Y", False),
    "decade": ("DE", False), "century": ("CE", False), "centurie": ("CE", False),
}
SMALL_NUMBERS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a couple of": 2, "couple of": 2,
    "half a": 0.5, "half an": 0.5, "a half": 0.5, "another": 1, "an additional": 1,
    "a further": 1, "a full": 1,
}
VAGUE_NUMBERS = ("a few", "few", "several", "some", "many", "a number of", "the next few",
                 "numerous", "countless")


def alternation(words: list[str] | tuple[str, ...]) -> str:
    """Regex alternation of literal words, longest first so the longest one wins."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                          reverse=True))


# Month names: full, or abbreviated with a period (bare "Mar"/"Jan" are too ambiguous).
MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November"
         r"|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.|Sept)")
WEEKDAY = r"(?:Mon|Tues?|Wed(?:nes)?|Thur?s?|Fri|Sat(?:ur)?|Sun)day"
YEAR4 = r"(?:1[89]\d\d|20\d\d)"
DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
WORD_NUMBER = (r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
               r"(?:[-\s](?:one|two|three"
               r"|four|five|six|seven|eight|nine))?|" + alternation(list(SMALL_NUMBERS)) + ")")
# "and a half" after a count ("three and a half years") or after its unit ("a year and a
# half") adds half a unit.
HALF = r"\s+and\s+a\s+half"
NUMBER = (r"(?:(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?(?:\s+\d/\d)?|" + WORD_NUMBER + ")(?:"
          + HALF + ")?)")
VAGUE = "(?:" + alternation(VAGUE_NUMBERS) + ")"
UNIT = r"(?:second|minute|hour|day|night|week|month|quarter|year|decade|centur(?:y|ie))"
# Durations leave out quarters: "three-quarters" is a fraction far more often than a span.
DUR_UNIT = r"(?:second|minute|hour|day|night|week|month|year|decade|centur(?:y|ie))"
APPROX = (r"(?:about|around|nearly|almost|more\s+than|less\s+than|over|some|at\s+least|"
          r"up\s+to|roughly|approximately|just|only|"
          r"the\s+last|the\s+past|the\s+next|the\s+first|the\s+previous|the\s+coming|"
          r"the\s+latest|the\s+final|the\s+following|the\s+remaining|the\s+same|the)")
TOD = (r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.?|p\.m\.?|am\b|pm\b)|\d{1,2}:\d{2}|noon|midnight"
       r"|midday)")
ZONE = r"(?:\s+(?:EST|EDT|CST|CDT|PST|PDT|GMT|UTC|local\s+time|\(\d{4}\s+GMT\)))"
SEASON = r"(?:spring|summer|fall|autumn|winter)"
PART_OF_DAY = r"(?:morning|afternoon|evening|night)"
PART = r"(?:early|mid|late|the\s+(?:end|beginning|start|middle|close)\s+of)"

# Words right before a bare number that make it a count, not a year ("about 1900 people").
COUNT_BEFORE = re.compile(
    r"(?:about|some|nearly|almost|than|over|around|approximately|roughly|least|only|just"
    r"|up\s+to|[$£€#]|No\.)\s*$", re.I)
# A plural noun right after a bare number makes it a count ("2000 soldiers").
COUNT_AFTER = re.compile(r"\s+(?!was\b|is\b|has\b|was\b|as\b|this\b|its\b)[a-z]+s\b")
YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|by|of|until|till|before|after|from|during|through|between|and|the|"
    r"fiscal|year|early|mid|late|around|for|to|or|within|circa|spring|summer|autumn|fall|"
    r"winter)|[,(]|'s|^|[.!?]\s*|\n\s*)\s*-?$", re.I)
# Cues in the clause before a weekday/month that point to the future.
FUTURE_CUE = re.compile(
    r"\b(?:will|won't|shall|'ll|going\s+to|expected|expects?|scheduled|due|set\s+to|plans?\s+to"
    r"|planned\s+to|planning\s+to|effective|payable|is\s+to|are\s+to|upcoming|intends?|would"
    r"|hopes?\s+to|aims?\s+to|as\s+(?:soon|early)\s+as|next(?!\s+to)|starting|beginning"
    r"|begins?|tentatively)\b",
    re.I)
# A past verb right before the expression overrides an earlier future cue ("will ..., he said
# Monday").
PAST_VERB_BEFORE = re.compile(
    r"\b(?:said|told|announced|reported|added|was|were|had|did|came|went|met|took|began|fell|"
    r"rose|died|arrived|left|\w*[^e\W]ed)\s+(?:(?:on|late|early|last)\s+)?$", re.I)

def _words(*lines: str) -> frozenset[str]:
    """A word set from space-separated lines (easier to read than a long list)."""
    return frozenset(" ".join(lines).split())


# Words that only occur inside time expressions' cores; every expression contains one (or a
# year-like number), so the tagger only tries to match near them.
TRIGGER_WORDS = _words(
    "january february march april may june july august september october november december",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays wednesdays",
    "thursdays fridays saturdays sundays second seconds minute minutes hour hours day days",
    "night nights week weeks weekend weekends month months quarter quarters half period year",
    "years decade decades century centuries spring summer fall autumn winter now currently",
    "current presently nowadays recently lately formerly past future present today yesterday",
    "tomorrow tonight morning afternoon evening daily nightly weekly monthly annually yearly",
    "hourly christmas thanksgiving easter halloween noon midnight midday nineteen eighteen",
    "twenties thirties forties fifties sixties seventies eighties nineties a.m p.m am pm",
)
# Words that may open an expression before its trigger word ("the past few", "nearly").
PREFIX_WORDS = _words(
    "the a an last this next previous coming early late mid earlier later about around nearly",
    "almost more less over some at up roughly approximately just only another each every per",
    "fiscal fy post pre several few many numerous countless couple same comparable latest",
    "final following remaining first second third fourth recent these shortly full most new",
    "independence one two three four five six seven eight nine ten eleven twelve thirteen",
    "fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty",
    "seventy eighty ninety hundred that",
)
# Words that may sit between an opening word and the trigger ("the end of the month").
CONNECT_WORDS = _words(
    "of and or to on so than least end beginning start middle close from ago long old number",
    "additional further near",
)

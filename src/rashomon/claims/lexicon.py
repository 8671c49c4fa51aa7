"""Word lists for attribution and stance: general English news usage, nothing corpus-bound."""

from __future__ import annotations

# Verbs that introduce what someone says or holds (lemmas).
REPORT_VERBS = frozenset(
    """
        say tell claim confirm announce report indicate add state declare assert insist warn
        accuse allege estimate suggest argue note write explain describe acknowledge admit
        predict believe maintain stress emphasise emphasize reiterate repeat testify recount
        recall mention disclose reveal inform post tweet concede complain urge caution vow
        promise pledge threaten demand assure contend counter respond reply answer observe
        remark comment signal show find conclude
    """.split()
)
# Speech acts whose subject voices an opinion of their object ("X praised Y", "X called Y
# a liar", "X asked whether ..."): attributions, though not reports of a proposition.
SPEECH_ACT_VERBS = frozenset(
    """
        ask criticize criticise praise blast slam propose recommend speculate
        exclaim proclaim tout lament hint quip joke boast brag cite call point question
    """.split()
)
# Verbs of stance, intention and evaluation that news reports attribute like speech ("X
# endorsed Y", "X hopes to ..."): lemmas that, as a verb with a subject and a complement,
# are an annotated cue at least 40% of the time (and 10 times or more) in the PolNeAR train
# split (eval/polnear_cues.py), less those listed above ("question" is a speech act only
# when it questions something: police question a suspect).
ATTITUDE_VERBS = frozenset(
    """
        endorse seek offer agree hope defend refer express oppose discuss blame
        denounce worry issue name fear mock highlight echo prefer remind list portray order
        compare condemn aim wonder thank advocate publish decry charge rail rule imply quote
        applaud shout voice chant apologize reference email plead deem anger detail
        congratulate invoke cheer distance paint contrast devote resist characterize side
        witness unveil doubt pivot prohibit
    """.split()
)
# Reporting verbs that carry a refutation of their object or complement.
DENIAL_VERBS = frozenset(
    "deny reject dismiss refute dispute contradict rebut disavow debunk repudiate".split()
)
# Verbs that, negated ("has not confirmed"), mean the speaker will not vouch for it.
CONFIRM_VERBS = frozenset(["confirm", "verify", "corroborate", "substantiate", "acknowledge"])
# What one declines to do when one will not vouch ("declined to comment").
VOUCH_VERBS = frozenset("comment say publish release disclose discuss respond".split())
# Phrases that decline to vouch without a negation word.
DECLINE_VERBS = frozenset(["decline", "refuse"])
# Words in a complement that make the speaker's commitment uncertain.
HEDGES = frozenset(
    """
        may might could likely unlikely possibly possible probably perhaps reportedly allegedly
        alleged apparently purportedly unconfirmed unverified seemingly appear seem expect
    """.split()
)
# Predicative words that, applied to a claim, refute it ("called it false").
FALSITY_WORDS = frozenset(
    """
        false untrue baseless unfounded groundless fake fabricated disinformation misinformation
        lie lies nonsense propaganda incorrect wrong misleading
    """.split()
)
# Nouns that package someone else's assertion ("Russia's claim that ...").
CLAIM_NOUNS = frozenset(
    """
        claim claims allegation allegations assertion assertions accusation accusations report
        reports suggestion suggestions statement statements charge charges
    """.split()
)
# Documents and data that speak for whoever published them.
DOCUMENT_NOUNS = frozenset(
    """
        figure figures data datum statistics report reports statement document documents record
        records estimate estimates count tally log logs footage video videos map maps images
        image analysis survey poll results
    """.split()
)
# People who speak for a body the phrase does not name ("a spokesman", "officials").
# Not "sources": an outlet's unnamed sources are often independent of the bodies named
# beside them (300 FNC-1 bodies: with them 25 counts changed, 6-8 wrongly; without, 4).
ANONYMOUS_ROLES = frozenset(
    """
        spokesman spokeswoman spokesperson spokespeople official officials representative
        representatives
    """.split()
)
NEGATIONS = frozenset(["not", "n't", "never", "no"])
PRONOUNS_PERSON = frozenset(["he", "she", "him", "her"])
PRONOUNS_GROUP = frozenset(["they", "them", "it", "we"])
# Nouns that, after "the", stand for an organisation named earlier ("the airline said").
INSTITUTION_NOUNS = frozenset(
    """
    ministr institu agency compan airlin carrie force newspa paper broadc operat firm
    group union party regula body organi
    """.split()
)
# Verbs whose object is the one spoken to ("told reporters"), not what is said; the noun
# after them is never an inverted subject ("X, a spokesman, told Radio Y that ...").
ADDRESSEE_VERBS = frozenset(
    "tell ask inform remind urge assure warn thank congratulate".split())

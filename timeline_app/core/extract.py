"""Finding events in a text: proposals for a person to review (issue 19).

:func:`extract` reads a text (plain; see :mod:`.extract_text` for HTML) and proposes every
sentence or clause that places a happening at a date (:mod:`.extract_dates`), as a
:class:`Proposal`: the quote (where it is in the text), its date and precision, the status
its words give ("allegedly" → alleged), the timeline's actors it names (matched as
:mod:`.actor_names` matches names), new names worth suggesting, and a suggested title.
A proposal whose date is relative to a publication date too coarse to count from is marked
``needs_date`` with no date.  Nothing here imports Qt; nothing is added to a timeline.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .actor_names import ActorNames, name_key
from .dates import Precision, TimelineDate
from .extract_dates import _FUTURE, Context, DateMention, find_dates
from .extract_text import Sentence, clause_cut, sentences, word_set
from .model import Actor, Status, fold
from .quotes import find_quote

TITLE_WORDS = 12


@dataclass(frozen=True, slots=True)
class Proposal:
    """A proposed event: ``quote`` is ``text[offset:offset + length]`` of the text read."""

    quote: str
    offset: int
    length: int
    start: TimelineDate | None
    end: TimelineDate | None
    precision: Precision | None
    actors: tuple[str, ...]  # names of the timeline's actors named in the quote
    status: Status
    title: str
    needs_date: bool
    date_note: str = ""  # how a relative date was counted: "“on Friday”, counted back…"
    new_actors: tuple[str, ...] = ()  # names that are not the timeline's actors (yet)
    known: bool = False  # the quote is already in the timeline from this text


# -- status --------------------------------------------------------------------------------

_STATUS = (
    (
        Status.DENIED,
        re.compile(
            r"\b(?:denied|denies|deny|denying|rejected\s+the\s+(?:claim|"
            r"allegation|report)s?)\b",
            re.IGNORECASE,
        ),
    ),
    (
        Status.DISPUTED,
        re.compile(
            r"\b(?:disputed|disputes|contested|sources\s+disagree|"
            r"is\s+in\s+dispute)\b",
            re.IGNORECASE,
        ),
    ),
    (
        Status.ALLEGED,
        re.compile(
            r"\b(?:allegedly|alleged|reportedly|(?:is|are|was|were)\s+said\s+to|claimed|claims|"
            r"accused|accuses|suspected|unconfirmed\s+reports?|purportedly|supposedly|"
            # a hedge: doubt expressed ("It is likely that", "probably", "may have")
            r"it\s+is\s+(?:likely|possible|believed|thought|understood)\s+that|probably|"
            r"possibly|likely\s+to|(?-i:may|might)\s+(?:have|be)|believed\s+to)\b",
            re.IGNORECASE,
        ),
    ),
)


def status_of(words: str) -> Status:
    """What the quote's words say of how firmly it is asserted (rule 5)."""
    for status, pattern in _STATUS:
        if pattern.search(words):
            return status
    return Status.REPORTED


# -- titles --------------------------------------------------------------------------------

_LEADING_CLAUSE = re.compile(
    r"^(?P<lead>After|Before|While|Whilst|When|Although|Though|As|Since|Because|Despite|If|"
    r"Until|Once|Following|During|Amid|Whereas|Even\s+though|In\s+response\s+to|According\s+to)"
    r"\b\s*(?P<clause>[^,]{0,200}),\s+",
)
_ATTRIBUTING = frozenset({"according to", "in response to"})
_LEADING_DATE = re.compile(r"^(?:In|On|By|From|Since|During)\s+[^,]{1,40},\s+")
# "It is clear that", "He said that": a lead-in (a hedge, "It is likely that", is kept)
_LEAD_IN = re.compile(
    r"^(?:It\s+is\s+clear\s+that|(?:He|She|They|It)\s+said\s+(?:that\s+)?)\s*", re.IGNORECASE
)
_ATTRIBUTION = re.compile(
    r"(?:,\s*(?:\"|”)?\s*(?:said|says|told|according\s+to|added|noted|stated)\b.*$"
    r"|,\s*(?:he|she|they|it|officials|[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)\s+(?:said|says|told|added"
    r"|noted)\b.*$)",
    re.DOTALL,
)
_LIST_MARK = re.compile(r"^(?:[-*•·–]|\d{1,3}[.)])\s+")
_LEADING_WORD = re.compile(r"^(?:While|Whilst|Although|Though|Whereas|When|After|Before|Since)\s+")
_DANGLING = word_set(
    """
    a an the of in on at to for by with from and or but which that who whose during as its
    their his her than into when where while after before because since until if whether due
    """
)
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'’ ]{2,},(?:\s*[A-Z][\w.'’ ]*,(?!\s*\d))?\s+(?P<date>[^\n]{4,25}?)"
    r"\s*(?:--|—|–)\s+"
)
# a title's lead-ins that are not the happening: "SEOUL — ", "SEOUL, South Korea — ",
# "1778 — " (a chronology's year), "MR MILLER: " (a transcript's speaker)
_TITLE_LEAD = re.compile(
    r"^(?:(?:[A-Z][A-Z.'’-]*\s+){0,3}[A-Z][A-Z.'’-]+(?:,[^—–:\n]{1,30})?\s*(?:—|–|--)"
    r"|\d{3,4}s?\s*(?:—|–|--)"
    r"|(?:[A-Z][A-Z.'’-]*\s+){0,3}[A-Z][A-Z.'’-]+:)\s+"
)
# where a title may end: before these words, or after a comma, semicolon or colon
_PHRASE_STARTS = word_set(
    """
    and but or which who whose whom that while when where after before as because since until
    including amid during into in on at for with from by to against over under near despite
    following — – (
    """
)
_ABBREVIATION = re.compile(
    r"^[(“\"]?(?:(?:[A-Z]\.){1,}[A-Z]\.?|(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Capt|Gov|Sen|Rep|Jr|"
    r"Sr|Prof|No|Vol|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Co|Inc|Ltd|vs)\.)$"
)
_MONTH_WORD = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?,?$"
)
_DAY_OR_YEAR = re.compile(r"^\d{1,4}(?:st|nd|rd|th)?[,.]?$")


def _splits_a_date(last: str, following: str) -> bool:
    """Whether a title ending with ``last`` cuts a date ("April | 12", "12 | April",
    "April 12, | 1945")."""
    if _MONTH_WORD.match(last) and _DAY_OR_YEAR.match(following):
        return True
    return bool(_DAY_OR_YEAR.match(last) and (_MONTH_WORD.match(following)
                                              or re.match(r"^\d{4}\b", following)))  # fmt: skip


def _open_quote(words: Sequence[str]) -> bool:
    """Whether ``words`` end inside quotation marks."""
    text = " ".join(words)
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


def _can_end(words: Sequence[str], k: int) -> bool:
    """Whether a title may be ``words[:k]``: not inside quotation marks, an abbreviation
    ("U.S.") or a date, nor on a word that leaves it hanging ("of", "the")."""
    last = words[k - 1]
    if last.lower().strip(",;:") in _DANGLING or _ABBREVIATION.match(last.rstrip(",;:")):
        return False
    if k < len(words) and _splits_a_date(last, words[k]):
        return False
    return not _open_quote(words[:k])


def _at_phrase_end(words: Sequence[str], k: int) -> bool:
    return k == len(words) or words[k - 1][-1:] in ",;:" or words[k].lower() in _PHRASE_STARTS


def _shortened(words: list[str]) -> list[str]:
    """At most 12 words: a heading's words before a colon ("Treaty of Paris:"), else
    ending at a phrase boundary where one leaves four words or more, else where a title
    may end at all."""
    most = min(TITLE_WORDS, len(words))
    ends = [k for k in range(most, 2, -1) if _can_end(words, k)]
    heading = next((k for k in range(2, min(most, 8) + 1) if words[k - 1].endswith(":")), 0)
    if most < len(words) and heading and not _open_quote(words[:heading]):
        return words[:heading]  # "Treaty of Paris: John Jay, …", "Louisiana Purchase: …"
    phrase = [k for k in ends if k >= 4 and _at_phrase_end(words, k)]
    k = phrase[0] if phrase else ends[0] if ends else most
    return words[:k]


def _holds_date(clause: re.Match[str], text: str, dated: str) -> bool:
    """Whether a leading clause (not an attribution) holds the only date words."""
    lead = " ".join(clause["lead"].lower().split())
    return bool(dated) and dated in clause["clause"] and dated not in text[clause.end() :] \
        and lead not in _ATTRIBUTING  # fmt: skip


def title_of(quote: str, dated: str = "") -> str:
    """A suggested title: a contiguous run of at most 12 words of the quote, ending at a
    phrase boundary (never inside quotation marks, an abbreviation or a date), without a
    leading subordinate clause or attribution ("After meeting Lavrov, Choe vowed…" →
    "Choe vowed…"), a dateline ("SEOUL — "), a speaker ("MR MILLER: ") or a lead-in ("He
    said that"); a hedge ("It is likely that") is kept.  ``dated``: the words the date is
    read from; a leading clause that holds them is the happening dated, and is the title
    ("After Russia invaded Ukraine in February 2022, prices rose" → "Russia invaded…")."""
    text = " ".join(quote.split())
    dated = " ".join(dated.split())
    text = _TITLE_LEAD.sub("", text, count=1)
    for _ in range(2):
        clause = _LEADING_CLAUSE.match(text)
        if clause and _holds_date(clause, text, dated):
            text = clause["clause"]
            break
        for pattern in (_LEADING_CLAUSE, _LEADING_DATE, _LEAD_IN):
            cut = pattern.sub("", text, count=1)
            if len(cut.split()) >= 3:
                text = cut
    cut = _ATTRIBUTION.sub("", text)
    if len(cut.split()) >= 3:
        text = cut
    text = _LIST_MARK.sub("", text)
    cut = _LEADING_WORD.sub("", text, count=1)
    if len(cut.split()) >= 3:
        text = cut
    words = _shortened(text.split())
    title = " ".join(words).rstrip(",;:—–-")
    if not _ABBREVIATION.match(words[-1] if words else ""):
        title = title.rstrip(".")
    if title[:1].islower():
        title = title[0].upper() + title[1:]
    return title


# -- actors --------------------------------------------------------------------------------

COUNTRIES = word_set(
    """
    Afghanistan Albania Algeria Andorra Angola Argentina Armenia Australia Austria
    Azerbaijan Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan
    Bolivia Botswana Brazil Brunei Bulgaria Burundi Cambodia Cameroon Canada Chad Chile
    China Colombia Comoros Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica
    Ecuador Egypt Eritrea Estonia Eswatini Ethiopia Fiji Finland France Gabon Gambia
    Georgia Germany Ghana Greece Grenada Guatemala Guinea Guyana Haiti Honduras Hungary
    Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan Jordan Kazakhstan
    Kenya Kiribati Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho Liberia Libya
    Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
    Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco
    Mozambique Myanmar Namibia Nauru Nepal Netherlands Nicaragua Niger Nigeria Norway Oman
    Pakistan Palau Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar
    Romania Russia Rwanda Samoa Senegal Serbia Seychelles Singapore Slovakia Slovenia
    Somalia Spain Sudan Suriname Sweden Switzerland Syria Taiwan Tajikistan Tanzania
    Thailand Togo Tonga Tunisia Turkey Türkiye Turkmenistan Tuvalu Uganda Ukraine Uruguay
    Uzbekistan Vanuatu Venezuela Vietnam Yemen Zambia Zimbabwe Britain
    """
) | frozenset(
    {"North Korea", "South Korea", "United States", "United Kingdom", "Saudi Arabia",
     "New Zealand", "South Africa", "South Sudan", "Sri Lanka", "Costa Rica", "El Salvador",
     "Ivory Coast", "Sierra Leone", "Burkina Faso", "Cape Verde", "Dominican Republic",
     "East Timor", "Timor-Leste", "Equatorial Guinea", "Papua New Guinea", "Vatican City",
     "Bosnia and Herzegovina", "North Macedonia", "Marshall Islands", "Solomon Islands",
     "San Marino", "Trinidad and Tobago", "United Arab Emirates", "Czech Republic",
     "Central African Republic", "Guinea-Bissau", "Antigua and Barbuda", "Saint Lucia"}
)  # fmt: skip
# the words that name a country without being its name: demonyms and adjectives ("North
# Korean troops", "Zimbabwean"), a plural ("Russians") included; "" where the words name
# no country ("Latin American", "Indian Ocean")
COUNTRY_WORDS: dict[str, str] = {
    "Afghan": "Afghanistan", "Albanian": "Albania", "Algerian": "Algeria",
    "Angolan": "Angola", "Argentine": "Argentina", "Argentinian": "Argentina",
    "Armenian": "Armenia", "Australian": "Australia", "Austrian": "Austria",
    "Azerbaijani": "Azerbaijan", "Bangladeshi": "Bangladesh", "Belarusian": "Belarus",
    "Belgian": "Belgium", "Bolivian": "Bolivia", "Bosnian": "Bosnia and Herzegovina",
    "Brazilian": "Brazil", "British": "United Kingdom", "Bulgarian": "Bulgaria",
    "Burmese": "Myanmar", "Cambodian": "Cambodia", "Cameroonian": "Cameroon",
    "Canadian": "Canada", "Chadian": "Chad", "Chilean": "Chile", "Chinese": "China",
    "Colombian": "Colombia", "Congolese": "Congo", "Croatian": "Croatia", "Cuban": "Cuba",
    "Cypriot": "Cyprus", "Czech": "Czechia", "Danish": "Denmark", "Dutch": "Netherlands",
    "Ecuadorian": "Ecuador", "Egyptian": "Egypt", "Emirati": "United Arab Emirates",
    "Eritrean": "Eritrea", "Estonian": "Estonia", "Ethiopian": "Ethiopia",
    "Filipino": "Philippines", "Finnish": "Finland", "French": "France",
    "Georgian": "Georgia", "German": "Germany", "Ghanaian": "Ghana", "Greek": "Greece",
    "Guatemalan": "Guatemala", "Haitian": "Haiti", "Honduran": "Honduras",
    "Hungarian": "Hungary", "Icelandic": "Iceland", "Indian": "India",
    "Indonesian": "Indonesia", "Iranian": "Iran", "Iraqi": "Iraq", "Irish": "Ireland",
    "Israeli": "Israel", "Italian": "Italy", "Jamaican": "Jamaica", "Japanese": "Japan",
    "Jordanian": "Jordan", "Kazakh": "Kazakhstan", "Kenyan": "Kenya", "Kosovar": "Kosovo",
    "Kuwaiti": "Kuwait", "Kyrgyz": "Kyrgyzstan", "Laotian": "Laos", "Latvian": "Latvia",
    "Lebanese": "Lebanon", "Liberian": "Liberia", "Libyan": "Libya",
    "Lithuanian": "Lithuania", "Malaysian": "Malaysia", "Malian": "Mali",
    "Mexican": "Mexico", "Moldovan": "Moldova", "Mongolian": "Mongolia",
    "Moroccan": "Morocco", "Mozambican": "Mozambique", "Namibian": "Namibia",
    "Nepalese": "Nepal", "Nicaraguan": "Nicaragua", "Nigerian": "Nigeria",
    "North Korean": "North Korea", "Norwegian": "Norway", "Omani": "Oman",
    "Pakistani": "Pakistan", "Palestinian": "Palestine", "Panamanian": "Panama",
    "Paraguayan": "Paraguay", "Peruvian": "Peru", "Polish": "Poland",
    "Portuguese": "Portugal", "Qatari": "Qatar", "Romanian": "Romania", "Russian": "Russia",
    "Rwandan": "Rwanda", "Saudi": "Saudi Arabia", "Senegalese": "Senegal",
    "Serbian": "Serbia", "Singaporean": "Singapore", "Slovak": "Slovakia",
    "Slovenian": "Slovenia", "Somali": "Somalia", "South African": "South Africa",
    "South Korean": "South Korea", "South Sudanese": "South Sudan", "Spanish": "Spain",
    "Sri Lankan": "Sri Lanka", "Sudanese": "Sudan", "Swedish": "Sweden",
    "Swiss": "Switzerland", "Syrian": "Syria", "Taiwanese": "Taiwan", "Tajik": "Tajikistan",
    "Tanzanian": "Tanzania", "Thai": "Thailand", "Tunisian": "Tunisia", "Turkish": "Turkey",
    "Turkmen": "Turkmenistan", "Ugandan": "Uganda", "Ukrainian": "Ukraine",
    "American": "United States", "Uruguayan": "Uruguay", "Uzbek": "Uzbekistan",
    "Venezuelan": "Venezuela", "Vietnamese": "Vietnam", "Yemeni": "Yemen",
    "Zambian": "Zambia", "Zimbabwean": "Zimbabwe",
    "U.S.": "United States", "U.K.": "United Kingdom", "UK": "United Kingdom",
    "DPRK": "North Korea",
    "Latin American": "", "South American": "", "Central American": "",
    "North American": "", "African American": "", "Native American": "",
    "Indian Ocean": "",
}  # fmt: skip
# capitals that stand for their country's government ("Pyongyang said", "Moscow denied")
CAPITALS: dict[str, str] = {
    "Abu Dhabi": "United Arab Emirates", "Addis Ababa": "Ethiopia", "Amman": "Jordan",
    "Ankara": "Turkey", "Athens": "Greece", "Baghdad": "Iraq", "Baku": "Azerbaijan",
    "Bangkok": "Thailand", "Beijing": "China", "Beirut": "Lebanon", "Belgrade": "Serbia",
    "Berlin": "Germany", "Bogotá": "Colombia", "Brasília": "Brazil", "Bucharest": "Romania",
    "Budapest": "Hungary", "Buenos Aires": "Argentina", "Cairo": "Egypt",
    "Canberra": "Australia", "Caracas": "Venezuela", "Chisinau": "Moldova",
    "Copenhagen": "Denmark", "Damascus": "Syria", "Dhaka": "Bangladesh", "Doha": "Qatar",
    "Dublin": "Ireland", "Hanoi": "Vietnam", "Harare": "Zimbabwe", "Havana": "Cuba",
    "Helsinki": "Finland", "Islamabad": "Pakistan", "Jakarta": "Indonesia",
    "Kabul": "Afghanistan", "Khartoum": "Sudan", "Kiev": "Ukraine", "Kyiv": "Ukraine",
    "Lisbon": "Portugal", "London": "United Kingdom", "Madrid": "Spain",
    "Manila": "Philippines", "Mexico City": "Mexico", "Minsk": "Belarus",
    "Moscow": "Russia", "Nairobi": "Kenya", "New Delhi": "India", "Oslo": "Norway",
    "Ottawa": "Canada", "Paris": "France", "Prague": "Czechia", "Pretoria": "South Africa",
    "Pyongyang": "North Korea", "Riga": "Latvia", "Riyadh": "Saudi Arabia", "Rome": "Italy",
    "Seoul": "South Korea", "Stockholm": "Sweden", "Taipei": "Taiwan", "Tallinn": "Estonia",
    "Tbilisi": "Georgia", "Tehran": "Iran", "Tokyo": "Japan", "Vienna": "Austria",
    "Vilnius": "Lithuania", "Warsaw": "Poland", "Washington": "United States",
    "Yerevan": "Armenia",
}  # fmt: skip
_COUNTRY_WORD = re.compile(
    r"(?<![\w’'])(?:"
    + "|".join(re.escape(w) for w in sorted(COUNTRY_WORDS, key=len, reverse=True))
    + r")(?:(?<=[a-z])s)?(?![\w’']|\.\w)"
)
_CAPITALISED = re.compile(
    r"(?<![\w’'.])(?:[A-Z][\w’'-]+|(?:[A-Z]\.)+)(?:\s+(?:(?:of|al|bin|de|van|von|the|and)\s+)?"
    r"(?:[A-Z][\w’'-]+|(?:[A-Z]\.)+))*"
)
_NOT_NAMES = word_set(
    """
    The A An In On At By For From To Of And But Or If When While After Before Since During
    It Its This That These Those There Here He She They We I You Who What Which Where Why
    How Yet So As Despite Although Though Only Today Yesterday Tomorrow Now Then Over
    Under Thank Madam Mr Mrs Ms Dr President Minister Secretary General Ambassador Deputy
    Prime Council Chancellor King Queen Premier Sir Lord Foreign Press Defense Defence
    State Lieutenant Colonel Captain Army Navy Assistant Senator Governor Mayor Director
    Chief
    """
)
# a title before a person's name ("Foreign Minister Choe Son Hui", "President Grover Cleveland")
_TITLES = word_set(
    """
    Mr Mrs Ms Dr President Minister Secretary General Ambassador Chancellor King Queen
    Premier Sir Lord Lieutenant Colonel Captain Commodore Admiral Marshal Senator Governor
    Mayor Director Chief Envoy Diplomat Spokesman Spokeswoman Spokesperson Commander Pope
    Judge Justice Dictator Leader Sheikh Emir Prince Princess
    """
)
_TITLE_WORDS = _TITLES | word_set(
    "Foreign Defense Defence Press Deputy Prime Vice Assistant Under State Interior of"
)
_CONNECTORS = frozenset({"of", "al", "bin", "de", "van", "von", "the", "and"})
# a document, not an actor: "Treaty of Paris", "UN Charter", "Resolution 2231"
_DOCUMENTS = word_set(
    """
    Treaty Charter Resolution Convention Accord Accords Agreement Protocol Act Declaration
    Doctrine Pact Constitution Covenant Statute Memorandum Communiqué Communique Bill
    """
)
_INITIALS = re.compile(r"^(?:[A-Z]\.){2,}$")
_DEMONYM = re.compile(r"(?:ean|ian|ese|ish|can|ern)$")
_SAYS = r"(?:said|says|told|added|noted|stated)"
# who reports a happening is not in it (rule 6): "according to the Pentagon", "said Singh",
# "South Korea's intelligence service said", "X told reporters", "X said in a statement"
_ACCORDING = re.compile(r"\baccording\s+to\b[^,;:]*", re.IGNORECASE)
_SAID_BY = re.compile(rf"\b{_SAYS}\s+(?:the\s+)?$", re.IGNORECASE)
_SAYER = re.compile(
    rf"^(?:['’]s)?(?:\s+[a-z][\w-]*){{0,3}}(?:\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*)?"
    rf"\s+{_SAYS}\b"
)
# ... unless what is said is about the sayer: "Zelensky said yesterday that he would travel"
_OWN_WORDS = re.compile(
    r"^(?:\s+[\w’',]+){0,6}?\s+(?:that\s+)?(?:he|she|it|they|we)\s+(?:would|will|had|has|"
    r"have|was|were|is|are|did|could|should|might|may|\w+ed)\b"
)
# a capital that is where something happens, not who acts: "in Moscow", "to Pyongyang and Seoul"
_AT_A_PLACE = re.compile(
    r"\b(?:in|to|from|at|into|near|outside|inside|toward|towards|via|through|across|around|"
    r"visit|visits|visited|visiting|left|leaving|reached|entered)\s+"
    r"(?:[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*\s*(?:,|and|or)\s+)*$"
)
_CAPITAL = re.compile(
    r"(?<![\w’'.-])(?:" + "|".join(re.escape(c) for c in CAPITALS) + r")(?![\w’'-])"
)
_IN_A_NAME = re.compile(r"^\s+[A-Z]")
_NAME_BEFORE = re.compile(r"\b(?P<word>[A-Z][\w’'-]*)\s+(?:of\s+(?:the\s+)?)?$")
# a gloss in brackets names no one who takes part: "(the predecessor of the Russian state)"
_ASIDE = re.compile(r"\([^()]*\)")
_DATELINE_AFTER = re.compile(r"^(?:,[^—–\n]{1,30})?\s*(?:—|–|--)")


def _name_of(words: list[str], before_title: bool = False) -> str:
    """A run of capitalised words as a name: leading title and function words, and
    trailing connectors (before a title, its words: "Foreign" of "Foreign Minister"),
    dropped; "’s" removed."""
    while words and (words[0].rstrip(".") in _NOT_NAMES or words[0] in _CONNECTORS):
        words.pop(0)
    ending = _CONNECTORS | (_TITLE_WORDS if before_title else frozenset())
    while words and words[-1].rstrip(".") in ending:
        words.pop()
    return " ".join(words).removesuffix("’s").removesuffix("'s")


def _junk(name: str) -> bool:
    """Not an actor to suggest: a speaker's label or a heading in capitals ("MR MILLER"),
    a document ("Treaty of Paris", "UN Charter") or a place that is a capital."""
    words = name.split()
    if len(words) > 1 and all(w.isupper() or not w[:1].isalpha() for w in words):
        return True
    if _INITIALS.match(words[0]) or words[-1].rstrip(".") in _TITLES:
        return True  # "U.N. Envoy", "S. Ambassador": a post, not a person
    return bool(_DOCUMENTS & {words[0], words[-1]}) or name in CAPITALS


class ActorFinder:
    """Finds the timeline's actors by name in a quote (case, accents and spacing ignored,
    as :func:`~timeline_app.core.actor_names.name_key` compares names) and suggests new
    names: countries, and people's names the text repeats or gives a title.

    A country is also named by its demonym ("North Korean troops" → North Korea, "British"
    → United Kingdom: :data:`COUNTRY_WORDS`), and by its capital acting ("Pyongyang said",
    "Moscow denied": :data:`CAPITALS`) when the country is the timeline's actor or one the
    text names.  Who only reports the happening ("according to the Pentagon", "South
    Korea's intelligence service said") is not an actor (rule 6)."""

    def __init__(self, actors: Iterable[Actor], text: str) -> None:
        actors = list(actors)
        self._known = [(a.name, self._pattern(name_key(a.name))) for a in actors if a.name]
        self._known_keys = {name_key(a.name) for a in actors}
        self._names_of = ActorNames(actors)
        names = self._names(text)
        counts = Counter(n for n, _ in names)
        self._recurring = {n for n, c in counts.items() if c >= 2 and " " in n}
        self._recurring |= {n for n, titled in names if titled and " " in n}
        self._countries = {n for n, _ in names if n in COUNTRIES}
        self._countries |= {c for m in _COUNTRY_WORD.finditer(text) if (c := _country(m))}

    @staticmethod
    def _pattern(key: str) -> re.Pattern[str]:
        return re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")

    @staticmethod
    def _names(text: str) -> list[tuple[str, bool]]:
        """The names in ``text``, each with whether a title comes before it ("President
        Grover Cleveland"); a run of capitalised words is cut after its last title."""
        out = []
        for m in _CAPITALISED.finditer(text):
            words = m.group().split()
            last = max(
                (i for i, w in enumerate(words[:-1]) if w.rstrip(".") in _TITLES), default=-1
            )
            if last >= 0 and (before := _name_of(words[:last], before_title=True)):
                out.append((before, False))
            name = _name_of(words[last + 1 :])
            if name in COUNTRIES or " and " not in name:
                out.extend([(name, last >= 0)] if name else [])
            else:  # "Spain and United States", but "Trinidad and Tobago"
                out.extend((_name_of(part.split()), False) for part in name.split(" and "))
        return out

    def find(self, quote: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(the timeline's actors named in ``quote``, new names suggested)."""
        quote = self._without_reporters(quote)
        folded = " ".join(fold(quote).split())
        found = {name for name, p in self._known if p.search(folded)}
        countries: list[str] = []
        for country in self._countries_in(_ASIDE.sub(lambda m: " " * len(m.group()), quote)):
            actor = self._names_of.find(country)
            if actor is not None:
                found.add(actor.name)
            elif country not in countries:
                countries.append(country)
        known = tuple(name for name, _ in self._known if name in found)
        new: list[str] = []
        for name in [n for n, _ in self._names(quote)] + countries:
            key = name_key(name)
            if key in self._known_keys or name in new or _junk(name):
                continue
            suggested = name in COUNTRIES or (name in self._recurring and not _DEMONYM.search(name))
            if suggested and not any(self._pattern(key).search(name_key(k)) for k in known):
                new.append(name)
        return known, tuple(new)

    def _countries_in(self, quote: str) -> list[str]:
        """The countries ``quote`` names by a demonym, or by a capital that acts."""
        out = [c for m in _COUNTRY_WORD.finditer(quote) if (c := _country(m))]
        for m in _CAPITAL.finditer(quote):
            country, before = CAPITALS.get(m.group(), ""), quote[: m.start()]
            if not country or _AT_A_PLACE.search(before):
                continue
            name = _NAME_BEFORE.search(before)
            if _IN_A_NAME.match(quote[m.end() :]) or (name and name["word"] not in _NOT_NAMES):
                continue  # "George Washington", "Washington Post": a longer name
            if _DATELINE_AFTER.match(quote[m.end() :]) and not quote[: m.start()].strip():
                continue  # "SEOUL — …": where the report was written
            if country in self._countries or self._names_of.find(country) is not None:
                out.append(country)
        return out

    def _without_reporters(self, quote: str) -> str:
        """``quote`` with the names that only report the happening blanked out."""
        spans = [m.span() for m in _ACCORDING.finditer(quote)]
        for m in _CAPITALISED.finditer(quote):
            after = quote[m.end() : m.end() + 80]
            sayer = _SAYER.match(after)
            if sayer and _OWN_WORDS.match(after[sayer.end() :]):
                continue  # what the sayer says is about the sayer: the happening's subject
            if sayer or _SAID_BY.search(quote[max(0, m.start() - 20) : m.start()]):
                spans.append(m.span())
        for a, b in spans:
            quote = quote[:a] + " " * (b - a) + quote[b:]
        return quote


def _country(m: re.Match[str]) -> str:
    word = m.group()
    return COUNTRY_WORDS.get(word) or COUNTRY_WORDS.get(word[:-1], "")


# -- proposals -----------------------------------------------------------------------------

_HAPPENED = re.compile(r"^(?:[A-Za-z]+(?:[^e\W]ed|ied)|Born|born|Died|died)$")
_PUBLISHING = word_set(
    """
    updated published posted modified revised retrieved accessed edited created printed dated
    filed issued archived reviewed
    """
)
_SMALL_WORDS = word_set("of and the in on at for to a an with from by or vs")
_TODAY = re.compile(
    r"^(?:(?:earlier|later)\s+)?(?:today|tonight|this\s+(?:morning|afternoon|evening))$",
    re.IGNORECASE,
)
_PAST = re.compile(
    r"\b(?:[a-z]+(?:[^e\W]ed|ied)|said|met|spoke|told|took|made|went|came|gave|held|sent|"
    r"began|saw|left|won|lost|fell|rose|hit|struck|fought|led|brought|wrote|ran|found|became|"
    r"broke|chose|flew|fled|shot|stood|did|was|were|had|signed|agreed|announced|arrived)\b"
)
_UNDER_WAY = re.compile(r"\b(?:is|are|am|was|were|['’]s|['’]re)\s+[a-z]+ing\b")
_COMPARISON = re.compile(r"\b(?:compar\w*|similar\s+to|than)\b", re.IGNORECASE)
_BYLINE = re.compile(r"\|.*\bBy\s+[A-Z]|\bBy\s+[A-Z][^|]*\|")
_CONCESSIVE = re.compile(r"^(?:While|Whilst|Although|Though|Whereas|Even\s+though)\b[^,]*,")
_CLAIM = r"(?:claims?|reports?|allegations?|accusations?|charges?)"
_DENY = r"(?:denied|denies|deny|rejected|rejects|disputed|disputes|contested|contests)"
# a clause that answers the one before: "a claim Pyongyang denied on Tuesday", "though
# Moscow denied the claim on Thursday", "which Kyiv disputed" (not "but the court denied bail")
_ANSWER = re.compile(
    rf"^(?:(?:a|the|this|that|which)\s+{_CLAIM}\b[^,;:]*?\b{_DENY}\b"
    rf"|(?:which|though|although|but|while)\b[^,;:]*?\b{_DENY}"
    rf"(?:\s+(?:it|this|that|them|these|the\s+{_CLAIM}))?"
    r"(?=\s+(?:on|in|last|this|at|early|late|yesterday|today|earlier|later)\b|\s*[,.;]|\s*$))",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_]{2,}")


def _outside(text: str, mentions: Sequence[DateMention]) -> str:
    parts, at = [], 0
    for m in mentions:
        parts.append(text[at : m.offset])
        at = m.stop
    parts.append(text[at:])
    return " ".join(parts)


def _bare(words: str) -> bool:
    """Only a date (and a word: "Updated", "Published on"): a dateline; but a single word
    that says what happened ("Formed 4 March 2019", "Died …") is an infobox's event."""
    found = _LETTERS.findall(words)
    if len(found) == 1 and _HAPPENED.match(found[0]) and found[0].lower() not in _PUBLISHING:
        return False
    return len(found) <= 1


def _heading(raw: str, after: str, mentions: Sequence[DateMention]) -> bool:
    """A title or heading with a date ("The World in 1945", "Department Press Briefing –
    July 16, 2019"): a line of its own, no sentence end, every word capitalised (or a small
    word), none saying what happened ("Formed 4 March 2019" is an event)."""
    if raw.rstrip()[-1:] in '.!?:;"”’)' or after[:1] not in ("", "\n"):
        return False
    words = _LETTERS.findall(_outside(raw, mentions))
    return bool(words) and all(
        (w[0].isupper() or w in _SMALL_WORDS) and not _HAPPENED.match(w) for w in words
    )


def _present_only(raw: str, mentions: Sequence[DateMention]) -> bool:
    """ "Several things to start off with today.", "Today the DPRK's support goes further":
    a "today" that dates no happening (no verb in the past, the future or under way)."""
    if not all(_TODAY.match(raw[m.offset : m.stop]) for m in mentions):
        return False
    words = _outside(raw, mentions)
    return not (_PAST.search(words) or _FUTURE.search(words) or _UNDER_WAY.search(words))


def published_in(text: str) -> TimelineDate | None:
    """A publication date the text states at its top: a dateline ("WASHINGTON, Aug. 9,
    2017 --"), a byline ("Nov. 18, 2024 | By …") or a line that is only a full date."""
    for s in sentences(text)[:6]:
        raw = text[s.start : s.end]
        line = _DATELINE.match(raw)
        if line:
            raw = line["date"]
        mentions = [m for m in find_dates(raw) if m.start is not None and not m.relative]
        date = mentions[0].start if len(mentions) == 1 else None
        stated = line or _BYLINE.search(raw) or _bare(_outside(raw, mentions))
        if date is not None and stated and date.precision is Precision.DAY:
            return date
    return None


def extract(
    text: str,
    published: TimelineDate | None = None,
    actors: Iterable[Actor] = (),
    existing_quotes: Iterable[str] = (),
) -> list[Proposal]:
    """The proposals of ``text``, in the text's order.

    ``published``: the date relative dates count from (None: the one the text states at
    its top, if any); ``actors``: the timeline's, found by name; ``existing_quotes``: the
    timeline's quotes from this text (a proposal on one is marked ``known``)."""
    if published is None:
        published = published_in(text)
    finder = ActorFinder(actors, text)
    known_spans = [
        (m.start, m.end) for q in existing_quotes if (m := find_quote(q, text)) is not None
    ]
    out: list[Proposal] = []
    anchor: TimelineDate | None = None  # the last date of the sentence before
    year_of: dict[int, int] = {}  # paragraph -> the last year it named
    # with no publication date, the year of the last full date ("21 March 2019") the text
    # wrote is the year of a day or month written without one, where its paragraph names none
    full_year: int | None = None
    for s in sentences(text):
        year = year_of.get(s.paragraph, full_year if published is None else None)
        found = _proposals_of(text, s, published, anchor, year)
        anchor = None
        for offset, length, mention, answer in found:
            if mention.start is not None:
                anchor = mention.end or mention.start
                compared = _COMPARISON.search(text[s.start : mention.offset])
                if mention.year_given and not mention.relative and not compared:
                    year_of[s.paragraph] = (mention.end or mention.start).year
                    if mention.start.precision is Precision.DAY:
                        full_year = year_of[s.paragraph]
            quote = text[offset : offset + length]
            names, new = finder.find(quote)
            known = any(a < offset + length and offset < b for a, b in known_spans)
            out.append(
                Proposal(
                    quote, offset, length, mention.start, mention.end, mention.precision,
                    names, status_of(f"{quote} {answer}"), title_of(quote, _dated(text, mention)),
                    mention.needs_date,
                    mention.note, new, known,
                )
            )  # fmt: skip
    return out


def _proposals_of(
    text: str, s: Sentence, published: TimelineDate | None, anchor: TimelineDate | None,
    year: int | None,
) -> list[tuple[int, int, DateMention, str]]:  # fmt: skip
    """(offset, length, date, answer) of each proposal in sentence ``s``: one per clause
    that holds a date of its own; a clause that denies or disputes the clause before ("…
    last month, a claim Pyongyang denied on Tuesday") is that clause's ``answer``: it gives
    its status (rule 5), not a proposal of its own."""
    start, raw = s.start, text[s.start : s.end]
    if _BYLINE.search(raw):
        return []
    marker = _LIST_MARK.match(raw)
    if marker:  # "- Date Signed: 27 July 1953": the item, not its bullet
        start, raw = start + marker.end(), raw[marker.end() :]
    line = _DATELINE.match(raw)
    if line:  # "WASHINGTON, Aug. 9, 2017 -- The United States …": the date is the page's
        start, raw = start + line.end(), raw[line.end() :]
    mentions = find_dates(raw, Context(published, anchor, year=year))
    if not mentions or _bare(_outside(raw, mentions)):
        return []
    if _heading(raw, text[s.end : s.end + 1], mentions) or _present_only(raw, mentions):
        return []
    groups: list[list[DateMention]] = [[mentions[0]]]
    cuts: list[tuple[int, int]] = []
    for a, b in itertools.pairwise(mentions):
        same = (a.start, a.end) == (b.start, b.end)
        cut = None if same else clause_cut(raw, a.stop, b.offset)
        if cut is None:
            groups[-1].append(b)
        else:
            groups.append([b])
            cuts.append(cut)
    bounds = [0, *[x for c in cuts for x in c], len(raw)]
    out: list[tuple[int, int, DateMention, str]] = []
    for i, group in enumerate(groups):
        lo, hi = bounds[2 * i], bounds[2 * i + 1]
        piece = raw[lo:hi]
        mention = _best(group)
        if len(groups) == 1:
            concessive = _CONCESSIVE.match(piece)
            if concessive and mention.stop <= concessive.end():
                hi = lo + concessive.end() - 1
        while hi > lo and raw[hi - 1] in " ,;:":
            hi -= 1
        answer = raw[bounds[2 * i - 1] : hi].lstrip(" ,;:") if out else ""  # with its "but"
        if answer and _ANSWER.match(answer):
            out[-1] = (*out[-1][:3], f"{out[-1][3]} {answer}")
            continue
        out.append((start + lo, hi - lo, _shifted(mention, start), ""))
    return out


def _dated(text: str, mention: DateMention) -> str:
    """The words ``mention``'s date is read from."""
    return text[mention.offset : mention.stop]


def _best(group: Sequence[DateMention]) -> DateMention:
    """The date a clause is proposed at: the first that resolves, else the first."""
    return next((m for m in group if m.start is not None), group[0])


def _shifted(mention: DateMention, by: int) -> DateMention:
    from dataclasses import replace

    return replace(mention, offset=mention.offset + by)

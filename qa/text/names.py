"""Names in questions and sentences, and what kind of answer a question asks for.

One notion of "a name" for the whole package: a capitalised word or an acronym that is not the
first word of its sentence ("NATO", "Ryabkov", "Stockholm", "Zürich"), or a number. Deliberately cheap
(regular expressions, no model load), because it runs for every candidate sentence of every
question; what it gets wrong is one feature among many of the learned answer scorer.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator, Sequence

from .acronyms import expansions

# Latin letters, accented ones included ("Zürich", "Beyoncé", "Frühburgunder", "Erdoğan").
_LATIN = [chr(c) for c in list(range(0x250)) + list(range(0x1E00, 0x1F00))]
_UPPER = "".join(re.escape(c) for c in _LATIN if c.isupper())
_LETTER = "".join(re.escape(c) for c in _LATIN if c.isalpha())
_NAME = re.compile(rf"(?<![\w-])((?:[{_UPPER}][{_LETTER}’']+|[{_UPPER}]{{2,}})(?:-(?:[{_UPPER}][{_LETTER}]+|\d+))*|\d[\d,.]*\d|\d)(?![\w-])")
# Capitalised words that are sentence furniture, not names, wherever they stand.
_NOT_NAMES = frozenset("""i a an the this that these those it its he she they we you his her their our my
what who whom whose when where why how which did does do is are was were can could should would will
according and but or if in on at of to for by with from as so yet also mr mrs ms dr""".split())

_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
           "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE = re.compile(
    # an ancient year, counted before or in the era ("around 1500 BCE", "AD 79", "300 B.C.")
    r"\b\d{1,4}\s*(?-i:BCE|BC|CE|B\.C\.E?\.?|A\.D\.)(?!\w)|(?-i:\bAD)\s*\d{1,4}\b|"
    rf"\b(1[89]\d\d|20\d\d)s?\b|\b({_MONTHS})\.?\s+\d|\b\d{{1,2}}\s+({_MONTHS})\b|\b(monday|tuesday|wednesday|"
    r"thursday|friday|saturday|sunday|yesterday|today|tomorrow|last (week|month|year)|next (week|month|year)|"
    r"(this|that) (week|month|year)|century|decades?)\b|\b\d+ (days?|weeks?|months?|years?) (ago|earlier|later)\b|"
    # a month on its own ("in June", "mid-September"; "May" only with its capital, below) and a time of day
    r"\b(january|february|march|april|june|july|august|september|october|november|december)\b|"
    r"\b\d{1,2}(:\d\d)?\s*(a\.m\.|p\.m\.|am\b|pm\b)|\b(noon|midnight)\b|\b(?-i:May)\b|"
    # a date told by its place in a year, month or week ("before year's end", "by the end of the month")
    r"\b(year|month|week)['’]s (end|start)\b|\b(end|start|beginning|middle) of\s+((the|this|next|last)?\s+)?(year|month|week)\b"
    # a season ("in the spring", "last winter") and a decade without its century ("the '90s")
    r"|\b(spring|summer|autumn|winter)\b|(?<![\w-])['’]?\d0s\b"
    # a part of the day ("prep your locks in the AM", "at night") and a time counted from an event
    # ("an hour before closing time", "two days after the vote")
    r"|\bin\s+(the\s+)?(morning|afternoon|evening|(?-i:AM|PM))\b|\b(at|by|after|before) (night|dawn|dusk|sunrise|sunset)\b"
    r"|\b(an?|one|two|three|four|five|six|\d+|half an?|a few|several) (minutes?|hours?|days?|weeks?|months?) (before|after)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|millions?|billions?|dozens?|half|percent|majority|minority|several|few|"
    # a count in words that are not numbers: "twice", "none", "no one", "a handful"
    r"once|twice|thrice|zero|none|nobody|no one|couple|handful|scores of)\b",
    re.IGNORECASE,
)

# Up to two words describing the noun a "which" question asks for ("Which Soviet leader",
# "Which former chief executive"), none of them a verb or an article ("Which of the leaders"
# is asked by the noun after it). Not after "what": "What restrictions writer…" (a question
# without its outlet's name) asks for no writer.
_MODIFIERS = (r"(?:(?!(?:is|are|was|were|did|does|do|has|have|had|will|would|can|could|should|the|a|an|of|"
              r"in|on|to|for)\b)[\w’'&.-]+\s+){0,2}")  # ("Which AT&T executive", "Which U.S. senator")

# A currency by its code or abbreviation, in capitals: "Rs 24 lakh", "Rs. 300", "INR 500", "USD 3.2
# billion", "CHF 40" (Indian, Pakistani and financial copy write sums so, not with a symbol)
_CURRENCY_CODES = "INR|USD|EUR|GBP|CHF|JPY|CNY|RMB|AUD|CAD|HKD|SGD|NZD|ZAR|PKR|NGN|KES|BRL|MXN|RUB|SEK|NOK|DKK"
_CURRENCY_CODE = rf"(?-i:\b(Rs\.?|{_CURRENCY_CODES})(?![\w]))"
_CURRENCY_NAME = re.compile(f"rs|{_CURRENCY_CODES.lower()}")  # the codes as `sentence_names` gives them
# (an astronomer's lengths too: "some 230 million light-years wide", "8 kiloparsecs", "1.5 AU")
_LENGTHS = (r"(km|kilomet(er|re)s?|miles?|met(er|re)s?|m|cm|mm|millimet(er|re)s?|centimet(er|re)s?|feet|foot|ft|inches|inch|"
            r"yards?|light[\s-]years?|(kilo|mega|giga)?parsecs?|AU|astronomical units?|nautical miles?)")
_WEIGHTS = r"((metric )?tons?|tonnes?|kg|kilos?|kilograms?|g|grams?|mg|milligrams?|pounds?|lbs?|ounces?|oz|stones?)"
_MORE_OF = r"((extra|more|additional|further|full|whole|straight|consecutive)\s+)?"
_UNITS = (r"(km|kilometers?|kilometres?|miles?|meters?|metres?|m|cm|centimet(er|re)s?|feet|foot|ft|inches|inch|"
          r"light[\s-]years?|(kilo|mega|giga)?parsecs?|"
          r"tons?|tonnes?|kg|kilograms?|grams?|pounds?|lbs?|ounces?|oz|hours?|minutes?|days?|weeks?|months?|years?|acres?|hectares?|"
          # their abbreviations: "travel 50min across London", "2 hrs", "30 secs"
          r"mins?|hrs?|secs?|"
          r"square|degrees?|mph|km/h|gigawatts?|megawatts?|GW|MW|barrels?|liters?|litres?|gallons?|seconds?|"
          r"decades?|centuries|century|millennia|generations?|"
          # data, rates and power: "2 GB/s", "100 Mbps", "3.2 GHz", "5 kWh"
          r"bytes?|[kmgtp]b|[kmg]?bps|[kmg]?hz|kw|kwh|(kilo|mega|giga)?watts?|volts?|calories|kcal)")

# "How far" asks a length or an amount, but "How far into overtime…" asks a point in time or a
# stage, and "How far back does the grudge go?" since when (a date)
_HOW_FAR = r"far(?! (into|along|through|in|back|ahead|before|beforehand)\b)"

_ASKS_HOW_FAR = re.compile(r"\bhow far\b", re.IGNORECASE)
# a year that something runs to ("to the year 2100", "through 2050"): how far it reaches in time
_REACHES_YEAR = re.compile(r"\b(to|until|till|through|into|up to)\s+(the\s+(year|end of)\s+)?(1[89]|2[01])\d\d\b",
                           re.IGNORECASE)

# What a question asks for, from its wording: the usual English question frames. A number
# question names its kind of number when it can (an age, money, a share, a measure).
_TYPE_PATTERNS = [
    ("age", re.compile(r"\bhow old\b|\b(what|which) age\b|\bat what age\b", re.IGNORECASE)),
    # "What is the web address of the online demo?", "…the URL of…", "…her e-mail address?"
    ("address", re.compile(r"\b(what|which)\b[^?]*\b(web ?(site )?address|website address|url|e-?mail address)(es|s)?\b",
                           re.IGNORECASE)),
    ("money", re.compile(r"\bhow much (money|did .* (cost|pay|spend|earn|raise)|does .* (cost|pay|spend|earn))|"
                         # "How much is Amazon paying Viacom…?", "How much will it cost…?" (not "By how much has
                         # spending grown…?", a change)
                         r"(?<!\bby )\bhow much (is|are|was|were|will|would|has|have|had) .*\b(cost|costs|costing|paid|paying|pay|spent|"
                         r"spending|spend|earned|earning|earn|charged|charging|charge)\b|"
                         # "What annual budget…", "What was the price tag of…", "What does it cost?"
                         r"\b(what|which)(['’]s| is| was| are| were| will be| would be)? ((the|its|their|his|her) )?"
                         r"((?!(for|of|the|a|an|in|on|to|by|with|and|or|behind|about)\b)[\w-]+ ){0,3}"
                         # (not a price's movement: "What consumer price rise does the IMF project?")
                         r"(price|sum|budget|salary|cost|fee|payout|amount of money)s?\b(?!\s+(rises?|increases?|hikes?|inflation|"
                         r"index|growth|changes?|drops?|falls?|cuts?|wars?|movements?|swings?|jumps?|surges?|declines?)\b)|"
                         # "What were Haier's annual sales?", "What was its revenue?": takings, the question's last word
                         r"\bwhat (is|was|are|were|will be)\b[^?]{0,60}?\b(revenues?|sales|turnover)\s*\?|"
                         # "What was the estimated street value of the drugs?", "the total dollar value"
                         r"\b(what|which)(['’]s| is| was| are| were| will be| would be)? ((the|its|their|his|her) )?"
                         r"((estimated|total|combined|current|average) )?(street|market|dollar|cash|resale|face|net|total|financial|monetary) value\b|"
                         # "worth" before a gerund is "deserving", not a value ("…before it's worth rewriting?")
                         # "What is it expected to cost?", "What was the stadium projected to cost?" (not
                         # "What is going to cost them the election?")
                         # (not what it cost someone in another coin: "What did the scandal cost Cosby
                         # professionally?", "…cost him his job?")
                         r"\bwhat (does|did|do|will|would) .*\bcost\b(?![^?]*\b(professionally|politically|personally|"
                         r"emotionally|socially|dearly)\b)(?!\s+(him|her|them|us|me|you)\s+(the|a|an|their|his|her|its|our|my|your)\b)|"
                         # "What does a bottle of his Frühburgunder sell for?", "What did the house sell for?"
                         r"\bwhat (does|did|do|will|would|is|was|are|were) [^?]*\b(sell|sells|sold|retail|retails|fetch|fetched) for\s*\??\s*$|"
                         r"\bwhat (is|are|was|were)\b.*\bto cost\b"
                         r"(?!\s+(him|her|them|us|me|you)\s+(the|a|an|their|his|her|its|our|my|your)\b)|"
                         r"\bhow much .*\b(cost|worth(?!\s+\w+ing\b)|"
                         r"spend|spent|pay|paid|budget|fund|funding|price|"
                         # "How much will Mourinho earn per year?", "How much was WeWork fined…?", "How
                         # much severance are employees getting?": money by its verb or noun
                         r"earns?|earned|earning|fined?|severance|"
                         # "How much will Comcast charge per month…?", "How much did the house sell for?"
                         r"charges?|charged|charging|sells? for|sold for|fetch(ed)?)\b|"
                         # "How much American investment…", "How much revenue…": an amount of money by its noun
                         # "How many dollars per student…": a sum counted in its currency (not "pounds": a weight too)
                         r"\bhow many ([\w-]+ )?(dollars|euros|yen|yuan|rupees|pesos|francs|rubles|roubles|bucks)\b|"
                         r"\bhow much ([\w-]+ )?(money|cash|investment|revenue|profits?|income|salary|wages|debt|loans?|"
                         r"compensation|taxes|funds)\b|"
                         # "What's that order worth at list prices?", "What is the house worth now?": a value
                         # ("…worth noting" is no value, nor "worthwhile", nor what a thing is worth "to"
                         # someone); "What net worth did they give her?"
                         r"\bwhat(['’]s| is| was| are| were| will be| would be| (is|was|are|were) (it|that|this|they))\s"
                         r"([^?]*\s)?worth(?=\s*(\?|$|(at|in|now|today|then|after|before|on)\b))|"
                         r"\b(what|which) ((estimated|reported|total|combined) )?net worth\b", re.IGNORECASE)),
    # "How much of the island…" asks a portion ("half", "a third", "25 percent"), unless it asks money (above)
    # ("What is Carrie Lam's popularity rating, in percent?": the unit the question names)
    # (not a stretch of time: "How much of his sentence did he serve?" is told as "nine months")
    ("percent", re.compile(r"\b(what|which) (percentage|percent|share|proportion|fraction)\b|\bhow much of\b"
                           r"(?!\s+((his|her|their|its|the|a|an|this|that|our|my|your)\s+)?([\w-]+\s+)?(sentences?|terms?|time|"
                           r"tenure|careers?|lives|life|seasons?|years?|months?|weeks?|days?|periods?|stints?|contracts?)\b)|"
                           r",? in (percent|per cent|percentage points?)\s*\??\s*$", re.IGNORECASE)),
    # "How often…" asks a frequency: "every year", "monthly", "twice a day", "rarely"
    ("frequency", re.compile(r"\bhow (often|frequently)\b", re.IGNORECASE)),
    # "How far was WeWork's valuation cut?", "How high did the shares climb?", "How high did
    # demand peak?", "How far did his support slip?": an amount of change or a level reached,
    # told by any number ("from $47 billion to $8 billion", "44,947 megawatts"), not a length
    ("number", re.compile(r"\bhow (far|high|low|deep)\b.*\b(cut|slashed|fall|falls|fell|fallen|drop|dropped|slid|slide|"
                          r"declined?|shrank|shrunk|shrink|rise|rose|risen|climb(ed)?|jump(ed)?|grew|grown|sank|sunk|"
                          r"plunged?|tumbled?|reduced?|lowered|raised|peak(ed)?|slip(ped)?|soar(ed)?|surged?|spiked?|"
                          r"increased?|decreased?|dip(ped)?|slump(ed)?|gain(ed)?|widen(ed)?|narrow(ed)?)\b", re.IGNORECASE)),
    ("length", re.compile(rf"\bhow (tall|high|wide|deep|{_HOW_FAR})\b", re.IGNORECASE)),
    # "How many hours…", "How many square kilometres…": a count of a unit is a measure
    # "What temperature limit…", "What distance…": a measure asked by its noun
    # "How much did the computer weigh?" asks a weight, as "How heavy…" does
    ("weight", re.compile(r"\bhow heavy\b|\bhow much weight\b|\bhow much\b.*\bweigh(s|ed)?\b|\bwhat (does|did|do) .* weigh\b", re.IGNORECASE)),
    # "How much time did executives give…?" asks a duration, as "How long…?" does
    # ("What range limits, in kilometres, did the treaty set?": the unit the question names)
    # "How far ahead of moving day should I begin packing?" asks a time ("three to four weeks")
    ("measure", re.compile(rf"\bhow (long|big|large|fast)\b|\bhow far (ahead|in advance|before|beforehand)\b|\bhow much time\b|\bhow many (metric )?{_UNITS}\b|"
                           rf",\s*in (metric |square |cubic )?{_UNITS}\s*(,|\?|$)|"
                           # ("What is content depth?" asks what a term means: a noun phrase without
                           # "the" that ends the question after "is" is a term, not a measure)
                           r"\b(what|which)(?!(['’]s| is| was| are| were) (?!the\b)([\w-]+ )?(temperature|distance|height|"
                           r"length|width|depth|weight|speed|duration|altitude|(boiling|melting|freezing) point)s?\s*\??\s*$)"
                           # a boiling, melting or freezing point is a temperature ("What is the boiling point of…?")
                           r"(['’]s| is| was| are| were)? (the )?([\w-]+ )?(temperature|distance|height|length|"
                           r"width|depth|weight|speed|duration|altitude|(boiling|melting|freezing) point)s?\b", re.IGNORECASE)),
    # "By when…", "Around when…", "…was set up when?", "On what exact date…", "At what hour…"
    ("date", re.compile(r"^((since|until|till|by|around|from|as of) )?when\b|(?<!\band )\bwhen\s*\?\s*$|"
                        r"\b(what|which|in what|in which|on what|on which|at what) ((exact|precise|specific|approximate|"
                        r"particular) )?(year|date|day|month|decade|century|time|hour)\b|\bhow (long ago|far back)\b",
                        re.IGNORECASE)),
    # "Which version of pipenv…", "In which Rust version…": a version number ("3.3", "version 2")
    ("version", re.compile(r"\b(what|which)(['’]s| is| was| are| were)? (the )?([\w.-]+ ){0,3}versions?\b(?! of (the )?"
                           r"(events?|story|stories|history|truth|facts?)\b)", re.IGNORECASE)),
    ("number", re.compile(rf"\bhow (many|much|old|long|{_HOW_FAR}|big|large|often|tall)\b|\b(what|which) (percentage|"
                          r"share|number|amount|proportion|age|sum|price|fraction)\b|"
                          # "What was the number of the ticket…", "What is the issue number of…"
                          r"\b(what|which)(['’]s| is| was| are| were) (the )?([\w-]+ )?number\b|"
                          # "What final score did AppleInsider give…?", "What was the score?": a score or a
                          # rating is a number ("4.5 out of 5", "45-17"); so is a rate ("What growth rate
                          # did the plan target?": "4.5%"), a limit ("What is the character limit?": "90") and a
                          # population ("What is the population of Kazakhstan?": a count of people); so are a
                          # dose, a total, a toll, a tally, a quantity and a turnout ("What dose of psilocybin were
                          # they given?", "What total had Australia reached…?", "What was the death toll?")
                          # (its owner may come first: "What was Nigeria's GDP growth rate…?", "…the Bank of
                          # Canada's benchmark interest rate…?"; no function word before the noun: "What is the
                          # reason for the low birth rate?" asks a reason)
                          r"\b(what|which)(['’]s| is| was| are| were)? (the )?((?:[\w.-]+ ){0,4}?[\w.-]+['’]s )?"
                          r"((?!(?:for|of|the|a|an|in|on|to|by|with|and|or|behind|about|why|how|what|reason|cause)\b)[\w-]+ ){0,3}"
                          r"(score|rating|rate|limit|population|doses?|dosages?|totals?|tolls?|tall(y|ies)|quantit(y|ies)|"
                          r"turnout)\b(?! (highest|best|"
                          r"well|higher|lower|points?|goals?|runs?)\b)", re.IGNORECASE)),
    ("person", re.compile(rf"^((to|for|with|against|by|from|of|about) )?(who|whom|whose)\b|\b(which {_MODIFIERS}|what )(persons?|people|officials?|leaders?|"
                          r"politicians?|ministers?|president|authors?|writers?|compan(y|ies)|organi[sz]ations?|groups?|"
                          r"outlets?|diplomats?|academics?|executives?|scientists?|researchers?|analysts?|experts?|"
                          r"journalists?|fighters?|firms?|unions?|agenc(y|ies)|directors?|actors?|actress(es)?|aides?|"
                          r"advis[eo]rs?|spokes(man|men|woman|women|person|people)|staffers?|lawmakers?|senators?|"
                          r"governors?|mayors?)\b|"
                          # an organisation by its kind ("Which team won…?", "Which bank is administering
                          # the estate?", "…and which network aired it?", "Which brand of dry shampoo…?"):
                          # named in the answer, as a company is
                          rf"\bwhich {_MODIFIERS}(teams?|clubs?|schools?|universit(y|ies)|colleges?|networks?|studios?|"
                          r"bands?|banks?|newspapers?|magazines?|websites?|retailers?|chains?|hospitals?|charit(y|ies)|"
                          r"airlines?|carriers?|brands?|labels?)\b|"
                          # an agent noun after "which" ("Which cartoonist", "Which US historian", "Which
                          # former heavyweight boxer"): a doer, named in the answer
                          # (lower case: "Brazilian", "Russian" describe; not a comparative or a function word)
                          rf"\bwhich {_MODIFIERS}(?!(other|another|former|latter|later|under|over|after|never|either|"
                          r"neither|rather|whether)\b)(?-i:[a-z][\w-]*(ist|ian|[^i]er|or)s?)\b(?!\s+(of|than)\b)",
                          re.IGNORECASE)),
    # a "where" later in the question asks a place when it opens a clause of its own ("…, and
    # where?", "When and where…", "…: where should you buy…"); after a noun it is a relative
    # clause that says which thing is asked of ("the house where Hitler was born", "a digital
    # notebook where you write code"), and asks no place
    ("place", re.compile(rf"^where\b|\b(which {_MODIFIERS}|what |in what |in which {_MODIFIERS})(city|cities|country|countries|towns?|"
                         r"places?|regions?|states?|nations?|islands?|continents?)\b|"
                         r"(?:\b(?:and|or|but)\s+|[,:;.?!]\s*)where\b", re.IGNORECASE)),
    # a name asked for as such: "What is the name of…", "What's the character called?", "What
    # magician's name does…", "Name the envoys…": the answer is a name the question does not give
    ("name", re.compile(r"\b(what|which)(['’]s| is| was| are| were| will be)? (the )?((?!(?:of|for|and|or)\b)[a-z][\w-]* )?"
                        r"names? of\b|"
                        r"\bwhat(['’]s| is| was| are| were| will be)\b.*\b(called|names?)\s*\??\s*$|"
                        r"\b(what|which) ([\w-]+['’]s? )?names?\b|^(name|list) (the|all|some|two|three|four|five)\b|"
                        # "What is the telescope also known as?", "What is the ransomware dubbed?", "What was the title of…"
                        r"\bwhat\b.*\b(known as|dubbed|nicknamed|titled|named)\s*\??\s*$|\bwhat(['’]s| is| was| are| were) the titles? of\b",
                        re.IGNORECASE)),
]


_NUMBER_KINDS = {
    # a person's age ("62-year-old", "Putin, 69,", "aged 43") or a thing's ("50,000 years old",
    # "around 2,500 years ago", "a centuries-old rite")
    # (an apposition may close with a dash: "Braun, 38 – who reps…")
    "age": re.compile(r"\b\d[\d,.]*-year-old\b|,\s*\d{1,3}\s*(,|[–—]\s)|\baged? \d{1,3}\b|\bage of \d{1,3}\b|"
                      # in words: "under the age of twenty-five", "aged eighteen"
                      r"\b(age of|aged) ((twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-[a-z]+)?|(thir|four|fif|six|"
                      r"seven|eigh|nine)teen|ten|eleven|twelve)\b|"
                      # an age range: "between the ages of 25 and 54", "ages 18 to 24", "aged between 18 and 30"
                      r"\bages (of )?\d{1,3}\b|\baged (between|from|over|under) \d{1,3}\b|"
                      r"\b\d[\d,.]*\s*(years?|decades?|centuries|century|millennia)[\s-]+(old|ago)\b|"
                      r"\b(decades|centuries|millennia|century)[\s-]old\b|"
                      # "in his sixties", "turned 70", "70 years of age", "seventy years old"
                      r"\bin (his|her|their) (early |late |mid-?)?(\d0s|twenties|thirties|forties|fifties|sixties|seventies|"
                      r"eighties|nineties)\b|\b(turned|turns|turning) (\d{1,3}|[a-z]+ty(-[a-z]+)?)\b|\b\d{1,3} years of age\b|"
                      r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                      r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(-[a-z]+)?[\s-]"
                      r"years?[\s-]old\b|"
                      # a birth year gives an age
                      r"\bborn (in|on) [^.;]*?\b(1[89]\d\d|20\d\d)\b|"
                      # an age told as what someone is ("She was eighty-seven and had lived…", "Biden
                      # is 79."): a person (a pronoun or a capitalised word, not "The" or "It") and a
                      # bare number closing the clause
                      r"(?-i:\b(?!(The|This|That|There|These|Those|It|Its|What|Which)\b)([A-Z][a-z]+|[Hh]e|[Ss]he|[Tt]hey|"
                      r"[Ww]e|[Yy]ou|I))\s+(is|was|were|are|am)\s+(\d{1,3}|(one|two|three|four|five|six|seven|eight|nine|"
                      r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
                      r"forty|fifty|sixty|seventy|eighty|ninety)(-[a-z]+)?)(?=\s*([,.;:!?]|$)|\s+(and|when|but|at the time)\b|"
                      # …or then a year: "I was 15 in 1999, when the Palm V was released."
                      r"\s+in (1[89]|20)\d\d\b)",
                      re.IGNORECASE),
    "money": re.compile(r"[$€£¥₹₽]\s?\d|\b\d[\d,.]*\s*((million|billion|trillion|thousand|lakh|crore) )?(dollars?|euros?|"
                        r"pounds?|yuan|rubles?|roubles?|yen|francs?|rupees?|pesos?|cents?|pence|bn|m|taka|naira|"
                        r"dirhams?|riyals?|shillings?|baht|ringgit|rupiah|liras?|dinars?|kronor|kronur|zlotys?)\b|"
                        # a currency named before the sum: "Taka 8,500", "Tk 500", "Naira 2,000"
                        r"(?-i:\b(Taka|Tk\.?|Naira|Dirhams?|Riyals?|Baht|Ringgit|Rupiah|Lira|KSh|Kshs?|Rp)\s?\d)|"
                        # a currency by its code or abbreviation: "Rs 24 lakh", "INR 500", "USD 3.2 billion"
                        rf"{_CURRENCY_CODE}\s?\d|\b\d[\d,.]*\s*{_CURRENCY_CODE}|\b\d[\d,.]*\s*(lakh|crore)s?\b|"
                        # "half a trillion US dollars", "5 billion U.S. dollars": a sum whose currency is qualified
                        r"\b(million|billion|trillion) ((US|U\.S\.|American|Canadian|Australian|Hong Kong|Singapore|"
                        r"New Zealand) )?(dollars|euros|pounds)\b|"
                        r"\b\d[\d,.]*\s*((million|billion|trillion|thousand) )?(US|U\.S\.|Canadian|Australian) dollars?\b|"
                        # spelled out, maybe with words between: "sixty-five real, actual dollars", "a few hundred bucks"
                        r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                        r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                        r"hundred|thousand)(-[a-z]+)?\s+((?!of\b)[a-z]+,?\s+){0,2}"
                        r"(dollars|euros|bucks|cents)\b|"
                        # nothing to pay is a price too ("for free", but not "pay for free community college":
                        # a word other than a preposition or a conjunction after it is what is free)
                        r"\b(for free(?!\s+(?!(to|and|or|for|in|on|at|with|by|if|as|until|from|of|through|during|when|"
                        r"because|but|so|since|after|before|now|today|online|forever)\b)[a-z])|free of charge|costs? nothing|"
                        r"at no cost|no charge)\b", re.IGNORECASE),
    # a web or e-mail address: "https://…", "www.…", "github.com/…", "name@example.org"
    "address": re.compile(r"https?://|\bwww\.|\b[\w-]+(\.[\w-]+)*\.(com|org|net|io|co|gov|edu|ly|info|uk|de|fr|tv|me|app|dev)"
                          r"\b|[\w.+-]+@[\w-]+\.[\w.]+", re.IGNORECASE),
    "percent": re.compile(r"\d\s*(%|percent\b|per cent\b)|\b(half|third|quarter|majority)\b|"
                          # spelled out: "Seventy-eight percent", "ten per cent"
                          r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
                          r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
                          r"hundred)(-[a-z]+)?\s+(percent|per cent)\b|"
                          r"\b(a|one)[\s-](fifth|sixth|eighth|tenth)\b|"
                          # "one in five", "two-thirds", "nearly all"
                          r"\b(one|two|three|four|five|six|seven|eight|nine|ten|\d+) (in|out of) (every )?\w+\b|"
                          r"\b(two|three|four)[\s-](thirds|quarters|fifths)\b|\b(nearly|almost|virtually) (all|none)\b",
                          re.IGNORECASE),
    # "200 metric tons", "49.7 million square kilometres"
    # "2 extra minutes", "six more weeks", "15,000+ hours": a word that adds to the count
    "measure": re.compile(rf"\d[\d,.]*\+?\s*((million|billion|thousand|hundred)\s+)?-?\s*((metric|square|cubic)\s+)?{_MORE_OF}{_UNITS}\b|\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                          rf"eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds? of|thousands? of|dozens? of|several|few|half an?|"
                          # "a half hour", "a couple of days"
                          rf"(?:a |one )half|a couple(?: of)?)"
                          # "a thousand years", "two hundred miles"; "two and a half years", "a one-and-a-half-hour trip"
                          rf"([\s-]+(hundred|thousand|million|billion|dozen))?"
                          rf"([\s-]+and[\s-]+an?[\s-]+half)?[\s-]+{_MORE_OF}{_UNITS}\b|\d[\d,.]*[\s-]+and[\s-]+an?[\s-]+half[\s-]+{_UNITS}\b|"
                          # the size of a text or a program: "a codebase of only 5k lines", "329 lines of code"
                          r"\b\d[\d,.]*[km]?\s+(lines|words|pages|characters|chars)\b|"
                          # a size in inches by their mark: 'Measuring in at 25" x 22"'
                          r"\b\d[\d,.]*\s*[\"″”]\s*(x|×|by)\s*\d|"
                          # a measure by comparison: "about 20x slower", "three times faster"
                          r"\b(\d[\d,.]*\s*x|\d[\d,.]*|two|three|four|five|ten|hundred|thousand)\s*(x|times)?\s+(faster|slower|quicker|"
                          r"larger|bigger|smaller|heavier|lighter|longer|shorter|higher|lower)\b|\b\d[\d,.]*x\b",
                          re.IGNORECASE),
    # a weight: "800 pounds", "2 kg", "4.3lbs", "half a ton", "heavier than…"
    "weight": re.compile(rf"\d[\d,.]*\s*((million|billion|thousand|hundred)\s+)?-?\s*{_WEIGHTS}\b|\b(a|an|one|two|three|four|five|"
                         rf"six|seven|eight|nine|ten|hundreds? of|thousands? of|half an?)[\s-]+{_WEIGHTS}\b|"
                         r"\b(heavier|lighter|weighs|weighed|weighing)\b", re.IGNORECASE),
    "length": re.compile(rf"\d[\d,.]*\s*((million|billion|thousand|hundred)\s+)?-?\s*{_LENGTHS}\b|\b(a|an|one|two|three|four|five|six|seven|eight|nine|ten|"
                         rf"hundreds? of|thousands? of|dozens? of|several|few)[\s-]+{_LENGTHS}\b|\d+\s*(ft|')\s*\d+|"
                         # inches by their mark: 'mattresses up to 16" deep', "a 15.6″ screen"
                         r"\b\d+(\.\d+)?[\"″](?=[\s,.;:)–-]|$)",
                         re.IGNORECASE),
}


# The number of a date: a year after a word that places it in time, or before a clause's end
# ("in 2017", "since 2014,", "January 10, 2022"), and a day with its month ("January 10", "10 June").
_DATE_NUMBER = re.compile(
    rf"\b((in|since|by|of|until|till|through|from|before|after|during|early|late|mid|year|({_MONTHS})\.?( \d{{1,2}},?)?|"
    rf"\d{{1,2}} ({_MONTHS})),? )(1[89]\d\d|20\d\d|21\d\d)s?\b|\b(1[89]\d\d|20\d\d)s?(?=[,.;:)]|\s+(and|when|to|until|–)\b)|"
    rf"\b({_MONTHS})\.? \d{{1,2}}(st|nd|rd|th)?\b|\b\d{{1,2}}(st|nd|rd|th)? ({_MONTHS})\b", re.IGNORECASE)
# "shortly before 10 a.m.", "at 9:30": a time of day counts nothing either
_TIME_OF_DAY = re.compile(r"\b\d{1,2}(:\d\d)?\s*([ap]\.m\.|[ap]m\b)|\b\d{1,2}:\d\d\b", re.IGNORECASE)
# "one of the world's most outstanding collections", "one of the leading voices": a rank among
# others, no count (unlike "one of the attackers" or "one of four schooners")
_ONE_OF_THE_MOST = re.compile(r"\bone of (the |its |his |her |their |our |my )?([\w-]+['’]s )?(most|least|best|worst|"
                              r"biggest|largest|greatest|highest|lowest|oldest|newest|fastest|deadliest|richest|poorest|"
                              r"top|leading|main|major|key|first|last)\b", re.IGNORECASE)
# "one of the gunmen", "one of its projects": one of several, no count of them (an unseen page's
# "…one of the gunmen…, Eric Harris, was rejected…" passed as a dose of his medication), unless
# those are what is counted ("How many attackers died?": "One of the attackers was killed.")
_ONE_OF = re.compile(r"\bone of (the|its|his|her|their|our|my|them|us|those|these)\b\s*([\w-]*)", re.IGNORECASE)
_ASKS_HOW_MANY_OF = re.compile(r"\bhow many of\b", re.IGNORECASE)
# "How much of the budget…?" asks a portion; "How much more do graduates earn…?" a difference,
# told as a sum or as a share ("25% more"): either answers them
_HOW_MUCH_OF = re.compile(r"\bhow much (of|more|less)\b", re.IGNORECASE)
# A day: "June 9", "9 June", "Dec. 12", "on Tuesday", "yesterday", "2019-11-20", "11/20/2019"
_DAY = re.compile(rf"\b({_MONTHS})\.?\s+\d{{1,2}}(st|nd|rd|th)?\b(?!,\d)|\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?({_MONTHS})\b|"
                  r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow)\b|"
                  r"\b(1[89]|20)\d\d-\d\d-\d\d\b|\b\d{1,2}/\d{1,2}(/\d{2,4})?\b", re.IGNORECASE)
# A number that names one thing: "the number of the ticket", "the issue number of…", "its phone
# number" (a singular noun after "number of the"; "the number of the victims" and "…of the people"
# count them)
_ASKS_IDENTIFIER = re.compile(r"\bnumber of (the|a|an|this|that|his|her|its|their) (?!([\w-]+ )?(people|men|women|children|"
                              r"staff|police|personnel|population|data|media|crew|public|youth|folk)\b)"
                              r"([\w-]+ )?[\w-]*[^\Ws](?=\s|[?,.]|$)"
                              r"(?!\s+(who|that|which|of)\b)|\b(ticket|issue|bug|case|phone|telephone|flight|"
                              r"serial|model|version|house|room|seat|bus|route|license|licence|badge|jersey|page|"
                              r"item|order|account|patent|bill|pull request|PR)\s+numbers?\b", re.IGNORECASE)
_ASKS_YEAR = re.compile(r"\b(what|which) year\b", re.IGNORECASE)
_ASKS_DAY = re.compile(r"\b(what|which) ((exact|precise|specific|particular) )?(date|day)\b", re.IGNORECASE)
_VERSION_NUMBER = re.compile(r"(?<![\w.,])\d+(\.\d+)+(?![\w-]|\.\d)|\b[Vv](ersion\s+)?\d+\b|"
                             r"(?<![\w-])[A-Z][\w+#]*\s+\d{1,3}(?![\w,-]|\.\d)")
_RELATIVE_PERIOD = re.compile(r"\b((the\s+)?(end|start|beginning|middle|turn)\s+of\s+)?((this|that|last|next|the past|"
                              r"the previous|the coming|the)\s+)?(week|month|year|decade|century)\b|\b(century|decades?)\b",
                              re.IGNORECASE)
# an address names a place, it counts nothing: "on 116th street", "4214 N. Mississippi Ave."
_STREET = r"(?i:street|st|avenue|ave|road|rd|boulevard|blvd|lane|drive|place|floor|precinct|ward)\b"
_ADDRESS = re.compile(rf"\b\d+(?i:st|nd|rd|th)\s+{_STREET}|"
                      rf"\b\d+\s+([NSEW]\.?\s+)?([A-Z][\w'’-]*\s+){{1,3}}(Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Drive)\b")
# a name that ends in a number, inside a sentence and followed by no word it could count: "Llama
# 2," "Windows 11." (not "Over 500 people", first in its sentence, nor "Tuesday 40 people")
_NAME_WITH_NUMBER = re.compile(r"(?<=[a-z,;:] )[A-Z][A-Za-z]+ \d{1,2}(?:\.\d)?(?=\s*(?:[,;:.)!?]|$|and\b|or\b))")
# Digits that count nothing: part of a name ("G40", "F-16", "COVID-19", "MP3") or a version
# ("Minecraft 1.8.3", "version 3").
_NAMED_DIGITS = re.compile(r"\b[A-Za-z]+-?\d[\w.]*|\b\d+\.\d+\.\d+[\w.]*|\bversions?\s+\d[\d.]*", re.IGNORECASE)
# A sum of money, whole: "$4.99", "$1.2 billion", "300 euros"
_MONEY_SPAN = re.compile(rf"([$€£¥₹₽]|{_CURRENCY_CODE})\s?\d[\d,.]*(\s*(million|billion|trillion|thousand|lakh|crore|bn|m|k)\b)?|"
                         r"\b\d[\d,.]*\s*((million|billion|trillion|thousand) )?(dollars?|euros?|pounds?|yuan|rubles?|"
                         r"roubles?|yen|francs?|rupees?|pesos?|cents?|pence)\b", re.IGNORECASE)
# "How many users…" counts things; "How many dollars…" asks money
_HOW_MANY_THINGS = re.compile(r"\bhow many\b(?!\s+([\w-]+\s+)?(dollars|euros|pounds|yuan|rubles|yen|cents|millions|billions))",
                              re.IGNORECASE)
# a percentage ("2%", "80 percent", "Fifty-one percent"), a share in words ("a legislative
# majority", "half the staff") or a margin in points ("a state Trump won by 30 points"): a share
# of something or a score, which counts none of it
_SHARE_SPAN = re.compile(r"\b[\d,.]+\s*(%|percent\b|per cent\b|(percentage )?points?\b)|"
                           r"\b[a-z]+(-[a-z]+)?\s+(percent|per cent|points?)\b|\b(majority|minority|half)\b",
                           re.IGNORECASE)
# a span of time ("two hours", "a couple hours", "three years later"): it counts no things
_TIME_UNIT = re.compile(r"\b(seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|"
                        r"times|seasons?|terms?|innings|laps)\b", re.IGNORECASE)
_TIME_SPAN = re.compile(r"\b(\d[\d,.]*|a couple( of)?|a few|several|one|two|three|four|five|six|seven|eight|nine|ten|"
                        r"eleven|twelve|twenty|thirty|forty|fifty|hundreds? of|dozens? of)[\s-]+(seconds?|minutes?|hours?|"
                        r"days?|nights?|weeks?|months?|years?|decades?)\b", re.IGNORECASE)
# an age ("my 21 year old", "a 17-year-old artist", "aged 43"): it counts no things
_AGE_SPAN = re.compile(r"\b\d[\d,.]*[\s-]+(years?|months?|weeks?|days?)[\s-]+old\b|\baged? \d{1,3}\b", re.IGNORECASE)
_ASKS_AGE_WORD = re.compile(r"\b(old|older|age|ages|aged|born)\b", re.IGNORECASE)
# a question that asks a share or a difference of shares ("How many percentage points…")
_ASKS_SHARE = re.compile(r"\b(percent|per cent|percentage|points?|share|proportion|fraction)\b|%", re.IGNORECASE)
_FREQUENCY = re.compile(r"\b(every|each) (\w+ )?(second|minute|hour|day|night|week|month|quarter|season|year|decade|time)s?\b|"
                        r"\b(hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|yearly|annually|biannually|"
                        r"once|twice|rarely|seldom|never|always|occasionally|regularly|constantly|frequently|"
                        r"usually|sometimes|often|whenever)\b|\b(a|per) (day|week|month|year)\b", re.IGNORECASE)
_ASKS_SIZE = re.compile(r"\bhow (big|large)\b", re.IGNORECASE)
_SIZE = re.compile(r"\d[\d,.]*\+?[\s-]+[A-Za-z]|\b(largest|biggest|smallest|size of|as (big|large|small) as|"
                   r"(bigger|larger|smaller) than|"
                   # a size told against another's: "half the size", "twice its size", "a third the size"
                   r"(half|twice|double|triple|(a|one) (third|quarter|fifth|tenth)|\w+ times) (the|its|their) size)\b",
                   re.IGNORECASE)
_ASKS_DURATION = re.compile(r"\bhow (long|much time)\b", re.IGNORECASE)
_DURATION = re.compile(r"\b(short|long|brief) (time|while|period)\b|\b(a while|briefly|indefinitely|permanently|"
                       r"temporarily|for good|for ever|forever)\b|"
                       # a span without a number: "for years", "over the past decades", "a decade-long war"
                       r"\b(for|over|in|within) (the )?((past|last|next|coming) )?(years|decades|months|weeks|centuries|"
                       r"days|hours|generations)\b|\ba (decade|century|generation|lifetime|fortnight)\b|"
                       r"\b(decade|century|year|month|week|day|hour)s?[\s-]long\b|"
                       # a span told by its start: "since 2014", "since March", "from 1999 to 2008"
                       rf"\bsince (the )?(early |late |mid-?)?((1[89]\d\d|20\d\d)|({_MONTHS})\b)|"
                       r"\b(from|between) (1[89]\d\d|20\d\d) (to|until|till|and) (1[89]\d\d|20\d\d)\b|"
                       # …or by its end: "until the end of the 2022/23 season", "through 2025", "until March 2021"
                       rf"\b(until|till|through) (the (end|middle|start) of )?(the )?(({_MONTHS}) )?(1[89]\d\d|20\d\d)\b",
                       re.IGNORECASE)

_QUESTION_START = re.compile(r"(^|[?!])\W*$")  # nothing, or the end of an earlier question, then this word


def _question_name_matches(question: str) -> Iterator[re.Match[str]]:
    """The name matches of a question, skipping the first word of each question in it."""
    for match in _NAME.finditer(question):
        if not (_QUESTION_START.search(question[: match.start()]) or match.group(1).lower() in _NOT_NAMES):
            yield match


# A possessive ending: "Putin's", "Putin’s", "Reuters’". A name is looked for without it, or
# "Putin's" (typed) is not found in "Putin’s" (printed), nor in "Putin".
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$")


def question_names(question: str) -> list[str]:
    """Names and numbers of a question, skipping the first word of each question in it ("Who
    is Sergei Ryabkov" → Sergei, Ryabkov; "When? Beyond Kabul, where…?" → Kabul: a follow-up
    is searched together with the question before it), without a possessive ending ("Is
    Putin's power waning?" → Putin)."""
    return list(dict.fromkeys(_POSSESSIVE.sub("", match.group(1)) for match in _question_name_matches(question)))


# Whose words a question asks for: "What does the Telegraph think…?", "…, according to the
# Guardian?", "In the Telegraph op-ed, what…?" (the name as written, capitalised)
_SPEAKER_NAME = r"(?P<speaker>[A-Z][\w.'’&-]*(?:\s+(?:of\s+)?[A-Z][\w.'’&-]*)*)"
_SPEAKER_MEDIUM = r"(?:article|op-ed|piece|editorial|column|report|story|post|review|blog|interview)"
_SPEAKER_FRAMES = (
    re.compile(rf"^\s*(?i:(?:and\s+|but\s+|so\s+)?(?:what|how|why)\s+(?:does|did|do|has|have|will|would)\s+(?:the\s+)?)"
               rf"{_SPEAKER_NAME}(?:['’]s)?(?:\s+{_SPEAKER_MEDIUM})?\s+(?:say|think|argue|write|report|claim|believe|"
               rf"suggest|recommend|predict|propose|warn|conclude|describe|make of|feel)\b"),
    re.compile(rf"\b(?i:according to (?:the\s+)?){_SPEAKER_NAME}"),
    re.compile(rf"\b(?i:(?:in|from)\s+the\s+){_SPEAKER_NAME}(?:['’]s)?\s+{_SPEAKER_MEDIUM}\b"),
)


def asked_speakers(question: str) -> list[str]:
    """The sources a question asks the words of, each as written and without a possessive
    ending: "What does the Telegraph think NATO should do?" -> ["Telegraph"]. A possessive
    inside ("according to Cloudflare's Ramy Houssaini", "in the BBC's April report") gives
    its parts, each a source of its own."""
    found = []
    for frame in _SPEAKER_FRAMES:
        for m in frame.finditer(question):
            found.extend(part for part in (_POSSESSIVE.sub("", piece).strip() for piece in
                                           re.split(r"['’]s\s+", m.group("speaker"))) if part[:1].isupper())
    return list(dict.fromkeys(found))


def name_spans(question: str) -> list[tuple[int, int]]:
    """Where the question's names stand (`question_names`), a name of several words as one span
    ("Who is Sergei Ryabkov?" → the span of "Sergei Ryabkov")."""
    spans: list[tuple[int, int]] = []
    for match in _question_name_matches(question):
        start, end = match.span(1)
        if spans and not question[spans[-1][1] : start].strip():
            start = spans.pop()[0]
        spans.append((start, end))
    return spans


@lru_cache(maxsize=8192)
def _mention_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])", re.IGNORECASE)


def mentions(text: str, name: str) -> bool:
    """`name` occurs in `text` as a word of its own ("NATO" is not in "NATO-Russia"), an
    apostrophe typed straight matching a printed one ("O'Donnell", "O’Donnell")."""
    if "'" in name or "’" in name:
        name, text = name.replace("’", "'"), text.replace("’", "'")
    if len(text) <= _CACHED_TEXT:
        return _mentions_in_short(text, name)
    return _mentions(text, name)


def _mentions(text: str, name: str) -> bool:
    if name.isascii() and not any(ch in text for ch in _FOLD_TO_ASCII):
        return _mentions_by_find(text, name)
    return _mention_pattern(name).search(text) is not None


# Non-ASCII letters that a case-insensitive regex takes for an ASCII one (ſ ~ s, Kelvin K ~ k,
# ı ~ i, İ ~ i); İ is also the one letter whose lower case is longer than itself.
_FOLD_TO_ASCII = ("\u017f", "\u212a", "\u0131", "\u0130")


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch in "_-"


def _mentions_by_find(text: str, name: str) -> bool:
    """What `_mention_pattern(name).search(text)` finds, for an ASCII name and a text without
    `_FOLD_TO_ASCII`, by finding the lower-cased name in the lower-cased text (same length, same
    offsets) and checking its neighbours: ~5x faster on an article, ~2x on a sentence (the
    answer step checks the question's names in every sentence of 15 passages and their articles)."""
    low, needle = text.lower(), name.lower()
    at = low.find(needle)
    while at >= 0:
        end = at + len(needle)
        if (at == 0 or not _is_word_char(text[at - 1])) and (end == len(text) or not _is_word_char(text[end])):
            return True
        at = low.find(needle, at + 1)
    return False


_CACHED_TEXT = 2000  # sentences and passages: cached (an article is not: the cache would hold it)


@lru_cache(maxsize=65536)  # the same retrieved sentences are checked for the same names again and again
def _mentions_in_short(text: str, name: str) -> bool:
    return _mentions(text, name)


@lru_cache(maxsize=32768)
def sentence_names(sentence: str) -> frozenset[str]:
    """Lower-cased names in a sentence, its first word included only when it is an acronym."""
    out = set()
    for match in _NAME.finditer(sentence):
        word = match.group(1)
        if word.lower() in _NOT_NAMES or word[0].isdigit():
            continue
        if sentence[: match.start()].strip(" “\"‘'(") == "" and not word.isupper():
            continue
        out.add(_POSSESSIVE.sub("", word).lower())
    return frozenset(out)


_OPENING_CONJUNCTION = re.compile(r"^(and|but|so|then|also|ok|okay)\b[,\s]*", re.IGNORECASE)
# A subordinate clause before the question proper: "When someone re-introduces you to yourself,
# what feeling should you never throw away?" asks what feeling, not when; "If Moscow strikes,
# where will NATO reinforce?" asks a place. The clause ends at the comma before a question word.
_LEADING_CLAUSE = re.compile(r"^(when|whenever|if|once|while|after|before|since|until|unless|although|though|because|"
                             r"as soon as|now that)\b[^?,]*,\s*(?=(what|which|who|whom|whose|where|when|why|how)\b)",
                             re.IGNORECASE)


# "Who is Sergei Ryabkov?", "Who was Ellen Fetter?": who a named person is, told by a role or a
# description, which names no one new ("Who was Tunisia's dictator?" does ask for a name)
# (words apart by spaces: an optional space between them backtracks exponentially on "Who is AAAA…!")
_WHO_IS_NAMED = re.compile(rf"^(?i:who(['’]s| is| was| are| were))\s+[{_UPPER}][\w’'.-]*(?:\s+[{_UPPER}][\w’'.-]*)*\s*\??\s*$")


# A question that asks where something is or happened ("Where was Putin when…", "In which city
# was the council founded?"), answered by a place its sentence puts after a preposition of place
# ("in Geneva", "at the United States Mission"); not "Which countries signed…?", answered by a
# list of names in any position.
# "In which city…?", "At what venue…?": the asker names the kind of place, so the answer is a
# place's name; a bare "Where…?" may be answered by a spot or a thing ("on the wall by the
# kitchen table", "at a bus stop", "in repetitive tasks")
_ASKS_PLACE_KIND = re.compile(r"\b(in|at|to|from|near) (what|which) ([\w-]+ ){0,2}(city|cities|country|"
                              r"countries|towns?|places?|regions?|states?|provinces?|villages?|county|nations?|islands?|"
                              r"continents?|venues?|buildings?|neighbou?rhoods?|districts?)\b", re.IGNORECASE)
_ASKS_LOCATION = re.compile(r"^((and|but|so) )?where\b|" + _ASKS_PLACE_KIND.pattern, re.IGNORECASE)
# Words that say which part of a place, between a preposition and the place's name: "in rural
# south Georgia", "in downtown Los Angeles", "over the remote Russian Tuva region".
_PLACE_MODIFIER = (r"(((north|south)[- ]?(east|west)?|east|west)(ern)?|central|rural|urban|downtown|uptown|"
                   r"suburban|remote|nearby|coastal|greater|inner|outer|upstate|downstate|mainland)\s+")
_LOCATIVE = re.compile(r"(\b(in|at|to|from|near|outside|inside|across|into|towards?|throughout|within|via|around|"
                       r"between|off|beyond|along|on|over|under|through|beneath|beside):?\s+(the\s+)?"
                       r"(" + _PLACE_MODIFIER + r"){0,3}|\b(city|town|village|state|province|region|country|"
                       r"capital|island|port|county|district) of\s+|"
                       # where something was said: "in a recent piece for the Wall Street Journal"
                       r"\b(piece|article|column|op-?ed|essay|interview|letter|post|story) (for|with|to)\s+(the\s+)?)"
                       r"([A-Z][\w’'.-]*\s+)*$")
# Where a person works is an employer as often as a place: "a Software Engineer for SpaceX".
_ASKS_WORKPLACE = re.compile(r"^((and|but|so) )?where\b.*\b(work|works|worked|working|employed)\b", re.IGNORECASE)
_EMPLOYER = re.compile(r"\bfor\s+(the\s+)?([A-Z][\w’'.-]*\s+)*$")


# "Where can I stream Get Out?", "Where should I look for…", "Where did people go to find
# out…": where a person can do something, answered by a resource ("alternative platforms",
# "see time travel in films") as often as by a place
_ASKS_WHERE_TO = re.compile(r"^((and|but|so) )?where (should|can|could|would|do|does|did|will|might|must|may) "
                            r"(i|we|you|people|one|users|readers|someone|anyone|fans|viewers|customers)\b", re.IGNORECASE)
# "Where does LeBron rank all-time…?", "Where did the team finish?": a rank or a standing, no place
_ASKS_RANK = re.compile(r"^((and|but|so) )?where (do|does|did|is|was|are|were|will|would) [^?]{0,60}?\b(rank|ranks|ranked|"
                        r"stand|stands|finish|finished|rate|rates|rated|sit|sits)\b", re.IGNORECASE)
# "Where has the Bank of Canada taken its key interest rate?", "Where are mortgage rates headed?":
# a level of a rate or a price, no place
_ASKS_LEVEL = re.compile(r"^((and|but|so) )?where (do|does|did|is|was|are|were|will|would|has|have|had) [^?]{0,60}?"
                         r"\b(rates?|levels?|prices?|index|inflation|unemployment|yields?)\b", re.IGNORECASE)

# "Where does Kartographer get its geographic data from?", "Where will the Fed reinvest maturing
# debt?": a source or an asset, no place ("from OpenStreetMap", "in agency MBS"); "get" only with
# its object ("Where did he get married?" asks a place)
_ASKS_SOURCE = re.compile(r"^((and|but|so) )?where (do|does|did|is|was|are|were|will|would|can|could|should) [^?]{0,60}?"
                          r"\b((get|gets|got) (the|its|their|his|her|that|this|these|those|a|an|your|our|my)\b|(obtain|obtains|"
                          r"obtained|draw|draws|drew|derive|derives|derived|source|sources|sourced|invest|invests|invested|"
                          r"reinvest|reinvests|reinvested)\b)", re.IGNORECASE)


def asks_place_kind(question: str) -> bool:
    """Whether the question names the kind of place it asks for ("In which city…?"): only then
    does an answer that tells no place by name answer nothing (`ExtractiveAnswerer.answer`'s
    place refusal). A bare "Where…?" is often answered by a spot or a common noun ("Where did he
    post the materials?" "on the wall by the dining table"); refusing those cost 7 answered dev
    questions for 3 near misses refused."""
    return asks_location(question) and bool(_ASKS_PLACE_KIND.search(question.strip()))


def asks_location(question: str) -> bool:
    """Whether the question asks where: its answer is a place told as one ("in Geneva").
    Only the answer step's refusal uses this stricter check; `has_type(…, "place")`, any new
    name, stays as it is because the sentence model's type features were trained on it."""
    text = question.strip()
    return (bool(_ASKS_LOCATION.search(text)) and not _ASKS_WHERE_TO.search(text) and not _ASKS_RANK.search(text)
            and not _ASKS_LEVEL.search(text) and not _ASKS_SOURCE.search(text))


# A wire story's dateline: "LONDON (AP) — ", "HANOI, Vietnam (AP) — ", "BERLIN -- ": a place in
# capitals, maybe its country, maybe the agency it credits ("credit"), and a dash
DATELINE = re.compile(r"^[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*(?:,\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*)?\s*"
                       r"(?:\((?P<credit>[A-Z][\w .&-]{1,20})\)\s*)?(?:—|–|--|-)\s+(?=[A-Z“\"‘'])")
# The other openings of wire copy: a place in title case with its state abbreviated ("Dekalb,
# Ill. — ", "St. Joseph, Mich. (AP) — "), a place too; and an agency's credit alone, which names
# no place ("(Reuters) — ", "(CNN)President Donald Trump…")
TITLE_DATELINE = re.compile(r"^(?:[A-Z][a-z]+\.?\s+)*[A-Z][a-z]+,\s+[A-Z][a-z]{1,4}\.\s*(?:\([A-Z][\w .&-]{1,20}\)\s*)?"
                            r"(?:—|–|--)\s+(?=[A-Z“\"‘'])")
BARE_CREDIT = re.compile(r"^\([A-Z][\w .&-]{1,20}\)\s*(?:(?:—|–|--|-)\s+)?(?=[A-Z“\"‘'])")


def opening_dateline(line: str) -> re.Match[str] | None:
    """The dateline or bare credit a line of wire copy opens with ("LONDON (AP) — ", "Dekalb,
    Ill. — ", "(Reuters) — "), or None."""
    return DATELINE.match(line) or TITLE_DATELINE.match(line) or BARE_CREDIT.match(line)


# a short quoted run of capitalised words (and the small words of a title): the title of a show,
# a song or a book ("“Antiques Roadshow”", "“Thine Be the Glory, Risen Conquering Son,”")
_QUOTED_TITLE = re.compile(r"[“\"][A-Z][\w'’-]*(?:,?\s+(?:(?:a|an|the|of|and|in|on|to|for|with|at|by|from)\s+)*[A-Z0-9][\w'’-]*){0,6}[,.!?]?[”\"]")


def _spelled_acronyms(sentence: str, question: str) -> set[str]:
    """The words of the sentence that spell out an acronym the question gives, lower-cased:
    asked "Who did Trump pick to replace Tom Wheeler as FCC chairman?", "the outgoing Federal
    Communications Commission chairman" names the FCC again, no one new."""
    acronyms = set(re.findall(r"\b[A-Z]{2,6}\b", question))
    if not acronyms:
        return set()
    return {_POSSESSIVE.sub("", w).lower() for words in expansions(sentence, acronyms) for w in words}


def _asked_names(question: str) -> set[str]:
    """The question's names, lower-cased, with the places its adjectives are made of: "In which
    Kazakh city…?" gives Kazakhstan, so "…the crisis in Kazakhstan" tells no new place."""
    names = question_names(question)
    return {n.lower() for n in names} | {form.lower() for n in names for form in place_word_forms(_POSSESSIVE.sub("", n))}


def gives_location(sentence: str, question: str) -> bool:
    """Whether the sentence puts a name the question does not give after a preposition of place
    ("…met in Geneva", "…from the Kremlin", "a senior fellow at the Bagnoud Center", "the city
    of Guiyang", "streaming on HBO Go"), gives an address ("at 4214 N. Mississippi Ave."), or
    opens a wire story's dateline ("LONDON (AP) —"). A name that only describes ("Russian") or tells a day
    ("on Friday") is no place, nor one after "of" alone ("one of Germany's smallest regions")."""
    asked = _asked_names(question)
    dateline = DATELINE.match(sentence) or TITLE_DATELINE.match(sentence)  # "LONDON (AP) — …": where it was filed
    if dateline and dateline.group(0).split()[0].strip(",").lower() not in asked:
        return True
    if _ADDRESS.search(sentence):  # "…a bottle shop at 4214 N. Mississippi Ave.", "on 116th street"
        return True
    workplace = bool(_ASKS_WORKPLACE.search(question.strip()))
    for match in _NAME.finditer(sentence):
        word = match.group(1)
        name = _POSSESSIVE.sub("", word).lower()
        if (word.lower() in _NOT_NAMES or word[0].isdigit() or name in asked or _DEMONYM.search(word)
                or name in _CALENDAR):
            continue
        before = sentence[max(0, match.start() - 80) : match.start()]
        if _LOCATIVE.search(before) or (workplace and _EMPLOYER.search(before)):
            return True
    return False


def expected_type(question: str) -> str:
    """"date", "age", "money", "percent", "length", "weight", "measure", "number", "address", "person", "place", "name"
    or "other": what kind of answer the question asks for."""
    text = _OPENING_CONJUNCTION.sub("", question.strip())  # "And when does it wrap up?"
    text = _LEADING_CLAUSE.sub("", text)
    if _WHO_IS_NAMED.match(text):
        return "other"  # "Who is David Weisbrot?" asks what he is ("president of the Press Council"), not a name
    if _ASKS_NAME_OF.match(text):
        return "name"  # "What is the name of the hospital where…": a name, whatever the relative clause asks
    if _ASKS_RANK.match(text):
        return "other"  # "Where does LeBron rank all-time?" asks a standing ("fifth"), not a place
    if _ASKS_WHAT_SAID.match(text):
        return "other"  # "What did Kheradpir say about how far behind the FCC is?" asks what he said
    if _ASKS_CONDITION.match(text):
        return "other"  # "When does Option::is_none_or return true?" asks on what condition, not a date
    for kind, pattern in _TYPE_PATTERNS:
        if pattern.search(text):
            return kind
    return "other"


# "What did Kheradpir say about how far behind the FCC is?", "What does the report say on when
# the plant reopens?": a question about what someone said asks the saying; a wh-word after
# "about" names its topic, not the kind of answer
_ASKS_WHAT_SAID = re.compile(
    r"^(what|how) (did|does|do|has|have|had|is|was|are|were|will|would)\b[^?]*?\b(say|says|said|saying|think|thinks|"
    r"thought|argue|argues|argued|write|writes|wrote|writing|claim|claims|claimed|tell|told|report|reported|"
    r"believe|believes|feel|feels|felt|suggest|suggests|suggested)\b (about|on|regarding) (how|when|where|who|what|which|why)\b",
    re.IGNORECASE)


# "When does `is_none_or` return true?", "When will the parser return an error?": a program's
# result, asked by "when", is a condition ("if the option is None or …"), never a date
_ASKS_CONDITION = re.compile(
    r"^when (does|do|did|will|would|can|could|should|is|are)\b[^?]*\b(return|returns|evaluate|evaluates)( to)? "
    r"(true|false|none|null|nil|nan|undefined|zero|an? (error|exception|empty)\b)", re.IGNORECASE)


# (with a word before the name: "What is the real name of…", "…the full name of…", "…the official title of…")
_ASKS_NAME_OF = re.compile(r"^(what|which)(['’]s| is| was| are| were| will be)? (the )?((?!(?:of|for|and|or)\b)[a-z][\w-]* )?"
                           r"(names?|titles?) of\b", re.IGNORECASE)


_DEMONYM = re.compile(r"(ian|ean|ese|ish|ern|ic|ans|ians)$", re.IGNORECASE)


# How English makes a people's or a thing's adjective of a place, and back: "Bolivia" +n
# ("Bolivian"), "Brazil" +ian, "Italy" -y +ian, "Canada" -a +ian, "Mexico" -o +an, "Japan"
# +ese, "China" -a +ese, "Lebanon" -on +ese, "Israel" +i, "Texas" -s +n. Grammar, not a list of
# places: it holds for any place.
_ADJECTIVE_ENDINGS = (("", "n"), ("", "an"), ("", "ian"), ("y", "ian"), ("a", "ian"), ("o", "an"), ("", "ese"),
                      ("a", "ese"), ("on", "ese"), ("", "i"), ("s", "n"),
                      # "Kazakh" -> "Kazakhstan", "Afghan" -> "Afghanistan"; "British" -> "Britain",
                      # "Polish" -> "Poland", "Turkish" -> "Turkey", "Swedish" -> "Sweden", "Kurdish" -> "Kurdistan"
                      ("stan", ""), ("istan", ""), ("ain", "ish"), ("and", "ish"), ("ey", "ish"), ("en", "ish"),
                      ("istan", "ish"))


def place_word_forms(word: str) -> list[str]:
    """The place an adjective may be made of ("Bolivian" -> "Bolivia", "Italian" -> "Italy",
    "Japanese" -> "Japan", "Kazakh" -> "Kazakhstan", "Polish" -> "Poland"; "Bolivians" as "Bolivian"), and the "-an" adjective of a place in
    "-a" ("Bolivia" -> "Bolivian"). Some forms are no word at all: the caller keeps those it
    knows. A word under five letters, or lower case, has none, and no form is shorter ("Messi"
    is no adjective of a "Mess")."""
    base = word[:-1] if word.endswith("s") and word[:-1].endswith(("an", "ese", "i")) else word
    if len(base) < 5 or not base[:1].isupper():
        return []
    forms = [base[: len(base) - len(adjective_end)] + place_end for place_end, adjective_end in _ADJECTIVE_ENDINGS
             if base.endswith(adjective_end) and len(base) - len(adjective_end) + len(place_end) >= 5]
    if base.endswith("a"):
        forms.append(base + "n")
    return [f for f in dict.fromkeys(forms) if f != word]


# The kinds of unit a count of them asks for ("How many megawatts…?" asks power): a measure in
# any unit of the same kind answers it ("1,000 MW", "a gigawatt"), one of another kind does not
_UNIT_KINDS = {
    "length": _LENGTHS,
    "weight": _WEIGHTS,
    "time": r"(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centuries|century|millennia|generations?)",
    "area": r"(acres?|hectares?|square [a-z]+)",
    "power": r"((kilo|mega|giga)?watts?|kw|kwh|mw|gw|mwh|gwh|volts?|calories|kcal)",
    "volume": r"(barrels?|liters?|litres?|gallons?)",
    "data": r"(bytes?|[kmgtp]b|[kmg]?bps|[kmg]?hz)",
    "speed": r"(mph|km/h)",
}
_A_COUNT = (r"(\d[\d,.]*|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
            r"forty|fifty|sixty|hundreds? of|thousands? of|millions? of|dozens? of|several|few|half an?)")
_HOW_MANY_UNITS = re.compile(r"\bhow many (metric |square |cubic )?([a-z]+(?:[\s-]years?)?)\b", re.IGNORECASE)


# a temperature asked by its noun ("What is the boiling point of mercury?", "What temperature
# limit…?"), and one told: "357 degrees", "60° Fahrenheit", "1.5C"
_ASKS_TEMPERATURE = re.compile(r"\btemperatures?\b|\b(boiling|melting|freezing) points?\b", re.IGNORECASE)
_TEMPERATURE = re.compile(r"\d\s*(°|º|degrees?\b|deg\b)|\b(fahrenheit|celsius|centigrade|kelvin)\b|\d\s*[CF]\b",
                          re.IGNORECASE)


def _asked_unit_kind(question: str) -> str:
    """The kind of unit "How many <unit>…?" counts ("megawatts" -> "power", "hectares" ->
    "area", "hours" -> "time"), or "" when the question counts no unit."""
    match = _HOW_MANY_UNITS.search(question)
    if not match:
        return ""
    unit = (match.group(1) or "") + match.group(2)
    return next((kind for kind, pattern in _UNIT_KINDS.items()
                 if re.fullmatch(pattern, unit.strip(), re.IGNORECASE)), "")


# A year written before a thing's noun dates that thing ("David Fincher's 1995 thriller Seven",
# "a 2019 study", "the 2014 season", "a restored 1840's grain building"): a determiner or an
# owner's name, maybe a participle, the year or decade, a lower-case noun and the words after it
_DATED_THING = re.compile(r"(?:\b(?i:the|a|an|his|her|their|its|this|that)|[A-Z][\w.’'-]*['’]s?)\s+(?:[a-z]+ed\s+)?"
                          r"((?:1[89]|20)\d\d(?:['’]?s)?)\s+([a-z][a-z-]+(?:\s+[A-Za-z][\w’'-]*){0,2})")


def _unasked_dated_things_blanked(text: str, question: str) -> str:
    """`text` without the years that date a thing the question does not speak of: asked "In what
    year did Gwyneth Paltrow and Brad Pitt get engaged?", "…after co-starring with him in David
    Fincher's 1995 thriller Seven" dates the film, not the engagement (web-dev-16); asked "When
    was Seven released?", the year stays (the film is asked of)."""
    asked = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", question)}

    def blank(match: re.Match[str]) -> str:
        thing = {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z]+", match.group(2))}
        if thing & asked:
            return match.group(0)
        return match.group(0)[: match.start(1) - match.start(0)] + " " + match.group(0)[match.end(1) - match.start(0):]
    return _DATED_THING.sub(blank, text)


def has_type(sentence: str, kind: str, question: str = "") -> bool:
    """Whether the sentence holds something of `kind` that the question does not already say:
    a date, a number, or a name (for who/where questions and a name asked for as such, the
    "name" kind; "Russian", "Western" describe, they do not name, so they do not count)."""
    if kind == "other":
        return True
    text = sentence
    for number in set(re.findall(r"\d[\d,.]*", question)):
        text = text.replace(number, " ")
    if kind == "date":
        text = _unasked_dated_things_blanked(text, question)
    if kind == "date" and _ASKS_YEAR.search(question.split("?", 1)[0]):
        # "In what year did the U.S. military first establish the al-Tanf base?": "last month" or
        # "on Tuesday" tells no year; a year, a decade or a year counted from the page's does
        return bool(_YEAR_TOLD.search(re.sub(r"\b\d+-year-old\b", " ", text)))
    if kind == "date":  # "in December" asked is not a date given; "62-year-old" is an age, not a date
        asked_words = {w.lower() for w in re.findall(r"[A-Za-z]+", question)}
        # the unit a question asks in is no date it gives: "In which century…?" is told by "the
        # 20th century", whose "century" stays
        asked_words -= {w.lower() for w in re.findall(r"\b(?:what|which)\s+([A-Za-z]+)", question, re.IGNORECASE)}
        text = re.sub(r"[A-Za-z]+", lambda m: " " if m.group(0).lower() in asked_words else m.group(0), text)
        text = re.sub(r"\b\d+-year-old\b", " age ", text)
    if kind == "date":
        # "On what date…": "this week", "last month" or "in 2010" names no day (asked by the first
        # question: a follow-up is searched with the question before it, whose day it did not ask)
        if _ASKS_DAY.search(question.split("?", 1)[0]):
            return bool(_DAY.search(_RELATIVE_PERIOD.sub(" ", text)))
        return bool(_DATE.search(text))
    if kind == "version":  # "3.3", "Python 3.5", "version 2", "v1.8" the question does not give; no year
        asked_numbers = set(re.findall(r"\d+(?:\.\d+)*", question))  # whole numbers: "Python 3" asked, "3.5" told
        return any(not set(re.findall(r"\d+(?:\.\d+)*", m.group(0))) <= asked_numbers
                   for m in _VERSION_NUMBER.finditer(_DATE_NUMBER.sub(" ", sentence)))
    if kind == "frequency":
        return bool(_FREQUENCY.search(text)) or has_type(sentence, "number", question)
    if kind == "number" and _ASKS_IDENTIFIER.search(question.split("?", 1)[0]):
        # "What was the number of the ticket…?" asks which one, in digits ("#24374"), not how many
        # ("a few days later"); a year, a day or a time of day is none
        return bool(re.search(r"(?<![\w.])#?\d", _TIME_OF_DAY.sub(" ", _DATE_NUMBER.sub(" ", text))))
    if kind == "number":  # a year or a day of a month counts nothing ("in 2017", "on January 10")
        text = _NAMED_DIGITS.sub(" ", text)  # nor does "G40" or "Overcast 2.0"
        text = _NAME_WITH_NUMBER.sub(" ", text)  # nor "models like GPT and Llama 2, we offer…"
        text = _ADDRESS.sub(" ", text)  # nor an address ("on 116th street", "at 4214 N. Mississippi Ave.")
        if _HOW_MANY_THINGS.search(question):  # nor "$4.99" users
            text = _MONEY_SPAN.sub(" ", text)
            if not _ASKS_SHARE.search(question):  # nor "more than 2%" followers, unless a share is asked
                text = _SHARE_SPAN.sub(" ", text)
            if not _TIME_UNIT.search(question):  # nor "a couple hours earlier" people, unless time is asked
                text = _TIME_SPAN.sub(" ", text)
            if not _ASKS_AGE_WORD.search(question):  # nor "my 21 year old" cases, unless an age is asked
                text = _AGE_SPAN.sub(" ", text)
        if not _ASKS_HOW_MANY_OF.search(question):  # nor "one of the gunmen", unless those are counted
            counted = _noun_forms(noun) if (noun := counted_noun(question)) else set()
            text = _ONE_OF.sub(lambda m: m.group(0) if m.group(2).lower() in counted else " ", text)
        text = _ONE_OF_THE_MOST.sub(" ", _TIME_OF_DAY.sub(" ", _DATE_NUMBER.sub(" ", text)))
        if (noun := counted_noun(question)) and not _NUMBER.search(_VAGUE_COUNT.sub(" ", text)):
            # a count in words that is no number ("several", "thousands of") answers "How many
            # people were killed?" only when it counts them: "several foreign policy crises" and
            # "hundreds of workers" (asked how many flights) count something else
            return _vague_counts(text, noun)
        return bool(_NUMBER.search(text))
    if kind == "measure" and _ASKS_TEMPERATURE.search(question):
        # "What is the boiling point of mercury?" is not answered by "…boiling water for about
        # 10 seconds": a temperature is asked, and only a temperature tells it
        return bool(_TEMPERATURE.search(text))
    if kind == "measure" and (asked_unit := _asked_unit_kind(question)):
        # "How many megawatts will the reactor generate?" is not answered by "about a month":
        # a count of a unit asks a measure in that unit's kind (power, time, length…)
        return bool(re.search(rf"\b{_A_COUNT}\s*((million|billion|thousand|hundred)\s+)?-?\s*((metric|square|cubic)\s+)?"
                              rf"({_UNIT_KINDS[asked_unit]})\b", text, re.IGNORECASE))
    if kind == "measure" and _NUMBER_KINDS[kind].search(text) is None:
        # a size is also a count, a rank or a comparison ("the 114-room resort", "the third
        # largest", "about the size of New York"); a duration also a span without a number
        # ("for a short time", "indefinitely")
        if _ASKS_SIZE.search(question) and _SIZE.search(_DATE.sub(" ", text)):  # "March 1, 2014 when" counts nothing
            return True
        return bool(_ASKS_DURATION.search(question) and _DURATION.search(text))
    if kind == "length" and _ASKS_HOW_FAR.search(question) and _REACHES_YEAR.search(text):
        # "How far do the climate models run?": "…models going to the year 2100" tells how far in time
        return True
    if kind in ("money", "percent") and _HOW_MUCH_OF.search(question):
        # "How much of the budget goes to defence?": "$700 billion" or "a fifth" answers it
        return bool(_NUMBER_KINDS["money"].search(text) or _NUMBER_KINDS["percent"].search(text))
    if kind in _NUMBER_KINDS:
        return bool(_NUMBER_KINDS[kind].search(text))
    if kind == "name":
        # "What is the name of the warden whom Barr reassigned?" is not answered by "Barr
        # reassigned the warden at the New York detention center": a sentence that speaks of the
        # one whose name is asked tells it beside it, or tells it not at all
        holder = asked_name_holder(question)
        told = names_holder(sentence, holder, question) if holder else None
        if told is not None:
            return told
    asked = _asked_names(question) | _spelled_acronyms(sentence, question)
    if kind == "person":  # a work's title ("dealers from “Antiques Roadshow”") names no one who did it
        sentence = _QUOTED_TITLE.sub(" ", sentence)
    # a currency's code names no one ("Rs 300" answers no "Who…?")
    return any(not _DEMONYM.search(name) and name not in _CALENDAR and not _CURRENCY_NAME.fullmatch(name)
               for name in sentence_names(sentence) - asked)


def tells_asked_name(quotes: Sequence[str], question: str, nearby: Sequence[str] = ()) -> bool:
    """Whether the quotes of an answer tell the name a question asks for. When one of them speaks
    of the one whose name is asked without naming it ("a judge ruled that Assange should remain
    in jail"), only a quote naming it beside it tells it: another quote's names ("Westminster
    Magistrate's Court", "Belmarsh") are of something else. When no quote speaks of it, the
    `nearby` sentences (the rest of the close candidates) may: if one of them speaks of it
    without a name ("…had not told her boyfriend…") and none names it, the article leaves it
    unnamed, and the quotes' names are of others. Otherwise any quote with a name the question
    does not give tells it (`has_type`)."""
    holder = asked_name_holder(question)
    verdicts = [names_holder(quote, holder, question) for quote in quotes] if holder else []
    if True in verdicts:
        return True
    if False in verdicts:
        return False
    around = [names_holder(text, holder, question) for text in nearby] if holder else []
    if False in around and True not in around:
        return False
    return any(has_type(quote, "name", question) for quote in quotes)


def _noun_phrase_end(enders: str = "") -> str:
    """The pattern of a noun phrase's last word (its group 1), after up to four words: not a
    function word, and followed by what follows a noun (a name, a relative word, an article, a
    preposition, a verb, a participle, or the question's end); `enders` ("as|first|wrote")
    end the phrase too and are never its noun, and neither is a number word ("the two American
    service members": a name after "two" does not end the phrase there)."""
    not_noun = f"{enders}|" if enders else ""
    return (r"(?:[\w-]+ ){0,4}?"
            rf"(?!(?:{not_noun}the|a|an|this|that|these|those|his|her|its|their|about|for|in|on|at|with|from|by|to|of|"
            r"and|or|where|when|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few|both|all)\b)"
            r"([a-z][a-z-]+|[A-Z]{2,}s?)"
            rf"(?= (?:[A-Z][a-z]|(?:{not_noun}who|whom|whose|that|which|where|when|the|a|an|[a-z]+ed|[a-z]+ing|in|at|on|for|from|"
            r"with|to|of|by|about|into|over|under|behind|near|during|after|before|between|against|like|he|she|they|it|"
            r"is|was|are|were|did|does|do|has|have|had|will|would)\b)|\s*\??\s*$)")


# words that give a thing its name: "a tool (named, surprisingly, gp4par)", "a project named…"
_CALLS = re.compile(r"\s*[(,]?\s*((is|was|are|were|has been|had been|will be|is being|was being) )?"
                    r"(named|called|dubbed|titled|nicknamed|(also )?known as|identified as)\b", re.IGNORECASE)
# a name before the holder, set off by a comma: "Lamine N'Diaye, the warden", "Houser, a 59-year-old gunman"
_NAME_THEN_HOLDER = re.compile(rf"{_NAME.pattern}[’']?,\s+(?:(?:the|a|an|his|her|its|their)\s+)?(?:[\w-]+\s+){{0,5}}$")
# a name that is a preposition's object is no appositive of the holder after its comma: "published
# in BMJ Case Reports, the 43-year-old man had…" names a journal, not the man ("in", then the
# name's other capitalised words, before the name `_NAME_THEN_HOLDER` matched; "to" covers "according to")
_AFTER_PREPOSITION = re.compile(r"(?<![\w-])(?i:in|at|on|from|by|of|to|for|with|into|about)\s+"
                                r"(?:(?:the|The)\s+)?(?:[A-Z][\w’'.&-]*\s+)*$")
# …unless the holder is a kind of place, which a preposition's object names: "the house in
# Braunau, a town on the border" names the town
_PLACE_HOLDER = re.compile(r"cit(y|ies)|countr(y|ies)|towns?|villages?|count(y|ies)|provinces?|regions?|states?|"
                           r"districts?|islands?|places?|neighbou?rhoods?|suburbs?", re.IGNORECASE)
# a name right before the holder, naming it: "the Bardo museum" (not "the Russian embassy")
_NAME_BEFORE_HOLDER = re.compile(rf"{_NAME.pattern}\s+$")
# a name said to be one of the holder's kind: "Project Jupyter is a tool that…", "Lyon was the
# first city to…" (up to three words between the article and the holder: "is a free online tool")
_NAME_IS_HOLDER = re.compile(rf"{_NAME.pattern}\s+(?:is|was|are|were|remains|became)\s+(?:a|an|the|one of the)\s+"
                             rf"(?:[\w-]+\s+){{0,3}}$")
# a verb that makes the name before it a source: "another man was injured…, Kan reported"
_SPEECH_VERB = re.compile(r"\s+(?:said|says|reported|reports|told|tells|wrote|writes|added|adds|noted|notes|"
                          r"announced|announces|confirmed|confirms|tweeted|stated|states)\b")


def _speaker_after_clause(after: str, named: re.Match[str]) -> bool:
    """Whether the name `_HOLDER_THEN_NAME` found after the rest of the holder's clause and a
    comma speaks the sentence ("…, Kan reported") rather than names the holder (", Lamine
    N'Diaye,"); a name right after the holder ("gunman John Houser said") names it."""
    gap = after[: named.start(1)]
    return bool(re.search(r"[A-Za-z]", gap)) and bool(_SPEECH_VERB.match(after[named.end(1):]))


# a name after the holder: at once ("gunman John Houser", "novel Koko Be Good", "droid (BD-1)") or after a comma or
# a colon in the same clause ("the warden, Lamine N'Diaye,", "this post by X: The Elephant…")
# a name after the place or body the holder serves, named at once: "China's ambassador to Britain
# Liu Xiaming has said", "the chief executive of Apple Tim Cook"; a name of two words or more, so
# that "the minister of Foreign Affairs said" names no one
_HOLDER_OF_THEN_NAME = re.compile(rf"\s+(?:to|of|for|at|in)\s+(?:the\s+)?(?:[{_UPPER}][\w.’'-]*\s+){{1,3}}?"
                                  rf"{_NAME.pattern}\s+[{_UPPER}][{_LETTER}]")
_HOLDER_THEN_NAME = re.compile(rf"(?:\s*|\s*[,:(]\s*|[^.;!?]{{0,60}}?[,:]\s+)[“\"‘']?{_NAME.pattern}")


def asked_name_holder(question: str) -> str:
    """The noun whose name a question asks ("What is the name of the bishop who tried…?" ->
    "bishop", "And what's the fourth venue called?" -> "venue", "What was that ancestor's
    name?" -> "ancestor"), or "" when it asks no one's name so."""
    match = _ASKED_HOLDER.search(question) or _CALLED_HOLDER.search(question.strip())
    return match.group(1) if match else ""


# "What's the new car they're giving out called?", "What was that ancestor's name?": the noun
# after the determiner, before "called" (or a clause that ends in it) or "'s name"
_CALLED_HOLDER = re.compile(
    r"^(?:(?i:and|but|so) )?(?i:what)(?:['’]s| is| was| are| were) (?:the|that|this|these|those|his|her|its|their) "
    r"(?:[\w-]+ ){0,3}?([a-z][\w-]+)"
    r"(?=['’]s name\b| (?:called|named|titled)\b| (?:they|he|she|it|we|you|that|which|who)\b[^?]*\b(?:called|named|titled)\b)")


# the role whose holder a who-question asks: "Who is the president of the Press Council?" ->
# "president", "Which Austrian minister announced the plan…?" -> "minister", "Who was the
# Thunder's top scorer…?" -> "scorer": the last word of the noun phrase after "who is the" or
# "which", before what follows a noun (as `_ASKED_HOLDER` reads the noun after "name of")
# (a verb in the past tense without "-ed" ends the noun phrase too: "Which senator wrote the bill?";
# and "as": "Who is Mourinho's first opponent as Spurs manager?" asks the opponent; and an adverb)
_IRREGULAR_PAST = ("wrote|said|told|led|won|took|made|gave|ran|beat|met|sent|saw|got|became|began|broke|brought|built|"
                   "bought|caught|chose|came|drew|drove|fell|fought|found|flew|held|hit|kept|knew|left|lost|paid|put|"
                   "rose|sat|sold|shot|spoke|spent|stood|struck|taught|thought|threw|wore|quit|set|oversaw|withdrew|swore|"
                   "went|did|had|heard|felt|fled|rode|stole|hid|sought|dealt|meant|swept|spread|upheld|grew|ate|drank|"
                   # and the present tense of verbs a role's holder is asked by: "Which firm owns…", "…employs…"
                   "owns|employs|runs|leads|heads|makes|sells|says|holds|wants|plans|works|serves|oversees|manages|"
                   "represents|chairs|controls|supports|backs|funds|publishes|produces|operates|hosts|covers|uses")
# an adverb between the noun and its verb ends the phrase as well: "Which publisher first put it out?"
_ADVERB_AFTER_NOUN = ("first|last|also|then|now|still|just|once|later|already|never|ever|originally|initially|finally|"
                      "recently|actually|really|eventually|previously|currently|formerly|reportedly|allegedly")
# a conjunction that opens a clause is never a noun phrase's last word ("…shot while sitting…")
_SUBORDINATOR = "while|whilst|because|although|though|unless|until|whereas"
# past participles without "-ed", which follow the noun of a name asked for ("the two officers
# shot…", "the man hit by…"); such a word is then never the noun ("the hit song" -> "song")
_IRREGULAR_PARTICIPLE = ("shot|hit|set|held|found|hurt|left|sent|led|caught|struck|kept|lost|met|paid|put|sold|built|bought|"
                         "brought|taken|seen|made|known|given|chosen|stolen|beaten|thrown|written|slain|born|hung|"
                         "fled|told|won|spent|bitten|driven|shown|grown|drawn|done|taught|sworn|worn|torn|ridden")
# the one whose name or title is asked: "the name of the [Amritsar-based] agent who…" -> "agent",
# "the names of the three demonstrators killed at…" -> "demonstrators", "the title of the EP the
# Doobie Brothers made" -> "EP": the last word of the noun phrase after "name(s) of", before what
# follows a noun (a relative word, an article, a name, a preposition, a verb, a participle, a
# participle without "-ed": "the names of the two officers shot while sitting…" -> "officers")
_ASKED_HOLDER = re.compile(
    r"\b(?:names?|titles?) of (?:(?:the|a|an|this|that|these|those|his|her|its|their|(?:[A-Z][\w.-]* ){0,3}[\w.-]*[\w-]['’]s?) ){0,2}"
    + _noun_phrase_end(f"{_SUBORDINATOR}|{_IRREGULAR_PARTICIPLE}"))
_ASKED_ROLE = re.compile(
    r"^(?i:(?:(?:and|but|so) )?(?:(?:who|whom)(?:['’]s| is| was| are| were| will be| would be| has been| had been| became)"
    r"\s+(?:currently |now |then )?(?:the|a|an|[\w-]+['’]s?) (?:[\w-]+['’]s )?|"
    # "Which observatory…?", and after a preposition "In which county…?", "At which hospital…?"
    r"(?:(?:in|at|on|from|to|for|by|with|into|of) )?which ))"
    + _noun_phrase_end(f"as|{_ADVERB_AFTER_NOUN}|{_IRREGULAR_PAST}"))


def asked_role(question: str) -> str:
    """The role noun whose holder a who- or which-question asks ("Who is the leader of Ennahda?"
    -> "leader"), or "" when it asks none ("Who said so?", "Who is David Weisbrot?")."""
    match = _ASKED_ROLE.search(question.strip())
    return match.group(1) if match else ""


# the noun a "how many" question counts: "How many people was PG&E planning to cut power to?" ->
# "people", "How many Russian troops were sent…?" -> "troops": the last word before its verb
_COUNTED_NOUN = re.compile(r"\bhow many (?:(?!of\b)[\w-]+ ){0,3}?(?!(?:of|them|those|these|they|we|you|us|it|there)\b)"
                           r"([a-z][a-z-]+)(?= (?:did|do|does|was|were|is|are|has|have|had|"
                           r"will|would|can|could|should|might|may|must|[a-z]+ed|in|on|at|of|from|to|for|per|a|an|the|"
                           rf"{_IRREGULAR_PAST})\b|\s*\??\s*$)", re.IGNORECASE)
_NUMBER_WORD = (r"(\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|"
                r"millions?|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)")


# Counts in words that give no number: they answer "how many" only of the noun they count.
_VAGUE_COUNT = re.compile(r"\b(several|(a\s+)?few|(a\s+)?couple(\s+of)?|(a\s+)?handful(\s+of)?|(the\s+)?(majority|minority)(\s+of)?|"
                          r"(tens\s+of\s+|hundreds\s+of\s+)?(dozens|hundreds|thousands|millions|billions)(\s+of)?|scores\s+of)\b",
                          re.IGNORECASE)


def _vague_counts(text: str, noun: str) -> bool:
    """Whether a count in words of `text` ("several", "thousands of") counts `noun` (or its other
    number, "person" for "people"), up to three words after it: "thousands of Russian troops"."""
    alternatives = _counted_alternatives(noun)
    return any(re.match(rf"[\s-]+([\w’'-]+\s+){{0,3}}?({alternatives})\b", text[m.end():], re.IGNORECASE)
               for m in _VAGUE_COUNT.finditer(text))


def counted_noun(question: str) -> str:
    """The noun a "How many…?" question counts ("people"), or "" for none."""
    match = _COUNTED_NOUN.search(question)
    return match.group(1) if match else ""


def counts_noun(sentence: str, noun: str) -> bool:
    """Whether `sentence` gives a number of `noun`: "some 375,000 people", "four Russian
    soldiers", "2,500 CSTO troops", "the 114-room resort" (a number, up to three words, then the
    noun or its other number; "person" for "people"); not a share ("14.6 percent of all vehicle
    sales")."""
    alternatives = _counted_alternatives(noun)
    return bool(re.search(rf"\b{_NUMBER_WORD}(\s+(million|billion|thousand))?(?!\s*(%|percent|per cent))[\s-]+"
                          rf"([\w’'-]+\s+){{0,3}}?({alternatives})\b", sentence, re.IGNORECASE))


def _counted_alternatives(noun: str) -> str:
    """A regex alternation of the forms a count of `noun` may take: its singular and plural, and
    "person(s)" for "people" or the other way round (longest first)."""
    forms = _noun_forms(noun) | ({"person", "persons"} if noun.lower() == "people" else set()) | (
        {"people"} if noun.lower() in ("person", "persons") else set())
    return "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))


def _noun_forms(noun: str) -> set[str]:
    """A noun and its plural or singular ("gunman"/"gunmen", "agency"/"agencies", "band"/"bands")."""
    word = noun.lower()
    forms = {word}
    if word.endswith("men"):
        forms.add(word[:-3] + "man")
    elif word.endswith("man"):
        forms.add(word[:-3] + "men")
    elif word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("s"):
        forms.add(word[:-1])
    else:
        forms.update({word + "s", word + "es"})
    return forms


# "(named Lamine N'Diaye)", "whose name is Acme": a name given as one; not a name spoken of
# ("to give the venue name recognition", "a man whose name was not released")
_NAMED = re.compile(r"\b(?:named|name(?:\s+(?:is|was))?)\s+[“\"‘]?[A-Z0-9]")
# the name after the holder's own modifiers: "a partnership between local school districts and
# the county probation department called the Youth Accountability Team" (a phrase opened by a
# preposition, with no verb or clause punctuation in it: "the partnership ended, and a group
# called X…" and "the partnership sent pupils to a program called X" name another)
_MODIFIED_THEN_CALLED = re.compile(r"^\s+(?:between|of|for|with|in|at|on|from|among|across|linking|involving)"
                                   r"(?:\s+(?!(?:is|was|are|were|has|have|had|will|would|can|could|said|says)\b)"
                                   r"[\w’'&-]+){1,13}?\s+(?:named|called|dubbed|titled|nicknamed|known as)\s+"
                                   r"(?:the\s+)?[“\"‘]?[A-Z0-9]")


def names_holder(sentence: str, holder: str, question: str = "") -> bool | None:
    """Whether `sentence` names the `holder` it speaks of (True), speaks of it without its name
    (False: "a bishop who sought to talk to protesters"), or does not speak of it (None). A name
    named beside it counts: right after it, after a comma or colon in its clause, before it set
    off by a comma, after "named" / "called" or in quotation marks; a name the question gives does
    not."""
    asked = {n.lower() for n in question_names(question)}

    names = sentence_names(sentence)  # a sentence's first word is no name ("Parents, lawmakers and a bishop…")

    def new(word: str) -> bool:
        bare = _POSSESSIVE.sub("", word).lower()
        return word.lower() not in _NOT_NAMES and bare not in asked and bare in names

    spoken = False
    asks_other = bool(_ANOTHER.search(question))
    for form in _noun_forms(holder):
        for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", sentence, re.IGNORECASE):
            after, before = sentence[match.end(): match.end() + 80], sentence[max(0, match.start() - 80): match.start()]
            spoken = True
            if not asks_other and _ANOTHER_BEFORE.search(before):
                continue  # "another British aid worker, William Pooley" names another, not the one asked of
            clause = re.match(r"[^.;!?]{0,60}", after).group(0)  # type: ignore[union-attr]
            if (_CALLS.match(after) or re.search(r"[“\"‘]\s*[A-Z0-9]", clause) or _NAMED.search(clause)
                    or _MODIFIED_THEN_CALLED.match(sentence[match.end(): match.end() + 160])):
                return True  # 'a tool, with the Orwellian name the “God View,”'
            named = _HOLDER_THEN_NAME.match(after)
            if named and new(named.group(1)) and not _speaker_after_clause(after, named):
                return True
            named = _NAME_THEN_HOLDER.search(before)
            if named and new(named.group(1)) and (_PLACE_HOLDER.fullmatch(holder)
                                                  or not _AFTER_PREPOSITION.search(before[: named.start()])):
                return True
            named = _NAME_BEFORE_HOLDER.search(before)  # "the Bardo museum", "the Hilton hotel"
            if named and new(named.group(1)) and not _DEMONYM.search(named.group(1)) and before[: named.start()].strip():
                return True
            named = _NAME_IS_HOLDER.search(before)  # "Project Jupyter is a tool that…"
            if named and new(named.group(1)):
                return True
            named = _HOLDER_OF_THEN_NAME.match(after)  # "ambassador to Britain Liu Xiaming"
            if named and new(named.group(1)):
                return True
            if _NAME_OF.search(before) and _IS_THEN_NAME.match(after):
                return True  # "the title of our episode was When Open Source Community Software is…"
    return False if spoken else None


# "the title of our episode was When Open Source…", "the name of the boat is Endurance": the
# name follows "is" after "the name (or title) of" the holder
_NAME_OF = re.compile(r"\b(name|title)s? of (the |a |an |our |his |her |their |its |my |your |this |that )?$", re.IGNORECASE)
_IS_THEN_NAME = re.compile(r"\s+(is|was|are|were)\s+[“\"‘']?[A-Z0-9]")


# "another British aid worker, William Pooley", "other bitcoin users": one of the holder's kind
# that is not the one asked of (unless the question asks another one itself)
_ANOTHER = re.compile(r"\b(another|other|others)\b", re.IGNORECASE)
_ANOTHER_BEFORE = re.compile(r"\b(another|other)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


# Capitalised words of a date: a day or a month names no person or place ("Mr Obama lands in
# Kenya later on Friday" gives no place beyond Kenya).
_CALENDAR = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may june "
                      "july august september october november december".split()) | frozenset(
    # and a title is no one's name ("President Biden said" names no one beyond the asked Biden)
    "president vice prime minister secretary senator sen rep governor gov mayor chancellor king queen prince princess "
    "sir lady lord judge justice chief deputy ambassador spokesman spokeswoman spokesperson".split())
TITLE_AND_CALENDAR_WORDS = _CALENDAR  # capitalised words before a name that are no name of their own


# A name and the version or number that picks one of its kind: "Python 3.6.0", "iOS 13",
# "Mercurial 5.2", "Apollo 11", "Article 5". Years (four digits) are dates, not versions.
_VERSIONED = re.compile(rf"(?<![\w-])([{_UPPER}][\w+#]*)\s+v?(\d+(?:\.\d+)+|\d{{1,3}})(?![\w-]|\.\d)")


_VERSION_WORD = re.compile(r"\b(?:[Vv]ersion|[Rr]elease)\s+v?(\d+(?:\.\d+)+)(?![\w-]|\.\d)")


def _version(number: str) -> str:
    return re.sub(r"(\.0)+$", "", number)


def _same_version(a: str, b: str) -> bool:
    """"3.6.0" and "3.6" are one version; "3" and "3.6.1" are too (a series and its release);
    "3.0" and "3.6" are not."""
    return _version(a) == _version(b) or a.startswith(b + ".") or b.startswith(a + ".")


_NOT_VERSIONED = frozenset(w.capitalize() for w in _CALENDAR | _NOT_NAMES) | _CALENDAR | _NOT_NAMES | {"Version", "Release"}


def asked_versions(question: str) -> dict[str, str]:
    """The versioned names of a question: {"Python": "3.6.0"} for "When was Python 3.6.0 released?".
    A whole number counts only where it closes the name ("What is new in Windows 10?"): "Did
    NATO send 300 troops?" counts troops."""
    return {m.group(1): m.group(2) for m in _VERSIONED.finditer(question)
            if m.group(1).lower() not in _NOT_NAMES and m.group(1).lower() not in _CALENDAR
            and ("." in m.group(2) or _CLOSES_NAME.match(question, m.end()))}


_CLOSES_NAME = re.compile(r"\s*([?.!,;:)]|$|\s(and|or|vs\.?|versus)\b)")


def names_other_version(sentence: str, question: str, passage: str = "") -> bool:
    """Whether the sentence speaks of another version of a thing the question asks about by its
    version: asked "When was Python 3.6.0 released?", "Python 3.0 was released on December 3,
    2008" tells another release's date and answers nothing, as "Mercurial 5.2 was released on
    November 5, 2019" does (another thing's release, the asked thing unnamed). A sentence that
    also gives the asked version anywhere ("Python 3.5, 3.6, and 3.7 were released") is about it
    too. A bare "version 1.0" is the asked thing's only where its `passage` (the sentence when not
    given) names the thing: asked about Rust 1.0, "version 1.0 came out in March 2008" in a
    passage on Mercurial is Mercurial's."""
    versions = asked_versions(question)
    if not versions:  # most questions name no version: nothing more to read
        return False
    # another thing's release ("Mercurial 5.2"); a whole number after a name ("PEP 498", "Top
    # 10") may be no release, and is no reason to drop a sentence that answers with "it"
    others = {m.group(1) for m in _VERSIONED.finditer(sentence) if "." in m.group(2)} - set(
        question_names(question)) - _NOT_VERSIONED
    for name, asked in versions.items():
        named = [m.group(2) for m in _VERSIONED.finditer(sentence) if m.group(1) == name]
        word = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
        if others and not named and not word.search(sentence):
            return True  # "Mercurial 5.2 was released on November 5, 2019", asked of Python 3.6.0
        bare = _VERSION_WORD.findall(sentence)  # "version 1.0 came out in March 2008"
        if bare and not named and not word.search(passage or sentence):
            return True
        told = named + bare
        if not told or any(_same_version(v, asked) for v in told):
            continue
        numbers = re.findall(r"(?<![\w.])\d+(?:\.\d+)*(?![\w-]|\.\d)", sentence)
        if not any(_version(n) == _version(asked) for n in numbers):
            return True
    return False


_YEAR = r"(1[89]\d\d|20\d\d)"
# Before a year that does not scope the question to it: "since 1997", "after 2014", "between
# 2000 and…" ask about a span, which later or earlier years tell
_OPEN_BEFORE = re.compile(r"\b(after|since|before|until|till|by|from|between|through|to|and|prior to|as of|"
                          r"beyond|past|post|pre)\s+((early|late|mid)[\s-]+)?$", re.IGNORECASE)
# A name that ends in a year is a name ("Euro 2020", "Windows 2000", "Vision 2030"), not a time
_NAME_BEFORE = re.compile(rf"(?<![\w'’])[{_UPPER}][\w-]*\s+$")
_YEAR_SPAN = re.compile(rf"\b{_YEAR}\s*(?:[–—-]|to|and|until|through)\s*{_YEAR}\b|\b{_YEAR}s\b|\b{_YEAR}\b")


_THE_BEFORE = re.compile(r"\bthe\s+(?=((early|late|mid)[\s-]+)?$)", re.IGNORECASE)


def asked_years(question: str) -> set[int]:
    """The years a question is scoped to: {2015} for "What was Mozilla's revenue in 2015?" and
    "…the 2019 tally…", 1970 to 1979 for "…in 1970s catalogs?"; none for a span's ends ("since
    1997", "between 2000 and 2016", "after the 1990s") or a name's year ("Who won Euro 2020?")."""
    years = set()
    for match in re.finditer(rf"\b{_YEAR}\b(?!s)", question):
        before = question[: match.start()]
        if _OPEN_BEFORE.search(before) or _NAME_BEFORE.search(before):
            continue
        if re.match(r"\s*(?:[–—-]|to|and)\s*\d", question[match.end():]):
            continue
        years.add(int(match.group(1)))
    # a decade scopes it to its ten years: "What share of the toys in 1970s Sears catalogs…?" is
    # not answered by "In 1925, about half the toys…"
    for match in re.finditer(r"\b(1[89]\d0|20\d0)s\b", question):
        before = question[: match.start()]
        span_end = _OPEN_BEFORE.search(_THE_BEFORE.sub("", before))  # "since the late 1980s" as "since late 1980s"
        if not (span_end or _NAME_BEFORE.search(before)):
            decade = int(match.group(1))
            years.update(range(decade, decade + 10))
    return years


_RELATIVE_YEAR = re.compile(r"\b(this|last|next|previous|coming) year\b", re.IGNORECASE)
# a year told, for "In what year…?": a year of any century ("in 1492", "the 1990s", "'80s"), one
# counted from the page's ("last year"), or one counted from another ("that year", "a year later")
_YEAR_TOLD = re.compile(rf"(?<![\d,.$€£])\b(1\d\d\d|20\d\d)s?\b(?![,.]\d)|['’]\d\ds\b|{_RELATIVE_YEAR.pattern}|"
                        r"\b(the following|the same|that) year\b|\byears? (ago|earlier|later|before|after)\b", re.IGNORECASE)
_YEAR_OFFSET = {"this": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}


def tells_other_years_only(sentence: str, question: str, dated: str = "") -> bool:
    """Whether the sentence dates what it tells by years, none of them one the question is
    scoped to (`asked_years`): asked "What was Mozilla's total revenue in 2015?", "…their total
    revenue for 2011 was $163 million, up 33% from $123 million in 2010" tells other years'
    revenue. A span or a decade that holds the asked year ("from 2010 to 2016", "the 2010s")
    may be about it; a sentence with no year may be too (its year told elsewhere). With the
    page's date (`dated`, ISO), "this year", "last year" and "next year" are years too: asked
    about 2018, "…killed so far this year" on a page of 2019 tells 2019's toll."""
    asked = asked_years(question)
    if not asked:
        return False
    told = False
    if re.match(r"(1[89]|20)\d\d-", dated):
        for match in _RELATIVE_YEAR.finditer(sentence):
            told = True
            if int(dated[:4]) + _YEAR_OFFSET[match.group(1).lower()] in asked:
                return False
    for match in _YEAR_SPAN.finditer(sentence):
        if match.group(1):
            low, high = int(match.group(1)), int(match.group(2))
        elif match.group(3):
            low = int(match.group(3))
            high = low + 9
        else:
            low = high = int(match.group(4))
        told = True
        if any(low <= year <= high for year in asked):
            return False
    return told

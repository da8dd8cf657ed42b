"""An article's metadata: title, outlet, publication date and author, from whatever the file offers.

HTML pages carry it in trafilatura's metadata, JSON-LD and Open Graph (`html.py` gathers those);
plain-text and markdown files carry at most a title line, a byline ("By Jane Doe"), a date line
("Published: January 14, 2022") or the article's own URL with a date in its path. The functions
here are pure (strings in, strings out) so each rule can be tested on its own.

Conventions: dates are ISO `YYYY-MM-DD` or `""`; an outlet is a name that reads naturally after
"According to" ("The Guardian", "Reuters", "VICE"), never a bare domain when the page names
itself; an author is a person (or a wire service), never the outlet itself or a desk label.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date as _date

THIN_WORDS = 60  # fewer words than this and a "page" is most likely a caption, a teaser or a paywall stub

_MONTHS = {
    name: number
    for number, names in enumerate(
        [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
         ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
         ("october", "oct"), ("november", "nov"), ("december", "dec")],
        start=1,
    )
    for name in names
}
_MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|nesday|sday|urday)?\.?,?\s+)?"
# Each pattern names its parts; all are matched case-insensitively and anchored by the caller.
_DATE_PATTERNS = [
    re.compile(r"(?P<y>(?:19|20)\d\d)-(?P<m>\d\d)-(?P<d>\d\d)(?:[T ][\d:.]+(?:Z|[+-]\d\d:?\d\d)?)?", re.I),
    re.compile(r"(?P<y>(?:19|20)\d\d)/(?P<m>\d\d?)/(?P<d>\d\d?)", re.I),
    re.compile(_WEEKDAY + r"(?P<mon>" + _MONTH + r")\s+(?P<d>\d\d?)(?:st|nd|rd|th)?,?\s+(?P<y>(?:19|20)\d\d)", re.I),
    re.compile(_WEEKDAY + r"(?P<d>\d\d?)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>" + _MONTH + r"),?\s+(?P<y>(?:19|20)\d\d)", re.I),
    # day.month.year, the European order (DW titles: "| DW | 19.01.2020"); never month/day/year
    re.compile(r"(?P<d>\d\d?)\.(?P<m>\d\d?)\.(?P<y>(?:19|20)\d\d)", re.I),
]


def _iso(year: int, month: int, day: int) -> str:
    try:
        return _date(year, month, day).isoformat()
    except ValueError:
        return ""


def _from_match(match: re.Match[str]) -> str:
    parts = match.groupdict()
    month = _MONTHS[parts["mon"].lower().rstrip(".")] if parts.get("mon") else int(parts["m"])
    return _iso(int(parts["y"]), month, int(parts["d"]))


def parse_date(text: str) -> str:
    """ISO date of a string that *is* a date ("Jan. 14, 2022", "2020-01-19T12:25:36Z",
    "Monday, 6 January 2020", "19.01.2020"), else "". Ambiguous 01/02/2022 forms are refused."""
    text = text.strip().strip(".,;:|()[]").strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _from_match(match)
    return ""


def find_date(text: str) -> tuple[str, re.Match[str] | None]:
    """The first date written anywhere inside `text` (ISO) and its match, or ("", None)."""
    best: re.Match[str] | None = None
    for pattern in _DATE_PATTERNS:
        for match in re.finditer(r"(?<![\w/.-])(?:" + pattern.pattern + r")(?![\w/-])", text, re.I):
            if _from_match(match) and (best is None or match.start() < best.start()):
                best = match
            break
    return (_from_match(best), best) if best else ("", None)


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d?)[/-](\d\d?)(?=[/_-]|$)")
_URL_MONTH = re.compile(r"/((?:19|20)\d\d)/(\d\d?)(?=/)")


def date_in_url(url: str) -> str:
    """The full date in a URL path: /2022/01/14/… or /2019-10-22-…, else ""."""
    path = url.split("://", 1)[-1].partition("/")[2]
    match = _URL_DATE.search("/" + path)
    return _iso(int(match.group(1)), int(match.group(2)), int(match.group(3))) if match else ""


def month_in_url(url: str) -> str:
    """"YYYY-MM" when the URL path has /YYYY/MM/ but no day, else ""."""
    path = url.split("://", 1)[-1].partition("/")[2]
    match = _URL_MONTH.search("/" + path)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return ""
    return f"{match.group(1)}-{int(match.group(2)):02d}"


_COPYRIGHT_START = re.compile(r"(?:©|&copy;|\(c\)|copyright)\s*((?:19|20)\d\d)\s*(?:-|–|—|to\b)", re.I)


def is_copyright_start(date: str, html: str) -> bool:
    """Whether `date` is only the first year of a copyright range ("©1998–2015" → "1998-01-01").

    htmldate falls back on a page's copyright notice and dates it 1 January of a year; the
    range's first year is when the site began, never when the page was published, and a source
    dated decades early misleads a reader more than one shown without a date.
    """
    if not date.endswith("-01-01"):
        return False
    return any(m.group(1) == date[:4] for m in _COPYRIGHT_START.finditer(html))


_NAMESPACE_DATE = re.compile(r"(?:w3\.org|purl\.org|xmlns\.com|ogp\.me)/(?:[\w.-]+/)*((?:19|20)\d\d)/(\d\d)/", re.I)


def is_namespace_date(date: str, html: str) -> bool:
    """Whether `date` is only the /YYYY/MM/ of a vocabulary's address ("http://www.w3.org/2000/01/
    rdf-schema#" → "2000-01-01").

    htmldate reads dates out of any URL in the page, and the RDFa prefixes that Drupal writes on
    every page's <html> tag carry the year the vocabulary was published; that is never when the
    page was, and a page dated 2000 misleads a reader more than one shown without a date.
    """
    if not date.endswith("-01"):
        return False
    return any(f"{m.group(1)}-{m.group(2)}" == date[:7] for m in _NAMESPACE_DATE.finditer(html))


def copyright_holder(notice: str) -> str:
    """The name a copyright notice gives ("Copyright (c) Condé Nast 2019" → "Condé Nast"): the
    site's owner, which a page's author tag sometimes names instead of a writer."""
    name = re.sub(r"(?i)copyright|\(c\)|©|&copy;|all rights reserved\.?|\b(?:19|20)\d\d\b|[-–—,.]", " ", notice)
    return " ".join(name.split())


# ---- names ---------------------------------------------------------------------------------------
def _squash(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "", name.lower())


def host_of(url: str) -> str:
    host = url.split("://", 1)[-1].split("/", 1)[0].split(":", 1)[0].lower()
    return host[4:] if host.startswith("www.") else host


def domain_label(url_or_host: str) -> str:
    """The registrable label of a host: "luxuryhaven" for www.luxuryhaven.co, "dw" for dw.com,
    "nationalgeographic" for nationalgeographic.co.uk."""
    parts = host_of(url_or_host).split(".")
    if len(parts) >= 3 and parts[-2] in ("co", "com", "org", "net", "ac", "gov") and len(parts[-1]) == 2:
        parts = parts[:-2]
    elif len(parts) >= 2:
        parts = parts[:-1]
    return parts[-1] if parts else ""


_DOMAIN_LIKE = re.compile(r"^[\w-]+(?:\.[a-z]{2,})+$", re.I)


def is_domain_like(name: str, url: str = "") -> bool:
    """"DW.COM", "Salon.com", "luxuryhaven.co", or the bare label "pcgamer"/"themercurynews"."""
    name = name.strip()
    if _DOMAIN_LIKE.match(name):
        return True
    label = domain_label(url) if url else ""
    return bool(label) and name.islower() and " " not in name and label in _squash(name)


_TITLE_DOMAIN = re.compile(r"^[A-Za-z][\w-]*\.(?:com|net|org)(?:\.[a-z]{2})?$")


def domain_in_title(title: str) -> str:
    """The site a page names at either end of its title when nothing else names it
    ("LWN.net Weekly Edition for March 26, 2015" -> "LWN.net"): a better attribution than the
    whole title. "" when neither end is a domain."""
    words = title.split()
    for word in (words[0], words[-1]) if words else ():
        word = word.strip("()[]|,:;–—-")
        if _TITLE_DOMAIN.match(word):
            return word
    return ""


_SITE_SUFFIX_NAME = re.compile(r"^(?:[A-Z0-9][\w.&'’!-]*)(?: (?:[A-Z0-9][\w.&'’!-]*|of|the|and|&))*$")


# Words that name a page's section, not its outlet: a newspaper's blog that calls itself
# "Opinion Blog" in og:site_name while its <title> ends "| Dallas Morning News".
_SECTION_WORDS = {"the", "opinion", "opinions", "blog", "blogs", "news", "letters", "editorial", "editorials",
                  "comment", "commentary", "home", "homepage", "page", "docs", "documentation", "latest", "section",
                  "views", "politics", "sports", "business",
                  "to", "editor", "editors", "video", "videos", "photos", "gallery"}


def is_section_label(name: str) -> bool:
    """Whether a site name is only section words ("Opinion Blog", "News"), no outlet's name."""
    words = re.findall(r"[a-z0-9]+", name.lower())  # "247Sports" is a name, not the word "sports"
    return bool(words) and all(w in _SECTION_WORDS for w in words)


def split_title(title_tag: str) -> list[str]:
    """The segments of a page's <title> between its separators ("Tips | Nutrition | CDC"),
    spaces squashed and trimmed; [""] for no title."""
    return _TITLE_SEPARATOR.split(re.sub(r"\s+", " ", title_tag or "").strip())


def site_in_title_suffix(title_tag: str, page_html: str, times: int = 3) -> str:
    """The site a page names after its title when nothing else names it ("Olivia Munn: Queen
    of the Uncool - BusinessWeek" -> "BusinessWeek", "… opposition | Tulsa World" -> "Tulsa
    World"): the last segment of the page's <title>, when it is a short name (at most four
    words, each capitalised or a joining word), no date, and written at least twice more on the
    page (a logo, a copyright line), so that a section word ("… - Opinion") seldom passes. ""
    when it is none. `times` is how often the page must write it, the <title> included: twice
    will do where the site's own name is known to be a section's."""
    parts = split_title(title_tag)
    if len(parts) < 2 or len(" ".join(parts[:-1])) < 8:
        return ""
    last = parts[-1].strip()
    if not last or len(last.split()) > 4 or not _SITE_SUFFIX_NAME.match(last) or parse_date(last):
        return ""
    return last if page_html.count(last) >= times and not is_section_label(last) else ""


def subdomain_labels(url: str) -> list[str]:
    """The host's labels before its registrable one: ["hosted"] for hosted.ap.org, [] for
    www.cnn.com ("www" is none)."""
    parts = host_of(url).split(".")
    label = domain_label(url)
    return parts[: parts.index(label)] if label in parts else []


def dateline_credit(text: str) -> str:
    """The agency a story's opening dateline credits ("AP" for "LONDON (AP) — Britain's…",
    `qa.text.names.DATELINE`), or "". A place in capitals opens the dateline, so a sentence's
    own brackets are none."""
    from ..text.names import DATELINE

    match = DATELINE.match(text.lstrip())
    return (match.group("credit") or "").strip() if match else ""


def readable_domain(url: str) -> str:
    """A domain as a name when nothing better exists: "www.luxuryhaven.co" -> "Luxuryhaven.co"."""
    host = host_of(url)
    return host[:1].upper() + host[1:] if host else ""


def spelled_domain(label: str, page_text: str) -> str:
    """How the page itself spells its domain as a name: "Luxury Haven" for luxuryhaven,
    "Boing Boing" for boingboing. The most frequent capitalised spelling wins; "" if none."""
    letters = [c for c in label.lower() if c.isalnum()]
    if len(letters) < 3:
        return ""
    body = r"[\s-]?".join(re.escape(c) for c in letters)
    counts: dict[str, int] = {}
    for match in re.finditer(r"(?<![\w.@/-])(?:[Tt]he\s)?" + body + r"(?![\w-]|\.[a-z])", page_text, re.I):
        form = match.group(0)
        if form != form.lower() and "\n" not in form:  # a written name, not a URL or an id
            counts[form] = counts.get(form, 0) + 1
    if not counts:
        return ""
    return max(counts, key=lambda f: (counts[f], " " in f, f))


# a run of capitalised words, maybe after "The": "The New York Times", "City A.M.", "Wall Street Journal"
_CAPITALISED_RUN = re.compile(r"(?<![\w.&'’-])((?:[Tt]he\s)?[A-Z][\w.&'’-]*(?:\s(?:[A-Z][\w.&'’-]*|&)){0,5})")


def expanded_domain(label: str, page_text: str) -> str:
    """The name a domain abbreviates, as the page writes it: "The New York Times" for nytimes
    (initials, then whole words), "City A.M." for cityam, "Wall Street Journal" for wsj. The
    most frequent form wins, "The …" counted apart; "" if the page writes none."""
    label = label.lower()
    if len(label) < 3:
        return ""
    counts: dict[str, int] = {}
    for match in _CAPITALISED_RUN.finditer(page_text):
        words = match.group(1).split()
        for i in range(len(words)):
            if i > 0 and words[i - 1].lower() == "the":
                continue  # counted with its article, as "The New York Times"
            for j in range(i + 2, len(words) + 1):
                run = words[i:j]
                core = run[1:] if run[0].lower() == "the" else run
                if len(core) < 2 or "&" in (core[0], core[-1]):
                    continue
                if any("".join(w[0] for w in core[:k]).lower() + _squash("".join(core[k:])) == label
                       for k in range(len(core) + 1)):
                    form = " ".join(run)
                    if form.endswith(".") and "." not in form.split()[-1][:-1]:
                        form = form[:-1]  # a sentence's full stop ("…the Herald Sun."), not "City A.M."
                    counts[form] = counts.get(form, 0) + 1
    if not counts:
        return ""
    return max(counts, key=lambda f: (counts[f], f.lower().startswith("the "), len(f)))


def _domain_as_written(label: str, subdomains: list[str], page_text: str) -> str:
    """The outlet a domain names, as its page writes it, when the page names itself nowhere:
    the registrable label spelled ("Luxury Haven"; "NPR", "POLITICO" as the brand writes itself
    most; "CNN" for money.cnn.com) or expanded ("New York Daily News" for nydailynews), else the
    same of the host's word right before it ("ABC News" for abcnews.go.com, whose "go" is a host,
    not a brand). "" if the page writes none."""
    for word in [label, *subdomains[-1:]]:
        if len(word) < 3 or word == "www":
            continue
        found = spelled_domain(word, page_text) or expanded_domain(word, page_text)
        if found and not is_section_label(found):  # "Videos" for videos.gulflive.com names a section
            return re.sub(r"^the\b", "The", found)
    return ""


def _same_name(a: str, b: str) -> bool:
    sa, sb = _squash(a), _squash(b)
    if not sa or not sb:
        return False
    sa, sb = sa.removeprefix("the"), sb.removeprefix("the")
    return sa == sb or (min(len(sa), len(sb)) >= 4 and (sa in sb or sb in sa))


_EDITIONS = r"(?:US|UK|USA|U\.S\.|U\.K\.|UK edition|US edition|Canada|Australia|Asia|Europe|India|International|Global)"
_EDITION = re.compile(rf"\s+{_EDITIONS}$")
# a site name that is only an edition ("U.S." on a Reuters page) names a section, not the outlet
_EDITION_ONLY = re.compile(rf"^{_EDITIONS}$", re.IGNORECASE)


_COMPANY = re.compile(r",?\s+(?:Inc|Incorporated|LLC|L\.L\.C|Ltd|Limited|GmbH|AG|plc|PLC|S\.A|Corp)\.?$")


def _without_tagline(name: str, url: str, candidates: list[str]) -> str:
    """"Yahoo News - Latest News & Headlines" -> "Yahoo News": a site name with a tagline or a
    section beside it keeps the part that names the outlet: the part that is the page's domain
    or another of its names ("Opinion | The Washington Post" -> "The Washington Post"), else the
    first part, where sites put their brand. A part that is a domain is the name's last resort,
    unless the site writes it as its brand beside a section's name (Head-Fi.org, below)."""
    parts = [p for p in _TITLE_SEPARATOR.split(name) if p.strip(" |-–—:")]
    if len(parts) < 2:
        return name
    # a part that is the domain ("The Jerusalem Post | JPost.com") gives way to the name beside
    # it, unless the site writes its domain as its brand, in capitals ("Headphone Reviews and
    # Discussion - Head-Fi.org": a forum's section beside it), and the name beside it is not what
    # the domain spells or abbreviates; a domain written as an address ("pixelmonkey.org -
    # Andrew Montalenti's blog") names no brand
    domains = [p.strip() for p in parts if _DOMAIN_LIKE.match(p.strip()) and p.strip() != p.strip().lower()]
    words = [p for p in parts if not _DOMAIN_LIKE.match(p.strip())]
    if domains and words and not any(
        spelled_domain(domain_label(d), w) or expanded_domain(domain_label(d), w) for d in domains for w in words
    ):
        return domains[0]
    parts = words or parts
    label = domain_label(url) if url else ""
    others = [c for c in candidates if c and c.strip() != name]
    for part in parts:
        if (label and _same_name(part, label)) or any(_same_name(part, other) for other in others):
            return part
    return parts[0]


def choose_outlet(candidates: list[str], url: str = "", page_text: str = "", attribution: str = "") -> str:
    """The outlet name to write after "According to".

    `candidates` are the names the page gives itself, best source first (JSON-LD publisher,
    meta publisher, og:site_name, application-name, trafilatura's sitename). A name that is
    a domain ("DW.COM", "luxuryhaven.co") gives way to any real name; when there is none,
    the page's own spelling of its domain ("Luxury Haven") or a readable domain is used.
    `attribution` is an explicit "This article originally appeared on VICE US" found in the
    text; it wins, without an edition tag when it names the same outlet as the page ("VICE").
    """
    names = []
    # a site name that is only a word of the host before its domain ("Hosted" on hosted.ap.org)
    # names the server, not the outlet
    subdomains = set(subdomain_labels(url)) if url else set()
    for raw in candidates:
        if _squash(raw or "") in subdomains or _EDITION_ONLY.match((raw or "").strip()):
            continue
        name = re.sub(r"\s*\((?:www\.)?[\w.-]+\.[a-z]{2,}\)$", "", (raw or "").strip())  # "Deutsche Welle (www.dw.com)"
        # "Belize News and Opinion on www.breakingbelizenews.com": where the name is found, not part of it
        name = re.sub(r"\s+(?:on|at)\s+(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/?$", "", name)
        name = re.sub(r"\s+", " ", name).strip(" |-–—:")
        if name and not name.startswith(("http://", "https://", "@")) and len(name) <= 60:
            names.append(_without_tagline(name, url, candidates))
    # "the Guardian" -> "The Guardian"; a brand written in lower case stays so ("pv magazine")
    real = [re.sub(r"^the\b", "The", n) for n in names if not is_domain_like(n, url)]
    outlet = real[0] if real else ""
    company = _COMPANY.sub("", outlet)
    if company != outlet:
        # a company ("Wikimedia Foundation, Inc.") publishes the outlet; the page's own spelling
        # of its domain names the outlet ("Wikipedia"), else the company without its suffix
        label = domain_label(url) if url else ""
        spelled = spelled_domain(label, page_text) if label and page_text and not _same_name(label, company) else ""
        outlet = spelled if spelled and spelled != spelled.lower() else company
    if not outlet:
        label = domain_label(url) if url else ""
        if not label and names:
            label = domain_label(names[0]) if _DOMAIN_LIKE.match(names[0]) else _squash(names[0])
        spelled = _domain_as_written(label, subdomain_labels(url) if url else [], page_text) if page_text else ""
        if spelled:
            outlet = spelled
        elif names:
            outlet = names[0] if names[0] != names[0].lower() else readable_domain(names[0])
        elif url:
            outlet = readable_domain(url)
    label = domain_label(url) if url else ""
    if outlet and page_text and label and _squash(outlet) == label and " " not in outlet and outlet != outlet.upper():
        # the domain written as a name ("NYTimes", "CityAM") gives way to what it abbreviates
        # ("The New York Times", "City A.M.") when the page writes that; an acronym ("BBC") stays
        outlet = re.sub(r"^the\b", "The", expanded_domain(label, page_text)) or outlet
    if attribution:
        base = _EDITION.sub("", attribution).strip()
        if outlet and base != attribution and _same_name(base, outlet):
            return base  # "VICE US" on a VICE page -> "VICE"
        return attribution
    return outlet


# ---- titles --------------------------------------------------------------------------------------
_SEPARATORS = r"\||–|—|--|-|::|·|•|»"  # between a title's segments ("… | DW", "… -- Sott.net")
_TITLE_SEPARATOR = re.compile(rf"\s+(?:{_SEPARATORS})\s+")


def _name_and_section(segment: str, name: str) -> bool:
    """Whether a title's segment is a site's name with a section after it ("CNN Politics",
    "CNN Business" for CNN)."""
    words, name_words = segment.split(), name.split()
    return (0 < len(name_words) < len(words) and _same_name(" ".join(words[: len(name_words)]), name)
            and is_section_label(" ".join(words[len(name_words):])))


def clean_title(title: str, site_names: list[str], url: str = "") -> tuple[str, str]:
    """Title without the site suffix, and a date found in that suffix.

    "Berlin confronts … | DW | 19.01.2020" -> ("Berlin confronts …", "2020-01-19"). Only
    trailing segments that are one of `site_names` (the site's names and the page's writers:
    "… whale strandings | Eleanor Ainge Roy"), the site's domain or a date are removed, so
    "Letters: Coddling criminals | Undermining road | Tax dollars" keeps every segment. A leading
    segment that is a site name goes the same way ("TechCrunch | 2005 Zuckerberg…").
    """
    title = re.sub(r"\s+", " ", title or "").strip()
    names = [n for n in site_names if n] + ([domain_label(url), host_of(url)] if url else [])
    found_date = ""
    while True:
        parts = _TITLE_SEPARATOR.split(title)
        if len(parts) < 2:
            break
        last = parts[-1].strip()
        head = title[: title.rfind(last)].rstrip()
        head = re.sub(rf"(?:\s+(?:{_SEPARATORS}))+$", "", head).strip()
        if len(head) < 8:
            break
        as_date = parse_date(last)
        if as_date:
            found_date = found_date or as_date
        elif not any(_same_name(last, n) or _name_and_section(last, n) for n in names):
            break
        title = head
    # a site name written whole before the headline goes ("LinkNaija | Nigeria's popular news
    # platform: Nollywood Actress…", the page's `og:site_name` and a colon)
    for name in sorted((n.strip() for n in site_names if n and len(n.split()) >= 2), key=len, reverse=True):
        rest = re.match(re.escape(name) + rf"\s*(?::|{_SEPARATORS})\s+(.{{8,}})$", title)
        if rest:
            title = rest.group(1).strip()
            break
    # a leading segment that names the site ("TechCrunch | 2005 Zuckerberg Didn't Want…") goes too:
    # a short name, not a clause that mentions it ("How we designed Dropbox's ATF - an async…")
    first = _TITLE_SEPARATOR.split(title, maxsplit=1)
    lead = first[0].strip()
    if (len(first) == 2 and len(first[1].strip()) >= 8 and len(lead.split()) <= 4 and _SITE_SUFFIX_NAME.match(lead)
            and any(_same_name(lead, n) for n in names)):
        title = first[1].strip()
    return title, found_date


# ---- authors -------------------------------------------------------------------------------------
# Bylines that name a desk or a page section, not a writer (generic, not per site).
# a firm's name is no byline: a site builder's credit in the author tag ("Merit Designs
# Consulting Group, 2006-2020" on dominicantoday.com)
_FIRM = re.compile(r"\b(?:inc|llc|ltd|corp|corporation|consulting(?: group)?|group|agency|designs)\.?$", re.I)
_NOT_A_PERSON = re.compile(
    r"^(?:the\s+)?(?:letters?(?: to the editor)?|editors?|editorial(?: board| staff)?|staff(?: writers?| reporters?)?|"
    r"admin(?:istrator)?|news ?desk|web ?desk|desk|contributors?|guest(?: author| writer)?|team|"
    r"anonymous|unknown|reader|readers|user(?:name)?|"
    # a byline's label with no name after it ("Written By" on a Nexxis post, "The Author" on an Amazon page)
    r"authors?|(?:written|posted|published|reported)(?: by)?|by)$",
    re.I,
)


# a job title standing where a name should ("AP National Security Writer", "Senior Editor")
_JOB_TITLE = re.compile(r"\b(?:writer|correspondent|editor|reporter|columnist|contributor|producer)s?$", re.I)


def _owned_by(outlet: str, person: str) -> bool:
    """ "Daniel Lemire's blog" is owned by "Daniel Lemire"; so is a personal site named after its
    writer with a handle ("Bradley M. Kuhn ( Brad ) ( bkuhn )" by "Bradley M Kuhn")."""
    if re.match(re.escape(person) + r"['’]s?\s", outlet, re.I):
        return True
    named, _, handle = outlet.partition("(")
    return bool(handle) and len(person.split()) >= 2 and _squash(named) == _squash(person)


# Where a byline runs on into its date line: a date label ("Last Updated: January 7"), or a
# month name that ends the part or precedes a day ("By Nathan Willis<br>March 25, 2015").
_DATE_IN_BYLINE = re.compile(
    r"\b(?i:(?:last\s+)?updated|published|posted\s+on)\b|"
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b(?=\s*(?:\d|$))")


def _without_date(part: str) -> str:
    """`part` up to a date that follows the name, when at least two words of a name stay
    ("Nathan Willis March" -> "Nathan Willis", but "Fredric March" stays); a part that is only a
    date line ("Last Updated January 7") is none."""
    match = _DATE_IN_BYLINE.search(part)
    if match is None:
        return part
    name = part[: match.start()].strip(" ,|·•–—-:")
    if not name:
        return ""
    return name if len(name.split()) >= 2 else part


# An e-mail address that trafilatura turned into a name ("kmeinke@mlive.com" -> "Kmeinke Com", beside
# "Kyle Meinke"): its last word is a top-level domain, which ends no person's name.
_MAIL_AS_NAME = re.compile(r"\s(?i:com|net|org|edu|gov|co\s+uk|ac\s+uk)$")

# A site widget's text in the author slot ("Account You're logged in as…"): a contraction is no
# part of a name.
_CONTRACTION = re.compile(r"[A-Za-z]['’](?i:re|ve|ll|m|d)\b|n['’]t\b")

_CAPITALS_THEN_TITLE = re.compile(r"^((?:[A-Z][A-Z.'’-]+ ){1,3}[A-Z][A-Z.'’-]+) (?:[A-Z][a-z][\w'’-]*(?: |$))+$")


def clean_author(author: str, outlet_names: list[str]) -> str:
    """A byline worth showing: no URLs, no outlet-as-author, no desk labels; "A; B" -> "A and B"."""
    import html as _html

    people = []
    for part in re.split(r"\s*(?:;|\||\s&\s|\sand\s)\s*", _html.unescape(author or "")):
        part = re.sub(r"\s+", " ", part).strip(" ,")
        # "By Jane Doe", "Posted by Jane Doe", a theme's author link "View all posts by Jane Doe",
        # the kind of piece before it ("Analysis by Chris Cillizza", "Opinion by…")
        part = re.sub(r"^(?:(?:view |see )?(?:all |more )?(?:posts |articles |stories )?|written |reported |words |text |posted |"
                      r"analysis |opinion |commentary |review |interview |photos |video )?by:?\s+",
                      "", part, flags=re.I)
        # a book's editor credit ("Revised Edition Edited by Adrian Parr", a reference work's entry)
        part = re.sub(r"^(?:(?:revised|new|second|third|\d+(?:st|nd|rd|th)) edition,? )?"
                      r"(?:edited|compiled|translated) by:?\s+", "", part, flags=re.I)
        part = _without_date(part)
        # a link after the name, its punctuation lost ("Bradley M Kuhn http"): the name alone
        part = re.sub(r"\s+(?i:https?|www)\b.*$", "", part)
        # a name in capitals run into the byline's next field ("JILL LAWLESS Associated Press",
        # the writer and her credit line): the name alone
        part = _CAPITALS_THEN_TITLE.sub(r"\1", part)
        if not part or part.startswith(("http://", "https://", "@", "www.")) or "/" in part or "@" in part:
            continue
        if re.match(r"via\s", part, re.I):
            continue  # who passed it on, not who wrote it: a link aggregator's "via scvalex", "Via Reuters"
        if re.fullmatch(_MONTH, part, re.I):
            continue  # a date's month alone ("Dec", from "Dec 17, 2025" read as a byline) is no writer
        if _MAIL_AS_NAME.search(part) or _CONTRACTION.search(part):
            continue
        part = re.sub(r"\s+(?:19|20)\d\d$", "", part)  # a year after the name ("Jane Doe 2014") is the date's
        # any other number standing as a word is no part of a name: trafilatura read an ad slot's
        # script ("googletag.cmd.push(… 'dfp_ad_pg_author_sec_1')", in a box whose class says
        # "author") as "Googletag Cmd Push Dfp Ad Pg Author Sec 1"
        if re.search(r"(?<![\w.'’-])\d+(?![\w.'’-])", part):
            continue
        # the outlet is no author ("Deutsche Welle", "Luxurious"), unless it is named after its
        # owner: "Daniel Lemire's blog" is Daniel Lemire's
        if _NOT_A_PERSON.match(part) or _FIRM.search(part) or any(
                _same_name(part, n) and not _owned_by(n, part) for n in outlet_names if n):
            continue
        if re.search(r"\b(?:news ?desk|web ?desk|staff)\b", part, re.I) or _JOB_TITLE.search(part):
            continue
        # the outlet's desk or section ("CNN Business" beside outlet "CNN") is no writer either
        if any(n and part.lower().startswith(n.lower() + " ") for n in outlet_names):
            continue
        # one writer named twice, once in capitals ("Jeffrey Gettleman and JEFFREY GETTLEMAN"):
        # once, as a name is written
        same = [i for i, p in enumerate(people) if p.lower() == part.lower()]
        if not same:
            people.append(part)
        elif people[same[0]].isupper() and not part.isupper():
            people[same[0]] = part
    # a name opening with "The" beside a person's is the paper credited, not a writer ("Joanna
    # Connors and The Plain Dealer")
    if any(not p.startswith("The ") for p in people):
        people = [p for p in people if not p.startswith("The ")]
    # one word beside full names is the credited source, not a writer ("Victor Tangermann and
    # Futurism", "Jill Disis and Reuters"); alone it may be an agency's byline ("AFP"), kept
    if any(len(p.split()) >= 2 for p in people):
        people = [p for p in people if len(p.split()) >= 2]
    # a name only ever written in capitals ("NATALIYA VASILYEVA") is shown as a name is written;
    # a one-word one may be an agency ("AFP")
    people = [p.title() if p.isupper() and len(p.split()) >= 2 else p for p in people]
    if len(people) <= 1:
        return people[0] if people else ""
    return ", ".join(people[:-1]) + " and " + people[-1]


# ---- byline and date lines in the text -----------------------------------------------------------
_PARTICLE = r"(?:de|van|von|der|den|da|del|di|du|la|le|bin|al|dos|das)"
_WORD = r"[A-Z][\w.'’-]*"
_NAME = _WORD + r"(?:\s+(?:" + _PARTICLE + r"\s+)*" + _WORD + r"){1,3}"  # two to four words: "Jane Doe", "J. R. Smith"
_NAMES = _NAME + r"(?:\s*(?:,|\band\b|&)\s*" + _NAME + r")*"
_BYLINE = re.compile(
    r"^(?i:(?:(?:written|reported|words|text|story|posted|published)\s+)?by:?)\s+"
    r"(?P<author>" + _NAMES + r")(?P<rest>(?:\s*(?:[,|·•–—-]|\b(?i:on|in)\b)\s*.*)?)$"
)
_TRAILING_BYLINE = re.compile(r"^(?i:by:?)\s+(?P<author>" + _NAMES + r")$")
_DATE_LABEL = re.compile(
    r"^(?:(?:first\s+)?(?:published|posted|updated|last updated|date|dated)(?:\s+on)?\s*:?\s*|on\s+)", re.I
)
_TIME = re.compile(r"\b\d\d?[:.]\d\d\s*(?:[ap]\.?m\.?)?(?:\s*(?:[A-Z]{2,4}|GMT[+-]?\d*|UTC))?\b|\b\d\d?\s*[ap]\.m\.", re.I)


@dataclass
class MetaLine:
    """What a byline/date line says; `rest` is what is left that is neither."""

    author: str = ""
    date: str = ""
    rest: str = ""


def parse_meta_line(line: str) -> MetaLine | None:
    """Recognise a line that is only a byline and/or a date, never prose.

    "By Jane Doe", "Written by: Julie Mollins", "By Jane Doe and John Roe | January 14, 2022",
    "Published: Jan. 14, 2022 10:02 AM ET", "January 14, 2022", "October 22, 2019 report".
    Returns None for anything else ("By the numbers", "By 2022 the plan had failed.").
    """
    line = re.sub(r"\s+", " ", line).strip()
    words = line.split()
    # a line ending like a sentence is prose; a year, "p.m." or an initial may end a byline
    ends_like_prose = re.search(r"[.!?]$", line) and not re.search(r"(?:\d{4}|\b[ap]\.m|\b[A-Z]|\bJr|\bSr)\.$", line)
    if not words or len(words) > 16 or ends_like_prose:
        return None
    result = MetaLine()
    byline = _BYLINE.match(line)
    rest = line
    if byline:
        if re.search(r"\d", byline.group("author")):
            return None
        result.author = byline.group("author").strip()
        rest = byline.group("rest")
    rest = _DATE_LABEL.sub("", rest.strip(" ,|·•–—-")).strip()
    found, match = find_date(rest)
    if match:
        result.date = found
        rest = (rest[: match.start()] + " " + rest[match.end() :]).strip()
        rest = _TIME.sub("", rest)
    rest = re.sub(r"^(?:[,|·•–—-]|\bon\b|\bat\b|\s)+|(?:[,|·•–—-]|\s)+$", "", rest, flags=re.I).strip()
    rest = _DATE_LABEL.sub("", rest).strip()
    trailing = _TRAILING_BYLINE.match(rest)
    if trailing and not result.author:  # "Posted on January 14, 2022 by Jane Doe"
        result.author, rest = trailing.group("author"), ""
    if not result.author and not result.date:
        return None
    if len(rest.split()) > (3 if result.author else 1):
        return None
    result.rest = rest
    return result


def thin_warning(metadata: dict, passages: int | None = None) -> str:
    """A one-line warning for the ingest report and the Library when a page's text looks thin.

    "1 passage: the page's text may not have been found" for a document whose metadata has
    `thin: True`; "" for a normal article. `passages` is its passage count when known.
    """
    if not metadata.get("thin"):
        return ""
    if passages is None:
        return "very little text: the page's text may not have been found"
    return f"{passages} passage{'' if passages == 1 else 's'}: the page's text may not have been found"

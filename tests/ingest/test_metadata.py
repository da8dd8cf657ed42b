"""Metadata rules one by one: dates, title suffixes, outlet names, authors, byline/date lines."""
from __future__ import annotations

import pytest

from qa.ingest import metadata as md


# ---- dates ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,iso", [
    ("2020-01-19T12:25:36Z", "2020-01-19"),
    ("2020-01-20T10:00:08+08:00", "2020-01-20"),
    ("2020-01-10 09:00:04", "2020-01-10"),
    ("January 14, 2022", "2022-01-14"),
    ("Jan. 14, 2022", "2022-01-14"),
    ("Sept 3 2019", "2019-09-03"),
    ("Monday, 6 January 2020", "2020-01-06"),
    ("6th of January, 2020", "2020-01-06"),
    ("19.01.2020", "2020-01-19"),  # day.month.year
    ("2022/01/14", "2022-01-14"),
])
def test_parse_date(text, iso):
    assert md.parse_date(text) == iso


@pytest.mark.parametrize("text", ["01/02/2022", "2022", "March", "31.02.2020", "Version 19.01.2020b", "the 2020 election"])
def test_parse_date_refuses_non_dates_and_ambiguous_ones(text):
    assert md.parse_date(text) == ""


def test_dates_in_urls():
    assert md.date_in_url("https://www.ocregister.com/2022/01/14/what-the-crises/") == "2022-01-14"
    assert md.date_in_url("https://phys.org/news/2019-10-22-flint-flake.html") == "2019-10-22"
    assert md.date_in_url("https://www.luxuriousmagazine.com/2019/06/royal-salute-polo-rome/") == ""
    assert md.month_in_url("https://www.luxuriousmagazine.com/2019/06/royal-salute-polo-rome/") == "2019-06"
    assert md.date_in_url("https://example.com/items/2019/13/45/") == ""  # not a date
    assert md.date_in_url("https://example.com/2019/1/5") == "2019-01-05"


def test_a_copyright_ranges_first_year_is_no_publication_date():
    footer = "<footer>Portions of this content are ©1998–2015 by contributors.</footer>"
    assert md.is_copyright_start("1998-01-01", footer)
    assert md.is_copyright_start("2002-01-01", "<p>Copyright © 2002-2015 The Company LLC.</p>")
    assert not md.is_copyright_start("2015-01-01", footer)  # the range's last year may be the page's
    assert not md.is_copyright_start("1998-03-04", footer)  # a full date is the page's own
    assert not md.is_copyright_start("1998-01-01", "<p>Published 1998.</p>")


def test_a_vocabulary_address_is_not_a_publication_date() -> None:
    rdfa = '<html prefix="rdfs: http://www.w3.org/2000/01/rdf-schema# dc: http://purl.org/dc/terms/">'
    assert md.is_namespace_date("2000-01-01", rdfa)
    assert not md.is_namespace_date("2000-01-15", rdfa)  # a full date is the page's own
    assert not md.is_namespace_date("2000-01-01", '<a href="https://example.com/2000/01/story">')


def test_a_page_dated_only_by_its_copyright_range_gets_no_date():
    from qa.ingest.html import extract_page

    words = " ".join(["Firefox lets you choose themes and add-ons for the way you browse."] * 10)
    page = f"<html><head><title>Make Firefox your own</title></head><body><article><p>{words}</p></article>" \
        "<footer><p>Portions of this content are ©1998–2015 by individual contributors.</p></footer></body></html>"
    assert extract_page(page).date == ""


# ---- titles --------------------------------------------------------------------------------------
def test_title_suffix_with_site_and_date_is_removed():
    title, date = md.clean_title("Berlin confronts Germany's colonial past with new initiative | DW | 19.01.2020",
                                 ["DW.COM", "Deutsche Welle"], "https://www.dw.com/en/berlin/a-52060881")
    assert (title, date) == ("Berlin confronts Germany's colonial past with new initiative", "2020-01-19")


@pytest.mark.parametrize("raw,site,expected", [
    ("Meta Outage Hits Facebook, Instagram and Messenger | Kulu Media", "Kulu Media", "Meta Outage Hits Facebook, Instagram and Messenger"),
    ("A Royal Salute To Polo In Rome - Luxurious Magazine", "Luxurious Magazine", "A Royal Salute To Polo In Rome"),
    ("What is Rust? – Stack Overflow Blog", "stackoverflow.blog", "What is Rust?"),  # the domain names the site
    ("TechCrunch | 2005 Zuckerberg Didn't Want To Take Over The World", "TechCrunch",
     "2005 Zuckerberg Didn't Want To Take Over The World"),  # the site named before the title
    ("Example Times | News", "Example Times", "Example Times | News"),  # too little would stay
    ("How we designed Dropbox’s ATF - an async task framework", "Dropbox",
     "How we designed Dropbox’s ATF - an async task framework"),  # a clause naming the site is no site name
    # unseen pages of session 57: the site's name and a section; a double dash; the site name
    # with its tagline, then a colon
    ("Gates on Tillerson and Russia: 'Being friendly doesn't make you friends' | CNN Politics", "CNN",
     "Gates on Tillerson and Russia: 'Being friendly doesn't make you friends'"),
    ("'The American friends': New court files expose Sheldon Adelson's security team -- Sott.net", "SOTT",
     "'The American friends': New court files expose Sheldon Adelson's security team"),
    ("LinkNaija | Nigeria's popular news platform: Nollywood Actress, Kate Henshaw Is Looking Stunning",
     "LinkNaija | Nigeria's popular news platform", "Nollywood Actress, Kate Henshaw Is Looking Stunning"),
    ("CNN Travels the World | Jane Doe", "CNN", "CNN Travels the World | Jane Doe"),  # no section words
])
def test_title_site_suffixes(raw, site, expected):
    url = "https://stackoverflow.blog/x" if "Rust" in raw else ""
    assert md.clean_title(raw, [site], url)[0] == expected


def test_title_segments_that_are_not_the_site_stay():
    raw = "Letters: Coddling criminals | Undermining road | Tax dollars | Recount cost | Predicting climate"
    assert md.clean_title(raw, ["The Mercury News"], "https://www.mercurynews.com/2023/01/16/letters-1119/")[0] == raw
    assert md.clean_title("Hating Millennials - the prejudice you're allowed to boast about", ["Boing Boing"])[0] == (
        "Hating Millennials - the prejudice you're allowed to boast about")
    # a title that would be cut to almost nothing keeps its suffix
    assert md.clean_title("News | Example Times", ["Example Times"])[0] == "News | Example Times"
    # the writer's name after the title, as the Guardian writes it
    raw = "'What is the sea telling us?': Māori tribes fearful over whale strandings | Eleanor Ainge Roy"
    assert md.clean_title(raw, ["The Guardian", "Eleanor Ainge Roy"])[0] == raw.split(" | ")[0]


def test_a_site_named_after_the_title_tag_is_the_outlet_when_nothing_else_names_one():
    page = ("<html><head><title>Olivia Munn: Queen of the Uncool - BusinessWeek</title></head><body>"
            "<a href='/'>BusinessWeek</a><article><h1>Olivia Munn: Queen of the Uncool</h1>"
            + "<p>Munn landed her first screen role in 2004, playing a waitress in a film.</p>" * 8
            + "</article><footer>Copyright BusinessWeek 2010</footer></body></html>")
    from qa.ingest.html import extract_page

    extracted = extract_page(page)
    assert (extracted.title, extracted.outlet) == ("Olivia Munn: Queen of the Uncool", "BusinessWeek")
    assert md.site_in_title_suffix("Plan to restrict data | Tulsa World", "Tulsa World " * 3) == "Tulsa World"
    # a section word, a date, a sentence or a name the page writes only in its title is no site
    assert md.site_in_title_suffix("Why we vote - Opinion", "<title>Why we vote - Opinion</title>") == ""
    assert md.site_in_title_suffix("Why we vote - March 3, 2011", "March 3, 2011 " * 3) == ""
    assert md.site_in_title_suffix("Why we vote - we asked five readers why", "we asked five readers why " * 3) == ""
    assert md.site_in_title_suffix("BusinessWeek", "BusinessWeek " * 3) == ""
    assert md.site_in_title_suffix("Why we vote - Opinion", "Opinion " * 5) == ""  # a section, however often


def test_a_section_label_as_site_name_gives_way_to_the_outlet_in_the_title():
    # newspaper's dallasnews.com2 fixture: og:site_name "Opinion Blog", the <title> ends with the
    # outlet, which the page writes once more (its editorial board's name)
    from qa.ingest.html import extract_page

    page = ("<html><head><title>Football's caste system will grow | Dallas Morning News</title>"
            '<meta property="og:site_name" content="Opinion Blog"/></head><body><article>'
            + "<p>The Dallas Morning News Editorial Board wrote that parents weigh the risks of the game.</p>"
            + "<p>More parents are saying no to tackle football for their sons, coaches report.</p>" * 8
            + "</article></body></html>")
    assert extract_page(page).outlet == "Dallas Morning News"
    assert md.is_section_label("Opinion Blog") and md.is_section_label("News")
    assert md.is_section_label("Letters to the Editor") and md.is_section_label("Videos")
    assert not md.is_section_label("247Sports")
    assert md.is_section_label("Homepage") and md.is_section_label("Home Page")  # Space-O's og:site_name
    assert md.is_section_label("Docs") and not md.is_section_label("Supabase Docs")  # redis.io's og:site_name
    assert not md.is_section_label("Fox News") and not md.is_section_label("")


@pytest.mark.parametrize("site_name", ["2015", "Grazia_Live"])
def test_a_site_name_with_no_letter_or_written_as_an_account_gives_way_to_the_title(site_name):
    # newspaper's theonion.com1 fixture: trafilatura's site name "2015" (no og:site_name); its
    # graziadaily.co.uk2 fixture: og:site_name "Grazia_Live", the Twitter account's name
    from qa.ingest.html import extract_page

    page = ("<html><head><title>Inside Our Trip To Gstaad | Hot Topics | Grazia Daily</title>"
            f'<meta property="og:site_name" content="{site_name}"/></head><body><article>'
            + "<p>Grazia Daily went to Gstaad for a party. Grazia Daily met Carey Mulligan there.</p>"
            + "<p>The party in the Swiss resort lasted for three days and ended with a charity gala.</p>" * 8
            + "</article></body></html>")
    assert extract_page(page).outlet == "Grazia Daily"
    # twice is not enough for a site name that is no section's
    assert md.site_in_title_suffix("Plan to restrict data | Tulsa World", "Plan to restrict data | Tulsa World. Tulsa World") == ""
    assert md.site_in_title_suffix("Plan to restrict data | Tulsa World", "Plan to restrict data | Tulsa World. Tulsa World", times=2) == "Tulsa World"


def test_a_placeholder_headline_gives_way_to_the_open_graph_title_the_title_tag_confirms():
    # trafilatura's go-trafilatura comparison page telegraph.co.uk.plumber: its JSON-LD headline
    # is the CMS's name, "escenic"
    from qa.ingest.html import extract_page

    title = "Plumber jailed after boiler killed millionaire's daughter"
    page = (f'<html><head><title class="cms-title">{title}</title><meta property="og:title" content="{title}  ">'
            '<script type="application/ld+json">{"@context": "http://schema.org", "@type": "NewsArticle", '
            '"headline": "escenic"}</script></head><body><article>'
            + "<p>The plumber was jailed for eight months after a boiler he fitted leaked fumes into a flat.</p>" * 8
            + "</article></body></html>")
    assert extract_page(page).title == title


# ---- outlets ---------------------------------------------------------------------------------------
def test_an_editor_credit_gives_the_editor_and_a_firm_is_no_byline():
    # go-trafilatura's deleuze.enacademic.com page: "Revised Edition Edited by Adrian Parr"
    assert md.clean_author("Revised Edition Edited by Adrian Parr", []) == "Adrian Parr"
    assert md.clean_author("Edited by Jane Doe", []) == "Jane Doe"
    # its dominicantoday.com page: the site builder's credit in the author tag
    assert md.clean_author("Merit Designs Consulting Group", []) == ""
    assert md.clean_author("Ari Wasserman; Northeast Ohio Media Group", []) == "Ari Wasserman"
    assert md.clean_author("Ed Smith", []) == "Ed Smith"


def test_a_site_name_that_says_where_it_is_found_loses_that():
    # go-trafilatura's breakingbelizenews.com-paho page: og:site_name "… on www.breakingbelizenews.com"
    url = "https://www.breakingbelizenews.com/2022/04/21/x/"
    assert md.choose_outlet(["Belize News and Opinion on www.breakingbelizenews.com"], url) == "Belize News and Opinion"
    assert md.choose_outlet(["Notes on Python"], "https://notes.example.org/x") == "Notes on Python"


def test_outlet_prefers_a_real_name_to_a_domain():
    assert md.choose_outlet(["DW.COM", "Deutsche Welle (www.dw.com)"], "https://www.dw.com/en/x") == "Deutsche Welle"
    assert md.choose_outlet(["Salon.com", "Salon"], "https://www.salon.com/2020/01/10/x") == "Salon"
    assert md.choose_outlet(["the Guardian"], "https://www.theguardian.com/x") == "The Guardian"
    assert md.choose_outlet(["Reuters", "U.S."], "https://www.reuters.com/x") == "Reuters"
    assert md.choose_outlet(["pcgamer", "PC Gamer"], "https://www.pcgamer.com/x") == "PC Gamer"


def test_outlet_without_its_tagline_or_section():
    assert md.choose_outlet(["Yahoo News - Latest News & Headlines", "Yahoo"], "https://us.yahoo.com/news/") == "Yahoo News"
    assert md.choose_outlet(["Opinion | The Washington Post"], "https://www.washingtonpost.com/x") == "The Washington Post"
    assert md.choose_outlet(["Example Gazette | Local news you can trust"]) == "Example Gazette"
    assert md.choose_outlet(["Chicago Sun-Times"], "https://chicago.suntimes.com/x") == "Chicago Sun-Times"  # no spaces: a name


def test_outlet_from_a_bare_domain():
    url = "https://www.luxuryhaven.co/2019/05/x.html"
    page = "Copyright © 2013 · <a href='https://www.luxuryhaven.co/'>Luxury Haven | Award-winning Singapore Lifestyle Blog</a>"
    assert md.choose_outlet(["luxuryhaven.co"], url, page) == "Luxury Haven"  # the page's own spelling
    assert md.choose_outlet(["luxuryhaven.co"], url, "no name on this page") == "Luxuryhaven.co"  # readable domain
    assert md.choose_outlet([], "https://news.example.org/a") == "News.example.org"
    assert md.choose_outlet(["Phys.org"], "https://phys.org/news/x") == "Phys.org"  # a brand that is a domain stays


def test_a_bare_domain_is_named_as_its_page_writes_it_acronyms_and_hosts_included():
    # an acronym the page writes in capitals is the name, "the" and all ("the CBC" -> "CBC")
    page = "Follow NPR on Twitter. NPR reports… © NPR. Support the NPR newsroom."
    assert md.choose_outlet([], "https://www.npr.org/2016/12/15/x", page) == "NPR"
    # the abbreviation a domain is ("nydailynews") expands when nothing else names the page
    page = "Read New York Daily News. New York Daily News staff"
    assert md.choose_outlet([], "https://www.nydailynews.com/news/x", page) == "New York Daily News"
    # a host ("go") is no brand: the host's word before it is ("abcnews.go.com")
    page = "Watch ABC News Live. Copyright ABC News Internet Ventures"
    assert md.choose_outlet([], "https://abcnews.go.com/Politics/x", page) == "ABC News"
    # a subdomain that is a section names no outlet when the domain does ("money.cnn.com")
    assert md.choose_outlet([], "https://money.cnn.com/2016/11/29/x", "CNNMoney is CNN's. CNN Money. CNN") == "CNN"
    assert md.choose_outlet([], "https://abcnews.go.com/x", "no name on this page") == "Abcnews.go.com"


def test_a_site_named_by_its_hosts_first_word_takes_the_agency_its_dateline_credits():
    # hosted.ap.org names itself "Hosted" (og:site_name): the server, not the outlet
    url = "https://hosted.ap.org/citizensvoice/article/2896af/uk-tories-under-fire"
    assert md.subdomain_labels(url) == ["hosted"] and md.subdomain_labels("https://www.cnn.com/x") == []
    credit = md.dateline_credit("LONDON (AP) — Britain's Conservative Party was accused Wednesday of…")
    assert credit == "AP" and md.choose_outlet(["Hosted", "Hosted", credit], url) == "AP"
    assert md.dateline_credit("HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper…") == "AP"
    assert md.dateline_credit("WASHINGTON (Reuters) - The Senate voted…") == "Reuters"
    assert md.dateline_credit("The party (Labour) — which lost — said so.") == ""  # no dateline in capitals
    assert md.choose_outlet(["Blog"], "https://blog.example.com/x") != "Blog"


def test_an_outlet_keeps_its_own_lower_case_and_a_domain_beside_its_name_gives_way():
    assert md.choose_outlet(["pv magazine International"], "https://www.pv-magazine.com/x") == "pv magazine International"
    assert md.choose_outlet(["The Jerusalem Post | JPost.com", "jpost.com"], "https://www.jpost.com/x") == "The Jerusalem Post"
    # a domain written as a brand beside a name it does not abbreviate (a forum's section, Head-Fi
    # in web37) is the outlet; one written as an address beside a blog's name gives way (web16)
    url = "https://www.head-fi.org/threads/best-closed-headphones.973041/"
    assert md.choose_outlet(["Headphone Reviews and Discussion - Head-Fi.org"], url, "Join Head-Fi today") == "Head-Fi"
    blog = "pixelmonkey.org - Andrew Montalenti's blog"
    assert md.choose_outlet([blog], "https://blog.pixelmonkey.org/2020/x") == "Andrew Montalenti's blog"


def test_a_domain_written_as_a_name_gives_way_to_what_it_abbreviates_on_the_page():
    page = "<p>From The New York Times: a story.</p> The New York Times Company. Read NYTimes.com daily."
    assert md.expanded_domain("nytimes", page) == "The New York Times"
    assert md.choose_outlet(["NYTimes"], "https://www.nytimes.com/2019/x.html", page_text=page) == "The New York Times"
    assert md.choose_outlet(["CityAM"], "https://www.cityam.com/x", page_text="City A.M. reports. Follow City A.M.") == "City A.M."
    # a full stop ending a sentence is no part of the name; an acronym stays itself
    assert md.expanded_domain("heraldsun", "Herald Sun readers know it. They read Herald Sun.") == "Herald Sun"
    assert md.choose_outlet(["BBC"], "https://www.bbc.com/x", page_text="The British Broadcasting Corporation") == "BBC"
    assert md.choose_outlet(["NYTimes"], "https://www.nytimes.com/x", page_text="no expansion here") == "NYTimes"


def test_explicit_attribution_wins_and_drops_an_edition_of_the_same_outlet():
    assert md.choose_outlet(["Vice"], "https://www.vice.com/en_uk/x", attribution="VICE US") == "VICE"
    assert md.choose_outlet(["MCU Times"], attribution="Los Angeles Times") == "Los Angeles Times"
    # an edition tag of a *different* outlet is kept: it is part of what the text says
    assert md.choose_outlet(["Example Times"], attribution="VICE US") == "VICE US"


def test_a_publishing_company_gives_way_to_the_outlet_the_page_names():
    wiki = "<title>t-SNE - Wikipedia</title> From Wikipedia, the free encyclopedia"
    assert md.choose_outlet(["Wikimedia Foundation, Inc."], "https://en.wikipedia.org/wiki/T-SNE", wiki) == "Wikipedia"
    # no other name for it: the company, without its legal suffix
    assert md.choose_outlet(["Acme Media, Inc."], "https://acme-media.com/a", "Acme Media news") == "Acme Media"
    assert md.choose_outlet(["Example Press Ltd"]) == "Example Press"
    assert md.choose_outlet(["Incorporated Times"]) == "Incorporated Times"  # only a trailing suffix is legal form


# ---- authors ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw,outlets,expected", [
    ("Richard Adams", ["The Guardian"], "Richard Adams"),
    ("Lindsey O&#039;Donnell", ["Threatpost"], "Lindsey O'Donnell"),
    ("Deutsche Welle", ["Deutsche Welle"], ""),  # the outlet is no author
    ("Luxurious", ["Luxurious Magazine"], ""),
    ("Kulu Media News Desk", ["Kulu Media"], ""),
    ("Letters", ["The Mercury News"], ""),
    ("Letters To The Editor", ["The Mercury News"], ""),
    ("https://www.facebook.com/KuluMedia", ["Kulu Media"], ""),
    ("Jane Doe; John Roe", ["Example Times"], "Jane Doe and John Roe"),
    ("By Jane Doe", [""], "Jane Doe"),
    ("View all posts by Daniel Lemire", ["Daniel Lemire's blog"], "Daniel Lemire"),  # a blog theme's author link
    ("Posted by Jane Doe", [""], "Jane Doe"),
    ("Analysis by Chris Cillizza", ["CNN"], "Chris Cillizza"),  # the kind of piece before "by" (a CNN page)
    ("Opinion by Jane Doe", [""], "Jane Doe"),
    ("Byron Smith", [""], "Byron Smith"),
    ("Reuters", ["Vancouver Sun"], "Reuters"),  # a wire service on a newspaper's page is the byline
    ("Jeffrey Gettleman and JEFFREY GETTLEMAN", ["NYTimes"], "Jeffrey Gettleman"),  # one writer, twice
    ("JANE DOE; Jane Doe", [""], "Jane Doe"),
    ("Jane Doe & John Roe", [""], "Jane Doe and John Roe"),
    ("Username", ["Washington Post"], ""),  # a comment form's placeholder
    ("Last Updated January 7", ["Spiceworks"], ""),  # a date line, not a writer
    ("Nathan Willis March", [""], "Nathan Willis"),  # "By Nathan Willis<br>March 25, 2015"
    ("Nathan Willis March 25, 2015", [""], "Nathan Willis"),
    ("Fredric March", [""], "Fredric March"),  # a name that ends in a month's name
    ("April Ryan", [""], "April Ryan"),
    ("NATALIYA VASILYEVA", ["Yahoo News"], "Nataliya Vasilyeva"),  # a name written in capitals only
    ("AFP", [""], "AFP"),  # one word in capitals may be an agency
    ("Robert Burns and AP National Security Writer", ["Associated Press"], "Robert Burns"),  # a job title
    ("Jill Disis and CNN Business", ["CNN"], "Jill Disis"),  # the outlet's section
    ("Victor Tangermann and Futurism", ["ScienceAlert"], "Victor Tangermann"),  # the credited source
    ("Brenda Goodman and MA", ["WebMD"], "Brenda Goodman"),  # a degree
    ("Condé Nast and Molly Wood", ["WIRED", md.copyright_holder("Copyright (c) Condé Nast 2019")], "Molly Wood"),
    # a name in capitals run into the credit line after it (AP's byline blocks)
    ("Danica Kirka and JILL LAWLESS Associated Press", ["AP"], "Danica Kirka and Jill Lawless"),
    # the writer's e-mail address, which trafilatura writes as a name (newspaper's mlive.com fixture)
    ("Kyle Meinke; Kmeinke Com", ["MLive.com"], "Kyle Meinke"),
    ("Jane Doe | jdoe@example.co.uk", [""], "Jane Doe"),
    ("Jane Doe; Jdoe Co Uk", [""], "Jane Doe"),
    ("Account You're logged", ["Fox News Latino"], ""),  # a log-in widget's text (a Fox News Latino page)
    ("Bradley M Kuhn http; Ebb Org", ["Bradley M. Kuhn ( Brad ) ( bkuhn )"], "Bradley M Kuhn"),  # "Bradley M. Kuhn http://ebb.org", as trafilatura writes it
    ("Joanna Connors; The Plain Dealer", ["Cleveland"], "Joanna Connors"),  # the paper credited beside her
    ("Conan O'Brien", [""], "Conan O'Brien"),  # an apostrophe in a name is no contraction
    ("Ta-Nehisi Coates", [""], "Ta-Nehisi Coates"),
    # an ad slot's script read as a byline (newspaper's adoption.com1 fixture): a number is no name's
    ("Googletag Cmd Push Dfp Ad Pg Author Sec 1", [""], ""),
    ("Jane Doe 2014", [""], "Jane Doe"),  # a year after the name is the date's
    ("John Smith III", [""], "John Smith III"),
    ("Via Scvalex", ["Lobsters"], ""),  # who passed the link on (a link aggregator's story), not its writer
    ("Vianney Smith", [""], "Vianney Smith"),
    ("Dec", [""], ""),  # a date's month alone ("Dec 17, 2025" read as a byline: garnix.io's blog)
    ("Jan Smith", [""], "Jan Smith"),
    ("Written By", [""], ""),  # a byline's label with no name (a Nexxis post, web40)
    ("The Author", ["Amazon"], ""),  # an Amazon page's review widget (web40)
    ("Jane Author", [""], "Jane Author"),
])
def test_clean_author(raw, outlets, expected):
    assert md.clean_author(raw, outlets) == expected


# ---- byline and date lines -------------------------------------------------------------------------
@pytest.mark.parametrize("line,author,date", [
    ("By Jane Doe", "Jane Doe", ""),
    ("Written by: Julie Mollins", "Julie Mollins", ""),
    ("By Jane Doe and John Roe | January 14, 2022", "Jane Doe and John Roe", "2022-01-14"),
    ("By Jane Doe, Reuters", "Jane Doe", ""),
    ("Published: Jan. 14, 2022 10:02 AM ET", "", "2022-01-14"),
    ("Posted on January 14, 2022 by Jane Doe", "Jane Doe", "2022-01-14"),
    ("January 14, 2022", "", "2022-01-14"),
    ("Updated 2022-01-14", "", "2022-01-14"),
    ("October 22, 2019 report", "", "2019-10-22"),
])
def test_meta_lines(line, author, date):
    meta = md.parse_meta_line(line)
    assert meta is not None, line
    assert (meta.author, meta.date) == (author, date)


@pytest.mark.parametrize("line", [
    "By the numbers",
    "By 2022 the plan had failed.",
    "By Friday, officials said, the talks had collapsed.",
    "On January 14, 2022, the delegations met in Geneva for eight hours.",
    "Biden and Putin spoke for 50 minutes on December 30, 2021.",
    "Published reports say the deal is off.",
    "By comparison",
])
def test_prose_is_not_a_meta_line(line):
    assert md.parse_meta_line(line) is None


def test_thin_warning():
    assert md.thin_warning({"thin": True}, passages=1) == "1 passage: the page's text may not have been found"
    assert md.thin_warning({"thin": True}, passages=2).startswith("2 passages:")
    assert md.thin_warning({"thin": False}, passages=1) == ""
    assert md.thin_warning({}) == ""
    assert "may not have been found" in md.thin_warning({"thin": True})


def test_a_site_named_at_either_end_of_the_title_is_the_outlet_when_nothing_else_names_one():
    """LWN's weekly edition names its site only in its title: attribution read "According to the
    article “LWN.net Weekly Edition for March 26, 2015”, …"."""
    assert md.domain_in_title("LWN.net Weekly Edition for March 26, 2015") == "LWN.net"
    assert md.domain_in_title("The best cameras of the year - Salon.com") == "Salon.com"
    assert md.domain_in_title("Using Node.js streams") == ""  # a library, and not at either end
    assert md.domain_in_title("Why Booking.com grew so fast") == ""
    assert md.domain_in_title("") == ""


def test_a_fact_checks_claimant_is_not_its_writer():
    """Polygraph's ClaimReview names the claim's author ("The Russian and Syrian defense
    ministries") where trafilatura looks for the page's."""
    from qa.ingest.html import extract_page

    ld = ('{"@context": "https://schema.org", "@type": "ClaimReview", "author": {"@type": "Organization", '
          '"name": "POLYGRAPH.info"}, "itemReviewed": {"@type": "CreativeWork", "author": {"@type": "Person", '
          '"name": "The Russian and Syrian defense ministries"}}, "datePublished": "2019-11-18"}')
    body = " ".join(["The camp holds about 40,000 people, officials said."] * 40)
    html = (f'<html><head><title>Fact check</title><script type="application/ld+json">{ld}</script></head>'
            f"<body><article><h1>Fact check</h1><p>{body}</p></article></body></html>")
    assert extract_page(html).author == ""


def test_a_site_name_that_is_only_an_edition_names_no_outlet():
    # Reuters pages give og:site_name "U.S." (the edition); the publisher's name wins
    url = "https://www.reuters.com/article/us-global-markets-idUSKBN1XT00W"
    assert md.choose_outlet(["U.S.", "Reuters"], url) == "Reuters"
    assert md.choose_outlet(["UK", "India"], url, "Follow Reuters on Twitter") == "Reuters"  # the page's spelling
    assert md.choose_outlet(["Business Insider Deutschland"], "https://www.businessinsider.de/x") == (
        "Business Insider Deutschland")  # a name with an edition is still a name


def test_a_site_name_that_is_the_headline_names_no_outlet():
    """A New York Times page saved without its `og:site_name` (Postlight's "nytimes--recent"
    fixture): trafilatura fell back to the headline as the site name, and answers read "According
    to Nikki Haley to Resign as Trump's Ambassador to the U.N., …". The page's own spelling of its
    domain names the outlet instead."""
    from qa.ingest.html import extract_page

    title = "Nikki Haley to Resign as Trump’s Ambassador to the U.N."
    body = " ".join(["Nikki Haley said on Tuesday that she would step down at the end of the year."] * 30)
    html = (f'<html><head><title>{title} - The New York Times</title>'
            '<link rel="canonical" href="https://www.nytimes.com/2018/10/09/us/politics/nikki-haley-united-nations.html">'
            f'</head><body><article><h1>{title}</h1><p>{body}</p></article>'
            '<footer>© 2018 The New York Times Company</footer></body></html>')
    page = extract_page(html)
    assert page.outlet != title
    assert page.outlet == "The New York Times"


def test_a_twitter_account_names_no_outlet():
    """Reuters' 2014 pages (newspaper's `reuters.com2`, `reuters.com3` fixtures) give no site
    name but their `twitter:site`, "@ReutersIndia" or "@reuters_co_uk", which trafilatura
    takes for one: answers read "According to ReutersIndia, …" and "According to Reuters_Co_Uk,
    …". An account is no outlet's name; the page's own spelling of its domain is."""
    from qa.ingest.html import extract_page

    body = " ".join(["Countries around Asia on Tuesday stepped up the search for the missing plane."] * 30)
    html = ('<html><head><title>Indonesia expands search for missing AirAsia jet</title>'
            '<meta property="og:url" content="http://in.reuters.com/article/2014/12/30/indonesia-airplane-idIN1">'
            '<meta name="twitter:site" content="@ReutersIndia"></head>'
            f'<body><article><h1>Indonesia expands search</h1><p>JAKARTA (Reuters) - {body}</p></article>'
            '<footer>© 2014 Reuters</footer></body></html>')
    assert extract_page(html).outlet == "Reuters"
    named = html.replace('<meta name="twitter:site"', '<meta property="og:site_name" content="Reuters India">'
                                                     '<meta name="twitter:site"')
    assert extract_page(named).outlet == "Reuters India"  # a site name the page gives stays


def test_the_blogging_platform_that_built_a_page_is_not_its_outlet():
    """Blogger writes itself as the JSON-LD publisher of every site it hosts: an unseen LinkNaija
    page's answers read "According to Blogger". The page's `generator` names the platform."""
    from qa.ingest.html import extract_page

    body = " ".join(["Veteran Nollywood actress Kate Henshaw has shared some stunning photos of herself."] * 30)
    ld = '{"@context": "http://schema.org", "@type": "BlogPosting", "publisher": {"@type": "Organization", "name": "Blogger"}}'
    html = ('<html><head><title>Kate Henshaw Is Looking Stunning</title><meta content="blogger" name="generator">'
            '<meta content="LinkNaija | Nigeria\'s popular news platform" property="og:site_name">'
            f'<script type="application/ld+json">{ld}</script>'
            '<link rel="canonical" href="http://www.linknaija.com/2018/10/kate-henshaw.html">'
            f'</head><body><article><h1>Kate Henshaw</h1><p>{body}</p></article></body></html>')
    assert extract_page(html).outlet == "LinkNaija"
    assert extract_page(html.replace('<meta content="blogger" name="generator">', "")).outlet == "Blogger"


def test_the_part_of_a_title_after_a_colon_names_no_outlet():
    """A lyrics page titled "“Only One” Lyrics : PJ Morton (Ft. Stevie Wonder)" gave no site
    name, and trafilatura took the title's tail for one: answers read "According to PJ Morton
    (Ft. Stevie Wonder), …". A colon goes on with the headline; the domain names the site."""
    from qa.ingest.html import extract_page

    body = " ".join(["I'm pretty sure I don't need anything else, this is the best feeling I've ever felt."] * 30)
    html = ('<html><head><title>&#8220;Only One&#8221; Lyrics : PJ Morton (Ft. Stevie Wonder)</title>'
            '<link rel="canonical" href="http://allnewlyrics.com/only-one-lyrics-pj-morton-ft-stevie-wonder.html">'
            f'</head><body><article><h1>Only One</h1><p>{body}</p></article></body></html>')
    assert "Morton" not in extract_page(html).outlet


def test_a_page_address_saved_in_a_meta_value_is_read_but_no_site_name_is():
    """Postlight Parser's fixtures hold meta values in `value=` (a Penny Hoarder page among
    them): with no address the outlet was unknown and answers read "According to the article
    “7 Unexpected Places…”". The address is read from there; a site name is not (over 278 pages
    those named sections and handles: "Magazine" for National Geographic)."""
    from qa.ingest.html import extract_page

    body = " ".join(["Penny Hoarders know that treasure hides in sheds, walls and old jars."] * 30)
    html = ('<html><head><title>7 Unexpected Places You Could Find Cash</title>'
            '<meta value="https://www.thepennyhoarder.com/make-money/find-hidden-cash/" property="og:url">'
            '<meta value="Magazine" property="og:site_name"></head>'
            f'<body><article><h1>7 Unexpected Places You Could Find Cash</h1><p>{body}</p></article>'
            '<footer>© 2017 The Penny Hoarder</footer></body></html>')
    page = extract_page(html)
    assert page.url == "https://www.thepennyhoarder.com/make-money/find-hidden-cash/"
    assert page.outlet == "The Penny Hoarder"
    not_an_address = html.replace("https://www.thepennyhoarder.com/make-money/find-hidden-cash/", "find-hidden-cash")
    assert extract_page(not_an_address).url == ""


def _page(head: str, heading: str, sentence: str) -> str:
    """A small web page: `head` inside <head>, then `heading` and eight paragraphs of `sentence`."""
    return f"<html><head>{head}</head><body>{heading}" + f"<p>{sentence}</p>" * 8 + "</body></html>"


def test_a_heading_that_only_links_home_is_the_sites_logo_not_the_title():
    # a forum thread (Nairaland, web27): its one <h1> is the site's logo, a link to "/", which
    # trafilatura takes for the headline; the <title> holds the thread's; the logo names the site
    # when nothing else on the page does
    from qa.ingest.html import extract_page

    logo = '<a href="/" title="Nairaland Forum">Nairaland Forum</a>'
    page = _page("<title>Hybrid Quantum And Classical Computing - Programming</title>", f"<h1>{logo}</h1>",
                 "Quantum computers will need a classical machine beside them to correct their errors.")
    extracted = extract_page(page)
    assert extracted.title.startswith("Hybrid Quantum And Classical Computing")
    assert extracted.outlet == "Nairaland Forum"
    # a headline that links to the article itself is no logo
    assert extract_page(page.replace(logo, '<a href="/7603790/hybrid">Hybrid computing</a>')).title == "Hybrid computing"


def test_a_logo_names_the_site_without_its_drawings_tooltip():
    # MyBB's community forum (web37): its logo heading holds an <svg> titled by the drawing tool
    from qa.ingest.html import extract_page

    drawing = '<svg viewBox="0 0 10 10"><title>Artboard Created with Sketch.</title><path d="M0 0h10"/></svg>'
    page = _page("<title>SMF vs MyBB? What are the differences?</title>", f'<h1><a href="/">{drawing}MyBB</a></h1>',
                 "I have been running a forum on SMF for years and wonder whether MyBB plugins are easier to write.")
    extracted = extract_page(page)
    assert extracted.outlet == "MyBB" and extracted.title == "SMF vs MyBB? What are the differences?"
    # a logo that is only a drawing is named by it (POLITICO's <svg> is titled "POLITICO")
    only = page.replace(f"{drawing}MyBB", '<svg><title>POLITICO</title><path d="M0 0h10"/></svg>')
    assert extract_page(only).outlet == "POLITICO"


def test_a_buttons_label_is_no_part_of_the_title():
    # Rust's documentation: <h1>Enum Option <button>Copy item path</button></h1>
    from qa.ingest.html import extract_page

    page = _page("<title>Option in std::option - Rust</title>",
                 '<h1>Enum <span class="enum">Option</span>&nbsp;<button id="copy-path">Copy item path</button></h1>',
                 "The Option type represents an optional value: every Option is either Some or None.")
    assert extract_page(page).title == "Enum Option"


def test_a_heading_that_is_the_sites_address_is_its_logo():
    # a phpBB thread (forums.virtualbox.org, web28): <h1>virtualbox.org</h1>, which trafilatura
    # takes for the title, and then the <title>'s headline for the site name
    from qa.ingest.html import extract_page

    page = _page("<title>Discuss the VirtualBox 7.1.0 release here - virtualbox.org</title>"
                 '<link rel="canonical" href="https://forums.virtualbox.org/viewtopic.php?t=112320"/>',
                 "<h1>virtualbox.org</h1><h2>Discuss the VirtualBox 7.1.0 release here</h2>",
                 "Having upgraded to the 7.1.0 release, I am having network issues with NAT.")
    extracted = extract_page(page)
    assert extracted.title == "Discuss the VirtualBox 7.1.0 release here"
    assert "release here" not in extracted.outlet


def test_a_site_name_the_title_writes_between_headline_and_site_is_a_section():
    # CDC's page: og:site_name "Nutrition", <title> "Healthy Eating Tips | Nutrition | CDC"
    from qa.ingest.html import extract_page

    page = _page('<title>Healthy Eating Tips | Nutrition | CDC</title><meta property="og:site_name" content="Nutrition"/>',
                 "<header>CDC</header><article><h1>Healthy Eating Tips</h1>",
                 "Eating a variety of vegetables and fruits helps you get the nutrients you need.")
    page = page.replace("</body>", "</article><footer>CDC</footer></body>")
    assert extract_page(page).outlet == "CDC"
    assert md.split_title("Healthy Eating Tips | Nutrition | CDC") == ["Healthy Eating Tips", "Nutrition", "CDC"]


def test_a_site_name_written_in_quotation_marks_is_that_name():
    # Terabyte Systems (web35): its JSON-LD publisher is '"Terabyte Systems"', quotes and all,
    # and answers read 'According to "Terabyte Systems"'
    from qa.ingest.html import extract_page

    page = ('<html><head><title>What is Git?</title><script type="application/ld+json">{"@type": "BlogPosting", '
            '"headline": "What is Git?", "publisher": {"@type": "Organization", "name": "\\"Terabyte Systems\\""}}'
            "</script></head><body><article>" + "<p>Git tracks every change to a project's files over time.</p>" * 12
            + "</article></body></html>")
    assert extract_page(page).outlet == "Terabyte Systems"

"""Composing an answer: who says each quoted sentence ("According to CNN, …").

Every sentence of an extractive answer is quoted verbatim and attributed to its outlet, so
opinion is never passed off as fact and disagreeing outlets stand side by side.
"""
from __future__ import annotations

import re

from ..text.casing import written_mostly_in_lower_case
from ..text.names import TITLE_AND_CALENDAR_WORDS, opening_dateline
from ..text.sentences import is_question
from ..types import Passage

# The last word of newspaper names that read with "the" ("the Los Angeles Times", "the Orange
# County Register"); other outlet names are used as they are ("CNN", "VICE", "Kulu Media").
_PUBLICATION_NOUNS = frozenset(
    "times post register journal news herald tribune guardian independent economist telegraph sun star globe "
    "chronicle gazette observer examiner inquirer mail mirror express standard review courier bulletin "
    "dispatch monitor record enquirer sentinel press daily weekly magazine".split()
)
# a paper's edition before "News" makes it a newspaper's name ("the Dallas Morning News", "the New
# York Daily News"), not a broadcaster's ("Fox News")
_EDITION_WORDS = frozenset({"morning", "evening", "daily", "weekly", "sunday"})
# publication nouns that name no paper on their own ("According to News, …" is no outlet's name)
_NOT_ALONE = frozenset({"news", "daily", "weekly", "magazine", "press", "review", "record"})
_LOWERABLE_FIRST = {
    "it", "this", "the", "these", "that", "those", "there", "in", "on", "at", "a", "an", "when", "while", "but",
    "and", "however", "yet", "so", "as", "if", "for", "with", "some", "many", "what", "his", "her", "their",
    "its", "last", "earlier", "indeed", "moreover", "of", "to", "although", "whether", "given", "since", "none",
    "they", "he", "she", "we", "yes", "one", "two", "both", "neither", "most", "several", "no",
    # more words that open a sentence without naming anything: prepositions, conjunctions, adverbs
    "after", "before", "during", "then", "now", "still", "also", "even", "only", "just", "once", "because",
    "though", "unlike", "despite", "instead", "meanwhile", "today", "yesterday", "here", "over", "about",
    "from", "by", "into", "through", "without", "within", "among", "between", "all", "any", "each", "every",
    "such", "more", "less", "other", "another", "our", "my", "your", "you", "or", "nor", "not", "perhaps",
    "thus", "therefore", "finally", "first", "soon", "later", "often", "sometimes", "never", "always",
    "rather", "until", "unless", "whereas", "nothing", "everything", "someone", "something", "everyone",
    "again", "already", "instead", "where", "who", "which", "why", "how", "upon", "against", "across",
    "okay", "ok", "well", "plus", "besides", "hence", "overall",
    # the other connectives that open a sentence ("According to CBS Sports, Furthermore, even…")
    "furthermore", "additionally", "nevertheless", "nonetheless", "consequently", "likewise", "similarly",
    "otherwise", "accordingly", "subsequently", "ultimately", "secondly", "thirdly", "lastly",
    # the heads of fixed phrases ("Thanks to…", "Aside from…", "Due to…")
    "thanks", "aside", "due",
    # number words, which count and name nothing ("Six years ago, Olivia Munn arrived…")
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty",
    "thirty", "forty", "fifty", "hundreds", "thousands", "millions", "dozens", "few", "half",
}


def attribution(passage: Passage, article_text: str = "") -> str:
    """Who says it: "CNN", "the Los Angeles Times", or the article title when no outlet is named.
    A broadcaster's or a portal's news is named bare ("BBC News", "Fox News", "Yahoo News"), a
    newspaper's with "the" ("the Detroit News"): an acronym before "News" is bare, and so is a
    name that the article itself (`article_text`, when given) never writes after "the"; so is a
    magazine's ("Slate Magazine", "PC Magazine", but "the New York Times Magazine"), and a title
    ending in "Daily" or "Weekly" ("Grazia Daily", "Entertainment Weekly"). A paper
    named by its noun alone reads with "the" too ("the Telegraph", "the Guardian"); one that opens
    with a name in the possessive never does ("Harper's Magazine")."""
    source = passage.source.strip()
    if source:
        words = source.split()
        if len(words) > 1 and re.search(r"[\w.]['’]s$", words[0]):
            return source  # a name in the possessive needs no "the": "Harper's Magazine", "Harper's Bazaar"
        if len(words) > 1 and words[-1].lower() in _PUBLICATION_NOUNS and words[0].lower() != "the":
            # a portal's or a title's kind word ("Yahoo News", "Slate Magazine", "Entertainment
            # Weekly", "Grazia Daily") reads bare unless the article writes it after "the"
            bare_kind = words[-1].lower() in ("news", "magazine", "daily", "weekly") and words[-2].lower() not in _EDITION_WORDS
            if bare_kind and (words[0].isupper() or (
                    article_text and not re.search(rf"\b[Tt]he {re.escape(source)}\b", article_text))):
                return source
            return f"the {source}"  # "the Los Angeles Times", but "Kulu Media", "VICE", "CNN"
        if len(words) == 1 and source.lower() in _PUBLICATION_NOUNS - _NOT_ALONE and source[:1].isupper():
            return f"the {source}"  # a paper known by its noun alone: "the Telegraph", "the Guardian"
        return source
    if passage.title and not passage.title.endswith("…"):  # a real headline, not a first-sentence stand-in
        return f"the article “{passage.title}”"
    return "an article that names no outlet"


def _opening(who: str, passage: Passage) -> str:
    """`who` opening a sentence: capitalised ("The Los Angeles Times writes:"), unless it is an
    outlet that writes its own name in lower case ("pv magazine International writes:", not
    "Pv magazine…")."""
    if who == passage.source.strip() and who[:1].islower():
        return who
    return who[:1].upper() + who[1:]


# a quote that opens by joining on to the sentence before it ("But the country has grappled…"),
# quoted alone because that sentence is quoted already: no clause of "According to…"
_OPENS_WITH_CONJUNCTION = re.compile(r"^[“\"‘']?(but|and|yet|or|nor|so)\s", re.IGNORECASE)


def attributed(sentence: str, passage: Passage, article_text: str = "", after_same: bool = False) -> str:
    """ "According to CNN, it was only last month …" keeping names capitalised. The first word
    is lowered when it is a function word, or (given the article's text) a word the article
    writes in lower case and never capitalised but at the start of a sentence ("Working
    alongside…" → "working alongside…"; "Putin said…" keeps its capital). `after_same`: the
    quote before is of the same article, so a page known only by its title is "the same article"
    the second time, not its whole title again."""
    who = attribution(passage, article_text)
    if after_same and who.startswith("the article “"):
        who = "the same article"
    if is_question(sentence):  # a rhetorical question is the author's point
        return f"{_opening(who, passage)} asks: {sentence}"
    if (re.match(r"^[“\"]?(according to|as)\b", sentence, re.IGNORECASE) or _OPENS_WITH_CONJUNCTION.match(sentence)
            or re.match(r"^[^\W\d_][\w’'-]*:\s", sentence)):
        # "According to CNN, as…" and "According to CNN, but the country…" read wrongly; so
        # does a labelled line ("According to Dropbox, task: Unit of execution of a lambda.")
        return f"{_opening(who, passage)} writes: {sentence}"
    first, _, rest = sentence.partition(" ")
    bare = re.sub(r"['’](?:s|re|ve|ll|d|m)$|n['’]t$", "", first.strip("“\"‘',;:"))  # "It's" is "it" + "'s"
    lowerable = (bare.lower() in _LOWERABLE_FIRST or _common_word(bare, article_text, rest) or _opening_adverb(first, article_text)
                 or _opening_participle(first, rest, article_text))
    if lowerable and not (len(first) > 1 and first[1:2].isupper()) and not _opens_title(first, rest, article_text):
        sentence = first[0].lower() + first[1:] + (" " + rest if rest else "")
    return f"According to {who}, {sentence}"


def _opens_title(first: str, rest: str, article_text: str) -> bool:
    """Whether the sentence opens with a title of capitalised words joined by "and" that the
    article writes capitalised inside a sentence too ("Now and Then, Here and There (…) is a
    thirteen episode anime series…", a Wikipedia entry: "According to Wikipedia, now and Then…"
    read wrongly)."""
    following = re.match(r"(and|&|or)\s+([A-Z][\w’'-]*)", rest)
    if not following or not article_text:
        return False
    phrase = f"{first} {following.group(1)} {following.group(2)}"
    return not _capitalised_only_at_starts(phrase, article_text)


# the start of a sentence or of a list item ("- Small plants (from a florist)", "2. Moss")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:][”\"’)\]]*\s+|\n\s*(?:[-•*–]\s+|\d{1,2}[.)]\s+)?)[“\"‘(\[]?$")


def _opening_adverb(first: str, article_text: str) -> bool:
    """Whether the sentence opens with an adverb and a comma ("Unsurprisingly, Arduino LLC…",
    "Ultimately, the…"): a word of seven letters or more ending in "ly," that the article never
    capitalises inside a sentence (as it would "Beverly")."""
    word = first[:-1] if first.endswith(",") else ""
    if len(word) < 7 or not word.endswith("ly") or not word.isalpha() or not word[1:].islower():
        return False
    return _capitalised_only_at_starts(word, article_text)


_PHRASE_HEAD = re.compile(r"^[A-Z][a-z]{3,}(?:ing|ed|less)$")  # "Browsing", "Called", "Regardless"
_FUNCTION_NEXT = re.compile(r"^(?:a|an|the|to|of|on|in|from|with|by|at|for|as|this|that|these|those|his|her|its|their|"
                            r"our|my|your|some|many|how|what)\b")


def _opening_participle(first: str, rest: str, article_text: str) -> bool:
    """Whether the sentence opens with a participle or "-less" word heading a phrase ("Browsing
    a few jobs…", "Called a “violent rhythm game” by…", "Regardless of how much…"): such a word
    followed by a function word, which the article never capitalises inside a sentence (as it
    would a name: "Mohammed in an interview…" where it writes "…said Mohammed")."""
    if not _PHRASE_HEAD.match(first) or not _FUNCTION_NEXT.match(rest):
        return False
    return bool(article_text) and _capitalised_only_at_starts(first, article_text)


def _common_word(word: str, article_text: str, rest: str = "") -> bool:
    """Whether the capitalised `word` opening a sentence is a common word in `article_text`:
    capitalised nowhere in it but at the start of a sentence (or right after its dateline), and
    written there in lower case, or, when the article has no other use of it, a word written far
    more often in lower case than capitalised in English text ("Hours before…", "Officials
    said…"; not "Trump", "Apple") and not the first of a run of capitalised words (`rest`:
    "Will Smith", "Mark Esper")."""
    if not article_text or not word.isalpha() or not word[:1].isupper() or not word[1:].islower():
        return False
    if not _capitalised_only_at_starts(word, article_text):
        return False
    if _opens_name_run(rest):  # "Will Smith made…" where the article writes "will" too; "Bill Gates…"
        return False
    if re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", article_text):
        return True
    return len(word) > 2 and written_mostly_in_lower_case(word)


def _opens_name_run(rest: str) -> bool:
    """Whether the words after a sentence's first word open with a capitalised word that is no
    title or date: the first word is then the first of a run of names ("Will Smith", "Mark
    Esper"), not a common word before one ("Former President Obama", "Late Monday")."""
    following = re.match(r"[“\"‘']?([A-Z][\w’'.-]*)", rest)
    return bool(following) and following.group(1).rstrip(".").lower() not in TITLE_AND_CALENDAR_WORDS


def _capitalised_only_at_starts(word: str, text: str) -> bool:
    """Whether every use of the capitalised `word` in `text` opens a sentence (`_starts_sentence`),
    as a common word's does and a name's does not ("…said Mohammed")."""
    return all(_starts_sentence(text, m.start()) for m in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text))


def _starts_sentence(text: str, at: int) -> bool:
    """Whether position `at` of `text` opens a sentence, a list item, or the text after the
    dateline opening a line ("BUFFALO, N.Y. — Hours before…")."""
    if _SENTENCE_START.search(text[max(0, at - 6): at]):
        return True
    line_start = text.rfind("\n", 0, at) + 1
    dateline = opening_dateline(text[line_start: at + 1])
    return bool(dateline) and line_start + dateline.end() == at


# "Which Houston Chronicle reporter wrote the piece…?", "Which journalists reported the story?"
_WRITER_WROTE = r"(?:reporter|journalist|writer|author|columnist|correspondent)s?\s+(?:wrote|reported|penned|authored)"
# Questions about the article itself rather than what it says: its byline, its date.
_ASKS_AUTHOR = re.compile(
    r"\b(?:who\s+(?:wrote|writes|authored|penned|reported|is\s+the\s+(?:author|writer|columnist|reporter))|"
    rf"{_WRITER_WROTE}|"
    # "Whose article is it?" asks the writer; "the character whose story it follows" does not
    r"(?:author|writer|byline)\s+of|written\s+by|^\s*(?:and\s+)?whose\s+(?:article|piece|post|column|op-ed|story|blog))\b",
    re.IGNORECASE)
_ASKS_DATE = re.compile(
    r"\bwhen\s+(?:was|were|did)\b.*\b(?:publish(?:ed)?|written|posted|come\s+out|came\s+out)\b|"
    r"\bpublication\s+date\b|\bwhat\s+date\b.*\b(?:publish(?:ed)?|posted|written)\b", re.IGNORECASE)


# what a question calls the page when it asks who wrote it ("the piece", "this post"), so that
# "Who wrote the treaty?" is not taken for a question about the page
_PAGE_NOUN = re.compile(r"\b(?:article|piece|post|story|column|op-?ed|editorial|blog|report|letter|series|review|"
                        r"essay|interview|feature|page)s?\b", re.IGNORECASE)


# what only a page of its own is called ("the Vox article", "this post"): unlike a report or a
# letter, which the text may tell the writer of
_OWN_PAGE_NOUN = re.compile(r"\b(?:article|piece|post|story|column|op-?ed|editorial|blog)s?\b", re.IGNORECASE)


def asks_page_writer(question: str) -> bool:
    """Whether the question asks who wrote an article itself ("Who wrote the Vox article on
    Delhi?", "Which Houston Chronicle reporter wrote the piece…?"), which its page's byline
    tells, not its text; not "Which organization employs the author of this post?", which asks
    about the writer."""
    return bool(re.match(rf"\s*(?:and\s+)?(?:who|whose|by whom|which\s+(?:[\w'’.-]+\s+){{0,3}}?{_WRITER_WROTE})\b",
                         question, re.IGNORECASE)
                and _ASKS_AUTHOR.search(question) and _OWN_PAGE_NOUN.search(question))


# "the post The Elephant in the Room", "the essay “Why We Fight”", "the article titled …": a
# piece named by its title (not "the article I read about Delhi": "I" starts no title)
_TITLED_WORK = re.compile(r"\b(?:article|piece|post|story|column|op-?ed|editorial|blog|essay|book|paper)\s+"
                          r"(?:(?:called|titled|entitled|named)\s+)?[“\"‘']?(?!I\b|I['’])(?:[A-Z0-9])")


def names_titled_work(question: str) -> bool:
    """Whether the question names a piece by its title ("Who wrote the post The Elephant in
    the Room?"). When no indexed article has that title (`find_source_mention` finds none), the
    piece is one an article speaks of ("Now, read this post by Samantha Bielefeld: The Elephant
    in the Room."), and who wrote it is in that article's text, not in its page's byline."""
    return bool(_TITLED_WORK.search(question))


def names_byline(text: str, author: str) -> bool:
    """Whether `text` names a writer of the byline `author` ("Umair Irfan", "A and B"), by
    family name."""
    writers = [w.split()[-1] for w in re.split(r",\s*|\s+and\s+", author) if w.split()]
    return any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text) for w in writers)


# A wire story's credit line, which names its reporters in its text: "(Reporting by Greg
# Roumeliotis, Joshua Franklin; editing by Martin Howell.)", "Reporting by Jane Doe in London;
# Writing by …" on a line of its own (Reuters, AFP and the sites that carry their copy)
_WIRE_CREDIT = re.compile(r"\((?:additional )?(?:reporting|writing|written|compiled|report) by [^()\n]{3,400}\)|"
                          r"^(?:additional )?(?:reporting|writing) by [A-Z][^\n]{3,400}$", re.IGNORECASE | re.MULTILINE)


def wire_credit(article: str) -> tuple[int, int] | None:
    """Where `article` names its reporters in a wire credit line (the last one), or None: what
    "Which Reuters journalists reported the story?" is answered by when the page's byline is
    only the agency ("Reuters")."""
    spans = [m.span() for m in _WIRE_CREDIT.finditer(article) if re.search(r"\bby\s+[A-Z]", m.group(0))]
    return spans[-1] if spans else None


def page_metadata_note(question: str, passages: list[Passage], byline: bool = True) -> str:
    """For a refused question about one article's byline or date ("Who wrote the piece on
    managing Python environments?"), what its page says of them: "Its page gives the byline
    John Walk." The article's text does not say it (the answer was refused), so it is not an
    answer and carries no citation; the page metadata is shown as such. "" when the question is
    not about that, the passages are of several articles, or the page gives nothing. With
    `byline` false, only the date is noted (an answer that names the byline already)."""
    docs = {p.doc_id for p in passages}
    if len(docs) != 1:
        return ""
    page = passages[0]
    notes = []
    about_page = bool(_PAGE_NOUN.search(question)) or (len(page.title) > 3 and page.title.lower() in question.lower())
    if byline and _ASKS_AUTHOR.search(question) and about_page and page.author:
        notes.append(f"Its page gives the byline {page.author}.")
    if _ASKS_DATE.search(question) and about_page and page.date:
        notes.append(f"Its page is dated {page.date}.")
    return " ".join(notes)

"""Who says it: reported speech, opinion and disputed content in a passage, and whether a
generated claim keeps that attribution.

A news passage asserts some things itself and reports others: quotes (“… ,” said X), reported
speech (X said/told/claims/believes that …), hedged or disputed content (the legend that …, X
could point to … as proof that …, it is rumored that …). A claim built from reported content
is supported only if it keeps the attribution — names the speaker and says that they said it
("Rasa Juknevičienė said Putin is afraid of his own people"), not "Putin is afraid of his own
people". And a sentence the passage itself denies right after ("… the legend that the West
promised … . No such guarantees were made") supports no unattributed claim.

The rules read the *structure* of the sentence (quotation marks, a reporting verb with its
subject, a noun that announces a content clause, a referential denial), not a list of topics:
they hold for articles nobody has seen. `frames()` finds the reported stretches of a passage;
`qa.llm.verify` decides whether a claim draws on them and `keeps_attribution()` whether the
claim still says who.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Verbs that report speech, writing or belief: "X <verb> (that) <content>". Strong ones take
# their content directly ("Stoltenberg said Putin should …"); weak ones only with "that" ("Biden
# told Putin to withdraw" is a fact about a request; "Putin worries about Ukraine" is no speech).
_STRONG_VERBS = (
    "says said say claims claimed claim argues argued argue believes believed believe insists insisted "
    "writes wrote adds added stresses stressed announces announced announcing declares declared asserts "
    "asserted maintains maintained contends contended suggests suggested explains explained admits "
    "admitted acknowledges acknowledged reports reported predicts predicted concludes concluded testified "
    "testifies emphasized emphasised alleges alleged warns warned reiterates reiterated"
).split()
_WEAK_VERBS = (
    "tells told tell notes noted thinks thought think hopes hoped fears feared promises promised promising "
    "accuses accused denies denied signals signaled signalled worries worried feels felt calls called "
    "describes described recalls recalled complains complained proposes proposed speculates speculated "
    "assured assures guaranteed agreed agrees expects expected"
).split()
_REPORT_VERB = "(?:" + "|".join(sorted(set(_STRONG_VERBS + _WEAK_VERBS), key=len, reverse=True)) + ")"
_REPORT_STEMS = (
    "say said tell told claim argu warn note add wrote write writ insist suggest think thought hope "
    "fear stress announc declar promis alleg accus explain admit deni deny signal signall assert maintain "
    "contend acknowledg predict estimat describ call believ reiterat repeat conclud complain urg "
    "recall recount report testifi testify emphasis emphasiz propos posit speculat worr feel felt"
).split()
# A noun that announces a content clause the writer does not assert ("the legend that …").
_CONTENT_NOUN = (
    r"(?:legend|myth|rumou?rs?|claims?|allegations?|accusations?|assertions?|belief|notion|narrative|"
    r"theory|theories|suspicions?|speculation|impression|perception|idea|guarantees?|assurances?|"
    r"promises?|hopes?|fears?|warnings?|insistence|conviction)"
)
_AUX = r"(?:(?:has|have|had|would|could|might|may|will|shall|should|must|can|also|then|later|once|again|"\
       r"repeatedly|publicly|reportedly|clearly|recently|previously|already|now|not|never|\w+ly)\s+){0,3}"
_QUOTE_OPEN = "“„«"
_QUOTE_CLOSE = "”»"
_PRONOUNS = {"he", "she", "they", "it", "we", "i", "who", "which", "that", "his", "her", "their", "you", "this", "these"}
_AUTHOR = {"i", "we"}
_SPEAKER_STOP = {
    "the", "a", "an", "of", "and", "or", "but", "in", "on", "at", "to", "for", "with", "by", "from", "as", "while",
    "when", "if", "that", "this", "these", "those", "some", "several", "many", "most", "other", "others", "also",
    "has", "have", "had", "would", "could", "might", "may", "will", "should", "must", "can", "be", "is", "are",
    "was", "were", "been", "do", "does", "did", "not", "its", "his", "her", "their", "our", "your", "mr", "ms",
    "mrs", "dr", "just", "then", "now", "once", "again", "particular", "however", "indeed", "yet", "so",
    "s", "t", "who", "which", "what", "it", "he", "she", "they", "we", "i", "you", "there", "here", "all", "both",
} | _PRONOUNS


@dataclass(frozen=True)
class Frame:
    """A stretch of the text that the writer reports rather than asserts."""

    start: int  # content span (character offsets into the text the frames were found in)
    end: int
    speaker: str  # who says it, as written ("" when the text does not say; resolved pronouns)
    kind: str  # "quote", "reported", "according", "content-noun", "proof", "hedge"
    hypothetical: bool = False  # "Putin would do better to say …", "could point to … as proof": not said


def fold(text: str) -> str:
    """Lower case without accents or curly apostrophes ("Juknevičienė" → "jukneviciene")."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def _clause_start(text: str, end: int, floor: int) -> int:
    """Where the clause that ends at `end` begins: after the last clause boundary since `floor`."""
    cut = floor
    for m in re.finditer(r"[;:()“”\"]|,|\s[–—-]\s|\b(?:and|but|while|whereas|because|although|though|so|when|if)\s", text[floor:end]):
        cut = floor + m.end()
    return cut


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    """The sentence around `pos` (a line break ends a sentence too)."""
    starts = [m.end() for m in re.finditer(r"[.!?…][”\"’)]*\s+|\n", text[:pos])]
    start = starts[-1] if starts else 0
    m = re.search(r"[.!?…][”\"’)]*(?:\s|$)|\n", text[pos:])
    end = pos + m.end() if m else len(text)
    return start, end


def _names_before(text: str, end: int, start: int = 0) -> str:
    """The last run of capitalised words in text[start:end] (a pronoun's likely referent)."""
    runs = re.findall(r"(?:[A-Z][\w’'.-]+(?:\s+(?:[A-Z][\w’'.-]+|of|de|van|von|al))*)", text[start:end])
    runs = [r for r in runs if fold(r).split()[0] not in _SPEAKER_STOP]
    return runs[-1] if runs else ""


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of quoted stretches: curly pairs, straight pairs. A passage is a cut of an
    article: a closing quote with no opening one opens at the text start, an opening quote
    that never closes runs to the text end."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for i, ch in enumerate(text):
        if ch in _QUOTE_OPEN and open_at is not None and (i + 1 == len(text) or text[i + 1].isspace()):
            ch = "”"  # "… to their citizens.“" — an opening mark used as the closing one
        if ch in _QUOTE_OPEN:
            open_at = i + 1
        elif ch in _QUOTE_CLOSE:
            if open_at is not None:
                spans.append((open_at, i))
                open_at = None
            elif not spans:
                spans.append((0, i))
    if open_at is not None:
        spans.append((open_at, len(text)))
    straight = [m.start() for m in re.finditer(r'"', text)]
    for a, b in zip(straight[::2], straight[1::2]):
        spans.append((a + 1, b))
    return sorted(spans)


_QUOTE_VERBS = _REPORT_VERB[:-1] + "|continues|continued|asks|asked)"
_AFTER_QUOTE = re.compile(
    r"^[,.!?]?\s*(?:" + _QUOTE_VERBS + r"\s+(?P<sp1>[^.;!?“”\"\n]{1,120})"
    r"|(?P<sp2>[^.;!?“”\"\n]{1,60}?)\s+(?:also\s+)?" + _QUOTE_VERBS + r"\b)"
)
_BEFORE_QUOTE = re.compile(r"(?P<sp>[^.;!?“”\"\n]{1,100}?)\s+(?:" + _QUOTE_VERBS + r"|to say)\b[^.;!?“”\"\n]{0,40}?[:,]?\s*$")
_INTRO = re.compile(r"(?P<sp>[^.;!?“”\"\n]{1,120}):\s*$")  # "Eric Zuesse sent me Putin's statement:"
# "it is fair to say", "none of this is to say", "needless to say": the writer's own voice
_IT_IS = re.compile(r"(?:^(?:it|this|that)\s+(?:is|was|would be|seems)\b.*|\b(?:is|was|are|fair|safe|needless|hard|easy|clear|true|honest))\s+to$", re.IGNORECASE)


def _subject(text: str, at: int, s_start: int) -> str:
    """The words before a reporting verb or frame: its speaker as written (auxiliaries cut)."""
    clause = _clause_start(text, at, s_start)
    speaker = text[clause:at]
    speaker = re.sub(r"(?:\s+" + _AUX.replace("{0,3}", "") + r")+$", " ", " " + speaker + " ").strip(" ,–—-")
    return speaker.strip()


_MODAL = re.compile(r"\b(?:would|could|should|might|may|must|ought|wants?|hopes?|plans?)\b[^,;.]*$|\bto\s*$", re.IGNORECASE)


def _hypothetical(lead: str) -> bool:
    """Speech that is wished, advised or possible, not made: "would do better to say", "could point to"."""
    return bool(_MODAL.search(lead))


def _is_author(speaker: str) -> bool:
    speaker = re.sub(r"^(?:but|and|so|yet|however|indeed|still|also)\b[\s,]*", "", speaker.strip(), flags=re.IGNORECASE)
    words = fold(speaker).split()
    return bool(words) and (words[0] in _AUTHOR or bool(_IT_IS.search(speaker)))


def frames(text: str) -> list[Frame]:
    """The reported stretches of `text` (a passage, or sentences joined by spaces)."""
    out: list[Frame] = []
    # Quotes of four words or more (shorter ones are terms or scare quotes: the “red line”).
    previous: Frame | None = None
    for a, b in _quote_spans(text):
        if len(re.findall(r"\w+", text[a:b])) < 4:
            continue
        speaker = ""
        hypothetical = False
        m = _AFTER_QUOTE.match(text[b + 1 : b + 200])
        if m and not _is_author(m.group("sp1") or m.group("sp2") or ""):
            speaker = (m.group("sp1") or m.group("sp2") or "").strip()
        else:
            s_start, _ = _sentence_bounds(text, max(a - 1, 0))
            lead = text[s_start : max(a - 1, s_start)]
            if not lead.strip():  # the quote opens a line: "Putin's statement of Russia's aims:\n“…"
                lead = text[max(0, s_start - 200) : s_start].rstrip()
            m2 = _BEFORE_QUOTE.search(lead) or _INTRO.search(lead)
            if m2 and not _is_author(m2.group("sp")):
                speaker = m2.group("sp").strip()
                hypothetical = _hypothetical(lead[: m2.end("sp")] + (" to" if re.search(r"\bto say\b", lead[m2.end("sp"):]) else ""))
            elif previous is not None and previous.speaker and a - previous.end < 80:
                speaker = previous.speaker  # a quote that goes on after "…,” Eronen said."
        previous = Frame(a, b, speaker, "quote", hypothetical)
        out.append(previous)
    # "X said (that) …", "X told Y that …", "X believes …" (content to the sentence end).
    for m in re.finditer(r"(?=\b(?P<verb>" + _REPORT_VERB + r")\b(?P<obj>(?:\s+(?!that\b)[\w’'.-]+){0,6}?\s+that\b|\s*:|(?=\s+[\w“\"‘])))", text):
        verb = m.group("verb").lower()
        has_that = (m.group("obj") or "").rstrip().endswith("that")
        if verb not in _STRONG_VERBS and not has_that:
            continue
        obj_end = m.end("obj") if m.group("obj") is not None else m.end("verb")
        if not has_that and re.match(r"\s*(?:of|about|for|on|off|up|in|by|to|with|from|at|as)\b", text[obj_end:]) and verb not in ("warned", "warns"):
            continue  # "called for restraint", "said in a statement …" has no content of its own here
        verb_start = m.start("verb")
        s_start, s_end = _sentence_bounds(text, verb_start)
        before = text[s_start:verb_start]
        if re.search(r"(?:[,”\"’]|\b(?:so|be|been|being|is|are|was|were|the|a|an))\s*$", before, re.IGNORECASE):
            continue  # "…,” said X" (handled with the quote), "so-called", "is called", "the said"
        content_start = obj_end
        if content_start >= s_end - 2:
            continue
        speaker = _subject(text, verb_start, s_start)
        if not speaker or _is_author(speaker):
            continue
        clause = text[_clause_start(text, verb_start, s_start) : verb_start]
        out.append(Frame(content_start, s_end, speaker, "reported", _hypothetical(clause)))
    # "As X admitted, …", "As several officials noted, …" (content after the comma)
    for m in re.finditer(r"\b[Aa]s (?P<sp>[^,;.]{1,80}?)\s+" + _REPORT_VERB + r"\s*,\s*", text):
        _, s_end = _sentence_bounds(text, m.start())
        if not _is_author(m.group("sp")):
            out.append(Frame(m.end(), s_end, m.group("sp").strip(), "reported"))
    # "…, X said." / "…, said X." / "…, observers say, …" (content before the verb).
    for m in re.finditer(
        r",[”\"]?\s*(?:(?P<sp1>[^,.;!?“”\"\n]{1,80}?)\s+(?:" + "|".join(_STRONG_VERBS) + r")|(?:" + "|".join(_STRONG_VERBS)
        + r")\s+(?P<sp2>[^.;!?“”\"\n]{1,100}?))\s*(?=[,.;!?\n]|$)",
        text,
    ):
        s_start, _ = _sentence_bounds(text, m.start())
        speaker = (m.group("sp1") or m.group("sp2") or "").strip()
        if speaker and not _is_author(speaker) and len(speaker.split()) <= 14:
            out.append(Frame(s_start, m.start(), speaker, "reported"))
    # "According to X, …" and "…, according to X."
    for m in re.finditer(r"\b[Aa]ccording to (?P<sp>[^,.;:\n]{1,100})(?P<app>,\s+(?!(?:the|a|an|it|he|she|they|this|that|there|if|when|while)\b)[a-z][^,.;:“\"\n]{1,100}(?=,))?", text):
        s_start, s_end = _sentence_bounds(text, m.start())
        speaker = (m.group("sp") + (m.group("app") or "")).strip()  # "Richard Connolly, associate fellow at …"
        if text[s_start:m.start()].strip(" ,“\""):
            out.append(Frame(s_start, m.start(), speaker, "according"))
        else:
            out.append(Frame(m.end(), s_end, speaker, "according"))
    # "the legend that …", "guarantees that …", "X could point to … as proof that …".
    for m in re.finditer(
        r"\b(?P<noun>" + _CONTENT_NOUN + r")\b(?P<mid>[^.;:!?\n]{0,80}?)\bthat\b"
        r"|\b(?:point|points|pointed|cite|cites|cited|use|uses|used|present|presents|presented|see|sees|saw)\b[^.;!?\n]{0,100}?"
        r"\bas (?:proof|evidence|a sign|a symbol|an example|a case)(?: that\b)?",
        text, re.IGNORECASE,
    ):
        if m.group("noun") and re.search(r"[,;]|\b(?:is|was|are|were)\b", m.group("mid") or ""):
            continue  # "the claim is that …" asserts; "hopes, that …" is no content clause
        s_start, s_end = _sentence_bounds(text, m.start())
        end = m.end()
        stop = re.search(r",|;|\s[–—-]\s", text[end:s_end])
        content_end = end + stop.start() if stop and m.group("noun") else s_end
        speaker = _subject(text, m.start(), s_start)
        if _is_author(speaker):
            continue
        clause = text[_clause_start(text, m.start(), s_start) : m.start()]
        out.append(Frame(end, content_end, speaker, "content-noun" if m.group("noun") else "proof",
                         not m.group("noun") and _hypothetical(clause)))
    # "It is rumored/alleged/said that …".
    for m in re.finditer(r"\b(?:[Ii]t is|[Ii]t was|[Ii]t has been)\s+(?:rumou?red|alleged|said|claimed|believed|reported|thought)\s+that\b", text):
        _, s_end = _sentence_bounds(text, m.start())
        out.append(Frame(m.end(), s_end, "", "hedge"))
    return _resolve_pronouns(text, out)


def _resolve_pronouns(text: str, found: list[Frame]) -> list[Frame]:
    """'she adds' → the speaker of the frame before (or the last name before it); 'Fiona Hill,
    who said' → Fiona Hill. Indefinite speakers ("some believe") stay as written."""
    found = sorted(found, key=lambda f: (f.start, f.end))
    out: list[Frame] = []
    for f in found:
        words = re.findall(r"[\w’'-]+", fold(f.speaker))
        if words and words[0] in ("he", "she", "they", "who", "which") and len(words) <= 3:
            earlier = [g for g in out if g.speaker and g.start < f.start and not _is_pronoun(g.speaker)]
            if words[0] in ("who", "which"):
                s_start, _ = _sentence_bounds(text, f.start)
                name = _names_before(text, max(f.start - len(f.speaker) - 12, s_start), s_start)
            else:  # the speaker of the frame before; unknown when the passage has none
                name = earlier[-1].speaker if earlier else ""
            f = Frame(f.start, f.end, name, f.kind, f.hypothetical)
        out.append(f)
    return out


def _is_pronoun(speaker: str) -> bool:
    words = fold(speaker).split()
    return bool(words) and words[0] in ("he", "she", "they", "who", "which")


_DENIAL = re.compile(
    r"^\W*(?:No such\b|None of (?:this|that|these|those|it|them)\b|There (?:is|was|were) no (?:such|evidence|proof|truth)\b|"
    r"(?:This|That|It|These|Those|Such claims?) (?:is|was|are|were|has been|have been) (?:not true|untrue|false|a myth|a lie|"
    r"baseless|unfounded|wrong|incorrect|debunked|never)\b|(?:This|That|It) never happened\b|(?:Neither|Nor) (?:is|was) (?:it|this|that) true\b)",
    re.IGNORECASE,
)


def denies_previous(sentence: str) -> bool:
    """A sentence that says the one before it is not so ("No such guarantees were made")."""
    return bool(_DENIAL.match(sentence))


# ---- the claim side -------------------------------------------------------------------------
_CLAIM_CUE = re.compile(
    r"\b(?:according to|in (?:\w+\s){0,3}?(?:view|opinion|words)|as \w+ (?:put|puts) it)\b|:\s"
    r"|\b(?:" + "|".join(_REPORT_STEMS) + r")\w*\b"
    r"|\b(?:point|cite|present|see|view|consider|regard|call|describe|accus|blam|want|demand|ask|expect|"
    r"subscrib|reported|allegedly|supposedly|reportedly|apparently|opinion|rumou?red|alleged)\w*\b"
    r"|\b" + _CONTENT_NOUN + r"\b",
    re.IGNORECASE,
)


def speaker_terms(speaker: str) -> set[str]:
    """Words that name the speaker ("Rasa Juknevičienė, Lithuania's former defense minister" →
    rasa, jukneviciene, lithuania, former, defense, minister), folded, first five letters."""
    words = re.findall(r"[a-z0-9][a-z0-9'-]*", fold(speaker))
    return {w.removesuffix("'s")[:5] for w in words if w not in _SPEAKER_STOP and len(w) > 1}


def strip_outlet_prefix(claim: str, outlet_names: list[str]) -> str:
    """The claim without a leading "According to <outlet>," (the outlet is not the speaker)."""
    for name in outlet_names:
        name = name.strip()
        if not name:
            continue
        m = re.match(r"^\s*according to\s+(?:the\s+)?" + re.escape(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)) + r"\s*,?\s*", claim, re.IGNORECASE)
        if m:
            return claim[m.end():]
    return claim


_CLAIM_MODAL = re.compile(r"\b(?:would|could|should|might|may|can|must|if|wants?|hopes?|plans?)\b", re.IGNORECASE)


def keeps_attribution(claim: str, speaker: str, outlet_names: list[str], hypothetical: bool = False) -> bool:
    """Does `claim` say who says it: a reporting cue ("said", "according to", "claims" …;
    quote marks alone are not one) besides any leading "According to <outlet>", and, when the
    passage names the speaker, one of the speaker's words? Speech the passage gives as only
    possible or advised ("would do better to say", "could point to") must stay so in the claim."""
    if hypothetical and not _CLAIM_MODAL.search(re.sub(r"“[^”]*”?|\"[^\"]*\"?", " ", claim)):
        return False  # the modal must be the claim's own, not inside the words it quotes
    body = strip_outlet_prefix(claim, outlet_names)
    terms = speaker_terms(speaker)
    outlet_terms = set().union(*(speaker_terms(n) for n in outlet_names)) if outlet_names else set()
    if terms and terms <= outlet_terms and body != claim:
        return True  # the outlet itself is the speaker ("CNN reported that …"): "According to CNN" says so
    if not _CLAIM_CUE.search(body):
        return False
    if not terms:
        return True
    claim_words = {w.removesuffix("'s")[:5] for w in re.findall(r"[a-z0-9][a-z0-9'-]*", fold(claim))}
    return bool(terms & claim_words)

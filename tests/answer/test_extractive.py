"""The extractive answerer on the real corpus: cited answers, verbatim quotes, honest refusals,
and a learned, calibrated scorer whose every threshold says where it came from."""
from __future__ import annotations

import dataclasses
import json
import re

import pytest

from qa.answer.compose import attributed, attribution
from qa.answer.features import QUESTION_FEATURES, SENTENCE_FEATURES
from qa.answer.model import default_models
from qa.types import Passage

CARD_QUESTION = "What did Putin demand in the draft agreements?"

UNANSWERABLE = [
    "What did the mayor of Madrid say about Quetzalcoatl?",
    "How tall is Vladimir Putin?",
    "Who won the 2024 US presidential election?",
    "What is the capital of Peru?",
]
# Near misses that name people and events of the articles: refusing them needs more than the
# bi-encoder features can give (see the answers issue note); kept here as a measured share.
NEAR_MISSES = [
    "What did NATO leaders decide at the NATO summit in Madrid?",
    "Who is the US ambassador to Russia?",
    "How many people were killed in the protests in Kazakhstan?",
    "When did Finland join NATO?",
    "In what year was NATO founded?",
    "What is the population of Kazakhstan?",
    "Who is the Secretary-General of the CSTO?",
]


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_card_question_is_answered_with_the_demands(assistant):
    answer = assistant.ask(CARD_QUESTION)
    assert answer.answered and answer.confidence is not None and answer.confidence >= default_models().policy.answer_threshold
    assert "[1]" in answer.text and "[2]" in answer.text
    assert "rollback" in answer.text.lower()
    assert len(answer.citations) <= default_models().policy.max_sentences


def test_every_quote_is_verbatim_in_its_passage_and_article(assistant):
    questions = [CARD_QUESTION, "How many soldiers did Putin send to the Ukrainian border?",
                 "Which countries are members of the CSTO?", "Is Russia preparing to invade Ukraine?"]
    for question in questions:
        answer = assistant.ask(question)
        assert answer.citations, question
        for n, citation in enumerate(answer.citations, 1):
            assert f"[{n}]" in answer.text
            assert citation.quote in citation.passage.text
            article = assistant.document_text(citation.passage.doc_id)
            assert citation.quote in article
            assert article[citation.passage.start : citation.passage.end] == citation.passage.text
            # the shown sentence is the quote (white space folded; the first letter may be
            # lower-cased after "According to CNN, "), with its source named
            assert _norm(citation.quote)[1:] in _norm(answer.text)


@pytest.mark.parametrize("question", UNANSWERABLE)
def test_unanswerable_questions_are_refused(assistant, question):
    answer = assistant.ask(question)
    assert not answer.answered, answer.text
    assert answer.citations == []
    assert "don't say" in answer.text


def test_near_misses_get_lower_confidence_than_the_answerable_questions(assistant):
    answerable = [assistant.ask(q).confidence for q in (CARD_QUESTION, "Who is Sergei Ryabkov?",
                                                        "Which countries are members of the CSTO?")]
    misses = [assistant.ask(q).confidence for q in NEAR_MISSES]
    assert sum(a > m for a in answerable for m in misses) / (len(answerable) * len(misses)) >= 0.75


def test_refusal_names_a_topic_the_articles_never_mention(assistant):
    answer = assistant.ask("What did the mayor of Madrid say about Quetzalcoatl?")
    assert "Madrid" in answer.text and "Quetzalcoatl" in answer.text
    assert answer.related, "closest passages are offered as related, not as an answer"


def test_follow_up_uses_the_person_from_the_previous_turn(assistant):
    first = assistant.ask("Who is Sergei Ryabkov?")
    assert first.answered
    follow = assistant.ask("Where did he meet Wendy Sherman?", history=[("Who is Sergei Ryabkov?", first.text)])
    assert "Ryabkov" in follow.query
    assert follow.answered and "Geneva" in follow.text


def test_history_does_not_change_a_standalone_question(assistant):
    alone = assistant.ask("How many soldiers did Putin send to the Ukrainian border?")
    after = assistant.ask(
        "How many soldiers did Putin send to the Ukrainian border?", history=[("Who is Sergei Ryabkov?", "…")]
    )
    assert alone.text == after.text


def test_answers_name_their_outlet(assistant):
    answer = assistant.ask("What did the State Department call for in Kazakhstan?")
    assert answer.answered
    assert "According to the Orange County Register" in answer.text


def test_answers_are_deterministic(assistant):
    assert assistant.ask(CARD_QUESTION).text == assistant.ask(CARD_QUESTION).text


def _one_article_library(tmp_path, name: str, text: str):
    """An assistant over one made-up article, `name` (a .txt or .html file) holding `text`."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    return Assistant(make_settings(tmp_path / "index", corpus))


def _web_page(title: str, site: str, author: str, paragraphs: list[str]) -> str:
    """A made-up article page: its title, site name, byline (none when "") and paragraphs."""
    byline = f'<meta name="author" content="{author}">' if author else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<html><head><title>{title}</title><meta property="og:site_name" content="{site}">{byline}</head>'
            f"<body><article><h1>{title}</h1>{body}</article></body></html>")


def _passage(text: str, source: str = "CNN", title: str = "T") -> Passage:
    return Passage(doc_id="d", title=title, source=source, url="", text=text, start=0, end=len(text))


def test_attribution_keeps_names_capitalised_and_lowers_function_words():
    assert attributed("Putin sent troops.", _passage("x")) == "According to CNN, Putin sent troops."
    assert attributed("It was only last month.", _passage("x")) == "According to CNN, it was only last month."
    assert attributed("It's now been a year.", _passage("x")) == "According to CNN, it's now been a year."  # a contraction
    assert attributed("Putin's concerns grew.", _passage("x")) == "According to CNN, Putin's concerns grew."
    p = _passage("x", source="Los Angeles Times")
    assert attributed("The CSTO is a club.", p) == "According to the Los Angeles Times, the CSTO is a club."
    assert attributed("According to the drafts, X.", p).startswith("The Los Angeles Times writes: According")
    assert attributed("Why does he think so?", p).startswith("The Los Angeles Times asks:")
    # a quote that joins on to the sentence before it is no clause of "According to…"
    assert attributed("But the country has grappled with militancy.", p) == (
        "The Los Angeles Times writes: But the country has grappled with militancy.")
    assert attributed("Some say so.", p) == "According to the Los Angeles Times, some say so."
    # a paper known by its noun alone reads with "the"; other one-word outlets are bare
    assert attributed("Two men fell ill.", _passage("x", source="Telegraph")) == "According to the Telegraph, two men fell ill."
    assert attributed("Two men fell ill.", _passage("x", source="Guardian")) == "According to the Guardian, two men fell ill."
    assert attributed("Two men fell ill.", _passage("x", source="Slate")) == "According to Slate, two men fell ill."
    assert attributed("Two men fell ill.", _passage("x", source="News")) == "According to News, two men fell ill."
    # a labelled line is no clause either: "According to…, film: Groundhog Day"
    assert attributed("Film: Groundhog Day; Year: 1993.", p) == (
        "The Los Angeles Times writes: Film: Groundhog Day; Year: 1993.")
    no_outlet = _passage("x", source="", title="A first sentence standing in for a title…")
    assert "names no outlet" in attributed("X is Y.", no_outlet)


def test_attribution_lowers_a_word_the_article_writes_in_lower_case_but_not_a_name():
    article = ("Working alongside its partners, the union won. Staff were working late. Soon after, "
               "Putin spoke. Reading is a town where the Reading Festival is held; reading matters.")
    p = _passage("x")
    assert attributed("Working alongside its partners, the union won.", p, article).startswith("According to CNN, working")
    assert attributed("Putin spoke.", p, article) == "According to CNN, Putin spoke."  # never written in lower case
    # written in lower case, but also capitalised inside a sentence: a name, kept
    assert attributed("Reading is a town.", p, article) == "According to CNN, Reading is a town."
    assert attributed("After the meal, I left.", p) == "According to CNN, after the meal, I left."
    assert attributed("Working alongside its partners, the union won.", p).startswith("According to CNN, Working")
    listed = "You need:\n\n- Small plants (from a florist)\n\n2. Small stones\n\nA small saucer holds it."
    assert attributed("Small growing plants work best.", p, listed) == "According to CNN, small growing plants work best."
    assert attributed("Unsurprisingly, Arduino LLC did not care.", p, "") == "According to CNN, unsurprisingly, Arduino LLC did not care."
    assert attributed("Okay, so far so good.", p) == "According to CNN, okay, so far so good."
    assert attributed("Six years ago, Olivia Munn arrived.", p) == "According to CNN, six years ago, Olivia Munn arrived."
    untitled = Passage(doc_id="v8", title="Outside the web: standalone WebAssembly binaries", source="", url="", text="x")
    assert attributed("WASI is an API.", untitled).startswith("According to the article “Outside the web:")
    assert attributed("WASI is an API.", untitled, after_same=True) == "According to the same article, WASI is an API."
    assert attributed("WASI is an API.", p, after_same=True) == "According to CNN, WASI is an API."  # short: named again
    named = "The nurse met Beverly. Beverly, a nurse, said no."
    assert attributed("Beverly, a nurse, said no.", p, named) == "According to CNN, Beverly, a nurse, said no."
    assert attributed("Italy, the host, won.", p) == "According to CNN, Italy, the host, won."
    # a title of capitalised words joined by "and", written so inside the article's sentences too
    # (web-dev-25's Wikipedia entry read "According to Wikipedia, now and Then, Here and There…")
    entry = "Now and Then, Here and There is an anime series. Critics praised Now and Then, Here and There."
    assert attributed("Now and Then, Here and There is an anime series.", p, entry).startswith("According to CNN, Now and")
    crowd = "Officials and Kremlin aides said so. The officials left."
    assert attributed("Officials and Kremlin aides said so.", p, crowd) == "According to CNN, officials and Kremlin aides said so."


def test_attribution_lowers_a_word_english_writes_mostly_in_lower_case_when_the_article_has_no_other_use():
    """"According to Twin Cities, Hours before Zach Parise's two-goal performance…": the article
    writes "Hours" once, after its dateline, and never in lower case."""
    p = _passage("x")
    article = ("Parise heating up\nBUFFALO, N.Y. — Hours before Zach Parise’s two-goal performance Tuesday, the coach "
               "spoke.\nOfficials said so. Trump said no. Will Smith came. Police came. Apple sued.")
    assert attributed("Hours before Zach Parise’s two-goal performance Tuesday, the coach spoke.", p, article).startswith(
        "According to CNN, hours before")
    assert attributed("Officials said so.", p, article) == "According to CNN, officials said so."
    # capitalised more often than not in English, or only a little less: a name, kept
    for sentence in ("Trump said no.", "Police came.", "Apple sued."):
        assert attributed(sentence, p, article) == f"According to CNN, {sentence}"
    assert attributed("Will Smith came.", p, article) == "According to CNN, Will Smith came."  # a run of names
    # a connective opening the sentence is lowered, as "However" is
    assert attributed("Furthermore, fans think it unfair.", p, "x") == "According to CNN, furthermore, fans think it unfair."
    # a run of names is kept though the article writes its first word in lower case too ("…will
    # be…"); a common word before a title or a day is lowered
    article = "Will Smith made $20 million. He will be back. Former President Obama spoke. Obama was a former senator."
    assert attributed("Will Smith made $20 million.", p, article) == "According to CNN, Will Smith made $20 million."
    assert attributed("Former President Obama spoke.", p, article) == "According to CNN, former President Obama spoke."
    # capitalised inside a sentence of the article: a name, whatever English does
    assert attributed("Hours passed.", p, "Hours passed. We met Hours, the baker.") == "According to CNN, Hours passed."


def test_attribution_lowers_a_participle_heading_a_phrase_and_a_fixed_phrase_but_not_a_name():
    """ "According to WordPress Tavern, Browsing a few jobs…" read as a name (unseen pages: a
    word the article writes only at the start of a sentence had nothing to tell it by)."""
    p = _passage("x")
    article = ("Browsing a few jobs on the site, positions vary. Called a rhythm game by its creators, it is loud. "
               "Regardless of how much credit you give it, the report is useful. Thanks to evilpie, users can import "
               "logins. Mohammed in an interview said so. The talks with Mohammed ended.")
    assert attributed("Browsing a few jobs on the site, positions vary.", p, article).startswith("According to CNN, browsing a")
    assert attributed("Called a rhythm game by its creators, it is loud.", p, article).startswith("According to CNN, called a")
    assert attributed("Regardless of how much credit you give it, the report is useful.", p, article).startswith(
        "According to CNN, regardless of")
    assert attributed("Thanks to evilpie, users can import logins.", p, article).startswith("According to CNN, thanks to")
    # a name the article capitalises inside a sentence keeps its capital; without the article's text, nothing is lowered
    assert attributed("Mohammed in an interview said so.", p, article) == "According to CNN, Mohammed in an interview said so."
    assert attributed("Browsing a few jobs, positions vary.", p).startswith("According to CNN, Browsing a")


def test_attribution_uses_the_only_for_newspaper_names():
    assert attributed("X is Y.", _passage("x", source="Kulu Media")).startswith("According to Kulu Media,")
    assert attributed("X is Y.", _passage("x", source="VICE")).startswith("According to VICE,")
    assert attributed("X is Y.", _passage("x", source="The Guardian")).startswith("According to The Guardian,")
    # a broadcaster's or a portal's news is bare: "According to the Fox News" read wrongly
    assert attributed("X is Y.", _passage("x", source="BBC News")).startswith("According to BBC News,")
    fox = "Scooter is frustrated. CLICK HERE TO GET THE FOX NEWS APP"
    assert attributed("X is Y.", _passage("x", source="Fox News"), fox).startswith("According to Fox News,")
    detroit = "Ford said so, the Detroit News reported."
    assert attributed("X is Y.", _passage("x", source="Detroit News"), detroit).startswith("According to the Detroit News,")
    # a paper's edition before "News" names a newspaper, whatever its article writes (web-dev-15)
    assert attributed("X is Y.", _passage("x", source="Dallas Morning News"), "x").startswith(
        "According to the Dallas Morning News,")
    # so is a magazine the article never writes with "the" (a Slate page: "According to the Slate Magazine" read wrongly)
    slate = "Protesters gathered in Rio. Slate is published by The Slate Group."
    assert attributed("X is Y.", _passage("x", source="Slate Magazine"), slate).startswith("According to Slate Magazine,")
    # a name in the possessive never takes "the", whatever the article writes ("The Harper's Magazine doesn't say")
    assert attributed("X is Y.", _passage("x", source="Harper's Magazine")).startswith("According to Harper's Magazine,")
    assert attribution(_passage("x", source="Harper's Magazine")) == "Harper's Magazine"
    # and a title ending in "Daily" or "Weekly" (web-dev-16: "According to the Grazia Daily" read wrongly)
    grazia = "Our Alya Mooro joined the party in Gstaad."
    assert attributed("X is Y.", _passage("x", source="Grazia Daily"), grazia).startswith("According to Grazia Daily,")
    assert attributed("X is Y.", _passage("x", source="Entertainment Weekly"), grazia).startswith(
        "According to Entertainment Weekly,")
    assert attributed("X is Y.", _passage("x", source="New York Daily News"), grazia).startswith(
        "According to the New York Daily News,")
    nyt = "This piece appeared in the New York Times Magazine last week."
    assert attributed("X is Y.", _passage("x", source="New York Times Magazine"), nyt).startswith(
        "According to the New York Times Magazine,")
    # an outlet written in lower case keeps it, even opening a sentence
    pv = _passage("x", source="pv magazine International")
    assert attributed("According to MOTIE, costs fall.", pv).startswith("pv magazine International writes:")
    assert attributed("According to MOTIE, costs fall.", _passage("x", source="")).startswith("The article “T” writes:")


def test_the_model_file_matches_the_features_and_every_threshold_has_an_origin():
    models = default_models()
    assert list(models.sentence.features) == SENTENCE_FEATURES
    assert list(models.question.features) == QUESTION_FEATURES
    policy = models.policy
    assert 0 < policy.answer_threshold < 1 and 0 < policy.extra_ratio <= 1.01 and policy.max_sentences == 3
    assert policy.answer_passages >= 5 and policy.masked_sentences >= 0
    assert 0.5 < policy.redundant_cosine <= 1.0
    from dataclasses import fields

    for name in (f.name for f in fields(policy) if f.name != "origins"):  # every value the policy holds
        assert policy.origins.get(name), f"{name} has no stated origin"
    assert "blind" not in json.dumps(models.report)  # trained and chosen on dev sets only


def test_best_sentence_comes_first_and_extra_sentences_score_close_to_it(assistant):
    answerer = assistant.answerer
    passages = answerer.candidates(CARD_QUESTION, 5)
    _q, ranked, _confidence = answerer.score(CARD_QUESTION, passages)
    chosen = answerer.select(ranked)
    assert chosen[0] is ranked[0]
    for cand in chosen[1:]:
        assert cand.probability >= answerer.policy.extra_ratio * ranked[0].probability
    answer = assistant.ask(CARD_QUESTION)
    assert answer.citations[0].quote.startswith(ranked[0].text)  # it may read on with the sentence pointing back to it


def test_refusal_never_says_no_article_mentions_a_name_that_one_does(assistant):
    for question in ["How tall is Vladimir Putin?", "What is the capital of Peru?", "When was Stoltenberg born?"]:
        answer = assistant.ask(question)
        if "mentions" in answer.text:
            named = re.findall(r"“([^”]+)”", answer.text)
            library = " ".join(assistant.document_text(d.doc_id) for d in assistant.library())
            assert not any(n.lower() in library.lower() for n in named), answer.text


def test_a_source_no_article_mentions_is_not_answered_for_with_another_outlets_words(assistant):
    """"What does the Telegraph think NATO should do?" was answered with CNN's sentences (quoted as
    CNN's, asked as the Telegraph's): NATO is known, the source asked for is not. A source the
    articles do have, or mention, is still answered for."""
    for question, source in [("What does the Telegraph think NATO should do?", "Telegraph"),
                             ("According to Bloomberg, how many troops did Russia send to Kazakhstan?", "Bloomberg"),
                             ("In the Guardian op-ed, what is Biden urged to do?", "Guardian")]:
        answer = assistant.ask(question)
        assert not answer.answered and f"mentions “{source}”" in answer.text, answer.text
    # the outlets of the corpus, by another spelling, and a paper one article quotes
    for question in ["What does CNN think NATO should do?", "What does the LA Times say about the CSTO?",
                     "What did the New York Times report about the CSTO?"]:
        assert assistant.ask(question).answered, question
    # a source of several words the library knows each of, but no article names
    answer = assistant.ask("What does the Washington Post say about Tokayev?")
    assert not answer.answered and "mentions “Washington Post”" in answer.text, answer.text
    # its words apart in one article name it another way ("Wendy Sherman … in Geneva"), and a
    # possessive's known part is a known source
    for question, source in [("In the Sherman Geneva report, what did Russia demand?", "Sherman Geneva"),
                             ("According to CNN's Jane Doe, what did Russia demand?", "Jane Doe")]:
        assert f"“{source}”" not in assistant.ask(question).text, question


def test_the_speaker_of_a_question_is_the_name_whose_words_it_asks_for():
    from qa.text.names import asked_speakers

    assert asked_speakers("What does the Telegraph think NATO should do?") == ["Telegraph"]
    assert asked_speakers("What is NATO urged to do, according to the Wall Street Journal?") == ["Wall Street Journal"]
    assert asked_speakers("What does the Guardian's op-ed argue?") == ["Guardian"]
    assert asked_speakers("In the Telegraph article, what is NATO urged to do?") == ["Telegraph"]
    assert asked_speakers("According to Cloudflare's Ramy Houssaini, what is SaaS shifting toward?") == [
        "Cloudflare", "Ramy Houssaini"]
    # no name asked for as a source: a person's spokesman, an article, a plain question
    for question in ["What did Putin's spokesman say?", "According to the article, who won?", "What did NATO offer?"]:
        assert asked_speakers(question) == [], question


def test_a_place_asked_by_its_adjective_is_not_called_missing(assistant):
    # the articles write "Estonia", "Belarus", "China" and "Kazakhstan", never "Estonian",
    # "Belarusian", "Chinese" or "Kazakh"
    for question in ["What did the Estonian government say about the Belarusian border?",
                     "How many Chinese troops went to Kazakhstan?", "How much does a Kazakh worker earn?"]:
        answer = assistant.ask(question)
        assert not any(f"“{word}”" in answer.text for word in ("Estonian", "Belarusian", "Chinese", "Kazakh")), answer.text


def test_a_refusal_gives_the_articles_spelling_of_a_name_instead_of_calling_it_missing(assistant):
    # the articles write "Kiev" and "Tokayev"; an asker may write "Kyiv" and "Tokaev"
    answer = assistant.ask("Who is the mayor of Kyiv?")
    assert not answer.answered
    assert "The articles spell “Kyiv” as “Kiev”." in answer.text and "mentions “Kyiv" not in answer.text
    answer = assistant.ask("What did Tokaev say about Lukashenko?")
    assert not answer.answered
    assert "mentions “Lukashenko”" in answer.text and "The articles spell “Tokaev” as “Tokayev”." in answer.text
    # a first name spelled like one of the articles' does not make the same person
    answer = assistant.ask("What did Vladimyr Zhirinovsky demand of Madrid?")
    assert not answer.answered and "“Vladimyr”" in answer.text and "spell" not in answer.text


def test_a_changed_article_is_not_judged_by_its_old_text(tmp_path, corpus_copy):
    """The answerer caches article texts for its name checks; an ingest must refresh them."""
    from qa import Assistant

    from conftest import make_settings

    bot = Assistant(make_settings(tmp_path / "index", corpus_copy))
    doc = "004_93ab12cb5d174454"
    before = bot.answerer._article_texts([doc])[doc]
    path = corpus_copy / f"{doc}.txt"
    text = path.read_text(encoding="utf-8")  # (text after the site footer would be cut as chrome)
    path.write_text(text.replace("This week, Russian", "This week, the Zorbatian envoy said, Russian", 1), encoding="utf-8")
    bot.ingest([path])
    after = bot.answerer._article_texts([doc])[doc]
    assert "Zorbatian" not in before and "Zorbatian" in after


def test_the_answer_step_reads_the_policy_depth_of_passages_however_few_are_asked_for(assistant):
    answerer = assistant.answerer
    depth = answerer.policy.answer_passages
    assert answerer.depth(1) == depth and answerer.depth(depth + 3) == depth + 3
    assert len(answerer.candidates(CARD_QUESTION, 1)) == min(depth, len(assistant.retrieve(CARD_QUESTION, k=depth)))


def test_only_the_most_similar_sentences_naming_the_question_s_names_get_a_name_less_variant():
    from dataclasses import replace
    from types import SimpleNamespace

    import numpy as np

    from qa.answer.extractive import ExtractiveAnswerer
    from qa.answer.features import Candidate

    models = default_models()
    answerer = ExtractiveAnswerer(None, None, replace(models, policy=replace(models.policy, masked_sentences=2)))
    texts = ["Lavrov met Blinken in Geneva.", "Lavrov spoke for an hour.", "The talks ended late.",
             "Blinken flew home from Geneva.", "Lavrov smiled."]
    cands = [Candidate(SimpleNamespace(), t, 0, i) for i, t in enumerate(texts)]
    q = SimpleNamespace(names=["Lavrov", "Blinken"], vector=np.array([1.0, 0.0]))
    sims = np.array([[0.9, 0.1], [0.2, 0.9], [0.99, 0.0], [0.5, 0.5], [0.8, 0.2]])  # "The talks…" names nobody
    masked = answerer._masked_texts(q, cands, sims)
    # the two most similar of the four naming a name lose the names; the other two stay whole
    assert masked == ["met in Geneva.", "Lavrov spoke for an hour.", "The talks ended late.",
                      "Blinken flew home from Geneva.", "smiled."]
    unlimited = ExtractiveAnswerer(None, None, replace(models, policy=replace(models.policy, masked_sentences=0)))
    assert unlimited._masked_texts(q, cands, sims)[1] == "spoke for an hour."


def test_a_question_naming_an_outlet_is_answered_from_that_outlet_only(assistant):
    """"What does the Los Angeles Times piece say about Kazakhstan?": the Orange County
    Register's Kazakhstan sentences score higher, but the asker named the source they want."""
    question = "What does the Los Angeles Times piece say about Kazakhstan?"
    answer = assistant.ask(question)
    assert answer.answered and {c.passage.source for c in answer.citations} == {"Los Angeles Times"}
    everywhere = assistant.answerer.answer("What do the articles say about Kazakhstan?", "What do the articles say about Kazakhstan?",
                                           assistant.answerer.candidates("What do the articles say about Kazakhstan?", 5))
    assert "Orange County Register" in {c.passage.source for c in everywhere.citations}  # the rule, not the corpus, decides
    passages = assistant.answerer.candidates(question, 5)
    assert assistant.answerer.named_source_passages("What do the articles say about Kazakhstan?", passages) == passages


def test_a_question_naming_two_outlets_quotes_each_of_them(assistant):
    """"Do CNN and the Los Angeles Times agree…": the asker wants both views, so each named
    outlet's best sentence is quoted, best first, though one outlet's sentences may score higher."""
    question = "Do CNN and the Los Angeles Times agree on what Putin wants from NATO?"
    answer = assistant.ask(question)
    assert answer.answered
    sources = [c.passage.source for c in answer.citations]
    assert {"CNN", "Los Angeles Times"} <= set(sources) and len(sources) <= 3
    answerer = assistant.answerer
    _q, ranked, _c = answerer.score(question, answerer.named_source_passages(question, answerer.candidates(question, 5)))
    groups = answerer._source_mention(question).groups
    firsts = [next(c for c in ranked if c.passage.doc_id in g) for g in groups]
    expected = [c.text for c in sorted(firsts, key=lambda c: -c.probability)]
    assert [c.quote[-len(t):] for c, t in zip(answer.citations, expected)] == expected  # (a quote may open with the sentence before)
    # without the named sources the usual rule holds: the best sentence first, the rest close to it
    assert answerer.select(ranked)[0] is ranked[0]


def test_a_named_source_that_does_not_answer_is_not_quoted_for_being_named(assistant):
    """CNN never describes the CSTO: its best sentence scores far below the Los Angeles Times'
    ("…what is the point of the meeting?"), so only the sources that answer are quoted."""
    question = "How do the LA Times and CNN describe the CSTO?"
    answer = assistant.ask(question)
    assert answer.answered and {c.passage.source for c in answer.citations} == {"Los Angeles Times"}
    answerer = assistant.answerer
    _q, ranked, _c = answerer.score(question, answerer.named_source_passages(question, answerer.candidates(question, 5)))
    cnn = next(c for c in ranked if c.passage.source == "CNN")
    assert cnn.probability < answerer.policy.extra_ratio * ranked[0].probability


def test_a_refusal_limited_to_a_named_outlet_says_so_and_how_to_search_everything(assistant):
    answer = assistant.ask("What does the CNN piece say about the weather in Geneva?")
    assert not answer.answered
    assert answer.text.startswith("CNN doesn't say.") and "ask without naming it" in answer.text
    assert answer.related and {p.source for p in answer.related} == {"CNN"}
    from qa.answer.extractive import REFUSAL_TEXT

    two = assistant.ask("What do CNN and the Orange County Register say about the weather in Geneva?")
    assert not two.answered and two.text.startswith("CNN and the Orange County Register don't say.")
    assert "naming them" in two.text and {p.source for p in two.related} <= {"CNN", "Orange County Register"}
    plain = "What is the weather in Geneva?"  # names no source: every article was searched
    passages = assistant.answerer.candidates(plain, 5)
    q, _ = assistant.answerer.featurize(plain, passages)
    refusal = assistant.answerer.refusal(q, plain, passages, 0.0)
    assert refusal.text == REFUSAL_TEXT and refusal.related == passages[:3]


def test_a_sentence_that_leans_back_is_quoted_with_the_one_before_it_verbatim():
    from qa.answer.extractive import quote_of
    from qa.answer.features import Candidate

    text = "Talks opened in Geneva.\n\nPutin is afraid – not us. He is afraid of his own people. NATO met on Wednesday."
    passage = Passage(doc_id="d", title="t", source="CNN", url="", text=text, start=100, end=100 + len(text))

    def cand(sentence: str, context: str, leans: bool) -> Candidate:
        return Candidate(passage, sentence, 0, 100 + text.index(sentence), context=context,
                         features={"leans_back": float(leans)})

    leaning = cand("He is afraid of his own people.", "Putin is afraid – not us.", True)
    alone = cand("NATO met on Wednesday.", "He is afraid of his own people.", False)
    assert quote_of(leaning, [leaning]) == "Putin is afraid – not us. He is afraid of his own people."
    assert quote_of(leaning, [leaning]) in text  # one verbatim span of the passage
    assert quote_of(alone, [alone]) == "NATO met on Wednesday."
    before = cand("Putin is afraid – not us.", "Talks opened in Geneva.", False)
    assert quote_of(leaning, [before, leaning]) == "He is afraid of his own people."  # the one before is quoted already
    across = cand("Putin is afraid – not us.", "Talks opened in Geneva.", True)
    assert quote_of(across, [across]) == "Talks opened in Geneva.\n\nPutin is afraid – not us."  # a paragraph break is no wall
    first = cand("Talks opened in Geneva.", "", True)
    assert quote_of(first, [first]) == "Talks opened in Geneva."  # nothing before it in the passage
    headed = "What Happened\n\nIt was my second webcast."
    page = Passage(doc_id="h", title="t", source="Caktus Group", url="", text=headed, start=0, end=len(headed))
    after_heading = Candidate(page, "It was my second webcast.", 0, headed.index("It"), context="What Happened",
                              features={"leans_back": 1.0})
    assert quote_of(after_heading, [after_heading]) == "It was my second webcast."  # a heading resolves no "it"


def test_a_list_items_bullet_is_not_quoted():
    from qa.answer.extractive import quote_of
    from qa.answer.features import Candidate

    text = "Environment managers:\n\n- venv creates a standard virtual environment.\n\n2. Conda also manages Python itself."
    passage = Passage(doc_id="d", title="t", source="Pluralsight", url="", text=text, start=0, end=len(text))
    for sentence, quoted in (("- venv creates a standard virtual environment.", "venv creates a standard virtual environment."),
                             ("2. Conda also manages Python itself.", "Conda also manages Python itself.")):
        cand = Candidate(passage, sentence, 0, text.index(sentence), features={"leans_back": 0.0})
        assert quote_of(cand, [cand]) == quoted and quoted in text
    plain = Candidate(passage, "Environment managers:", 0, 0, features={"leans_back": 0.0})
    assert quote_of(plain, [plain]) == "Environment managers:"


def test_a_refused_question_about_an_articles_byline_or_date_says_what_its_page_gives():
    from qa.answer.compose import page_metadata_note

    page = Passage(doc_id="d", title="T", source="Pluralsight", url="", text="x", author="John Walk", date="2020-01-10")
    assert page_metadata_note("Who wrote the post about Python environments?", [page]) == "Its page gives the byline John Walk."
    assert page_metadata_note("When was the story published?", [page]) == "Its page is dated 2020-01-10."
    assert page_metadata_note("Who wrote 'T'?", [page]) == ""  # a one-letter title is no evidence
    titled = Passage(doc_id="d", title="The Biden-Putin Talk", source="", url="", text="x", author="A. Writer")
    assert page_metadata_note("Who wrote 'The Biden-Putin Talk'?", [titled]) == "Its page gives the byline A. Writer."
    assert page_metadata_note("Who is the author of the piece?", [page, page]).startswith("Its page gives")
    # not a question about the page, a page that gives nothing, or several articles: nothing
    assert page_metadata_note("Who wrote the treaty?", [page]) == ""  # about what the article says, not the page
    assert page_metadata_note("When was the treaty published?", [page]) == ""
    assert page_metadata_note("Who signed the treaty?", [page]) == ""
    assert page_metadata_note("Who wrote it?", [Passage(doc_id="d", title="T", source="S", url="", text="x")]) == ""
    other = Passage(doc_id="e", title="U", source="S", url="", text="y", author="Ann Lee")
    assert page_metadata_note("Who wrote it?", [page, other]) == ""


def test_an_answered_question_about_who_wrote_the_article_gets_its_pages_byline_as_a_notice():
    """ "Who wrote the LWN article on the Arduino trademark?" was answered with sentences on the
    trademark: the text does not say who wrote it, its page does."""
    from qa.answer.extractive import _page_note

    page = Passage(doc_id="lwn", title="LWN.net Weekly Edition", source="", url="", text="x",
                   author="Nathan Willis", date="2015-03-25")
    question = "Who wrote the LWN article on the Arduino trademark?"
    assert _page_note(question, page, "Arduino LLC filed to register the US trademark…") == \
        "Its page gives the byline Nathan Willis."
    assert _page_note(question, page, "…wrote Nathan Willis in his report.") == ""  # the answer says it already
    assert _page_note("When was the LWN article published?", page, "…") == "Its page is dated 2015-03-25."
    assert _page_note("Who owns the Arduino trademark?", page, "…") == ""  # not about the page


def test_the_refusal_of_a_named_articles_date_gives_its_pages_date(assistant):
    question = "When was the Orange County Register article published?"
    passages = assistant.answerer.candidates(question, 5)
    q, _ = assistant.answerer.featurize(question, passages)
    refusal = assistant.answerer.refusal(q, question, passages, 0.0)
    assert refusal.text.startswith("The Orange County Register doesn't say.")
    assert refusal.text.endswith("Its page is dated 2022-01-14.") and not refusal.citations


def test_a_sentence_that_leans_back_and_opens_its_passage_is_quoted_with_the_sentence_before(assistant):
    # "But it does know what the US has to say." opens a passage of the Los Angeles Times piece:
    # the passage is widened to the sentence before it, which the quote then starts with.
    answer = assistant.ask("Did the US agree?")
    lead = next(c for c in answer.citations if "But it does know what the US has to say." in c.quote)
    assert lead.quote.startswith("None of this is to say") and lead.quote.endswith("what the US has to say.")
    text = assistant.document_text(lead.passage.doc_id)
    assert text[lead.passage.start : lead.passage.end] == lead.passage.text  # still a span of the article
    for citation in answer.citations:
        assert citation.quote in citation.passage.text


def test_an_it_that_points_ahead_needs_no_sentence_before():
    from qa.answer.extractive import _IT_POINTS_AHEAD

    for ahead in ("It was only last month that Moscow published two drafts.", "It is important to note this.",
                  "It was Putin who said so.", "It is really hard to say."):
        assert _IT_POINTS_AHEAD.search(ahead), ahead
    for back in ("It was my second webcast and I was nervous.", "It was a disaster.",
                 "It was founded in 2002, and it met in Geneva to talk.", "It was founded in 2002 to serve."):
        assert not _IT_POINTS_AHEAD.search(back), back


def test_a_question_of_the_article_that_echoes_the_askers_is_not_quoted(assistant):
    # CNN asks "So what are the Russians hoping for?" and answers it in the next paragraph
    answer = assistant.ask("What are the Russians hoping for?")
    assert answer.answered
    assert not any(c.quote.rstrip().endswith("So what are the Russians hoping for?") for c in answer.citations)
    assert "NATO sources say the demands could be" in answer.citations[0].quote


def test_an_answer_opens_with_a_statement_when_one_scores_close_to_a_question_of_the_article():
    from qa.answer.extractive import _statement_first
    from qa.answer.features import Candidate

    def cand(text: str, p: float) -> Candidate:
        return Candidate(None, text, 0, 0, probability=p)

    asking, stating, far = cand("So what are the Russians hoping for?", 0.9), cand("Moscow wants a pledge.", 0.7), cand("NATO met.", 0.1)
    assert _statement_first([asking, stating, far], 0.63)[0] is stating  # close enough: the statement leads
    assert _statement_first([asking, far, stating], 0.63)[0] is asking  # the statement is not close: nothing else answers
    assert _statement_first([asking, stating], 0.75)[0] is asking
    assert _statement_first([stating, asking], 0.1) == [stating, asking]


def test_a_follow_up_naming_someone_new_opens_with_the_close_sentence_that_names_them():
    """"What about Justin Bieber?" after "How much did Will Smith make…?" is asked as "Justin
    Bieber? How much did Will Smith make…?": the pair scores the Will Smith sentence a hair above
    the Bieber one, which the turn itself asks about."""
    from qa.answer.extractive import _own_names_first
    from qa.answer.features import Candidate

    def cand(text: str, p: float) -> Candidate:
        return Candidate(None, text, 0, 0, probability=p)

    smith, bieber = cand("Will Smith made $20 million.", 0.999), cand("Justin Bieber made $56 million.", 0.996)
    earlier = "How much did Will Smith make in 2016?"
    assert _own_names_first([smith, bieber], "What about Justin Bieber?", earlier, 0.95) == [bieber, smith]
    assert _own_names_first([smith, bieber], "What about Justin Bieber?", earlier, 0.998) == [smith, bieber]  # not close
    # a turn naming only what the earlier question named changes nothing
    assert _own_names_first([smith, bieber], "And Will Smith's rank?", earlier, 0.5) == [smith, bieber]


def test_a_rhetorical_question_of_the_article_does_not_open_the_answer(assistant):
    """"Why might Putin keep insisting…": the op-ed's "Why does Putin think he can negotiate…?"
    scores best, but a statement scores close to it, and an answer that opens by asking reads
    as no answer."""
    answer = assistant.ask("Why might Putin keep insisting on his demands despite Biden's warnings?")
    assert answer.answered
    assert not answer.citations[0].quote.rstrip("”\"’') ").endswith("?")


def test_a_quote_ending_in_a_colon_is_quoted_with_the_list_or_sentence_it_introduces():
    from qa.answer.extractive import LIST_CHARS, _with_what_follows
    from qa.answer.features import Candidate

    article = ("The report ranked ten countries. The overall rankings were as follows:\n\n1. Finland\n\n2. Norway\n\n"
               "3. Australia\n\nThe low ranking of the U.S. was due to inequality.")
    lead = "The overall rankings were as follows:"
    passage = Passage(doc_id="d", title="t", source="CNNMoney", url="", text=article[: article.index("2.")],
                      start=0, end=article.index("2."))
    cand = Candidate(passage, lead, 0, article.index(lead))
    widened, quote = _with_what_follows(cand, passage, lead, [cand], article)
    assert quote == lead + "\n\n1. Finland\n\n2. Norway\n\n3. Australia"  # the whole list, not the sentence after it
    assert quote in widened.text and widened.text == article[widened.start : widened.end]  # verbatim, passage widened
    # without the article at hand, only what the passage holds
    assert _with_what_follows(cand, passage, lead, [cand], "")[1] == lead + "\n\n1. Finland"
    # an item chosen after the lead-in is read on to all the same (`_quoted` leaves its quote
    # out); one quoted before it is not quoted twice
    item = Candidate(passage, "2. Norway", 0, article.index("2. Norway"))
    assert _with_what_follows(cand, passage, lead, [cand, item], article)[1] == quote
    assert _with_what_follows(cand, passage, lead, [item, cand], article)[1] == lead
    said = "Eric Zuesse sent to me Putin’s statement of Russia’s aims:"
    text = f"{said} “In my speech I already stressed that security guarantees come first. Then more.”"
    page = Passage(doc_id="e", title="t", source="", url="", text=text, start=0, end=len(text))
    lead_in = Candidate(page, said, 0, 0)
    assert _with_what_follows(lead_in, page, said, [lead_in], text)[1] == text[: text.index(" Then")]
    nothing = Passage(doc_id="f", title="t", source="", url="", text=said, start=0, end=len(said))
    alone = Candidate(nothing, said, 0, 0)
    assert _with_what_follows(alone, nothing, said, [alone], said) == (nothing, said)
    long_list = lead + "".join(f"\n\n- item number {n} of a list that goes on" for n in range(40))
    whole = Passage(doc_id="g", title="t", source="", url="", text=long_list, start=0, end=len(long_list))
    listed = Candidate(whole, lead, 0, 0)
    assert len(_with_what_follows(listed, whole, lead, [listed], long_list)[1]) <= len(lead) + LIST_CHARS


def test_a_short_lead_in_after_the_first_quote_is_read_on_with_its_list():
    # probe set AR (Flatiron School): "…the best computer programmers have a few traits in
    # common." was quoted without "They are:" and the items under it
    from qa.answer.extractive import _with_what_follows
    from qa.answer.features import Candidate

    first = "It turns out that the best computer programmers have a few traits in common."
    text = f"{first} They are:\n\n- Humble – admit you are wrong.\n\n- Curious – bugs teach.\n\nThat is all."
    page = Passage(doc_id="f", title="t", source="", url="", text=text, start=0, end=len(text))
    cand = Candidate(page, first, 0, 0)
    _, quote = _with_what_follows(cand, page, first, [cand], text, continuation_only=True)
    assert quote == text[: text.index("\n\nThat is all")]
    # a lead-in that points to nothing before it, or no list under it, is not read on to
    for after in (" Prices are:\n\n- one", " They are:\n\nGreat people, all of them."):
        other = first + after
        page = Passage(doc_id="g", title="t", source="", url="", text=other, start=0, end=len(other))
        cand = Candidate(page, first, 0, 0)
        assert _with_what_follows(cand, page, first, [cand], other, continuation_only=True)[1] == first


def test_a_lead_in_with_its_list_under_it_is_no_opening_that_tells_nothing():
    # probe set AR (Terabyte): "Every file … can be in one of three states:" and its items made
    # way for another page's close statement, as a question of the article would
    from qa.answer.extractive import _opens_nothing
    from qa.answer.features import Candidate

    lead = "Every file in your Git repository can be in one of three states:"
    listed = f"{lead}\n\n- Modified: changed\n\n- Staged: marked\n\n- Committed: stored"
    page = Passage(doc_id="t", title="t", source="", url="", text=listed, start=40, end=40 + len(listed))
    assert not _opens_nothing(Candidate(page, lead, 0, 40))
    bare = Passage(doc_id="u", title="t", source="", url="", text=lead, start=0, end=len(lead))
    assert _opens_nothing(Candidate(bare, lead, 0, 0))  # nothing under it in the passage
    asked = "Want to know more about Git?"
    assert _opens_nothing(Candidate(Passage(doc_id="v", title="t", source="", url="", text=asked, start=0,
                                                   end=len(asked)), asked, 0, 0))


def test_an_answer_quoting_a_lead_in_quotes_what_it_introduces(assistant):
    answer = assistant.ask("Who sent the author Putin's statement of Russia's aims?")
    assert answer.answered
    first = answer.citations[0]
    assert "Eric Zuesse sent to me" in first.quote and "security guarantees" in first.quote
    assert first.quote in first.passage.text and first.quote in assistant.document_text(first.passage.doc_id)


def test_a_heading_or_a_links_text_is_never_quoted_as_an_extra_sentence():
    from types import SimpleNamespace

    import numpy as np

    from qa.answer.extractive import ExtractiveAnswerer
    from qa.answer.features import Candidate

    page = SimpleNamespace(doc_id="bbc")
    texts = ["Mr Obama will travel on to Ethiopia on Sunday.", "Read the full transcript of his interview",
             "In a wide-ranging interview, President Obama also said:", "Where will he go after Kenya?",
             "He lands in Kenya later on Friday.", "Five things we learned from Obama interview"]
    cands = [Candidate(page, t, 0, i * 100, probability=1.0 - i * 0.05, embedding=np.eye(6)[i]) for i, t in enumerate(texts)]
    answerer = ExtractiveAnswerer(None, None)
    chosen = [c.text for c in answerer.select(cands)]
    assert chosen == [texts[0], texts[2], texts[4]]  # a lead-in is content; the heading, the link, the question are not
    item = Candidate(page, "- He would defend his advocacy of gay rights", 0, 50, probability=0.99, embedding=np.eye(6)[5])
    assert item in answerer.select([cands[0], item])  # and so is a list item
    heading_first = [cands[1], cands[0]]
    assert answerer.select(heading_first)[0] is cands[1]  # the best candidate itself is kept: it may be the fact


def test_the_same_sentence_with_a_dateline_is_not_quoted_twice():
    """An agency sentence repeated with and without "MOSCOW (AP) —" has a MiniLM cosine of
    0.87 (seen on a Yahoo News page), under `redundant_cosine`; it holds the same words."""
    from types import SimpleNamespace

    import numpy as np

    from qa.answer.extractive import ExtractiveAnswerer, _says_again
    from qa.answer.features import Candidate

    bare = "An unmanned Russian cargo spaceship broke up in the atmosphere over Siberia on Thursday, the agency said."
    dated = "MOSCOW (AP) — " + bare
    altitude = "The Progress MS-04 cargo craft broke up at an altitude of 190 kilometers over Tuva."
    page = SimpleNamespace(doc_id="yahoo")
    vectors = np.array([[1.0, 0.0, 0.0], [0.87, 0.49, 0.0], [0.6, 0.0, 0.8]])
    cands = [Candidate(page, t, 0, i * 300, probability=1.0 - i * 0.01, embedding=vectors[i])
             for i, t in enumerate([dated, bare, altitude])]
    assert [c.text for c in ExtractiveAnswerer(None, None).select(cands)] == [dated, altitude]
    assert _says_again(bare, dated) and _says_again(dated, bare)
    assert not _says_again("Russia said.", "Later, Russia said.")  # a few words in common say nothing again
    assert not _says_again(bare, altitude)


def test_a_sentence_chosen_after_one_that_leans_on_it_is_quoted_with_it_not_after_it():
    from types import SimpleNamespace

    from qa.answer.extractive import _leaning_quoted_whole
    from qa.answer.features import Candidate

    page = SimpleNamespace(doc_id="op-ed")
    before = "He said his intention was to restore normal relations with Russia."
    leaning = Candidate(page, "This expressed intention sufficed to remove him.", 0, 200, context=before,
                        features={"leans_back": 1.0})
    antecedent = Candidate(page, before, 0, 100, features={"leans_back": 0.0})
    other = Candidate(page, "Moscow wants guarantees.", 0, 900, features={"leans_back": 0.0})
    assert _leaning_quoted_whole([leaning, antecedent, other]) == [leaning, other]
    assert _leaning_quoted_whole([antecedent, leaning]) == [antecedent, leaning]  # already read in order
    elsewhere = Candidate(SimpleNamespace(doc_id="cnn"), before, 0, 100, features={"leans_back": 0.0})
    assert _leaning_quoted_whole([leaning, elsewhere]) == [leaning, elsewhere]  # another article's sentence


def test_the_sentence_a_lead_in_introduces_is_quoted_with_the_lead_in_not_after_it():
    from types import SimpleNamespace

    from qa.answer.extractive import _leaning_quoted_whole
    from qa.answer.features import Candidate

    page = SimpleNamespace(doc_id="op-ed")
    lead = Candidate(page, "Eric Zuesse sent to me Putin’s statement of Russia’s aims:", 0, 100, features={"leans_back": 0.0})
    statement = Candidate(page, "“The priority is security guarantees.", 0, 100 + len(lead.text) + 2, features={"leans_back": 0.0})
    far = Candidate(page, "We will insist on concrete agreements.", 0, 400, features={"leans_back": 0.0})
    assert _leaning_quoted_whole([lead, statement, far]) == [lead, far]
    assert _leaning_quoted_whole([statement, lead]) == [statement, lead]  # the statement first: both stay


def test_the_first_quote_reads_on_while_the_next_sentence_points_back_to_it():
    from qa.answer.extractive import _with_what_follows
    from qa.answer.features import Candidate

    said = "According to the database, 8,668 fires have been detected in Amazonas as of Monday."
    for after, joined in (("That exceeds the past few years, and falls just short of the 2016 high.", True),
                          ("It will run you 10 keys ($10).", True),
                          ("And so far, Moscow has not been deterred by any sanctions.", False),  # a conjunction turns elsewhere
                          ("It is hard to say what comes next for the forest.", False),  # an "it" that points ahead
                          ("Fires in Brazil were counted by satellite.", False)):
        text = f"{said} {after} The season peaks in September."
        page = Passage(doc_id="d", title="t", source="Vice", url="", text=text, start=0, end=len(text))
        cand = Candidate(page, said, 0, 0)
        _, quote = _with_what_follows(cand, page, said, [cand], text, continuation_only=True)
        assert quote == (f"{said} {after}" if joined else said), after
        assert quote in text


def test_the_sentence_the_first_quote_reads_on_with_is_not_quoted_again_after_it():
    from types import SimpleNamespace

    from qa.answer.extractive import _leaning_quoted_whole
    from qa.answer.features import Candidate

    cnn = SimpleNamespace(doc_id="cnn")
    first = Candidate(cnn, "Moscow published two draft agreements outlining its demands.", 0, 100, features={"leans_back": 0.0})
    these = Candidate(cnn, "These demands include the rollback of NATO missions.", 0, 100 + len(first.text) + 1,
                      features={"leans_back": 1.0}, context=first.text)
    other = Candidate(SimpleNamespace(doc_id="lat"), "Putin wants influence.", 0, 50, features={"leans_back": 0.0})
    assert _leaning_quoted_whole([first, other, these]) == [first, other]
    plain = Candidate(cnn, "NATO rejected the drafts on Wednesday.", 0, 100 + len(first.text) + 1, features={"leans_back": 0.0})
    assert _leaning_quoted_whole([first, other, plain]) == [first, other, plain]  # not pointing back: its own quote


def test_the_card_answer_reads_the_demands_right_after_the_drafts(assistant):
    answer = assistant.ask(CARD_QUESTION)
    first = answer.citations[0].quote
    assert "draft agreements" in first and "rollback" in first
    assert first in answer.citations[0].passage.text


def test_a_sentence_holding_the_kind_asked_opens_the_answer_when_it_nearly_ties_the_best():
    from qa.answer.extractive import _typed_first
    from qa.answer.features import Candidate

    def cand(text: str, p: float, typed: bool) -> Candidate:
        return Candidate(None, text, 0, 0, features={"type_missing": float(not typed)}, probability=p)

    untyped, typed, far = cand("No such guarantees were made.", 0.50, False), cand("It was the third largest.", 0.48, True), \
        cand("It had 1,900 warheads.", 0.2, True)
    assert _typed_first([untyped, typed, far], 0.95 * 0.50) == [typed, untyped, far]  # nearly tied: the typed one leads
    assert _typed_first([untyped, far], 0.95 * 0.50) == [untyped, far]  # far below: the scorer's order stands
    assert _typed_first([typed, untyped], 0.95 * 0.48) == [typed, untyped]  # the best holds the kind already
    assert _typed_first([], 0.5) == []


def test_a_value_from_an_article_that_holds_none_of_the_questions_names_does_not_lead():
    # web39: "How much does a LinkedIn premium account cost per month?" opened with a book
    # subscription's price from another page, which names no LinkedIn
    from qa.answer.extractive import _naming_docs, _typed_first
    from qa.answer.features import Candidate
    from qa.types import Passage

    def cand(doc: str, text: str, p: float, typed: bool, named: float) -> Candidate:
        passage = Passage(doc_id=doc, title="", source="", url="", text=text)
        return Candidate(passage, text, 0, 0, features={"type_missing": float(not typed), "names_article": named},
                         probability=p)

    premium = cand("imh", "You need a premium account to access InMail.", 0.50, False, 1.0)
    books = cand("toh", "The subscription costs around $17.55 per month.", 0.49, True, 0.0)
    naming = _naming_docs([premium, books], ["LinkedIn"])
    assert naming == {"imh"}
    assert _typed_first([premium, books], 0.95 * 0.50, naming) == [premium, books]
    assert _typed_first([premium, books], 0.95 * 0.50) == [books, premium]  # no names asked: the value leads, as before
    # a people's adjective may be put in other words ("the typical U.S. consumer"): no article is ruled out
    assert _naming_docs([premium, books], ["American"]) == frozenset()


def test_a_heading_that_asks_without_its_mark_opens_nothing():
    from qa.answer.extractive import _statement_first
    from qa.answer.features import Candidate

    heading = Candidate(None, "Will Beard Oil make my beard grow thicker", 0, 0, probability=0.95)
    stating = Candidate(None, "Beard growth is determined by genetics.", 0, 0, probability=0.90)
    assert _statement_first([heading, stating], 0.7 * 0.95)[0] is stating


def test_the_typed_first_ratio_is_in_the_policy_with_where_its_value_came_from():
    from qa.answer.model import default_models

    policy = default_models().policy
    assert 0.5 <= policy.typed_first_ratio <= 1.0
    assert "cross-validation" in policy.origins["typed_first_ratio"]


def test_a_question_asking_for_a_value_is_refused_when_no_quote_would_give_one(assistant, ask_with_policy):
    """"How many died?" answered by sentences without a number answers nothing: the answer step
    refuses, says what the closest passages lack, and offers them as related."""
    question = "How many people died in the Kazakhstan protests?"
    answer = assistant.ask(question)
    assert not answer.answered and answer.citations == []
    assert answer.text == "The articles don't say. The sentences closest to this question give no number."
    assert answer.related
    assert answer.confidence < default_models().policy.answer_threshold
    # it is the rule that refuses: without it, the same question gets a quote without a number
    unruled = ask_with_policy(question, typed_refusal=False)
    assert unruled.answered and not re.search(r"\d", " ".join(c.quote for c in unruled.citations))


def test_a_value_question_whose_quotes_give_the_value_is_still_answered(assistant):
    answer = assistant.ask("When did Russia annex Crimea?")
    assert answer.answered and "2014" in answer.citations[0].quote
    answer = assistant.ask("How many soldiers did Putin send to the Ukrainian border?")
    assert answer.answered and "100,000" in answer.text


def test_a_follow_up_is_checked_for_the_kind_of_value_its_own_turn_asks_for(assistant):
    """After "How long…?", "Where did he say that?" asks for a place, not a duration: the
    earlier turn's kind does not refuse it."""
    first_question = "How long did Putin say the Russian peacekeepers would stay in Kazakhstan?"
    first = assistant.ask(first_question)
    assert first.answered
    follow = assistant.ask("Where did he say that?", history=[(first_question, first.text)])
    assert "give no" not in follow.text


def test_asked_a_persons_age_the_answer_opens_with_that_persons_age(assistant, ask_with_policy):
    """"How old is Putin?": the sentence the scorer ranks first names Putin but gives Zelensky's
    age; the one giving his ("Vladimir Putin, 69,") opens the answer, and other people's ages
    are not quoted beside it."""
    answer = assistant.ask("How old is Putin?")
    assert answer.answered and "Putin, 69," in answer.citations[0].quote
    assert not any("43-year-old" in c.quote or "62-year-old" in c.quote for c in answer.citations)
    # several people asked: each one's age is quoted
    answer = assistant.ask("How old are Putin, Zelensky and Stoltenberg, according to the opinion piece?")
    quotes = " ".join(c.quote for c in answer.citations)
    assert "69" in quotes and "43-year-old" in quotes and "62-year-old" in quotes
    # without the rule, the first quote gives Zelensky's age
    unruled = ask_with_policy("How old is Putin?", asked_age_first=False)
    assert "Putin, 69," not in unruled.citations[0].quote


def test_asked_a_persons_age_when_the_passages_give_only_other_peoples_it_is_refused(assistant):
    answer = assistant.ask("How old is Joe Biden?")
    assert not answer.answered and answer.citations == []
    assert answer.text == "The articles don't say. The sentences closest to this question give no age of Joe Biden."
    # a follow-up that is only another name asks the same of it
    first = assistant.ask("How old is Zelensky?")
    assert first.answered and "43-year-old" in first.citations[0].quote
    follow = assistant.ask("And Putin?", history=[("How old is Zelensky?", first.text)])
    assert follow.answered and "Putin, 69," in follow.citations[0].quote


def test_a_sentence_an_earlier_quote_read_on_to_is_not_quoted_again_as_context(assistant):
    from qa.answer.features import Candidate

    text = ("Tunisia was governed for decades by autocrats. Its beaches drew thousands of tourists. "
            "But the country has grappled with militancy since an uprising overthrew its dictator four years ago.")
    page = Passage(doc_id="not-indexed", title="t", source="Washington Post", url="", text=text, start=0, end=len(text))
    first = Candidate(page, "Tunisia was governed for decades by autocrats.", 0, 0, features={"leans_back": 0.0})
    its = text.index("Its")
    but = Candidate(page, text[text.index("But"):], 0, text.index("But"), context=text[its:text.index("But") - 1],
                    features={"leans_back": 1.0})
    parts, citations = assistant.answerer._quoted([first, but])
    # the first quote reads on to "Its beaches…", which the second leans on: said once
    assert citations[0].quote == text[: text.index("But") - 1]
    assert citations[1].quote == but.text
    assert " ".join(parts).count("Its beaches") == 1
    assert parts[1].startswith("The Washington Post writes: But the country")


def test_a_lead_in_chosen_after_its_list_item_takes_the_items_place():
    from types import SimpleNamespace

    from qa.answer.extractive import _leaning_quoted_whole
    from qa.answer.features import Candidate

    bbc = SimpleNamespace(doc_id="bbc")
    lead = Candidate(bbc, "In a wide-ranging interview, President Obama also said:", 0, 700, features={"leans_back": 0.0})
    item = Candidate(bbc, "- The UK must stay in the EU to have influence on the world stage", 0,
                     700 + len(lead.text) + 1, features={"leans_back": 0.0})
    far = Candidate(bbc, "Mr Obama was speaking to the BBC at the White House.", 0, 3000, features={"leans_back": 0.0})
    # the item first, the lead-in after: the lead-in is quoted in the item's place (with the items)
    assert _leaning_quoted_whole([item, lead, far]) == [lead, far]
    assert _leaning_quoted_whole([item, far, lead]) == [lead, far]
    # an item of another article, or a line that is no list item, keeps its place
    other = Candidate(SimpleNamespace(doc_id="cnn"), item.text, 0, item.order, features={"leans_back": 0.0})
    assert _leaning_quoted_whole([other, lead]) == [other, lead]
    prose = Candidate(bbc, "The UK must stay in the EU.", 0, item.order, features={"leans_back": 0.0})
    assert _leaning_quoted_whole([prose, lead]) == [prose, lead]


def test_a_listicle_heading_with_its_price_answers_a_price_question(tmp_path):
    """The price of each game is only in its heading ("“Rez Infinite” ($30)"), three words long:
    it is a candidate like any sentence, so the question is answered with it, not refused. Quoted
    first, a heading is read on with the sentence under it, set off by a dash in the answer."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    games = [("Rez Infinite", 30, "Beloved cult hit “Rez” gets the VR treatment, and the results are terrific."),
             ("Headmaster", 20, "Soccer meets puzzles in a game about heading balls into nets and targets."),
             ("Thumper", 20, "Called a violent rhythm game by its creators, it is an assault on the senses.")]
    body = "".join(f"<h2>“{name}” (${price})</h2><p>{blurb} It is one of the launch games worth playing.</p>"
                   for name, price, blurb in games)
    (corpus / "games.html").write_text(
        '<html><head><title>The coolest VR games</title><meta property="og:site_name" content="Games Weekly"></head>'
        f"<body><article><h1>The coolest VR games</h1><p>Here are the games worth your money this year.</p>{body}"
        "</article></body></html>", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    answer = bot.ask("How much does Rez Infinite cost?")
    assert answer.answered and answer.citations[0].quote.startswith("“Rez Infinite” ($30)\n")
    assert answer.citations[0].quote.endswith("gets the VR treatment, and the results are terrific.")
    assert "“Rez Infinite” ($30) — Beloved cult hit" in answer.text


def test_a_question_about_one_version_is_not_answered_by_another_versions_facts(tmp_path):
    """Asked when Python 3.6.0 came out, a page whose only release date is Python 3.0's was
    quoted as the answer; the sentence is about another release, so the question is refused."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "journey.txt").write_text(
        "Our journey to Python 3\n\nPython 3.0 was released on December 3, 2008. Porting our code took years "
        "of work by many volunteers. Most of the test suite now passes on Windows and Linux.\n", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    assert bot.ask("When was Python 3.0 released?").citations[0].quote.startswith("Python 3.0 was released")
    answer = bot.ask("When was Python 3.6.0 released?")
    assert all("December 3, 2008" not in c.quote for c in answer.citations)


def test_a_ranked_thing_described_after_it_leans_on_the_sentence_before(tmp_path):
    """"It is the first version of Mercurial that supports Python 3." points back to "Mercurial
    5.2 was released on November 5, 2019." (no cleft: a ranked thing and its clause). Quoted
    with it, it gives the date asked, so no lesser sentence with a date goes before it."""
    from qa import Assistant
    from qa.answer.extractive import _IT_POINTS_AHEAD

    from conftest import make_settings

    assert not _IT_POINTS_AHEAD.search("It is the first version of Mercurial that supports Python 3.")
    assert _IT_POINTS_AHEAD.search("It was the first time that the two leaders had met.")  # a cleft
    assert _IT_POINTS_AHEAD.search("It is clear that the port took years.")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "journey.txt").write_text(
        "Mercurial's journey to Python 3\n\nMercurial 5.2 was released on November 5, 2019. It is the first version "
        "of Mercurial that supports Python 3. Porting the code base took many volunteers several years.\n\n"
        "The Mercurial version control tool was first released in April 2005 by Matt Mackall.\n", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    answer = bot.ask("When was the first Mercurial version supporting Python 3 released?")
    assert answer.answered and "November 5, 2019. It is the first version" in answer.citations[0].quote


def test_a_heading_that_only_repeats_the_question_is_never_quoted(tmp_path):
    """ "What are the four golden signals?" opened with the page's heading "The Four Golden
    Signals" [1], which tells the asker nothing they did not type."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sre.html").write_text(
        '<html><head><title>Monitoring distributed systems</title><meta property="og:site_name" content="SRE Book">'
        "</head><body><article><h1>Monitoring distributed systems</h1>"
        "<p>Dashboards should answer basic questions about your service and include the most important signals.</p>"
        "<h2>The Four Golden Signals</h2>"
        "<p>The four golden signals of monitoring are latency, traffic, errors, and saturation.</p>"
        "<p>If you can only measure four metrics of your user-facing system, focus on these four.</p>"
        "</article></body></html>", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    answer = bot.ask("What are the four golden signals?")
    assert answer.answered and all(c.quote != "The Four Golden Signals" for c in answer.citations)
    assert "latency, traffic, errors, and saturation" in answer.citations[0].quote


def test_a_question_whose_names_no_article_has_is_refused_whatever_it_scores(assistant):
    """Asked of a library that never mentions them, "What did Lionel Messi say about Barcelona?"
    must not be answered with whatever sentence scores best; the refusal names them."""
    answer = assistant.ask("What did Lionel Messi say about Barcelona?")
    assert not answer.answered and "mentions “Lionel”, “Messi”, “Barcelona”" in answer.text
    answerer = assistant.answerer

    def names_nothing_known(question: str) -> bool:
        q, _, _ = answerer.score(question, answerer.candidates(question, 5))
        return answerer._names_nothing_known(q, question)

    assert names_nothing_known("What did Lionel Messi say about Barcelona?")
    assert not names_nothing_known("What did Lionel Messi say about Putin?")  # one name the articles have: scored
    assert not names_nothing_known("Why did troops go in?")  # no name at all: scored
    assert not names_nothing_known("What did Zelenskyy say?")  # spelled "Zelensky" there: a spelling, not a gap


def test_a_byline_counts_as_a_name_the_library_has(tmp_path):
    """A page's author is metadata, not text: "What does Doctorow say…" of a page he wrote that
    never names him is answered, not refused as naming someone no article mentions."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "essay.html").write_text(
        '<html><head><title>The generation we love to dump on</title><meta property="og:site_name" content="Boing Boing">'
        '<meta name="author" content="Cory Doctorow"></head><body><article><h1>The generation we love to dump on</h1>'
        "<p>Griping about people born in the eighties and nineties has turned into a cottage industry of scolding.</p>"
        "<p>The critique of lazy, narcissistic young people has gone well past the point of usefulness.</p>"
        "</article></body></html>", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    assert "doctorow" in bot.as_retriever().byline_terms()
    answer = bot.ask("What does Doctorow say griping about young people has turned into?")
    assert answer.answered and "cottage industry" in answer.citations[0].quote


def test_asked_a_persons_age_a_sentence_giving_only_other_peoples_ages_goes_last():
    """Found on an unseen Telegraph page: "How old is Mugabe?" opened with his wife's age
    ("52-year-old Grace"), ranked above "…Robert Mugabe… insisting the 93 year-old finishes his
    term", whose age the wording ties to no name."""
    from qa.answer.extractive import _asked_age_first
    from qa.answer.features import Candidate

    texts = ["Despite the admiration for Mr Mugabe, there is little affection for 52-year-old Grace.",
             "Robert Mugabe and his wife are under house arrest and insist the 93 year-old finishes his term.",
             "Mr Mugabe has led Zimbabwe since 1980."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i) for i, text in enumerate(texts)]
    assert [c.order for c in _asked_age_first(ranked, ["Mugabe"])] == [1, 2, 0]


def test_asked_in_which_city_sentences_that_tell_no_place_are_refused(assistant, ask_with_policy):
    question = "In which city was the NATO-Russia Council founded?"
    answer = assistant.ask(question)
    assert not answer.answered and answer.text.endswith("give no place.")
    unruled = ask_with_policy(question, typed_refusal=False)
    assert unruled.answered  # "…founded in 2002 as a talking point…"


def test_asked_where_a_close_sentence_telling_a_place_opens_an_answer_that_would_tell_none():
    from qa.answer.extractive import _located_first
    from qa.answer.features import Candidate

    texts = ["By the 2030s, FAST should have enough measurements.",
             "Operations will move to a data-processing centre being built in the city of Guiyang.",
             "The Arecibo Observatory in Puerto Rico is smaller."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.9, 0.68, 0.5]))]
    question = "Where will FAST's future number-crunching base be?"
    assert [c.order for c in _located_first(ranked, question, 0.54)] == [1, 0, 2]
    assert [c.order for c in _located_first(ranked, question, 0.7)] == [0, 1, 2]  # not close enough


def test_a_sentence_leaning_on_the_one_before_is_dated_by_it_too():
    """web-dev-17: "How many people died in motorcycle crashes in 2012?" was answered by "Then
    consider that there were 81,000 recorded injuries…", whose sentence before counts 2011's."""
    from qa.answer.extractive import _of_other_years_only
    from qa.answer.features import Candidate

    before = "And if you think classes are for sissies, consider that in 2011, there were 4,323 deaths on motorcycles."
    text = "Then consider that there were 81,000 recorded injuries as well."
    page = Passage(doc_id="d", title="t", source="s", url="", text=f"{before} {text}", start=0, end=1)
    leaning = Candidate(page, text, 0, 1, context=before, features={"leans_back": 1.0})
    assert _of_other_years_only(leaning, "How many people died in motorcycle crashes in 2012?")
    assert not _of_other_years_only(leaning, "How many people died in motorcycle crashes in 2011?")
    standing = Candidate(page, text, 0, 1, context=before, features={"leans_back": 0.0})
    assert not _of_other_years_only(standing, "How many people died in motorcycle crashes in 2012?")


def test_a_sentence_sending_the_reader_elsewhere_is_no_statement():
    """web-dev-17: "How is upselling different from cross-selling?" opened with "Read more in Proven
    Online Cross-Selling and Upselling Techniques.", a link's text that tells nothing."""
    from qa.answer.extractive import _POINTS_ELSEWHERE

    for pointer in ["Read more in Proven Online Cross-Selling and Upselling Techniques.", "Read more: the report.",
                    "See also the chart.", "Related: Why it matters", "Read the full report here.",
                    # a link line (web-dev-26: "What is Jachtenfuchs's academic post?" opened with the first)
                    "More about Markus Jachtenfuchs", "Learn more about our programs", "More posts in this series"]:
        assert _POINTS_ELSEWHERE.match(pointer), pointer
    for statement in ["Readers more often ask.", "Reading more books helps.", "Related issues were raised.",
                      "Read on to see what they had to say about Qualcomm, Facebook and SeaWorld.",
                      "Upselling is offering more expensive related products.",
                      "More on coronavirus:", "More about the plan was revealed on Monday."]:
        assert not _POINTS_ELSEWHERE.match(statement), statement
    # as a list item too (web-dev-27: "Which camera type is best for beginners?" opened with it)
    from qa.answer.extractive import _unbulleted

    assert _POINTS_ELSEWHERE.match(_unbulleted("- See also: Best Cameras for Beginners in 2020"))


def test_a_headline_does_not_open_an_answer_when_a_statement_scores_close():
    """"Who are the hidden heroines of chaos?" (an unseen Quanta page) opened with the heading
    "the Birth of Chaos"; a WaPo answer with "[Bardo museum houses amazing Roman treasures]"."""
    from qa.answer.extractive import _statement_first
    from qa.answer.features import Candidate

    texts = ["The Birth of Chaos", "[Bardo museum houses amazing Roman treasures]",
             "Two women programmers played a pivotal role in the birth of chaos theory."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.9, 0.85, 0.8]))]
    assert [c.order for c in _statement_first(ranked, 0.54)] == [2, 0, 1]
    assert [c.order for c in _statement_first(ranked, 0.85)] == [0, 1, 2]  # the statement scores too far below


def test_a_lead_in_ending_in_a_colon_does_not_open_an_answer_when_a_statement_scores_close():
    """"In which city does the tour open?" (an unseen Billboard page) opened with the list's
    lead-in "…the Doobie Brothers 50th Anniversary Tour 2020 dates:", which tells none."""
    from qa.answer.extractive import _statement_first
    from qa.answer.features import Candidate

    texts = ["The Doobie Brothers 50th Anniversary Tour 2020 dates:",
             "The band will kick off the jaunt June 9, 2020 in West Palm Beach, FL."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.9, 0.8]))]
    assert [c.order for c in _statement_first(ranked, 0.54)] == [1, 0]
    assert [c.order for c in _statement_first(ranked, 0.85)] == [0, 1]


def test_a_name_asked_for_as_such_is_not_answered_by_a_sentence_naming_no_one_new(tmp_path):
    """"What was the name of the Forest Hill police sergeant who was fired?" (an unseen NBC
    page) was answered by the sentence that tells of him without his name: asked for a name,
    an answer must give one that the question does not."""
    bot = _one_article_library(tmp_path, "rescue.txt", (
        "Girl rescued from a Forest Hill hotel\n\nOfficers found the missing girl in a Forest Hill hotel room on "
        "Tuesday night. Earlier that night, a Forest Hill police sergeant searched the same hotel room but did not "
        "find the girl. He was later fired. Michael Webb was arrested at the scene and later convicted.\n"))
    answer = bot.ask("What was the name of the Forest Hill police sergeant who was fired?")
    assert not answer.answered and "give no name" in answer.text
    assert "speak of the sergeant but give no name" in answer.text  # what they do say of him
    answer = bot.ask("What was the name of the man arrested at the scene?")  # a name told is an answer
    assert answer.answered and "Michael Webb" in answer.citations[0].quote


def test_a_wire_storys_dateline_is_not_quoted_unless_the_question_asks_where(tmp_path):
    """"According to AP, LONDON (AP) — Britain's Conservative Party was accused…" (an unseen AP
    page) read as two openings; asked where, the dateline's city may be the answer."""
    from qa.answer.extractive import _without_dateline

    opening = "HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China of coercion."
    assert _without_dateline(opening, opening).startswith("U.S. Defense Secretary")
    assert _without_dateline("BERLIN -- The agency says so.", "BERLIN -- The agency says so.") == "The agency says so."
    assert _without_dateline(opening, "Earlier text. " + opening) == opening  # a dateline opens its article only
    assert _without_dateline("NATO — the alliance — said so.", "NATO — the alliance — said so.").startswith("NATO")
    # under a headline, and cut by the sentence splitter after an abbreviated place ("Calif.")
    article = ("The Latest: Man stabbed to death on train\nHAYWARD, Calif. (AP) — The Latest on a deadly stabbing "
               "on a commuter train (all times local):\n10 p.m.\nAuthorities say a stabbing killed a passenger.")
    assert _without_dateline("(AP) — The Latest on a deadly stabbing on a commuter train (all times local):",
                             article) == "The Latest on a deadly stabbing on a commuter train (all times local):"
    assert _without_dateline("Authorities say a stabbing killed a passenger.", article).startswith("Authorities")
    # asked where, the dateline's place stays; its bare credit, which names none, goes
    assert _without_dateline("(AP) — The Latest on a deadly stabbing.", article, keep_place=True) == "The Latest on a deadly stabbing."
    assert _without_dateline(opening, opening, keep_place=True) == opening
    bot = _one_article_library(tmp_path, "tories.txt", (
        "UK Tories under fire for Twitter name switch\n\nLONDON (AP) — Britain's Conservative Party was accused "
        "Wednesday of trying to deceive voters by renaming its press office Twitter account during a debate. "
        "Fact-checking groups cried foul and the platform warned the party.\n"))
    answer = bot.ask("What was the Conservative Party accused of?")
    assert answer.answered and answer.citations[0].quote.startswith("Britain's Conservative Party was accused")
    assert "LONDON" not in answer.text
    answer = bot.ask("Where was the Conservative Party accused of deceiving voters?")
    assert answer.answered and answer.citations[0].quote.startswith("LONDON (AP) —")


def test_a_dateline_under_a_heading_and_a_blank_line_is_left_out_too():
    """"According to Reuters, MUMBAI (Reuters) - The BSE Sensex and Nifty ended flat…" (an unseen
    Reuters page whose text opens with "MUMBAI", a blank line, then the dateline): cleaned text
    parts paragraphs by blank lines, so the second line is the next one that holds text."""
    from qa.answer.extractive import _without_dateline

    article = ("MUMBAI\n\nMUMBAI (Reuters) - The BSE Sensex and Nifty ended flat on Tuesday as weaker regional "
               "shares offset optimism over additional reforms.\n\nThe Sensex gained 0.03 percent.")
    opening = "MUMBAI (Reuters) - The BSE Sensex and Nifty ended flat on Tuesday as weaker regional shares offset optimism over additional reforms."
    assert _without_dateline(opening, article) == opening[len("MUMBAI (Reuters) - "):]
    assert _without_dateline(opening, article, keep_place=True) == opening  # asked where, the place stays
    assert _without_dateline(opening, "Earlier.\n\nMore.\n\n" + opening) == opening  # the third line is no opening


def test_a_live_blog_entrys_posting_time_is_not_quoted(tmp_path):
    """"According to the Telegraph, 13.45 There remain several possible explanations…" (an unseen
    Telegraph live blog, whose entries open with the time they were posted) reads as a broken
    sentence. Only on a page where several lines open so: elsewhere the time is the sentence's."""
    from qa.answer.extractive import _without_entry_time

    blog = ("17.00 We are going to leave our live coverage here for today.\n\n16.06 The plane made a steep climb "
            "before it crashed, radar data show.\n\n13.45 There remain several possible explanations for why the "
            "plane crashed, investigators say.\n\n08:21 An investigator from the UK is now helping with the search.\n")
    assert _without_entry_time("13.45 There remain several possible explanations.", blog) == "There remain several possible explanations."
    assert _without_entry_time("08:21 An investigator is helping.", blog) == "An investigator is helping."
    assert _without_entry_time("13.45 percent of voters agreed.", blog) == "13.45 percent of voters agreed."
    one = "10.30 Sunday morning was when the doors opened."
    assert _without_entry_time(one, one) == one  # no live blog: the time is part of what is said
    bot = _one_article_library(tmp_path, "blog.txt", "Plane crash: latest\n\n" + blog)
    answer = bot.ask("What are the possible explanations for why the plane crashed?")
    assert answer.answered and any(c.quote.startswith("There remain several possible explanations") for c in answer.citations)
    assert "13.45" not in answer.text


def test_a_title_case_dateline_and_a_bare_credit_are_left_out_like_a_dateline():
    """"According to CNN, (CNN)President Donald Trump…", "According to Reuters, (Reuters) — The
    New York State Attorney General…" and "According to The Detroit News, Dekalb, Ill. — Mike
    Glass threw…" (unseen CNN, VentureBeat and Detroit News pages) read as two openings. Asked
    where, a title-case dateline's place stays; a bare credit names none and goes."""
    from qa.answer.extractive import _without_dateline
    from qa.text.names import gives_location

    cnn = "(CNN)President Donald Trump made an unscheduled trip to Walter Reed hospital on Saturday."
    assert _without_dateline(cnn, cnn) == "President Donald Trump made an unscheduled trip to Walter Reed hospital on Saturday."
    reuters = "(Reuters) — The New York State Attorney General is investigating WeWork."
    assert _without_dateline(reuters, reuters, keep_place=True) == "The New York State Attorney General is investigating WeWork."
    game = "Dekalb, Ill. — Mike Glass threw for three touchdowns and Eastern Michigan rolled past Northern Illinois."
    article = "Eastern Michigan routs Northern Illinois\n" + game
    assert _without_dateline(game, article).startswith("Mike Glass threw")
    assert _without_dateline(game, article, keep_place=True) == game
    assert gives_location(game, "Where was the game played?")
    assert not gives_location(reuters, "Where is WeWork being investigated?")
    hostages = "Two hostages — an American and an Australian — were released Tuesday."  # no dateline: a sentence
    assert _without_dateline(hostages, hostages) == hostages


def test_who_wrote_an_article_is_told_by_its_byline_not_by_a_quote_of_someone_it_interviewed(tmp_path):
    """"Who wrote the Vox article on Delhi?" (an unseen Vox page) was answered by a quote of a
    professor the article interviewed; its text never names its writer, its page's byline does."""
    from qa.answer.compose import asks_page_writer, names_byline

    assert asks_page_writer("Who wrote the Vox article on Delhi?") and asks_page_writer("Who is the author of this post?")
    assert not asks_page_writer("Which organization employs the author of this post?")  # asks about the writer
    assert not asks_page_writer("Who wrote the letter to the court?")  # a letter's writer may be in the text
    assert asks_page_writer("Which Houston Chronicle reporter wrote the piece about October's new car sales drop?")
    assert asks_page_writer("Which Reuters journalists reported the story on the WeWork investigation?")
    assert asks_page_writer("Who reported the story?")
    assert not asks_page_writer("Which reporter did the article quote?")  # asks about someone it quotes
    assert not asks_page_writer("Which journalist wrote the letter to the court?")
    # "whose story" opening the question asks the writer; inside it, whose story the page tells
    assert asks_page_writer("Whose story is this?")
    assert not asks_page_writer("Who is the main character whose story Fallen Order follows?")
    assert names_byline("…said Umair Irfan.", "Umair Irfan") and not names_byline("…said Aseem Prakash.", "Umair Irfan")
    page = _web_page("Delhi smog, explained", "Example Gazette", "Umair Irfan", [
        "Delhi's air is among the dirtiest of any city in the world this autumn, and it is getting worse.",
        "“I was born and raised in Delhi, and I never experienced this pollution,” said Aseem Prakash, a professor "
        "at the University of Washington who studies environmental politics.",
        "Farmers outside the city burn crop stubble to clear their fields for the next planting season."])
    bot = _one_article_library(tmp_path, "delhi.html", page)
    assert bot.library()[0].author == "Umair Irfan"
    answer = bot.ask("Who wrote the Example Gazette article on Delhi?")
    assert not answer.answered and not answer.citations
    assert "does not say who wrote it. Its page gives the byline Umair Irfan." in answer.text
    answer = bot.ask("Which Example Gazette reporter wrote the piece about Delhi's smog?")
    assert not answer.answered and "Its page gives the byline Umair Irfan." in answer.text
    assert bot.ask("Who is Aseem Prakash?").answered  # a person the text names is still answered


def test_who_wrote_a_piece_an_article_names_by_title_is_answered_from_its_text(tmp_path):
    """"Who wrote the post The Elephant in the Room?" was refused with the byline of the Medium
    page that links to that post; the page's text names its writer."""
    from qa.answer.compose import names_titled_work

    assert names_titled_work("Who wrote the post The Elephant in the Room?")
    assert names_titled_work("Who wrote the essay “Why We Fight”?")
    assert not names_titled_work("Who wrote the Vox article on Delhi?")
    assert not names_titled_work("Who wrote the article I read about Delhi?")  # the asker, not a title
    assert not names_titled_work("Who wrote the post I'm reading?")
    assert not names_titled_work("Which Houston Chronicle reporter wrote the piece about October's new car sales drop?")
    page = _web_page("Samantha and the great big lie", "Example Blog", "John Welch", [
        "Everyone in the podcast world has been arguing about sponsorship money this month.",
        "Now, read this post by Samantha Bielefeld: The Elephant in the Room.",
        "Her numbers were wrong at first, and she corrected them the same day."])
    bot = _one_article_library(tmp_path, "lie.html", page)
    answer = bot.ask("Who wrote the post The Elephant in the Room?")
    assert answer.answered and "Samantha Bielefeld" in answer.citations[0].quote
    # the page's own title still asks for its byline
    answer = bot.ask("Who wrote the post Samantha and the great big lie?")
    assert not answer.answered and "Its page gives the byline John Welch." in answer.text


def test_who_wrote_an_article_with_no_byline_is_not_answered_by_quotes_of_the_people_it_cites(tmp_path):
    """"Who wrote the Polygraph fact check?" was answered by sentences quoting the Pentagon and a
    refugee: the page names no writer."""
    bot = _one_article_library(tmp_path, "check.html", _web_page("Fact check: the camp", "Example Gazette", "", [
        "The Pentagon rejected these accusations as patently false, officials told the Example Gazette.",
        "A source inside the camp, who asked not to be identified, said the claim is absolutely not true.",
        "The camp's population has fluctuated and is now estimated at around 40,000 people."]))
    assert bot.library()[0].author == ""
    answer = bot.ask("Who wrote the Example Gazette article on the camp?")
    assert not answer.answered and not answer.citations
    assert answer.text == "Neither the text of the Example Gazette article nor its page names who wrote it."


def test_who_reported_a_wire_story_is_answered_by_its_credit_line(tmp_path):
    """"Which Reuters journalists reported the story on the WeWork investigation?" (Reuters copy
    on VentureBeat, its byline "Reuters") was answered by sentences about the inquiry: the
    credit line "(Reporting by Greg Roumeliotis, …)" names them, and is quoted."""
    from qa.answer.compose import wire_credit

    paragraphs = "".join(f"<p>{p}</p>" for p in [
        "The New York State Attorney General is investigating WeWork, according to two people familiar with the matter.",
        "WeWork confirmed on Monday that it had been contacted by the office of the attorney general.",
        "Bloomberg News reported on Friday that WeWork is facing scrutiny from the Securities and Exchange Commission.",
        "(Reporting by Greg Roumeliotis, Joshua Franklin; editing by Martin Howell.)"])
    bot = _one_article_library(tmp_path, "wework.html", (
        '<html><head><title>New York probes WeWork</title><meta property="og:site_name" content="Example Gazette">'
        '<meta name="author" content="Reuters">'
        f"</head><body><article><h1>New York probes WeWork</h1>{paragraphs}</article></body></html>"))
    answer = bot.ask("Which Reuters journalists reported the story on the WeWork investigation?")
    assert answer.answered and len(answer.citations) == 1
    assert answer.citations[0].quote == "(Reporting by Greg Roumeliotis, Joshua Franklin; editing by Martin Howell.)"
    assert "Roumeliotis" in answer.text
    assert bot.ask("Who contacted WeWork's office?").answered  # any other question is answered as before
    assert wire_credit("Police said it was reported by the BBC (report by Tom Smith) on Monday.") is not None
    assert wire_credit("The story, first reported by the BBC, spread.") is None  # no credit line
    assert wire_credit("Text.\nReporting by Jane Doe in London; Writing by Bob Roe\nMore") == (6, 57)


def test_who_wrote_an_outlets_article_is_asked_of_the_one_quoted_among_its_articles(tmp_path):
    """"Who wrote the NBC News article about Hitler's house?" named an outlet with two pages
    in the library: the one its answer quotes is the one asked about, and its byline
    (the agency, "Reuters") is the page's, not its text's."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, title, author, body in [
            ("house.html", "Hitler's birth house to become police station", "Reuters",
             ["The house where Adolf Hitler was born will be turned into a police station, Austria's interior minister said.",
              "Austria carried out a compulsory purchase of the house in Braunau am Inn."]),
            ("threat.html", "Man pleads guilty to threatening congresswoman", "Jane Roe",
             ["A New York man pleaded guilty on Monday to threatening to kill a congresswoman.",
              "He faces a maximum of ten years in prison."])]:
        paragraphs = "".join(f"<p>{p}</p>" for p in body)
        (corpus / name).write_text(
            f'<html><head><title>{title}</title><meta property="og:site_name" content="Example Gazette">'
            f'<meta name="author" content="{author}"></head><body><article><h1>{title}</h1>{paragraphs}</article>'
            "</body></html>", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    answer = bot.ask("Who wrote the Example Gazette article about Hitler's house?")
    assert not answer.answered and "Its page gives the byline Reuters." in answer.text


def test_asked_who_holds_a_role_the_sentence_naming_its_holder_opens_the_answer():
    """"Which Austrian minister announced the plan for Hitler's birth house?" (an unseen NBC News
    page) opened with "…, Austria's interior minister said on Tuesday", and the sentence naming
    Interior Minister Wolfgang Peschorn scored far below. Only a holder of the same role, in the
    best sentence's article, is moved up: not another story's "Prime Minister Scott Morrison"."""
    from qa.answer.extractive import _role_holder_first
    from qa.answer.features import Candidate
    from qa.text.names import asked_role

    question = "Which Austrian minister announced the plan for Hitler's birth house?"
    assert asked_role(question) == "minister"
    assert asked_role("Who is the leader of Ennahda?") == "leader"
    assert asked_role("Who said so?") == "" and asked_role("Who is David Weisbrot?") == ""
    assert asked_role("Which senator wrote the bill?") == "senator"  # a past tense without "-ed" ends the phrase
    assert asked_role("Who was the Thunder's top scorer in the loss?") == "scorer"
    assert asked_role("Who is Mourinho's first opponent as Spurs manager?") == "opponent"
    assert asked_role("Which publisher first put it out?") == "publisher"  # an adverb ends it too
    texts = [("hitler", "The house where Hitler was born will be a police station, Austria's interior minister said on Tuesday."),
             ("taliban", "Australian Prime Minister Scott Morrison said in a statement he was relieved."),
             ("hitler", "Architects will be invited to submit plans this month."),
             ("hitler", "\"It sends a signal,\" Interior Minister Wolfgang Peschorn said in the statement.")]
    ranked = [Candidate(Passage(doc_id=doc, title="t", source="s", url="", text=text, start=0, end=1), text, 0, i,
                        probability=p) for i, ((doc, text), p) in enumerate(zip(texts, [0.98, 0.5, 0.3, 0.28]))]
    assert [c.order for c in _role_holder_first(ranked, "minister", question)] == [3, 0, 1, 2]
    # another minister's name, or one of another article, is not the asked one
    assert [c.order for c in _role_holder_first(ranked[:3], "minister", question)] == [0, 1, 2]
    # the best names the holder already, or does not speak of the role: the scorer's order stands
    assert [c.order for c in _role_holder_first([ranked[3], ranked[0]], "minister", question)] == [3, 0]
    # the best does not speak of the role: only a sentence naming its holder that nearly ties leads
    assert [c.order for c in _role_holder_first([ranked[2], ranked[3]], "minister", question, 0.95 * 0.3)] == [2, 3]
    tied = [ranked[2], dataclasses.replace(ranked[3], probability=0.29)]
    assert [c.order for c in _role_holder_first(tied, "minister", question, 0.95 * 0.3)] == [3, 2]


def test_asked_which_place_or_thing_the_sentence_naming_it_opens_the_answer():
    """"In which town is the house where Adolf Hitler was born?" (web-dev-10) opened with the
    Vienna-datelined sentence, whose place is a country; "…the house in Braunau am Inn, a town on
    the border…" names the town asked for. A place or a thing asked by its kind ("In which
    county…?", "Which observatory…?") has a holder as a role does."""
    from qa.answer.extractive import _role_holder_first
    from qa.answer.features import Candidate
    from qa.text.names import asked_role

    question = "In which town is the house where Adolf Hitler was born?"
    assert asked_role(question) == "town"
    assert asked_role("In which county was the patient admitted to hospital?") == "county"
    assert asked_role("Which observatory did scientists use?") == "observatory"
    assert asked_role("On which network did it air?") == "network"
    texts = ["VIENNA — The house where Adolf Hitler was born will be turned into a police station, Austria's interior "
             "minister said.",
             "Having bought the house in Braunau am Inn, a town on the border with Germany, Austria will invite architects."]
    ranked = [Candidate(Passage(doc_id="nbc", title="t", source="s", url="", text=text, start=0, end=1), text, 0, i,
                        probability=p) for i, (text, p) in enumerate(zip(texts, [0.999, 0.905]))]
    assert [c.order for c in _role_holder_first(ranked, "town", question, 0.9 * 0.999)] == [1, 0]
    # a place is named by a preposition's object, set off before its kind ("in Braunau, a town")
    from qa.text.names import names_holder
    assert names_holder("Austria bought the house in Braunau, a town on the border.", "town", question) is True


def test_asked_how_many_of_a_thing_a_close_sentence_counting_it_opens_the_answer():
    """"How many people was PG&E planning to cut power to in the new shutoff?" (an unseen AP page)
    opened with "PG&E initiated four rounds of planned outages in October." (a count of rounds)
    and quoted "…to some 375,000 people…" second."""
    from qa.answer.extractive import _counted_first
    from qa.answer.features import Candidate
    from qa.text.names import counted_noun, counts_noun

    question = "How many people was PG&E planning to cut power to in the new shutoff?"
    assert counted_noun(question) == "people" and counted_noun("How many of them came?") == ""
    assert counted_noun("How many Russian troops were sent?") == "troops"
    assert counts_noun("Some 2,500 CSTO troops arrived.", "troops") and counts_noun("Four people died.", "people")
    assert not counts_noun("PG&E initiated four rounds of planned outages.", "people")
    assert counts_noun("The 114-room resort opened.", "rooms")
    assert not counts_noun("Fleet sales were 14.6 percent of all vehicle sales in October.", "vehicles")
    texts = ["PG&E initiated four rounds of planned outages in October.",
             "PG&E was set to begin shutting off power Wednesday to some 375,000 people in 18 counties.",
             "The blackouts were expected to last into Thursday."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.9, 0.88, 0.5]))]
    assert [c.order for c in _counted_first(ranked, "people", 0.95 * 0.9)] == [1, 0, 2]
    assert [c.order for c in _counted_first(ranked, "people", 0.89)] == [0, 1, 2]  # not close enough
    assert [c.order for c in _counted_first(ranked, "rounds", 0.5)] == [0, 1, 2]  # the best counts it already


def test_a_follow_up_asked_with_its_previous_question_ranks_by_its_own_words_too():
    """"Where was the patient hospitalized?" asked after "When did the Inner Mongolia hunter eat the
    wild rabbit?" is searched with both; scored with both, the rabbit sentence led. Its own words'
    probabilities are blended in (`AnswerPolicy.followup_own_weight`), and the order follows."""
    from qa.answer.extractive import _blended
    from qa.answer.features import Candidate
    from qa.answer.model import default_models

    texts = ["The patient hunted and ate a wild rabbit on Nov. 5.",
             "The person was hospitalized in the county of Huade."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)

    def ranked(probabilities: list[float]) -> list[Candidate]:
        return [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, probabilities))]

    blended = _blended(ranked([0.9, 0.7]), ranked([0.2, 0.9]), 0.3)
    assert [c.order for c in blended] == [1, 0]
    assert abs(blended[0].probability - (0.7 * 0.7 + 0.3 * 0.9)) < 1e-9
    assert [c.order for c in _blended(ranked([0.9, 0.7]), ranked([0.2, 0.9]), 0.0)] == [0, 1]
    policy = default_models().policy
    assert 0 < policy.followup_own_weight < 1 and "cross-validation" in policy.origins["followup_own_weight"]


def test_an_interview_question_is_quoted_with_its_answer(tmp_path):
    from qa.answer.extractive import _with_its_answer
    from qa.text.sentences import split_sentences

    text = ("Northwind is thrilled to have Dana Reyes as our new chief executive. We asked her a few questions.\n\n"
            "Q: Where did you grow up?\n\nA: Tromsø in northern Norway, far above the Arctic Circle.\n\n"
            "Q: What is next for the company?\n\nA: We will open two offices in Lisbon next year.\n")
    spans = split_sentences(text)
    joined = [_with_its_answer(text, spans, i) for i in range(len(spans))]
    assert "Q: Where did you grow up?\n\nA: Tromsø in northern Norway, far above the Arctic Circle." in joined
    # a question inside a paragraph is as often rhetorical: it stays a sentence of its own
    rhetoric = "Talks failed again. So what are the Russians hoping for? NATO sources say the demands are a ploy."
    spans = split_sentences(rhetoric)
    assert all(_with_its_answer(rhetoric, spans, i) is None for i in range(len(spans)))

    bot = _one_article_library(tmp_path, "interview.txt", "Meet our new CEO\n\n" + text)
    answer = bot.ask("Where did Dana Reyes grow up?")
    assert answer.answered and "Tromsø" in answer.text
    quote = next(c.quote for c in answer.citations if "Tromsø" in c.quote)
    assert quote.startswith("Q: Where did you grow up?")  # the question the quote answers, verbatim


def test_asked_whose_role_the_sentence_naming_that_ones_holder_opens_the_answer():
    """"Who is China's ambassador to the UK?" (an unseen Express page) opened with "China's
    ambassador to Britain accused…"; the sentence naming him, "China's ambassador to Britain Liu
    Xiaming has said…", scored below. A role qualified only by its owner ("China's") moves the
    article's sentence naming the holder of that same role first."""
    from qa.answer.extractive import _role_holder_first
    from qa.answer.features import Candidate
    from qa.text.names import names_holder

    question = "Who is China's ambassador to the UK?"
    assert names_holder("China’s ambassador to Britain Liu Xiaming has said so.", "ambassador", question) is True
    assert names_holder("The minister of Foreign Affairs said so.", "minister", question) is False
    assert names_holder("The chief executive of Apple Tim Cook spoke.", "executive", question) is True
    texts = ["China’s ambassador to Britain accused the UK and the US of meddling.",
             "Protesters believe the extradition bill erodes Hong Kong's autonomy.",
             "Russia's ambassador to Britain Andrei Kelin said nothing.",
             "China’s ambassador to Britain Liu Xiaming has said that China has the resolution to end the unrest."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.9, 0.6, 0.5, 0.2]))]
    assert [c.order for c in _role_holder_first(ranked, "ambassador", question)] == [3, 0, 1, 2]
    # another country's ambassador is not the asked one
    assert [c.order for c in _role_holder_first(ranked[:3], "ambassador", question)] == [0, 1, 2]


def test_a_quotation_the_splitter_cut_is_quoted_whole(tmp_path):
    """"Roof told her: "I'm not going to." was quoted alone (an unseen NPR page): the splitter ends
    a sentence inside a quotation, so the answer cut the speaker off mid-quotation. A sentence
    whose quotation its next sentence closes is one candidate with it."""
    from qa.answer.extractive import _with_its_quotation_closed
    from qa.text.sentences import split_sentences

    text = ('Another witness said so. When she said no, Roof told her: "I\'m not going to. I\'m going to leave '
            'you here to tell the story." Then he left the room.')
    spans = split_sentences(text)
    joined = [_with_its_quotation_closed(text, spans, i) for i in range(len(spans))]
    assert 'Roof told her: "I\'m not going to. I\'m going to leave you here to tell the story."' in joined[1]
    assert joined[0] is None and joined[-1] is None  # a sentence with no open quotation stays itself
    # a quotation left open past a paragraph's end joins nothing
    open_text = "She said “we will go.\nNext paragraph here.” And more."
    spans = split_sentences(open_text)
    assert all(_with_its_quotation_closed(open_text, spans, i) is None for i in range(len(spans)))

    article = ("Another witness, Polly Sheppard, told the jury the gunman stood over her and asked if she had been shot.\n\n"
               "When she said no, Roof told her: \"I'm not going to. I'm going to leave you here to tell the story.\"\n")
    bot = _one_article_library(tmp_path, "trial.txt", "Trial\n\n" + article)
    answer = bot.ask("What did Roof tell Polly Sheppard when she said no?")
    assert "I'm not going to. I'm going to leave you here to tell the story." in answer.text


def test_asked_why_a_first_quote_that_gives_no_reason_reads_on_to_one_that_does():
    """"Why did some traders find the Fed's statement gloomier than expected?" (web-dev-13) was
    answered by the sentence it restates alone; the next one gives the reason ("One reason may
    be…"). A first quote giving no reason reads on to a next sentence that gives one; one that
    gives a reason, or a next sentence that gives none, stays as it is."""
    from qa.answer.extractive import Candidate, _asked_told, _with_what_follows

    first = "Some traders found Wednesday's Fed statement to be a bit gloomier than expected."
    reason = "One reason may be the addition of concern about Europe."
    text = f"{first} {reason} Stocks fell."
    page = Passage(doc_id="c", title="Fed", source="CNBC", url="", text=text, start=0, end=len(text))
    cand = Candidate(passage=page, text=first, rank=0, order=0)
    why = _asked_told("Why did some traders find the Fed's statement gloomier than expected?")
    assert _with_what_follows(cand, page, first, [cand], text, continuation_only=True, tells_asked=why)[1] == (
        f"{first} {reason}")
    plain = f"{first} Stocks fell on Wednesday afternoon."
    page2 = Passage(doc_id="c", title="Fed", source="CNBC", url="", text=plain, start=0, end=len(plain))
    cand2 = Candidate(passage=page2, text=first, rank=0, order=0)
    assert _with_what_follows(cand2, page2, first, [cand2], plain, continuation_only=True, tells_asked=why)[1] == first
    assert _asked_told("What did the traders find?") is None


def test_a_first_quote_inside_a_quotation_reads_on_to_the_sentence_that_closes_it():
    """"According to CNN, “His country has an economy about the size of New York.”" (dev) stopped
    inside Bill Browder's quotation, before the sentence that closes it and names him. A first
    quote that its paragraph leaves inside a quotation reads on to a next sentence closing it."""
    from qa.answer.extractive import Candidate, _with_what_follows

    first = "“His country has an economy about the size of New York."
    closing = "If the West coordinated sanctions, he would be backed into a corner,” said Bill Browder."
    text = f"The West may force his hand. {first} {closing} Others disagree."
    page = Passage(doc_id="c", title="T", source="CNN", url="", text=text, start=0, end=len(text))
    cand = Candidate(passage=page, text=first, rank=0, order=text.index(first))
    assert _with_what_follows(cand, page, first, [cand], text, continuation_only=True)[1] == f"{first} {closing}"
    # outside any quotation, a next sentence that closes one is not read on to
    plain = "He said the economy is small. Then he left.” Others disagree."
    page2 = Passage(doc_id="c", title="T", source="CNN", url="", text=plain, start=0, end=len(plain))
    cand2 = Candidate(passage=page2, text="He said the economy is small.", rank=0, order=0)
    assert _with_what_follows(cand2, page2, cand2.text, [cand2], plain, continuation_only=True)[1] == cand2.text


def test_a_sentence_that_closes_a_quotation_is_quoted_from_where_it_opens(tmp_path):
    """"According to AOL News, what could be more American than such a competition?" said Thomas
    Ricks…" (web-dev-13): the quotation opened three sentences before, so the last sentence alone
    read as the outlet's own words with a stray mark. A quoted sentence closing a quotation it did
    not open is read back to the quotation's opening, in the same paragraph and up to three
    sentences back; straight marks are told apart by where they stand."""
    from qa.answer.extractive import Candidate, _widened_to_quotation_opening

    def widened(text: str, sentence: str, chosen_too: tuple[str, ...] = ()) -> str | None:
        page = Passage(doc_id="a", title="T", source="AOL News", url="", text=text, start=0, end=len(text))
        cand = Candidate(passage=page, text=sentence, rank=0, order=text.index(sentence))
        others = [Candidate(passage=page, text=o, rank=0, order=text.index(o)) for o in chosen_too]
        found = _widened_to_quotation_opening(cand, [cand, *others], text)
        return None if found is None else found[1]

    text = ('Ricks spoke. "They are a second land army. That is not a bad thing. It provides a competing way '
            'of operating. What could be more American than such a competition?" said Thomas Ricks, author of '
            '"Making the Corps," about boot camp.')
    last = text[text.index("What could"):]
    assert widened(text, last) == text[text.index('"They are'):]
    assert widened(text, "That is not a bad thing.") is None  # it closes nothing
    assert widened(text, last, ("That is not a bad thing.",)) is None  # a sentence read back over is quoted anyway
    curly = "He said: “They are 20 years behind. The world has moved on.” Then he left."
    assert widened(curly, "The world has moved on.” Then he left.") == "He said: “They are 20 years behind. The world has moved on.” Then he left."
    # a quotation opened in another paragraph, or too many sentences back, is not reached
    assert widened("“One is here. Two is here.\nThree is there.” He said so.", "Three is there.” He said so.") is None
    five = "“One is one. Two is two. Three is three. Four is four. Five is five.” He said so."
    assert widened(five, "Five is five.” He said so.") is None

    article = "The Marines are changing.\n\n" + text + "\n"
    bot = _one_article_library(tmp_path, "marines.txt", "Marines\n\n" + article)
    answer = bot.ask("What did Thomas Ricks say could hardly be more American than a competition?")
    assert any(c.quote.startswith('"They are a second land army.') for c in answer.citations)


def test_a_sentence_inside_a_quotation_is_shown_in_its_marks():
    """"According to The Root, I can’t pass the torch." (web-dev-15): the sentence sits inside
    Sharpton's words, between a sentence that opens the quotation and one that closes it, so the
    answer made his "I" the outlet's. It is shown with the marks its paragraph gives it; the
    citation keeps the article's text. A sentence outside any quotation, or one of another
    paragraph, is shown as it is."""
    from qa.answer.extractive import _in_quotation_marks

    article = ("Sharpton spoke at length.\n\n“Leadership cannot be willed. I can’t pass the torch. I can only keep "
               "the flame lit.” He then left.\n\nThe movement goes on. It grew.\n")
    middle = "I can’t pass the torch."
    assert _in_quotation_marks(middle, middle, article) == "“I can’t pass the torch.”"
    last = "I can only keep the flame lit.” He then left."
    assert _in_quotation_marks(last, last, article) == "“I can only keep the flame lit.” He then left."
    assert _in_quotation_marks("It grew.", "It grew.", article) == "It grew."  # no quotation open there
    first = "“Leadership cannot be willed."
    assert _in_quotation_marks(first, first, article) == "“Leadership cannot be willed.”"
    straight = 'He said: "We will win. We must." Then he went.'
    assert _in_quotation_marks("We must.", "We must.", straight) == '"We must."'  # marks of the article's kind
    assert _in_quotation_marks("Gone.", "Gone.", "") == "Gone."  # no article at hand
    # a quote whose own first mark opens a quotation starts outside one, whatever came before
    # (an unpaired mark earlier in a BuzzFeed paragraph)
    unpaired = "They said “it was bad. They fought on. “She was burning up.” Then she died."
    burning = "They fought on. “She was burning up.”"
    assert _in_quotation_marks(burning, burning, unpaired) == burning
    line = _passage("x", source="The Root")
    assert attributed(_in_quotation_marks(middle, middle, article), line, article) == (
        "According to The Root, “I can’t pass the torch.”")


def test_a_first_quote_reads_on_under_its_heading_and_after_the_thing_it_names_again():
    """Found on unseen pages (web-dev-8): a heading quoted first ("Organic Hibiscus Tea from Whole
    Foods That You Bought Because of the Packaging") told nothing; the sentence under it told
    what the tin now holds. And "…the group sent a letter to…" stopped before "The letter said
    Ms. Haley and her husband accepted seven free flights…", which told what the gifts were."""
    from qa.answer.extractive import Candidate, _shown, _with_what_follows

    heading = "Organic Hibiscus Tea from Whole Foods That You Bought Because of the Packaging"
    text = f"{heading}\n\nNever mind, you just store coins and buttons in this container now.\n\nA Couple Bags"
    page = Passage(doc_id="ny", title="Teas", source="The New Yorker", url="", text=text, start=0, end=len(text))
    cand = Candidate(passage=page, text=heading, rank=1, order=0)
    _, quote = _with_what_follows(cand, page, heading, [cand], text, continuation_only=True)
    assert quote == text[: text.index("\n\nA Couple")]
    assert _shown(quote) == f"{heading} — Never mind, you just store coins and buttons in this container now."

    sent = "On Monday, the group sent a letter to the inspector general asking for an investigation."
    for after, read_on in (("The letter said she accepted seven free flights.", True),
                           ("The flights were worth thousands.", False)):  # no flight spoken of before
        text = f"{sent} {after} Other news followed here today."
        page = Passage(doc_id="nyt", title="Haley", source="NYT", url="", text=text, start=0, end=len(text))
        cand = Candidate(passage=page, text=sent, rank=1, order=0)
        _, quote = _with_what_follows(cand, page, sent, [cand], text, continuation_only=True)
        assert (quote == f"{sent} {after}") is read_on, quote
    # a list's lines and whole sentences are joined by a space, not a dash
    assert _shown("Here are the ways:\n- Normalize\n- Frame") == "Here are the ways: - Normalize - Frame"
    assert _shown("It rained.\nIt poured.") == "It rained. It poured."


def test_a_labelled_line_is_quoted_beside_the_best_when_its_label_is_what_is_asked(tmp_path):
    """Found on an unseen ski review (web-dev-8): "Test Locations: Crested Butte, CO; Wasatch
    Range, UT" scored second for "What were the test locations…?" but, having no sentence end,
    was never quoted beside the best; page furniture with a label ("Topics: skis, reviews") is
    still not quoted, nor a title with a colon."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "review.html").write_text(
        '<html><head><title>Line Outline review</title><meta property="og:site_name" content="Blister"></head>'
        "<body><article><h1>Line Outline review</h1>"
        "<p>Blister members can now read our first review of the Outline, tested over a long winter.</p>"
        "<p>Test Locations: Crested Butte, CO; Wasatch Range, UT</p>"
        "<p>Topics: skis, reviews, test gear, locations</p>"
        "<p>Our review was conducted on the 19/20 Outline, which was not changed for later seasons.</p>"
        "<p>The Outline is a playful powder ski with convex tips and tails for slashing and drifting.</p>"
        "</article></body></html>", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    answer = bot.ask("What were the test locations for Blister's review of the Outline?")
    quotes = [c.quote for c in answer.citations]
    assert answer.answered and "Test Locations: Crested Butte, CO; Wasatch Range, UT" in quotes, quotes
    assert not any(q.startswith("Topics:") for q in quotes)


def test_asked_which_a_first_quote_naming_nothing_new_reads_on_to_the_sentence_naming_it():
    """Found on an unseen box-office column (web-dev-8): "Which Tim Burton movie finished first…?"
    was answered by "Tim Burton once again claimed the top spot at the box office." alone; the
    next sentence names the movie. A quote that names something new, or a question that asks a
    value, is not read on this way (value questions keep their typed refusals honest)."""
    from qa.answer.extractive import Candidate, _asked_told, _with_what_follows

    first = "Tim Burton once again claimed the top spot at the box office."
    text = (f"{first} Miss Peregrine’s Home for Peculiar Children secured a respectable #1 showing. "
            "All in all, it is good enough.")
    page = Passage(doc_id="fw", title="Box office", source="Wikia", url="", text=text, start=0, end=len(text))
    cand = Candidate(passage=page, text=first, rank=1, order=0)

    def read(question: str) -> str:
        return _with_what_follows(cand, page, first, [cand], text, continuation_only=True,
                                  tells_asked=_asked_told(question))[1]

    assert read("Which Tim Burton movie finished first at the box office?").endswith("#1 showing.")
    assert read("Who directed the movie that finished first?") == first  # "Tim Burton" is new to it
    assert read("How much did the top movie make?") == first
    assert read("Why did it finish first?") == first  # asked why, the next sentence gives no reason


def test_an_opening_that_refers_back_is_quoted_with_the_sentence_before():
    """Found on an unseen White House address (web-dev-8): "Doing just that would pay for free
    community college…" was quoted alone; what "that" is (closing loopholes, a bank fee) is
    the sentence before."""
    from qa.answer.extractive import Candidate, _needs_sentence_before

    page = Passage(doc_id="wh", title="Address", source="Whitehouse.gov", url="", text="x")
    for text, leans in (("Doing just that would pay for free community college.", True),
                        ("As a result, tuition fell by half within two years.", True),
                        ("Doing business in the state is hard for small firms.", False),
                        # a preposition opening on a demonstrative (web-dev-10: "In that regard, they're
                        # very different from the constant plume…" without "…Europa's plumes are sporadic.")
                        ("In that regard, they're very different from the constant plume of Enceladus.", True),
                        ("After that, Hicks found that many people did not find the picture offensive.", True),
                        ("Despite this, the plan went ahead.", True),
                        # …but not one on a time ("this year", "this week") nor "To this day"
                        ("In this year's race, turnout fell.", False),
                        ("After this week's meeting, the council voted.", False),
                        ("To this day, the case is unsolved.", False)):
        cand = Candidate(passage=page, text=text, rank=1, order=0, features={"leans_back": 0.0})
        assert _needs_sentence_before(cand) is leans, text


def test_a_sentence_opening_with_instead_goes_on_about_the_one_before():
    """Found on an unseen New York Times page (web-dev-8): "…had no intention of running in
    2020" stopped before "Instead, she said, she plans to campaign for Mr. Trump’s re-election."
    "Rather than…" sets nothing against the sentence before."""
    from qa.answer.extractive import _goes_on

    assert _goes_on("Instead, she said, she plans to campaign for Mr. Trump’s re-election.")
    assert _goes_on("Rather, it was a test of the new system.")
    assert not _goes_on("Rather than wait, the team left for the airport.")
    assert not _goes_on("However, the market fell the next day.")


def test_asked_why_a_close_sentence_giving_a_reason_opens_the_answer():
    """"Why have the Nationals moved their top infield prospect to center field?" (web-dev-5)
    opened with the sentence about the topic and gave the reason ("…because the two natural
    center fielders…") second; a close sentence that gives a reason now opens it."""
    from qa.answer.extractive import _ASKS_WHY, _reason_first
    from qa.answer.features import Candidate

    assert _ASKS_WHY.match("Why did Sweden drop the case?") and _ASKS_WHY.match("And why are fewer people affected?")
    assert _ASKS_WHY.match("What was the reason for the delay?") and not _ASKS_WHY.match("Who asked why?")
    texts = ["For all the success Mike Rizzo has had, center field has become a revolving door.",
             "The Nats have Trea Turner playing center field because the two natural center fielders can't hit.",
             "The reason for this decision is that the evidence has weakened considerably."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.95, 0.9, 0.5]))]
    assert [c.order for c in _reason_first(ranked, 0.9 * 0.95)] == [1, 0, 2]
    assert [c.order for c in _reason_first(ranked, 0.92)] == [0, 1, 2]  # not close enough
    assert [c.order for c in _reason_first(ranked[1:], 0.4)] == [1, 2]  # the best gives a reason already


def test_an_embedded_tweets_byline_is_not_quoted_as_a_list_item():
    """"— Stansted Airport (@STN_Airport) December 22, 2014" (Mashable, web-dev-12) ends a tweet
    the page embeds; its dash made it a list item, quoted beside the best sentence as "[3]"."""
    from qa.answer.extractive import _BULLET, _TWEET_BYLINE

    byline = "— Stansted Airport (@STN_Airport) December 22, 2014"
    assert _BULLET.match(byline) and _TWEET_BYLINE.match(byline)
    assert _TWEET_BYLINE.match("— Rep. Ilhan Omar (@Ilhan) November 19, 2019")
    assert not _TWEET_BYLINE.match("— Buses took passengers back to the terminal (@STN_Airport said) on Monday.")


def test_asked_which_one_of_a_kind_a_close_sentence_naming_something_new_opens_the_answer():
    """"Which famous grape is the Frühburgunder a close relative of?" (web-dev-followups) opened
    with "…the enigmatic grape variety known as the Frühburgunder." and gave "…a first cousin of
    the iconic and beloved Spätburgunder, otherwise known as Pinot Noir." second."""
    from qa.answer.extractive import _ASKS_WHICH, _named_first
    from qa.answer.features import Candidate

    question = "Which famous grape is the Frühburgunder a close relative of?"
    assert _ASKS_WHICH.match(question) and _ASKS_WHICH.match("In which town was he born?")
    assert not _ASKS_WHICH.match("Who said which grape was best?")
    texts = ["I've come looking for thrills: namely, the enigmatic grape variety known as the Frühburgunder.",
             "The Frühburgunder is a first cousin of the iconic Spätburgunder, otherwise known as Pinot Noir.",
             "The grape ripens early in the valley."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.95, 0.9, 0.5]))]
    assert [c.order for c in _named_first(ranked, question, 0.9 * 0.95)] == [1, 0, 2]
    assert [c.order for c in _named_first(ranked, question, 0.92)] == [0, 1, 2]  # not close enough


def test_a_compound_question_is_two_questions_only_when_a_question_word_follows_and():
    from qa.answer.extractive import compound_parts

    assert compound_parts("Who captained the missing flight, and which U.S. warship was sent to help search for it?") == [
        "Who captained the missing flight?", "Which U.S. warship was sent to help search for it?"]
    assert compound_parts("What profit did the bank report, and at what price were its shares trading?") == [
        "What profit did the bank report?", "At what price were its shares trading?"]
    assert compound_parts("What did Smith and Jones say about the deal?") == []  # no question word after "and"
    assert compound_parts("Why and how did it happen?") == []  # too short a first part
    assert compound_parts("Did he meet the Americans? With whom, and where?") == []  # two questions already
    assert compound_parts("Name the banker on the team, and the investor who advised him.") == []


def test_a_missing_value_of_one_part_does_not_refuse_a_compound_question_whose_other_part_is_told():
    from qa.answer.extractive import _other_part_told, compound_parts

    question = ("How old was Hitler at the Beer Hall Putsch, and in which year does the game Through the Darkest "
                "of Times begin its story?")
    quotes = ["The story begins with Hindenburg appointing Hitler Chancellor in 1933, and runs right through 1946."]
    assert _other_part_told(compound_parts(question), quotes)  # the year is told: half an answer
    assert not _other_part_told(compound_parts(question), ["The story is firmly grounded in reality."])
    # a part that asks no value may be answered by any quote
    assert _other_part_told(compound_parts("How old was Hitler then, and why did the putsch fail?"), ["It failed."])
    assert not _other_part_told([], quotes)  # a question of one part: the usual typed check


def test_each_part_of_a_compound_question_has_its_answer_quoted(tmp_path):
    """"Who captained the missing AirAsia flight, and which U.S. warship was sent to help search
    for it?" (an unseen Reuters page) was answered about the search alone: the sentence naming
    the captain scored below three sentences about the search, since the whole question's words
    are mostly the warship's."""
    bot = _one_article_library(tmp_path, "search.txt", (
        "Search for missing jet widens\n\nCountries around Asia stepped up the search for the missing jet on "
        "Tuesday, with Washington sending a warship to help find it. The destroyer USS Sampson was sent to the "
        "area to help search for the jet. A second U.S. warship, the USS Fort Worth, was sent to help search for "
        "it on Wednesday. About 30 ships and 21 aircraft have joined the search so far.\n\n"
        "The jet's captain was Iriyanto, a former air force fighter pilot with more than 20,000 flying hours. "
        "His family said he was a calm and careful man. Relatives gathered at the airport in Surabaya.\n"))
    answer = bot.ask("Who captained the missing jet, and which U.S. warship was sent to help search for it?")
    assert answer.answered
    quoted = " ".join(c.quote for c in answer.citations)
    assert "Iriyanto" in quoted and "USS Sampson" in quoted


def test_a_quote_announcing_the_asked_count_is_read_on_for_that_many_sentences():
    """go-trafilatura's Intercept page (web-dev-20): asked "What are the three ways a cancer
    patient in Gaza dies?", the best sentence announced them ("…dies three times," Skaik said.)
    and the three followed it, unquoted."""
    from qa.answer.extractive import _announces_asked_count, _with_what_follows
    from qa.answer.features import Candidate

    assert _announces_asked_count("Residents can choose between three funding models.",
                                  "What three funding options can the residents choose between?") == 3
    assert _announces_asked_count("He has four tips.", "Which four tips does he give?") == 4
    assert _announces_asked_count("He won three titles.", "How many titles did he win in three years?") == 0  # a value
    assert _announces_asked_count("He has 3 children.", "What three things matter to him?") == 0  # not the same count
    text = ("The hospital treats adult cancer patients. A cancer patient here dies three times, the director said. "
            "The first time because of cancer. The second time because of a lack of medicines. And the third time "
            "because of the bombing during his treatment. Nurses have moved the patients to the ground floor.")
    page = Passage(doc_id="d", title="t", source="s", url="", text=text, start=0, end=len(text))
    said = "A cancer patient here dies three times, the director said."
    cand = Candidate(page, said, 0, text.index(said))
    question = "What are the three ways a cancer patient dies, according to the director?"
    _, quote = _with_what_follows(cand, page, said, [cand], text, continuation_only=True,
                                  announces=_announces_asked_count(said, question))
    assert quote.startswith(said) and quote.endswith("during his treatment.")  # three sentences, not the fourth
    _, alone = _with_what_follows(cand, page, said, [cand], text, continuation_only=True)
    assert alone == said  # nothing announced: the next sentence does not point back


def test_a_lead_in_before_a_command_is_quoted_with_the_command():
    """go-trafilatura's yapapi README (web-dev-23): "…to run all the integration tests, use:" was
    quoted alone; the command on the next line is the answer."""
    from qa.answer.extractive import _with_what_follows
    from qa.answer.features import Candidate

    text = ("You need extra dependencies first. Once you have the environment set up, to run all the integration "
            "tests, use:\n\npoetry run poe goth-tests\n\nInstallation\n\nThe package is on PyPI.")
    page = Passage(doc_id="d", title="t", source="s", url="", text=text, start=0, end=len(text))
    lead = "Once you have the environment set up, to run all the integration tests, use:"
    cand = Candidate(page, lead, 0, text.index(lead))
    _, quote = _with_what_follows(cand, page, lead, [cand], text)
    assert quote == lead + "\n\npoetry run poe goth-tests"


def test_a_caption_of_a_figure_or_a_video_is_never_quoted():
    """go-trafilatura's R tutorial (web-dev-23): "Figure 9: Changing Font Size of Main Title."
    was quoted first for "How do I make just the plot's main title bigger?"; it names a picture."""
    from qa.answer.extractive import _CAPTION

    assert _CAPTION.match("Figure 9: Changing Font Size of Main Title.")
    assert _CAPTION.match("Fig. 2. The reactor core.") and _CAPTION.match("Video: Fall Centerpiece Ideas")
    assert not _CAPTION.match("Figures released on Monday show a 3% rise.")
    assert not _CAPTION.match("The figure 9 is shown here: a chart.")



def test_asked_for_several_things_a_close_sentence_listing_them_opens_the_answer():
    # probe set AN: "Which websites does CottageCare point to…?" was answered first by "…look for
    # companies with high ratings and positive reviews." before "…platforms like Google, Yelp, and
    # Facebook…"
    from qa.answer.extractive import _ASKS_FEW, _ASKS_SEVERAL, _enumeration_first
    from qa.answer.features import Candidate

    question = "Which websites does CottageCare point to for reading customer reviews?"
    assert _ASKS_SEVERAL.match(question) and not _ASKS_FEW.search(question)
    assert not _ASKS_SEVERAL.match("Which company makes it?")
    assert not _ASKS_SEVERAL.match("What most often causes adults to lose their teeth?")
    assert _ASKS_FEW.search("What are the two most important things to remember?")
    texts = ["Look for companies with high ratings and positive reviews.",
             "Platforms like Google, Yelp, and Facebook are filled with honest feedback.",
             "However, he said, it was fine."]
    page = Passage(doc_id="d", title="t", source="s", url="", text=" ".join(texts), start=0, end=1)
    ranked = [Candidate(page, text, 0, i, probability=p) for i, (text, p) in enumerate(zip(texts, [0.9, 0.85, 0.5]))]
    assert [c.order for c in _enumeration_first(ranked, 0.81)] == [1, 0, 2]
    assert [c.order for c in _enumeration_first(ranked, 0.88)] == [0, 1, 2]  # not close enough


def test_a_list_run_into_a_sentence_is_found_in_one_pass():
    from qa.answer.extractive import _enumerates

    assert _enumerates("Platforms like Google, Yelp, and Facebook are filled with honest feedback.")
    assert _enumerates("Use a password, magic link, one-time password or a passkey.")
    assert _enumerates("The kit holds a drill, two bits, a level, and a tape measure.")
    assert not _enumerates("Google, Yelp and more.")  # two items: no list of three
    assert not _enumerates("However, he said, it was fine.")
    assert not _enumerates("In 2024, after the merger, the firm (then private!), grew.")
    # a long comma run with no "and"/"or" is no list, and is read in one pass
    assert not _enumerates(", ".join(f"word number {i} here" for i in range(400)) + ".")


def test_a_sentence_leading_in_to_numbered_sections_is_quoted_with_their_headings():
    """ "…involves three simple steps." then "Step 1: Budget", paragraphs, "Step 2: …": the
    headings are the list the sentence promises, and no sentence near it holds them."""
    from qa.answer.extractive import _numbered_sections

    body = "A paragraph about it that runs on for a while and ends here. " * 3
    lead = "Investing for beginners involves three simple steps."
    article = (f"Intro.\n\n{lead} Let’s look at each.\n\nStep 1: Financial Assessment\n\n{body}\n\n"
               f"Step 2: Market Research\n\n{body}\n\nStep 3: Property Selection\n\n{body}\n\nCommon Mistakes\n\n{body}")
    passage = _passage(article)
    spans = _numbered_sections(article, passage, lead)
    assert [article[a:b] for a, b in spans] == ["Step 1: Financial Assessment", "Step 2: Market Research",
                                                "Step 3: Property Selection"]
    numbered = article.replace("Step ", "").replace(": ", ". ", 3)
    assert [numbered[a:b] for a, b in _numbered_sections(numbered, _passage(numbered), lead)][1] == "2. Market Research"
    # "20 Ways…" is no second heading after "1 Budget" (a heading numbered without a mark)
    unmarked = (f"{lead}\n\n1 Budget First\n\n{body}\n\n20 Ways To Save\n\n{body}\n\n2 Market Research\n\n{body}")
    assert [unmarked[a:b] for a, b in _numbered_sections(unmarked, _passage(unmarked), lead)] == [
        "1 Budget First", "2 Market Research"]
    # a ranking's bare numbers, each on its own line above a name, title no section
    ranks = f"{lead}\n\n1\nAnthropic\n\n{body}\n\n2\nOpenAI\n\n{body}"
    assert _numbered_sections(ranks, _passage(ranks), lead) == []
    # a sentence the sections do not follow, a lone numbered heading, and a numbered sentence
    # (a list item, not a heading) lead in to nothing
    assert _numbered_sections(article, passage, "Intro.") == []
    lone = article.replace("Step 2", "Part 2").replace("Step 3", "Part 3")
    assert _numbered_sections(lone, _passage(lone), lead) == []
    sentences = article.replace("Assessment\n", "Assessment is first.\n")
    assert _numbered_sections(sentences, _passage(sentences), lead) == []


def test_numbered_section_headings_are_cited_verbatim(tmp_path):
    """The headings of the sections a lead-in opens each get a citation whose quote is a span of
    the article, shown after the lead-in's quote."""
    from qa import Assistant

    from conftest import make_settings

    body = ("Market research tells you where your first rental should be and what tenants will pay for it. "
            "Check local rules before you buy anything at all. ")
    text = ("Property Investing for Beginners\n\nOnce you’ve decided to start, investing in rental property for "
            "beginners involves three simple steps.\n\nStep 1: Financial Assessment\n\n" + body * 3 +
            "\n\nStep 2: Market Research\n\n" + body * 3 + "\n\nStep 3: Property Selection\n\n" + body * 3)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "invest.txt").write_text(text, encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    answer = bot.ask("What are the three simple steps of investing in rental property for beginners?")
    quotes = [c.quote for c in answer.citations]
    assert "Step 2: Market Research" in quotes, answer.text
    assert "It goes on under these headings: Step 1: Financial Assessment [" in answer.text
    assert all(q in text for q in quotes)


def test_an_acronym_its_article_spells_out_beyond_the_passages_read_is_not_called_missing(tmp_path):
    """Asked "What was Stanford GSB's acceptance rate?", the refusal said "None of the indexed
    articles mentions “GSB”" while the article's table names "Stanford Graduate School of
    Business" in a passage the answer did not read. The article is the check, not the passage."""
    filler = " ".join(f"Paragraph {i} is about the ranking's method, its surveys and its peer scores." for i in range(40))
    bot = _one_article_library(tmp_path, "mba.txt", (
        "US News MBA rankings\n\nThe ranking data for the top programs can be found in the chart below. "
        f"{filler}\n\nThe Stanford Graduate School of Business admitted 9% of its applicants, the fewest."))
    answerer = bot.answerer
    question = "What was Stanford GSB's acceptance rate?"
    passages = [p for p in answerer.candidates(question, 5) if "Graduate School" not in p.text]
    assert passages and bot.document_text(passages[0].doc_id).count("Stanford Graduate School of Business") == 1
    q, _, _ = answerer.score(question, passages)
    unknown, _ = answerer._missing_names(q, question, passages)
    assert "GSB" not in unknown
    # a name no article has is still called missing
    q, _, _ = answerer.score("What was Wharton's acceptance rate?", passages)
    assert "Wharton" in answerer._missing_names(q, "What was Wharton's acceptance rate?", passages)[0]
    assert "CBS" in answerer._missing_names(*_scored(answerer, "What was Columbia CBS's acceptance rate?", passages))[0]
    # nor is one that another article, none of whose passages was read, spells out
    news = tmp_path / "news.txt"
    news.write_text("Campus news\n\nThe Columbia Business School opened a new building this week.", encoding="utf-8")
    bot.ingest([news])
    question = "What was Columbia CBS's acceptance rate?"
    unknown, _ = answerer._missing_names(*_scored(answerer, question, passages))
    assert "CBS" not in unknown
    # the other article was read, not skipped: an acronym no article spells out is still missing
    assert "QRS" in answerer._missing_names(*_scored(answerer, "What was Columbia QRS's acceptance rate?", passages))[0]


def _scored(answerer, question: str, passages):
    """(the question's features, the question, the passages): `_missing_names`'s arguments."""
    q, _, _ = answerer.score(question, passages)
    return q, question, passages


def test_a_compound_question_after_a_scene_setting_statement_is_still_two_questions():
    from qa.answer.extractive import compound_parts

    question = ("The BusinessWeek writer says Jobs' successor needs a hit; who is that successor, and how many "
                "years had he served Apple when he was picked?")
    assert compound_parts(question) == ["Who is that successor?",
                                        "How many years had he served Apple when he was picked?"]
    # scored with the statement, which the part may need ("that successor")
    assert compound_parts(question, with_preamble=True) == [
        "The BusinessWeek writer says Jobs' successor needs a hit; who is that successor?",
        "The BusinessWeek writer says Jobs' successor needs a hit; how many years had he served Apple when he was picked?"]
    assert compound_parts("Both garden pages touch on trees: which foundation does the Cornell page point to, "
                          "and what does the column say is the best time to plant?") == [
        "Which foundation does the Cornell page point to?", "What does the column say is the best time to plant?"]
    assert compound_parts("Note: what is it?") == []  # one question after the statement
    assert compound_parts("In short: what happened?") == []


def test_a_question_asked_of_two_things_is_asked_of_each():
    from qa.answer.extractive import distributed_parts

    assert distributed_parts("Which areas do CR Maids and Termio Pest Control each serve?") == [
        "Which areas do CR Maids serve?", "Which areas do Termio Pest Control serve?"]
    assert distributed_parts("What do the dental article and the phone habits article each suggest scheduling?") == [
        "What do the dental article suggest scheduling?", "What do the phone habits article suggest scheduling?"]
    assert distributed_parts("Which Google tools are recommended in the WordPress tutorial and in the gear guide?") == [
        "Which Google tools are recommended in the WordPress tutorial?",
        "Which Google tools are recommended in the gear guide?"]
    assert distributed_parts("In the Head-Fi thread and the MyBB thread, what does each poster use?") == [
        "In the Head-Fi thread, what does each poster use?", "In the MyBB thread, what does each poster use?"]
    # one place inside the other is not two places: "at the hands of New York police" is no source
    assert distributed_parts("Which man who died at the hands of the police is named both in the vigil story and "
                             "in the story about the critics?") == [
        "Which man who died at the hands of the police is named in the vigil story?",
        "Which man who died at the hands of the police is named in the story about the critics?"]
    assert distributed_parts("What did Smith and Jones say about the deal?") == []  # asked of them together
    assert distributed_parts("What did Putin demand in the draft agreements?") == []
    assert distributed_parts("How long is the trip in the west and in May?") == []  # "in May": no "the", no source
    # each thing is at most 80 characters (bounded so that a long text of many "and"s cannot backtrack for long)
    assert distributed_parts(" ".join(["do the a and the b"] * 150)) == []
    assert distributed_parts("Which areas do " + "very " * 20 + "big CR Maids and Termio each serve?") == []


def test_the_part_asked_of_another_article_may_take_its_best_sentence_from_any_article():
    """A question asked of two things names its own subject in each part, so a part's best
    sentence counts even from an article none of the whole's three best sentences is of; a
    compound question's part, which may lack its subject, still keeps to those articles."""
    from qa.answer.extractive import _each_part_answered
    from qa.answer.features import Candidate

    def cand(doc: str, order: int, p: float) -> Candidate:
        page = Passage(doc_id=doc, title="t", source="s", url="", text="x", start=0, end=1)
        return Candidate(page, f"{doc} sentence {order}.", 0, order, probability=p, features={"names_article": 0.0})

    ranked = [cand("a", 1, 0.9), cand("a", 2, 0.8), cand("a", 3, 0.7), cand("b", 1, 0.3)]
    parts = [[cand("a", 2, 0.9)], [cand("b", 1, 0.8)]]  # each part's best, scored for the part
    spread = _each_part_answered(list(ranked), parts, named=False, anywhere=True)
    assert [(c.passage.doc_id, c.order) for c in spread[:3]] == [("a", 1), ("a", 2), ("b", 1)]
    ranked = [cand("a", 1, 0.9), cand("a", 2, 0.8), cand("a", 3, 0.7), cand("b", 1, 0.3)]
    kept = _each_part_answered(list(ranked), parts, named=False)
    assert [(c.passage.doc_id, c.order) for c in kept] == [("a", 1), ("a", 2), ("a", 3), ("b", 1)]


def test_a_question_asked_of_two_articles_quotes_each(tmp_path):
    """"What do the dental resolutions article and the smartphone habits article each suggest
    …?" (an unseen pair of pages) was answered from the dental page alone: its sentences share
    most of the question's words, so the three best were all of it. Asked of each, the phone
    page's own best sentence is quoted too."""
    from qa import Assistant

    from conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "dental.txt").write_text(
        "Dental resolutions for 2025\n\nA new year is a good time to schedule your dental visits. Schedule your "
        "dental checkups for 2025 now, one every six months. Book a cleaning appointment before your calendar "
        "fills up. Set calendar alerts for your dental visits and for replacing your toothbrush. Floss daily to "
        "protect your gums. Cut back on sugary drinks between meals.\n", encoding="utf-8")
    (corpus / "phone.txt").write_text(
        "Healthier smartphone habits\n\nTurn off the notifications you do not need. Set aside an hour each evening "
        "for reading instead of scrolling social media. Keep the phone out of the bedroom at night. Track your "
        "screen time every week.\n", encoding="utf-8")
    bot = Assistant(make_settings(tmp_path / "index", corpus))
    answer = bot.ask("What do the dental resolutions article and the smartphone habits article each suggest "
                     "setting aside time for?")
    assert answer.answered
    assert {c.passage.title for c in answer.citations} == {"Dental resolutions for 2025", "Healthier smartphone habits"}
    assert any("an hour each evening" in c.quote for c in answer.citations)


def test_each_part_of_a_two_part_question_brings_its_own_best_passages(assistant):
    """The whole question's passages may all be of the part whose words dominate ("Which tool
    does the Docker article use…, and which linter does the Ruby post use…?" read only the
    Docker page): each part's own best `part_passages` are read after them, once each."""
    import dataclasses

    answerer = assistant.answerer
    question = "What did Biden threaten, and which Kazakh city saw the worst unrest?"
    parts = ["What did Biden threaten?", "Which Kazakh city saw the worst unrest?"]
    whole = answerer.retriever.retrieve_passages(question, answerer.depth(5))
    read = answerer.candidates(question, 5)
    ids = [p.passage_id for p in read]
    assert ids[: len(whole)] == [p.passage_id for p in whole] and len(ids) == len(set(ids))
    assert len(ids) > len(whole)  # a part's best passages the whole did not retrieve
    for part in parts:
        assert {p.passage_id for p in answerer.retriever.retrieve_passages(part, answerer.policy.part_passages)} <= set(ids)
    models = answerer.models
    try:
        answerer.models = dataclasses.replace(models, policy=dataclasses.replace(models.policy, part_passages=0))
        assert [p.passage_id for p in answerer.candidates(question, 5)] == [p.passage_id for p in whole]
    finally:
        answerer.models = models
    # a question of one part reads its own passages alone
    one = "What did Putin demand in the draft agreements?"
    assert [p.passage_id for p in answerer.candidates(one, 5)] == [
        p.passage_id for p in answerer.retriever.retrieve_passages(one, answerer.depth(5))]


def test_a_price_question_is_not_answered_with_extra_sentences_giving_no_price(assistant):
    """Asked "How much do the Sundara headphones cost?", a reader wants the price: once the best
    sentence gives one, a close sentence that gives none ("…possibly the best value in high-end
    headphones…") tells nothing asked and is left out; a close one with a price stays. Without
    the rule (`valued_extras_only`) it is quoted. A count or a date is told in forms the type
    reading misses, so "How many…?" keeps such a sentence."""
    import dataclasses

    import numpy as np

    from qa.answer.features import Candidate

    answerer = assistant.answerer
    text = ("Hifiman Sundara Headphones\n\n$299.00\n\nThe Sundara are possibly the best value in high-end headphones. "
            "The older model sold for $499 at launch.")
    page = Passage(doc_id="shop", title="Sundara", source="Headphones", url="", text=text, passage_id="shop:0", start=0,
                   end=len(text))

    def cand(sentence: str, probability: float, axis: int) -> Candidate:
        vector = np.zeros(384, np.float32)
        vector[axis] = 1.0
        return Candidate(page, sentence, 0, text.index(sentence), probability=probability, embedding=vector,
                         features={"type_missing": 0.0})

    ranked = [cand("Hifiman Sundara Headphones\n\n$299.00", 0.99, 0),
              cand("The Sundara are possibly the best value in high-end headphones.", 0.95, 1),
              cand("The older model sold for $499 at launch.", 0.90, 2)]
    price = "How much do the Hifiman Sundara headphones cost?"
    chosen = [c.text for c in answerer.select(ranked, question=price)]
    assert chosen == [ranked[0].text, ranked[2].text]
    count = "How many Hifiman Sundara headphones were sold?"
    assert len(answerer.select(ranked, question=count)) == 3
    models = answerer.models
    try:
        answerer.models = dataclasses.replace(models, policy=dataclasses.replace(models.policy, valued_extras_only=False))
        assert len(answerer.select(ranked, question=price)) == 3
    finally:
        answerer.models = models


def test_a_follow_up_searched_with_the_question_before_it_asks_its_own_kind(assistant):
    """"And how heavy is it?" after a question about the Sundara's price is searched as "how heavy
    is it? How much does the Sundara sell for…?", whose kind read whole is a sum: the price line
    held "the asked kind", stayed first, and the answer was refused as giving no weight. The
    sentence features read the kind of the asker's own turn; a turn that stands for another
    question ("And Putin?" asked as "How old is Putin?") keeps the query's."""
    from qa.retrieve.followups import asked_with_previous
    from qa.text.names import has_type

    assert asked_with_previous("And how heavy is it?", "how heavy is it? How much does it cost?")
    assert asked_with_previous("Where did he meet Wendy Sherman?",
                                         "Where did he meet Wendy Sherman? Who is Sergei Ryabkov?")
    assert not asked_with_previous("And Putin?", "How old is Putin?")
    assert not asked_with_previous("How old is Putin?", "How old is Putin?")
    answerer = assistant.answerer
    query = "where did he send troops this week? How old is Putin?"
    passages = answerer.candidates(query, 5)
    q, ranked, _ = answerer.score(query, passages, "place")
    assert q.kind == "place" and ranked
    assert all(c.features["type_ok"] == float(has_type(c.text, "place", q.topic)) for c in ranked)
    assert answerer.score(query, passages)[0].kind != "place"

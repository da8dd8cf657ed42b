"""The sentence splitter: abbreviations kept whole, work that grows with the text, not its square,
and at least as good as nltk's Punkt on the dev sets' evidence sentences."""
from __future__ import annotations

from qa.text import sentences
from qa.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_abbreviations_initials_and_numbers_do_not_end_a_sentence():
    text = "Mr. Biden met John F. Kennedy Jr. in the U.S. on Aug. 24. He said no. The talks ended. It was No. 5 on the list."
    assert _texts(text) == ["Mr. Biden met John F. Kennedy Jr. in the U.S. on Aug. 24.", "He said no.",
                            "The talks ended.", "It was No. 5 on the list."]


def test_a_bracketed_featuring_credit_ends_no_sentence_but_a_feat_or_feet_at_a_sentence_end_does():
    """A lyrics page's heading "PJ Morton – Only One Lyrics (Ft. Stevie Wonder)" was quoted as
    "…Only One Lyrics (Ft." — the credit cut off at its abbreviation."""
    assert _texts("Only One Lyrics (Ft. Stevie Wonder) is out. A song (feat. Drake) charted.") == [
        "Only One Lyrics (Ft. Stevie Wonder) is out.", "A song (feat. Drake) charted."]
    assert _texts("It was quite a feat. The team won. The wall is 6 ft. The door is wide.") == [
        "It was quite a feat.", "The team won.", "The wall is 6 ft.", "The door is wide."]


def test_initials_written_together_end_no_sentence_but_a_paragraph_break_after_them_does():
    """Pages name "George H.W. Bush", "H.R. (Bum) Bright", "L.A. Unified": cut after the
    initials, the quote lost its subject or was the fragment "…President George H.W."."""
    assert _texts("In 1991, President George H.W. Bush held back loan guarantees. Then talks began.") == [
        "In 1991, President George H.W. Bush held back loan guarantees.", "Then talks began."]
    assert _texts("He bought the Cowboys from H.R. (Bum) Bright for $151 million. It paid off.") == [
        "He bought the Cowboys from H.R. (Bum) Bright for $151 million.", "It paid off."]
    assert _texts("Cisco Ramon, a.k.a. Vibe, is minor. J.R.R. Tolkien wrote it.") == [
        "Cisco Ramon, a.k.a. Vibe, is minor.", "J.R.R. Tolkien wrote it."]
    assert _texts("It sank near Elizabeth, N.J.\n\nThe F.B.I. came.") == ["It sank near Elizabeth, N.J.", "The F.B.I. came."]


def test_a_short_quotation_the_sentence_goes_on_after_ends_no_sentence():
    # "…the “Meth. We’re on it.” campaign did not appeal to…" was cut after "Meth.", and the
    # answer quoted "we’re on it.” campaign did not appeal to Julie Graham…"
    text = "While the “Meth. We’re on it.” campaign did not appeal to her, she did not judge it. Then it ended."
    assert _texts(text) == ["While the “Meth. We’re on it.” campaign did not appeal to her, she did not judge it.",
                            "Then it ended."]
    # speech that goes on as its own sentence after the closing mark is cut as before
    assert _texts("He said “I am here. We will go.” Then they left.") == ["He said “I am here.", "We will go.”",
                                                                          "Then they left."]
    # a long quotation is speech, not a slogan: cut inside it
    long = "“We are ready to talk about the border. We will not talk about our own army at all,” he said."
    assert len(_texts(long)) == 2


def test_a_word_longer_than_the_search_window_is_read_whole():
    long_word = "x" * (sentences._WORD_WINDOW * 2)
    assert _texts(f"It ends with {long_word}. Then more.") == [f"It ends with {long_word}.", "Then more."]
    # "u.s" as the tail of a long token is not the abbreviation: the whole token is the word
    assert _texts(f"See {long_word}u.s. Then more.") == [f"See {long_word}u.s.", "Then more."]


def test_the_word_before_each_dot_is_looked_for_near_the_dot_not_from_the_start(monkeypatch):
    """Searching from the start of the text for every dot made splitting quadratic (a long web
    article took seconds); each search now covers the few characters before its dot."""
    searched: list[int] = []
    real = sentences._PREV_WORD

    class Recording:
        def search(self, text: str, start: int, end: int):
            searched.append(end - start)
            return real.search(text, start, end)

    monkeypatch.setattr(sentences, "_PREV_WORD", Recording())
    text = " ".join(f"Sentence number {i} ends here." for i in range(500))
    assert len(split_sentences(text)) == 500
    assert searched and max(searched) <= sentences._WORD_WINDOW


def test_our_splitter_keeps_at_least_as_many_evidence_sentences_whole_as_nltk_punkt():
    """The answers issue asks for a maintained splitter unless ours measures better. Measured on
    the hand-written evidence quotes of the dev sets (five articles: 174 quotes), a quote counts
    when it lies inside one sentence: ours 172, nltk's Punkt (as llama-index ships it) 167. Punkt
    cuts inside "U.S. Asst. Sec. of State Karen Donfried…" and in the garbled "noted. a recent
    piece"; ours never does. On the web pages both keep 196 of 200. Ours also costs a tenth of the
    CPU time."""
    import os
    from pathlib import Path

    import llama_index.core
    import nltk
    from nltk.tokenize import PunktTokenizer

    from eval.gold_schema import load_gold
    from eval.metrics import contains
    from qa.ingest.readers import article_document

    nltk.data.path.insert(0, os.path.join(os.path.dirname(llama_index.core.__file__), "_static", "nltk_cache"))
    punkt = PunktTokenizer("english")
    root = Path(__file__).resolve().parents[2]
    texts = [article_document(p, p.read_text(encoding="utf-8")).text for p in sorted((root / "corpus").iterdir())]
    quotes = sorted({q for f in ("eval/gold.jsonl", "eval/dev/paraphrases.jsonl", "eval/dev/paraphrases2.jsonl")
                     for item in load_gold(root / f) for q in item.evidence})
    ours = [t[s.start : s.end] for t in texts for s in split_sentences(t)]
    theirs = [s for t in texts for block in t.split("\n\n") for s in punkt.tokenize(block)]
    whole_ours = sum(any(contains(s, q) for s in ours) for q in quotes)
    whole_theirs = sum(any(contains(s, q) for s in theirs) for q in quotes)
    assert whole_ours >= whole_theirs and whole_ours >= 0.98 * len(quotes)
    assert abs(len(ours) - len(theirs)) <= 0.1 * len(theirs)  # not by gluing sentences together


def test_a_sentence_that_asks_is_told_from_one_that_states():
    from qa.text.sentences import is_question

    assert is_question("So what are the Russians hoping for?")
    assert is_question("He asked: “Why now?”") and is_question("Is it over (for now)?")
    assert not is_question("It ended.") and not is_question("“What?” he said.")
    # a statement that ends by quoting a short question tells, and is no question of the article
    assert not is_question("Moving forward, Swift has a new record deal in place with Universal Music Group, and "
                           "The Carlyle Group will be left to wonder: \"what did we do to deserve this?\"")
    assert is_question("The senator, speaking to reporters outside the chamber, asked: “Who will pay for this war "
                       "and its long aftermath in the region?”")


def test_a_short_line_that_labels_a_value_is_a_candidate_sentence_but_a_date_line_is_not():
    """A listicle's heading with its price ("“Rez Infinite” ($30)") is the only place the page
    gives the price: "How much does Rez Infinite cost?" was refused while it was too short to be
    a candidate. A short sentence inside prose, a date line and a line without a value stay out."""
    from qa.text.sentences import candidate_spans

    text = ("These are the games worth buying this year.\n\n“Rez Infinite” ($30)\n\nJanuary 12, 2022\n\n"
            "Price: $30\n\nBonus round\n\nIt sold well. He won 3 times.\n\nThe remaster is the best way to play it.")
    found = [text[s.start : s.end] for s in candidate_spans(text)]
    assert "“Rez Infinite” ($30)" in found
    assert "January 12, 2022" not in found and "Bonus round" not in found and "Price: $30" not in found
    assert "It sold well." not in found and "He won 3 times." in found


def test_a_headline_is_told_from_a_caption_or_a_list_item():
    from qa.text.sentences import is_headline

    assert is_headline("The Birth of Chaos")
    assert is_headline("[Bardo museum houses amazing Roman treasures]")  # a link to another story
    assert is_headline("Meta Yet to Explain Meta Outage")
    assert not is_headline("Hori Parata at his Pātaua farm, the place where he was born and grew up")
    assert not is_headline("Finland")
    assert not is_headline("Plans for the future")
    assert not is_headline("Analysis: Jon Sopel, BBC News, Washington")  # a byline answers "who"
    assert not is_headline("The Birth of Chaos Theory Came in 1961.")  # a sentence end
    # a documentation page's heading, linked by its permalink glyph, opened an answer
    assert is_headline("Example 6: Divergent changesets¶")


def test_a_heading_may_ask_without_its_question_mark():
    from qa.text.sentences import is_unmarked_question

    # Beardbrand's FAQ heading (web39) opened an answer about beard thickness; a focaccia guide's (web23)
    assert is_unmarked_question("Will Beard Oil make my beard grow thicker")
    assert is_unmarked_question("What tin to bake focaccia bread in")
    assert not is_unmarked_question("When to use rebase: - To keep a linear project history")  # a lead-in with its list
    assert not is_unmarked_question("How you get out of an app depends on your phone.")  # a statement
    assert not is_unmarked_question("Which is why the team left and went home after the long season ended with no trophy")


def test_a_bare_value_joins_the_label_line_above_it():
    """On a product page the price stands on a line of its own under the product's name
    ("Hifiman Sundara Headphones | 2020 Edition", then "$299.00"): neither line alone answers
    "How much do the Sundara headphones cost?", and the price alone was never a candidate. They
    become one verbatim candidate; a value under a sentence, a dateline or a line of one word
    stays apart, and two label lines are not joined."""
    from qa.text.sentences import candidate_spans, split_sentences, with_values

    text = ("Hifiman Sundara Headphones | 2020 Edition\n\n$299.00\n\nCup style\n\nOpen-Back\n\n"
            "Mac Pro\n\nFrom $6999\n\nThe price went up last year.\n\n$5\n\n"
            "January 12, 2022\n\nPrice: $30\n\nShare\n\n12")
    found = [text[s.start : s.end] for s in candidate_spans(text)]
    assert "Hifiman Sundara Headphones | 2020 Edition\n\n$299.00" in found
    assert "Mac Pro\n\nFrom $6999" in found
    # a label of one word names nothing: the name's line above it joins too
    apple = "Take a closer look\n\n- Studio Display XDR\n\nFrom\n\n$3299 or $274.91\n\n/mo."
    assert [apple[s.start : s.end] for s in candidate_spans(apple)][-1] == "- Studio Display XDR\n\nFrom\n\n$3299 or $274.91"
    assert "The price went up last year." in found
    assert not any("$5" in f or "January" in f or "Price" in f or "Share" in f for f in found)
    joined = [text[s.start : s.end] for s in with_values(text, split_sentences(text))]
    assert "Cup style" in joined and "Open-Back" in joined  # no value: each line stays its own
    assert "Share\n\n12" in joined  # joined, but too short to be a candidate
    from qa.text.sentences import is_headline

    assert is_headline("Hifiman Sundara Headphones") and not is_headline("Mac Pro\n\nFrom $6999")  # it tells a value


def test_the_splitter_version_names_the_value_join():
    from qa.text.sentences import SPLITTER_VERSION

    assert SPLITTER_VERSION >= 5  # stored sentence vectors cut before the join are not read

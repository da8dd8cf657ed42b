"""Follow-up condensation: pronouns resolved against the conversation, elliptical turns asked
with the question they follow; the result is a question, never a keyword list."""
from qa.retrieve.followups import condense, entities


def test_pronoun_becomes_the_person_asked_about():
    assert condense("Where did he meet Wendy Sherman?", [("Who is Sergei Ryabkov?", "…")]) == (
        "Where did Sergei Ryabkov meet Wendy Sherman?"
    )


def test_several_back_references_are_asked_with_the_previous_question():
    query = condense("How many of them did it keep?", [("How many treaties did Washington sign with tribes?", "")])
    assert "treaties" in query and "Washington" in query


def test_elliptical_follow_up_gets_context():
    assert "Putin" in condense("And Kazakhstan?", [("Where did Putin send troops?", "")])


def test_standalone_question_is_unchanged():
    assert condense("What did Putin demand?", [("Who is Sergei Ryabkov?", "…")]) == "What did Putin demand?"
    assert condense("What did Putin demand?", None) == "What did Putin demand?"


def test_entities_skip_question_words():
    assert entities("Who is Sergei Ryabkov?") == ["Sergei Ryabkov"]


def test_it_becomes_the_thing_the_last_answer_introduced():
    history = [("Which film won the top award at the SAG ceremony?",
                "According to Reuters, South Korean film Parasite won the top prize. [1]")]
    assert condense("Who directed it?", history) == "Who directed Parasite?"


def test_people_come_from_any_earlier_turn_most_recent_first():
    history = [("Who is Sergei Ryabkov?", "…"), ("What is the CSTO?", "A military alliance. [1]")]
    assert condense("When did he meet Wendy Sherman?", history) == "When did Sergei Ryabkov meet Wendy Sherman?"


def test_a_bare_why_is_asked_of_the_previous_question():
    assert condense("Why?", [("Who sent troops to Kazakhstan?", "Russia did. [1]")]) == "Why? Who sent troops to Kazakhstan?"


def test_no_keyword_list_in_parentheses():
    query = condense("And Kazakhstan?", [("Where did Putin send troops?", "")])
    assert "(" not in query and query.endswith("?")


def test_a_title_glued_to_a_name_in_the_answer_does_not_replace_the_name_asked_about():
    history = [("Who is Karen Donfried?", "According to X, U.S. Asst. Sec. of State Karen Donfried was handed a copy. [1]")]
    assert condense("What was she handed?", history) == "What was Karen Donfried handed?"


def test_a_chain_of_follow_ups_keeps_its_topic():
    history = [("What happened in Kazakhstan?", "Protests over fuel prices."),
               ("Who sent troops there?", "Vladimir Putin sent forces.")]
    query = condense("Why?", history)
    assert "Kazakhstan" in query and query.startswith("Why?")


SOURCES = [("a1", "Putin's demands", "CNN"), ("a2", "The view from Washington", "Los Angeles Times"),
           ("a3", "Kazakhstan and Ukraine", "Orange County Register")]


def _spans(text):
    from qa.retrieve.hybrid import source_name_spans

    return source_name_spans(text, SOURCES)


def test_an_outlet_after_a_question_naming_another_asks_the_same_of_it():
    history = [("What does CNN say about NATO?", "CNN writes: ...")]
    assert condense("And the Los Angeles Times?", history, _spans) == "What does the Los Angeles Times say about NATO?"
    assert condense("What about the LA Times?", history, _spans) == "What does the LA Times say about NATO?"
    piece = [("What does the CNN piece say Biden should do?", "...")]
    assert condense("And the OC Register?", piece, _spans) == "What does the OC Register piece say Biden should do?"


def test_an_elliptical_turn_that_is_more_than_an_outlet_keeps_both_questions():
    history = [("What does CNN say about NATO?", "CNN writes: ...")]
    assert condense("And Putin in the LA Times?", history, _spans) == "Putin in the LA Times? What does CNN say about NATO?"
    no_outlet = [("What did Putin demand?", "...")]
    assert condense("And CNN?", no_outlet, _spans) == "CNN? What did Putin demand?"
    assert condense("And the Los Angeles Times?", history) == "the Los Angeles Times? What does CNN say about NATO?"


def test_source_name_spans_find_outlets_and_their_short_forms_without_overlap():
    from qa.retrieve.hybrid import source_name_spans

    text = "Did the LA Times and CNN agree with the Orange County Register?"
    found = [text[a:b] for a, b in source_name_spans(text, SOURCES)]
    assert found == ["LA Times", "CNN", "Orange County Register"]


def test_the_assistant_asks_an_outlet_follow_up_of_that_outlet_only(assistant):
    first = assistant.ask("What does CNN say about NATO?")
    answer = assistant.ask("And the Los Angeles Times?", history=[("What does CNN say about NATO?", first.text)])
    assert answer.query == "What does the Los Angeles Times say about NATO?"
    assert answer.answered and {c.passage.source for c in answer.citations} == {"Los Angeles Times"}


def test_there_becomes_the_place_the_last_answer_named_then_the_one_asked_about():
    met = [("Where did Wendy Sherman meet Sergei Ryabkov?", "According to CNN, they met in Geneva on Monday. [1]")]
    assert condense("What happened there?", met) == "What happened in Geneva?"
    assert condense("Who else was there?", met) == "Who else was in Geneva?"
    asked = [("What happened in Kazakhstan in January?", "Protests over fuel prices turned violent. [1]")]
    assert condense("Who sent troops there?", asked) == "Who sent troops in Kazakhstan?"


def test_an_existential_there_is_not_a_place():
    history = [("What did Russia hand over in Geneva?", "According to CNN, draft agreements. [1]")]
    for question in ("Is there a deadline?", "How many troops are there?", "Was there a reply to them?"):
        assert condense(question, history).startswith(question)  # "there" stays (the previous question may follow)


def test_an_opening_word_a_day_or_a_month_is_not_a_name_and_a_possessive_names_its_owner():
    assert entities("All in all, the US met NATO's envoys on Wednesday in January.") == ["US", "NATO"]
    history = [("What did Fiona Hill say?", "According to the OC Register, Fiona Hill's view is that it fuelled Putin's desire. [1]")]
    assert condense("What position did she once hold?", history) == "What position did Fiona Hill once hold?"


def test_an_outlet_is_never_he_or_she():
    def outlets(text: str) -> list[tuple[int, int]]:
        start = text.find("Orange County Register")
        return [(start, start + len("Orange County Register"))] if start >= 0 else []

    history = [("What does the Orange County Register say about Fiona Hill?", "Fiona Hill thinks Kazakhstan fuelled Putin's desire. [1]")]
    assert condense("What position did she once hold?", history) == "What position did Orange County Register once hold?"  # blind to outlets
    assert condense("What position did she once hold?", history, outlets) == "What position did Fiona Hill once hold?"


def test_a_lone_capital_that_opens_a_sentence_is_a_name_only_if_the_text_capitalises_it_elsewhere():
    answer = ("According to National Geographic, Volunteers went in with a plan. [1] According to Wikimedia, "
              "Today, access is restored. [2] Putin said so after the talks with Putin ended. [3]")
    assert entities("Volunteers went in with a plan. Today, access is restored. Putin said so after talks with Putin.") == [
        "Putin", "Putin"]
    history = [("Why was Wikipedia blocked in Turkey?", answer)]
    assert condense("How long did it last?", history) != "How long did Today last?"

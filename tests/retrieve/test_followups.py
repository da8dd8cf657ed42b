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

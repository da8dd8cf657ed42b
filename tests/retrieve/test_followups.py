"""Follow-up condensation: pronouns resolved to the previous turn's person, context appended."""
from qa.retrieve.followups import condense, entities


def test_pronoun_becomes_the_person_asked_about():
    assert condense("Where did he meet Wendy Sherman?", [("Who is Sergei Ryabkov?", "…")]) == (
        "Where did Sergei Ryabkov meet Wendy Sherman?"
    )


def test_anaphora_appends_the_previous_key_words():
    query = condense("How many of them did it keep?", [("How many treaties did Washington sign with tribes?", "")])
    assert "treaties" in query and "Washington" in query


def test_elliptical_follow_up_gets_context():
    assert "Putin" in condense("And Kazakhstan?", [("Where did Putin send troops?", "")])


def test_standalone_question_is_unchanged():
    assert condense("What did Putin demand?", [("Who is Sergei Ryabkov?", "…")]) == "What did Putin demand?"
    assert condense("What did Putin demand?", None) == "What did Putin demand?"


def test_entities_skip_question_words():
    assert entities("Who is Sergei Ryabkov?") == ["Sergei Ryabkov"]

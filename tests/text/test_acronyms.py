"""An acronym asked about, and the sentences whose initials spell it out."""
from qa.text.acronyms import asked_acronym, spells_out


def test_the_acronym_a_question_asks_to_spell_out():
    assert asked_acronym("What does RAVVEN stand for?") == "RAVVEN"
    assert asked_acronym("What does the term Y2Q stand for?") == "Y2Q"
    assert asked_acronym("What does WTF stand for in O'Reilly's talk?") == "WTF"
    assert asked_acronym("What does L.E.A.N. stand for in the IAB's L.E.A.N. Ads program?") == "L.E.A.N."
    assert asked_acronym("What does Meross stand for?") == ""  # a name, not an acronym
    assert asked_acronym("What does the report mean for savers?") == ""


def test_a_sentence_spells_out_an_acronym_by_its_initials():
    assert spells_out("RAVVEN (Rust-based Autonomous Vehicle for Virtual Environment Navigation) is a robot.", "RAVVEN")
    assert spells_out("L.E.A.N. stands for Light, Encrypted, Ad choice supported, Non-invasive ads.", "L.E.A.N.")
    assert spells_out('Y2Q, or "years to quantum," is the day codes break.', "Y2Q")  # a digit passed over
    assert spells_out("They ask “WTF? What’s the Future?” in another tone.", "WTF")
    # naming it is not spelling it out, nor are words that do not follow one another
    assert not spells_out("Students build RAVVEN robots in a virtual arena.", "RAVVEN")
    assert not spells_out("We want the future, and we want it fast.", "WTF")  # the acronym is not named


def test_a_passage_may_spell_out_an_acronym_it_never_writes():
    # web40 (BHF's meal plan): "…according to Office of National Statistics' figures…", asked about "the ONS figures"
    from qa.text.acronyms import is_acronym, spelled_in

    assert spelled_in("according to Office of National Statistics’ figures for April 2023", "ONS")
    assert spelled_in("a vote at the United Nations Security Council", "UN")
    assert not spelled_in("the office of national statistics", "ONS")  # not written as a name
    assert not spelled_in("Office figures from National Statistics", "ONS")  # not one run of capitalised words
    assert is_acronym("ONS") and is_acronym("CEOs") and not is_acronym("Harlem") and not is_acronym("A")

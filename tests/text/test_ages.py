"""Whose age a question asks and whose age a sentence gives (`qa.text.ages`)."""
import pytest

from qa.text.ages import age_owners, asked_age_of, gives_age_of, gives_only_others_ages


@pytest.mark.parametrize("question, names", [
    ("How old is Putin?", ["Putin"]),
    ("How old is Wendy Sherman?", ["Wendy Sherman"]),
    ("How old are Putin, Zelensky and Stoltenberg, according to the opinion piece?", ["Putin", "Zelensky", "Stoltenberg"]),
    ("How old was Patti Smith when she sang at the Onassis Festival?", ["Patti Smith"]),
    ("How old is Malcolm Borwick, Royal Salute's polo ambassador?", ["Malcolm Borwick"]),
    ("At what age did Mozart write his first symphony?", ["Mozart"]),
    # no named person's age: a thing's, someone a name describes, a pronoun, no age at all
    ("How old was Erin Spiceland's daughter in 2007?", []),
    ("How old is the Mozilla project?", []),
    ("How old did carbon dating show the flint tool to be?", []),
    ("How old does the same piece say he is?", []),
    ("When did Putin meet Biden?", []),
])
def test_the_names_whose_age_is_asked(question, names):
    assert asked_age_of(question) == names


def test_an_age_belongs_to_the_name_it_is_written_beside():
    assert age_owners("Russian President Vladimir Putin, 69, asked President Joe Biden to negotiate.") == ("Putin",)
    assert age_owners("Putin, 69, asked Joe Biden to negotiate.") == ("Putin",)  # the first word can be the name
    assert age_owners("Braun, 38 – who reps the likes of Demi Lovato – has been calling Swift, 29, daily.") == ("Braun", "Swift")
    # "at age 43" tells when the sentence's subject did something, whoever is named between
    assert age_owners("Leif Dahleen, the blogger behind the Physician on FIRE, retired at age 43.") == ("Leif Dahleen",)
    assert age_owners("Smith retired at the age of 43.") == ("Smith",)
    assert age_owners("In 2010 Smith retired at age 43.") == ("Smith",)
    # …and the subject a pronoun gives is not the name named after it (web-dev-18: "How old was
    # Kat when she had her daughter Zoe?" was refused, the age read as Zoe Slater's)
    zoe = "As a result of rape, she gave birth to her daughter Zoe Slater at the age of 13."
    assert age_owners(zoe) == ("",) and not gives_only_others_ages(zoe, ["Kat"])
    # written before its noun, it is the following name's, whoever the sentence names first
    zelensky = "Putin's concerns stem primarily from 43-year-old President Volodymyr Zelensky's obsession."
    assert gives_only_others_ages(zelensky, ["Putin"]) and gives_age_of(zelensky, ["Zelensky"])
    assert gives_age_of("NATO's 62-year-old Secretary-General Jens Stoltenberg cannot prevent it.", ["Jens Stoltenberg"])
    # before a common noun, the name it describes stands before it
    assert age_owners("John Smith, a 25-year-old man from Ohio, said so.") == ("Smith",)
    assert age_owners("Zelensky, the 43-year-old president, spoke.") == ("Zelensky",)
    # …but not a name the noun phrase does not stand beside: "the 93 year-old" is not the city
    # just before it; it points back to the one the sentence is about, named at its start
    mugabe = ("Robert Mugabe and his wife are under house arrest at his compound in Harare and are "
              "insisting the 93 year-old finishes his presidential term, a source said.")
    assert age_owners(mugabe) == ("Robert Mugabe",) and gives_age_of(mugabe, ["Robert Mugabe"])
    buttigieg = ("Buttigieg stepped aggressively into the establishment lane in the last debate, but many donors "
                 "remain skeptical of the 37-year-old small-city mayor's chances.")
    assert gives_age_of(buttigieg, ["Pete Buttigieg"])
    # an indefinite "a 25-year-old man" is someone new, not the speaker; nor is a sentence opened by no name
    assert age_owners("Smith said a 25-year-old man was hurt.") == ("",)
    assert age_owners("Officers say the 25-year-old man was hurt.") == ("",)
    assert gives_age_of("Biden said that Putin is 69 years old.", ["Vladimir Putin"])


def test_a_family_name_decides_who_is_meant():
    assert not gives_age_of("Senator Joe Manchin, 74, voted no.", ["Joe Biden"])
    assert gives_age_of("Senator Joe Manchin, 74, voted no.", ["Manchin"])


def test_an_age_whose_owner_the_sentence_does_not_name_may_be_the_asked_persons():
    assert age_owners("He turned 70 last year.") == ("",)
    assert not gives_only_others_ages("He turned 70 last year.", ["Putin"])
    assert not gives_only_others_ages("Putin met Biden in Geneva.", ["Putin"])  # no age at all


def test_a_century_old_thing_has_its_age():
    """"How old is the Polaris?" was refused: "the Polaris, one of four century-old wooden
    schooners" gave no age it knew."""
    sentence = "They loaded up the Polaris, one of four century-old wooden schooners still chasing halibut."
    assert age_owners(sentence) == ("Polaris",) and gives_age_of(sentence, ["Polaris"])

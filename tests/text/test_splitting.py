"""The sentence splitter: abbreviations kept whole, and work that grows with the text, not its square."""
from __future__ import annotations

from qa.text import sentences
from qa.text.sentences import split_sentences


def _texts(text: str) -> list[str]:
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_abbreviations_initials_and_numbers_do_not_end_a_sentence():
    text = "Mr. Biden met John F. Kennedy Jr. in the U.S. on Aug. 24. He said no. The talks ended. It was No. 5 on the list."
    assert _texts(text) == ["Mr. Biden met John F. Kennedy Jr. in the U.S. on Aug. 24.", "He said no.",
                            "The talks ended.", "It was No. 5 on the list."]


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

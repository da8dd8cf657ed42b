"""Attribution-aware checking: reported speech or opinion stated as fact is unsupported; the
attributed claim is supported; a claim the passage denies is unsupported.

The passages are real: cut from corpus/ by the indexer (the same text, white space aside —
the test checks that), so the cases are the ones a model meets on this corpus.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.llm.attribution import denies_previous, frames, keeps_attribution  # noqa: E402
from qa.llm.verify import Claim, Verifier, attribution_check, source_sentences  # noqa: E402
from qa.types import Passage  # noqa: E402

JUKNEVICIENE = Passage(
    "001_a32b31f8f4665c4d", "The West has a rare window to put Putin in his place", "CNN", "",
    "“We must unite and not be afraid. Putin is afraid – not us. He is afraid of his own people, afraid of democratic "
    "elections,” said Rasa Juknevičienė, Lithuania’s former defense minister. She believes it is now time to speed up "
    "Ukraine’s accession to NATO.\n\n“Europe can not go back to the time of Hitler and Stalin, when nations were divided.",
)
PROOF = Passage(
    "004_93ab12cb5d174454", "What the crisis in Kazakhstan and Ukraine tells us about Vladimir Putin", "Orange County Register", "",
    "Although the uprising in Kazakhstan against an allied Russian government is not an ideal scenario for Russia, Putin "
    "could – as I expected he would – use the situation in Kazakhstan to his advantage. for Ukraine and with other non-NATO "
    "former Soviet states.\n\nIn particular, Putin could point to Moscow’s decisive intervention in Kazakhstan as proof that "
    "Russia is a more reliable military partner than NATO and the United States.",
)
RED_LINE = Passage(
    "002_59007568ff3b6b40", "Russian President Vladimir Putin, 69, asked President Joe Biden to enter into…", "", "",
    "Russian President Vladimir Putin, 69, asked President Joe Biden to enter into negotiations about the role the U.S. "
    "and NATO play in Eastern European countries once part of the Soviet Union. Putin’s concerns in Ukraine stem primarily "
    "from 43-year-old President Volodymyr Zelensky’s obsession with seeking NATO membership. Putin told Ukraine and Western "
    "officials that Ukraine’s NATO membership would be a “red line” for the Kremlin, concerned about NATO moving heavy "
    "military equipment, troops even nuclear missiles into Ukraine on the Russian border.",
)
LEGEND = Passage(
    "000_7072df8804a34c19", "Just meeting Putin with permission – the US must be careful to offer more", "Los Angeles Times", "",
    "Putin subscribes to legend – encouraged by Russian government propaganda – that the United States and the West have "
    "promised not to develop NATO during negotiations on German alliance and other alliances after the collapse of the "
    "Soviet Union. No such guarantees were made, but the United States, the United Kingdom and Russia agreed Budapest "
    "Memorandum on Security Assurances. In 1994, in exchange for Ukraine voluntarily leaving Soviet nuclear weapons on its "
    "soil – then the third largest group in the world – the signatories agreed to protect Ukraine’s loyalty and security.",
)

# (passage, claim, supported?)
CASES = [
    # a Lithuanian former minister's words (corpus/001)
    (JUKNEVICIENE, "Putin is afraid of his own people.", False),
    (JUKNEVICIENE, "According to CNN, Putin is afraid of his own people.", False),
    (JUKNEVICIENE, "Putin is afraid of democratic elections.", False),
    (JUKNEVICIENE, "It is now time to speed up Ukraine's accession to NATO.", False),
    (JUKNEVICIENE, "Rasa Juknevičienė said Putin is afraid of his own people.", True),
    (JUKNEVICIENE, "According to Rasa Juknevičienė, Putin is afraid of his own people.", True),
    (JUKNEVICIENE, "According to CNN, Rasa Juknevičienė said Putin is afraid of his own people.", True),
    (JUKNEVICIENE, "Lithuania's former defense minister says Putin is afraid of democratic elections.", True),
    (JUKNEVICIENE, "Juknevičienė believes it is now time to speed up Ukraine's accession to NATO.", True),
    # what Putin "could point to as proof" (corpus/004)
    (PROOF, "Russia is a more reliable military partner than NATO.", False),
    (PROOF, "Russia is a more reliable military partner than NATO and the United States.", False),
    (PROOF, "Putin could point to the intervention in Kazakhstan as proof that Russia is a more reliable military partner than NATO.", True),
    (PROOF, "Putin could present Russia as a more reliable military partner than NATO.", True),
    (PROOF, "Putin could present NATO as a more reliable military partner than Russia.", False),
    # Putin's words (corpus/002)
    (RED_LINE, "Ukraine's NATO membership is a red line.", False),
    (RED_LINE, "Ukraine's NATO membership would be a red line for the Kremlin.", False),
    (RED_LINE, "Putin said Ukraine's NATO membership would be a red line for the Kremlin.", True),
    (RED_LINE, "Putin told Western officials that Ukraine's NATO membership would be a red line.", True),
    # a legend the passage denies (corpus/000)
    (LEGEND, "The United States and the West promised not to develop NATO during negotiations on German alliance.", False),
    (LEGEND, "The United States and the West have promised not to develop NATO after the collapse of the Soviet Union.", False),
    (LEGEND, "Putin believes the United States and the West promised not to develop NATO.", True),
    (LEGEND, "No such guarantees were made.", True),
    (LEGEND, "The United States, the United Kingdom and Russia agreed the Budapest Memorandum on Security Assurances.", True),
]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_passages_are_real_corpus_text():
    corpus = {p.name: _squash(p.read_text(encoding="utf-8")) for p in (ROOT / "corpus").glob("*.txt")}
    for passage in (JUKNEVICIENE, PROOF, RED_LINE, LEGEND):
        name = next(n for n in corpus if n.startswith(passage.doc_id))
        # the indexer repairs glued sentence ends ("afraid.Putin") with a space: compare without white space
        assert _squash(passage.text) in corpus[name], passage.doc_id


@pytest.fixture(scope="module")
def verifier(embedder):
    return Verifier(embedder)


@pytest.mark.parametrize("passage,claim,supported", CASES, ids=[c[1][:60] for c in CASES])
def test_attribution_and_denial(verifier, passage, claim, supported):
    verdict = verifier.verify(Claim(claim, [1]), [passage], [source_sentences(passage.text)])
    assert verdict.supported == supported, verdict.reason


def test_reasons_name_the_speaker_and_the_denial():
    drop = attribution_check("Putin is afraid of his own people.", source_sentences(JUKNEVICIENE.text), ["CNN"])
    assert drop.dropped and "Juknevičienė" in drop.speaker
    legend = attribution_check("The United States and the West promised not to develop NATO.", source_sentences(LEGEND.text))
    assert legend.dropped and legend.denied
    kept = attribution_check("Putin believes the West promised not to develop NATO.", source_sentences(LEGEND.text))
    assert kept.needed and kept.kept and not kept.denied


def test_frames_find_quotes_reported_speech_and_content_clauses():
    found = {(f.kind, f.speaker) for f in frames(JUKNEVICIENE.text)}
    assert ("quote", "Rasa Juknevičienė, Lithuania’s former defense minister") in found
    assert any(kind == "reported" and speaker.startswith("Rasa") for kind, speaker in found)  # "She believes" resolved
    assert any(f.kind == "proof" and f.speaker == "Putin" for f in frames(PROOF.text))
    assert any(f.kind == "content-noun" and "Putin" in f.speaker for f in frames(LEGEND.text))
    assert any(f.kind == "reported" and f.speaker == "Putin" for f in frames(RED_LINE.text))


def test_writers_own_voice_and_facts_are_not_frames():
    text = ("Putin sent about 100,000 soldiers on the Ukrainian border. It is fair to say that talks will be hard. "
            "I don’t know whether this was done for convenience. The “red line” was mentioned twice.")
    assert frames(text) == []


def test_speaker_must_be_named_and_said_to_speak():
    assert keeps_attribution("Rasa Juknevičienė said Putin is afraid.", "Rasa Juknevičienė", ["CNN"])
    assert keeps_attribution("Rasa Jukneviciene says Putin is afraid.", "Rasa Juknevičienė", ["CNN"])  # accents dropped
    assert not keeps_attribution("According to CNN, Putin is afraid.", "Rasa Juknevičienė", ["CNN"])  # the outlet is not the speaker
    assert not keeps_attribution("Juknevičienė is afraid of Putin.", "Rasa Juknevičienė", ["CNN"])  # named, but not as speaker
    assert keeps_attribution("Some argue that Putin is afraid.", "Some", [])  # an unnamed speaker: the cue is enough
    assert keeps_attribution("According to CNN, Putin is afraid.", "CNN", ["CNN"])  # the outlet itself reported it


def test_denials_refer_back():
    for sentence in ("No such guarantees were made, but the United States agreed.", "None of this is true.",
                     "That is not true.", "There is no evidence for it."):
        assert denies_previous(sentence), sentence
    for sentence in ("No one was hurt in the fire.", "None of the CSTO members are democratic.", "That is what he said."):
        assert not denies_previous(sentence), sentence

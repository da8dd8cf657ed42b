"""The learned answer models and the policy that turns their scores into answers or refusals.

Both models are scikit-learn logistic regressions, stored as plain numbers in
`qa/data/answer_model.json` (feature names, standardisation, coefficients), so answering needs
no scikit-learn and no pickle: a dot product and a sigmoid. `python -m eval.train_answerer`
retrains them on the dev sets only, chooses every threshold of `AnswerPolicy` by
cross-validation grouped by article, and writes the file with where each value came from.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

MODEL_FILE = Path(__file__).resolve().parent.parent / "data" / "answer_model.json"


@dataclass(frozen=True)
class LinearModel:
    """A standardised logistic regression: p = sigmoid(((x - mean) / scale) · coef + intercept)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = ((np.asarray(x, dtype=np.float64) - self.mean) / self.scale) @ self.coef + self.intercept
        return 1.0 / (1.0 + np.exp(-z))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "LinearModel":
        return cls(tuple(data["features"]), np.asarray(data["mean"], float), np.asarray(data["scale"], float),
                   np.asarray(data["coef"], float), float(data["intercept"]))

    def to_dict(self) -> dict[str, Any]:
        return {"features": list(self.features), "mean": [round(float(v), 6) for v in self.mean],
                "scale": [round(float(v), 6) for v in self.scale], "coef": [round(float(v), 6) for v in self.coef],
                "intercept": round(float(self.intercept), 6)}


@dataclass(frozen=True)
class AnswerPolicy:
    """Every threshold of the answer step, each with the origin of its value (`origins`).

    - `answer_threshold`: answer when the answerability probability reaches it, else refuse;
    - `extra_ratio`: a further sentence joins the answer when its probability is at least this
      share of the best sentence's (and it adds something: not the same passage span);
    - `max_sentences`: at most this many sentences (3, the issue's default for a short answer);
    - `answer_passages`: the answer step reads at least this many retrieved passages (a fact
      that retrieval ranks sixth is still a fact; the sentence model's rank feature weighs it);
    - `masked_sentences`: how many candidates (those most similar to the question among the
      ones naming its names) get the name-less similarity from their own name-less variant; the
      others, and every candidate naming none of its names, use their sentence as it is. Each
      variant is one MiniLM run per new question: this bounds them (0: no limit);
    - `redundant_cosine`: a further sentence whose MiniLM cosine to one already chosen exceeds
      it says the same again (outlets repeat each other's sentences) and is left out;
    - `typed_first_ratio`: when the best sentence holds nothing of the kind asked (no date for
      "when"), the best one that does opens the answer if its probability is at least this share
      of the best's (`qa.answer.extractive._typed_first`);
    - `typed_refusal`: a question that asks for a value (a date, a number, an age, a sum, a
      share, a measure) is refused when none of the sentences the answer would quote holds a
      value of that kind: the closest passages are offered, but not as its answer
      (`qa.answer.extractive.ExtractiveAnswerer.answer`); so is a question naming the kind of
      place it asks ("In which city…?", `qa.text.names.asks_place_kind`), when none of them
      tells a place as one ("in Geneva", `qa.text.names.gives_location`), unless a sentence
      that does scores close enough to open the answer instead (a bare "Where…?" is not refused
      for it since session 59: a spot answers it as often, "on the wall by the dining table");
      and so is a question
      asking a name as such ("What is the name of the sergeant…?"), when none of them names
      anything the question does not (measured on four probe sets of unseen pages: one near
      miss more refused, no answer lost; every dev figure unchanged), or when one speaks of the
      one whose name is asked without naming it and none names it beside it
      (`qa.text.names.tells_asked_name`; on six probe sets: 15 near misses more refused, no
      answer lost; web-dev refusal recall 0.286 -> 0.321);
    - `asked_age_first`: asked a named person's age ("How old is Putin?"), a sentence giving
      that person's age opens the answer, other people's ages are not quoted beside it, and
      quotes giving only other people's ages are refused as giving no age (`qa.text.ages`);
    - `followup_own_weight`: a follow-up asked together with the question it follows ranks its
      sentences by their probability for the pair blended with that for its own words, this
      share for its own (`qa.answer.extractive._blended`);
    - `role_holder_first`: asked who holds a role ("Which Austrian minister announced…?"), when
      the best sentence speaks of the role without a name, the sentence of its article naming a
      holder of that role opens the answer (`qa.answer.extractive._role_holder_first`);
    - `unknown_names_refusal`: a question whose names no article contains (text, title, outlet
      or byline), nor spells another way, is refused whatever it scores
      (`qa.answer.extractive.ExtractiveAnswerer._names_nothing_known`), and so is one asking what
      such a source says ("What does the Telegraph think NATO should do?", NATO known: `_speaker_unknown`);
    - `gist_lede`: a question asking what an article says as a whole ("Summarize the Telegraph
      article") is answered by that article's opening sentences (`qa.answer.gist`);
    - `valued_extras_only`: a question of one part asking a sum, a share, an age or another value
      told in a plain form ("How much…?", "How old…?"),
      whose best sentence gives one, is not answered with further sentences that give none
      (`qa.answer.extractive._value_asked`): they tell the asker nothing asked;
    - `part_passages`: a question of two parts ("Who captained the flight, and which warship was
      sent…?", "What do the dental article and the phone article each suggest…?") reads, besides
      its own passages, this many retrieved for each part (0: none), whose best sentence the
      answer quotes (`qa.answer.extractive.ExtractiveAnswerer.candidates`).
    """

    answer_threshold: float = 0.5
    extra_ratio: float = 0.6
    max_sentences: int = 3
    answer_passages: int = 5
    masked_sentences: int = 0
    redundant_cosine: float = 0.9
    typed_first_ratio: float = 0.9
    typed_refusal: bool = True
    asked_age_first: bool = True
    role_holder_first: bool = True
    followup_own_weight: float = 0.3
    unknown_names_refusal: bool = True
    gist_lede: bool = True
    part_passages: int = 3
    valued_extras_only: bool = True
    origins: dict[str, str] = field(default_factory=dict)


# A policy value that is fixed by design rather than chosen by cross-validation, with its origin:
# used when a model file written before the value was added to the policy does not carry it.
FIXED_POLICY = {
    "redundant_cosine": (0.9, "fixed: near-verbatim repeats (the same agency sentence in two outlets, "
                              "a quote given twice) have MiniLM cosines above 0.9; paraphrases that add "
                              "something stay below it. Not tuned: the cross-validated answer choice "
                              "(`eval.train_answerer._chosen`) leaves this check out"),
    "typed_first_ratio": (0.9, "leave-one-article-out cross-validation over the answerable items of the eleven dev "
                               "sets (`python -m eval.choose_typed_first`): of the grid 0.5 … 0.95 and off, the "
                               "value with the most first quotes holding a fact on the other articles; 0.9 for 98 "
                               "of the 99 held-out articles, 0.85 for one (1,033 items; held out: 0.646 off -> "
                               "0.656; 0.95, chosen earlier on seven dev sets and 27 articles, scores 0.655 in sample). Re-run in session "
                               "53 over nineteen dev sets (245 articles, 1,738 items): 0.85 for 241 held-out articles, but "
                               "in sample one item ahead of 0.9 (0.6835 against 0.6830), and in `eval --all` at 0.85 three "
                               "dev answers gained a fact in the first quote and three lost one: 0.9 kept"),
    "typed_refusal": (True, "fixed: a rule with no value to fit, measured on the seven dev sets before it was "
                            "built: refusal recall rose on each and no fact was lost (`eval --all`, session 31). "
                            "Its place check (session 37), measured on the dev sets: refusal recall dev-paraphrase "
                            "0.405 -> 0.476, dev-paraphrase-2 0.367 -> 0.400, dev-followups 0.385 -> 0.462, web-dev "
                            "fact recall 0.854 -> 0.861, web-dev-2 fact in first quote 0.697 -> 0.682. Narrowed in "
                            "session 59 to questions naming the kind of place (\"In which city…?\"): of the dev "
                            "rows, 7 answerable bare where-questions were refused by it against 3 near misses"),
    "asked_age_first": (True, "fixed: a rule with no value to fit (an age belongs to the person it is written "
                              "beside), measured on the dev sets' age questions after it was built (session 34)"),
    "followup_own_weight": (0.3, "leave-one-out cross-validation grouped by article (by chat for the dev chats) over "
                                 "the grid 0, 0.3, 0.5, on the condensed follow-up turns of dev-followups, "
                                 "web-dev-followups and eight probe sets (232 turns, 178 groups; a point for all facts, "
                                 "one for a fact in the first quote, two for a refused near miss): 0.3 chosen for "
                                 "every held-out group, held-out score 295 against 280 off (session 42)"),
    "role_holder_first": (True, "fixed: a rule with no value to fit (a name written beside a role names its holder), "
                                "measured on the dev and probe sets after it was built (session 42)"),
    "unknown_names_refusal": (True, "fixed: a rule with no value to fit, measured on the seven dev sets before it was "
                                    "taken (session 36): refusal recall dev-paraphrase 0.381 -> 0.405, dev-followups "
                                    "0.308 -> 0.385, leave-one-out 0.272 -> 0.309, no answerable dev question lost; "
                                    "requiring two unknown names instead gained less (leave-one-out 0.284)"),
    "gist_lede": (True, "fixed: a rule with no value to fit (session 37): such requests were refused, since no one "
                        "sentence answers them; no dev or blind question asks one, so every eval figure is unchanged"),
    "valued_extras_only": (True, "fixed: a rule with no value to fit (session 66), for sums, shares, ages, lengths, "
                                 "weights, frequencies and versions (`_PLAIN_VALUE_KINDS`). Over `eval --all`, for those "
                                 "kinds 86 dev answers left out 97 extra quotes without the value and lost no fact, the "
                                 "blind rows 7 quotes and no fact; for counts, dates and measures too, 9 dev facts and 2 "
                                 "blind ones were lost, in values the type reading misses (\"ancient civilizations\")"),
    "part_passages": (3, "fixed in session 64 on the dev items whose questions have two parts (325 items of the "
                         "53 dev rows: compound, asked of two things, or written as multi-article): 0 -> 3 passages "
                         "per part, facts 465 -> 468 of 655, items passed 190 -> 193; 5 per part: 467 and 192"),
}


@dataclass(frozen=True)
class AnswerModels:
    sentence: LinearModel
    question: LinearModel
    policy: AnswerPolicy
    report: dict[str, Any]


def load_models(path: Path = MODEL_FILE) -> AnswerModels:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    policy = data["policy"]
    return AnswerModels(
        sentence=LinearModel.from_dict(data["sentence_model"]),
        question=LinearModel.from_dict(data["question_model"]),
        policy=AnswerPolicy(answer_threshold=float(policy["answer_threshold"]), extra_ratio=float(policy["extra_ratio"]),
                            max_sentences=int(policy["max_sentences"]),
                            answer_passages=int(policy.get("answer_passages", AnswerPolicy.answer_passages)),
                            masked_sentences=int(policy.get("masked_sentences", AnswerPolicy.masked_sentences)),
                            redundant_cosine=float(policy.get("redundant_cosine", FIXED_POLICY["redundant_cosine"][0])),
                            typed_first_ratio=float(policy.get("typed_first_ratio", FIXED_POLICY["typed_first_ratio"][0])),
                            typed_refusal=bool(policy.get("typed_refusal", FIXED_POLICY["typed_refusal"][0])),
                            asked_age_first=bool(policy.get("asked_age_first", FIXED_POLICY["asked_age_first"][0])),
                            followup_own_weight=float(policy.get("followup_own_weight",
                                                                 FIXED_POLICY["followup_own_weight"][0])),
                            role_holder_first=bool(policy.get("role_holder_first", FIXED_POLICY["role_holder_first"][0])),
                            unknown_names_refusal=bool(policy.get("unknown_names_refusal",
                                                                  FIXED_POLICY["unknown_names_refusal"][0])),
                            gist_lede=bool(policy.get("gist_lede", FIXED_POLICY["gist_lede"][0])),
                            part_passages=int(policy.get("part_passages", FIXED_POLICY["part_passages"][0])),
                            valued_extras_only=bool(policy.get("valued_extras_only",
                                                               FIXED_POLICY["valued_extras_only"][0])),
                            origins={name: origin for name, (_, origin) in FIXED_POLICY.items()} | dict(policy.get("origins", {}))),
        report=data.get("report", {}),
    )


@lru_cache(maxsize=1)
def default_models() -> AnswerModels:
    return load_models(MODEL_FILE)


def fit_linear(x: np.ndarray, y: Sequence[int], features: Sequence[str], c: float = 1.0,
               weights: Sequence[float] | None = None) -> LinearModel:
    """Fit a standardised logistic regression with scikit-learn (training only)."""
    from sklearn.linear_model import LogisticRegression

    x = np.asarray(x, dtype=np.float64)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    clf = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    clf.fit((x - mean) / scale, np.asarray(y), sample_weight=None if weights is None else np.asarray(weights))
    return LinearModel(tuple(features), mean, scale, clf.coef_[0].copy(), float(clf.intercept_[0]))

"""One notion of a term for the whole package (`qa.text.terms`): the BM25 index's stemmer and
stop words, shared by the answer step, the language check and the LLM answer verifier."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from qa.text.terms import CLAIM_STOPWORDS, NEGATIONS, STOPWORDS, content_words, new_stemmer, stem


def test_terms_are_what_the_bm25_index_makes_of_a_text():
    import bm25s

    text = "What did Putin demand from NATO in the draft agreements, and why were the talks postponed?"
    tokens = bm25s.tokenize(text, stopwords="en", stemmer=new_stemmer(), show_progress=False)
    vocab = {i: w for w, i in tokens.vocab.items()}
    bm25_terms = [vocab[i] for i in tokens.ids[0]]
    ours = [stem(w) for w in content_words(text)]
    # the same stems, ours without the question words BM25's short list keeps
    assert [t for t in bm25_terms if t in ours] == ours
    assert set(bm25_terms) - set(ours) <= {stem(w) for w in ("what", "did", "why", "were")}
    assert stem("demands") == stem("demand") == "demand" and stem("agreements") == "agreement"


def test_the_answer_step_and_the_verifier_share_the_stemmer_and_the_base_list():
    from qa.llm.verify import STOPWORDS as VERIFIER_STOPWORDS, content_terms
    from qa.retrieve.hybrid import TermStats

    assert VERIFIER_STOPWORDS is CLAIM_STOPWORDS
    assert STOPWORDS - NEGATIONS <= CLAIM_STOPWORDS and not NEGATIONS & CLAIM_STOPWORDS
    claim = "Putin did not demand guarantees"
    assert {"not", stem("guarantees")} <= content_terms(claim)  # a claim keeps its negation
    assert TermStats(None).terms("Putin demanded guarantees") == [stem("putin"), stem("demanded"), stem("guarantees")]


def test_stemming_from_many_threads_gives_the_same_stems():
    words = [f"{w}{suffix}" for w in ("negotiat", "sanction", "escalat", "demand") for suffix in ("ed", "ing", "ions", "s")]
    expected = [new_stemmer().stemWord(w) for w in words]
    stem.cache_clear()
    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(lambda _: [stem(w) for w in words], range(16)))
    assert all(r == expected for r in results)

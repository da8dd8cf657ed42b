"""Synthetic corpora of a given size, recombined from the real corpus' sentences.

Scale figures need corpora of 1k–50k passages; we have five articles. Shuffling their
sentences (seeded, so every run indexes the same text) into articles of about 20 passages
keeps the vocabulary, sentence lengths and passage sizes of real news text, which is what
embedding and BM25 costs depend on. Files go to a folder the caller owns (a temp dir),
never to corpus/.
"""
from __future__ import annotations

import random
from pathlib import Path

PASSAGES_PER_ARTICLE = 20
# Passages are windows of ~2–3 sentences sharing one: about 2.2 new sentences per passage.
SENTENCES_PER_PASSAGE = 2.2


def corpus_sentences(corpus_dir: Path) -> list[str]:
    """The cleaned sentences of every article in `corpus_dir` (what passages are made of)."""
    from qa.text.sentences import split_sentences
    from qa.ingest.cleaning import clean_article
    from qa.ingest.readers import list_article_files

    sentences: list[str] = []
    for path in list_article_files([corpus_dir]):
        if path.suffix.lower() not in (".txt", ".md"):
            continue
        text = clean_article(path.read_text(encoding="utf-8")).text
        for span in split_sentences(text):
            sentence = " ".join(text[span.start : span.end].split())
            if 4 <= len(sentence.split()) <= 60:
                sentences.append(sentence)
    if len(sentences) < 20:
        raise ValueError(f"{corpus_dir}: too few sentences ({len(sentences)}) to build a synthetic corpus")
    return sentences


def write_synthetic_corpus(
    sentences: list[str], target_passages: int, out_dir: Path, seed: int = 0,
    passages_per_article: int = PASSAGES_PER_ARTICLE,
) -> list[Path]:
    """Write about `target_passages` passages' worth of articles to `out_dir`; returns the files.

    Each article: a title line, then paragraphs of three shuffled sentences. The exact passage
    count is whatever the chunker makes of it (the bench reports the indexed count).
    """
    if target_passages < 1:
        raise ValueError("target_passages must be at least 1")
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    per_article = max(1, passages_per_article)
    n_articles = max(1, round(target_passages / per_article))
    n_sentences = max(4, round(per_article * SENTENCES_PER_PASSAGE))
    files = []
    for a in range(n_articles):
        body = rng.sample(sentences, min(n_sentences, len(sentences)))
        while len(body) < n_sentences:
            body.append(rng.choice(sentences))
        title = " ".join(rng.choice(sentences).split()[:8]).rstrip(".,;:") or f"Article {a}"
        paragraphs = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
        path = out_dir / f"syn_{seed}_{a:06d}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        files.append(path)
    return files

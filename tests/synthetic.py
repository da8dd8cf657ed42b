"""Made-up local-news articles for tests that ingest many documents (crash safety, parallel and
concurrent ingest), and the passage counts the chunker should give them."""
from __future__ import annotations

import random
from pathlib import Path

TEMPLATES = [
    "The harbour board of {place} counted {n} fishing boats in the spring survey, {name} said on {day}.",
    "{name} opened a bakery on the main square of {place} that sells {n} loaves every {day}.",
    "Volunteers in {place} planted {n} oak saplings along the river path, according to {name}.",
    "The {place} chess club, led by {name}, played {n} games in its {day} tournament.",
    "A tram line between {place} and the airport will carry {n} riders a day, {name} told reporters.",
    "{name} repaired the clock tower of {place} after a storm stopped it for {n} days.",
]
PLACES = ["Orvika", "Taldren", "Mossgate", "Helvik", "Brannoch", "Quessa", "Lindmoor", "Varsk"]
NAMES = ["Ada Lorne", "Piet Saar", "Mira Kell", "Jonas Vey", "Rina Ostby", "Tomas Hale", "Lea Brun", "Emil Dart"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def write_synthetic_articles(corpus: Path, n: int, seed: int = 7) -> list[str]:
    """`n` made-up local-news articles of 30 templated sentences (about 10 passages), seeded.
    None of their facts is in the real articles, so questions about those stay unambiguous."""
    rng = random.Random(seed)
    ids = []
    for i in range(n):
        body = [
            rng.choice(TEMPLATES).format(place=rng.choice(PLACES), name=rng.choice(NAMES), day=rng.choice(DAYS), n=rng.randint(2, 900))
            for _ in range(30)
        ]
        paragraphs = [" ".join(body[j : j + 3]) for j in range(0, len(body), 3)]
        doc_id = f"syn_{i:03d}"
        (corpus / f"{doc_id}.txt").write_text(f"Synthetic report number {i}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        ids.append(doc_id)
    return ids


def expected_passages(corpus: Path) -> dict[str, int]:
    """Passages per document, from the chunker run on each file's cleaned text."""
    from qa.index.passages import passage_spans
    from qa.settings import Settings
    from qa.ingest.readers import load_documents

    return {d.id_: len(passage_spans(d.text)) for d in load_documents([corpus], Settings().max_file_bytes)}

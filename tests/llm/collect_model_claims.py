"""Collect real model outputs for the verifier's labelled pairs (tests/llm/verifier_pairs.jsonl).

    .venv/bin/python tests/llm/collect_model_claims.py OUT.jsonl [--index DIR] [--limit N]

Starts the llama.cpp server with gemma3 270m (tests/servers.py), asks it every question of
eval/gold.jsonl through the project's own prompt (completion endpoint, as in the tests), and
writes one line per question: the retrieved passages (text, outlet, title, doc id), the raw
model output and the claims `parse_claims` reads from it. The claims were then labelled by
hand (supported by the passage they cite or not) into verifier_pairs.jsonl; this script only
records what the model wrote, it labels nothing.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--index", default="")
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--k", type=int, default=4)
    parser.add_argument("--temperature", type=float, default=0.0)
    args = parser.parse_args()

    import conftest  # noqa: F401  (offline environment)
    from conftest import make_settings
    from servers import running_llama_server

    from qa import Assistant
    from qa.llm.answerer import COMPLETION_STOP, LLMAnswerer
    from qa.llm.verify import parse_claims, source_sentences
    from qa.text.instructions import is_instruction

    index_dir = Path(args.index) if args.index else Path(tempfile.mkdtemp(prefix="collect-index-"))
    bot = Assistant(make_settings(index_dir))
    questions = [json.loads(line) for line in (ROOT / "eval" / "gold.jsonl").read_text().splitlines() if line.strip()]
    questions = [q for q in questions if not q.get("follows")]
    if args.limit:
        questions = questions[: args.limit]
    with running_llama_server() as server, open(args.out, "a", encoding="utf-8") as out:
        settings = make_settings(index_dir, llm_url=server.url, llm_model=server.model, llm_timeout=300.0)
        settings.llm_chat = False
        settings.llm_max_tokens = 120
        answerer = LLMAnswerer(settings, bot.store.embed_model)
        llm = answerer.llm
        if args.temperature:
            llm.temperature = args.temperature
        for n, item in enumerate(questions, 1):
            question = item["question"]
            passages = bot.retrieve(question, args.k)
            sentences = [source_sentences(p.text, keep=lambda s: not is_instruction(s)) for p in passages]
            prompt = answerer.prompts.completion_prompt(question, answerer.prompts.render_sources(passages, sentences))
            raw = "[" + "".join(r.delta or "" for r in llm.stream_complete(prompt, formatted=True))
            claims = parse_claims(raw)
            record = {
                "id": item["id"], "question": question, "temperature": args.temperature, "raw": raw,
                "passages": [{"doc_id": p.doc_id, "source": p.source, "title": p.title, "text": p.text,
                              "passage_id": p.passage_id} for p in passages],
                "claims": [{"text": c.text, "markers": c.markers} for c in claims],
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            out.flush()
            print(f"{n}/{len(questions)} {item['id']}: {raw[:150]!r}", flush=True)
    _ = COMPLETION_STOP


if __name__ == "__main__":
    main()

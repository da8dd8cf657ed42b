"""Optional stage 4b, LLM answers: an OpenAI-compatible client, its prompts, and the verifier
that checks every generated sentence against the passage it cites before it is shown.
"""

"""Text toolkit shared by every stage: sentence splitting and instruction-like text detection.

Everything that cuts or classifies text lives here once, so that passages, answers and the
LLM verifier agree on what a sentence is.
"""

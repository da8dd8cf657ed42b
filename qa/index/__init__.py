"""Stage 2, index: cut articles into passages, embed them (ONNX MiniLM), and keep them in
Chroma plus a BM25 index, with change detection so an unchanged file is never re-embedded.
"""

"""Stage 3, retrieve: hybrid dense + BM25 retrieval with source filters, and follow-up
questions made standalone from the chat history.
"""

"""Stage 1, ingest: read article files (.txt, .md, .html), clean them, and check bad input.

`readers` turns files into cleaned llama-index `Document`s with title, outlet and URL;
`cleaning` removes site furniture; `python -m qa.ingest` is the command-line entry point.
"""

"""Stage 4, answer: the extractive answerer that picks, attributes and cites article sentences,
or refuses when the articles do not say.
"""

"""Stage 5, web: HTML rendering of answers, source cards and the library (`render`), used by the
Gradio app. Imports nothing below the `Assistant` façade and the public types.
"""

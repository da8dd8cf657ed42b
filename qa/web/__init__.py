"""Stage 5, web: the Gradio app (`app`: panels, event handlers, flags) and the HTML rendering of
answers, source cards and the library (`render`). Reaches the engine only through the
`Assistant` façade, the settings, the errors and the public types; the root `app.py` is a
thin entry point that calls `qa.web.app.main`.
"""

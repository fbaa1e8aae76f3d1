"""The knowledge base core: records -> load -> validate -> link -> render.

Only `kb/engine.py` imports MkDocs: the one adapter that builds a language's project with it."""

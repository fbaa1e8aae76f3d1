"""The knowledge base core: records -> load -> validate -> link -> render. It never imports MkDocs."""

"""One example per field of each record model, written as an editor types it in YAML.

The templates' comments show them (kb/templates.py). They are not the model's truth, so
tests/test_templates.py holds them to it: every field of every model has one, each is read with
the YAML reader and passes the model, and an id it names is a real record's.
"""

from __future__ import annotations

from typing import Any

import yaml

# Notes every record (and most items inside one) may carry: for readers, about the source; for editors only.
SOURCE_NOTE = "{nb: Rapporten gir et annet tall på s. 67., en: The report gives another figure on p. 67.}"
EDITOR_NOTE = '"Sidetallet er ikke sjekket mot den trykte rapporten"'

# Keyed by model class name, then field. A field holding other records (a case's observations)
# has none: its records' own fields have theirs. Nor has a choice (a case's kind, publish_name):
# the template lists the values instead. Nor has a record's `id`: `make new` writes it.
EXAMPLES: dict[str, dict[str, str]] = {
    "Criterion": {
        "number": "2",
        "title": "{nb: Gevinster må planlegges tidlig, en: Benefits must be planned early}",
        "short_title": "{nb: Gevinstrealisering, en: Benefits realisation}",
        "summary": "{nb: Forankring er ikke nok …, en: Anchoring is not enough …}",
        "meaning": "{nb: '- Alle deltar …', en: '- All take part …'}",
        "rationale": "{nb: Det gir …, en: It gives …}",
        "perspectives": "[ledelse, hr]",
        "pages": "[8, 62, 63]",
    },
    "Perspective": {
        "order": "1",
        "title": "{nb: Ledelsesperspektivet, en: The leadership perspective}",
        "short_title": "{nb: Ledelse, en: Leadership}",
        "summary": "{nb: Perspektivet handler om …, en: The perspective is about …}",
        "key_words": "[{nb: ledelse, en: leadership}]",
        "research_questions": "[{nb: 'Hvem eier omstillingen?', en: 'Who owns the change?'}]",
        "hypotheses": "[{nb: Eierskap i toppen er avgjørende, en: Ownership at the top is decisive}]",
        "body": "{nb: Perspektivet bygger på …, en: The perspective builds on …}",
        "pages": "[14, 15]",
    },
    "KeyFigure": {
        "label": "{nb: Antall innbyggere, en: Number of inhabitants}",
        "value": '"279 914"',
        "as_of": "2016",
        "note": "{nb: Året er ikke oppgitt, en: The year is not stated}",
        "page": "30",
    },
    "Programme": {
        "name": "Digitale medarbeidere",
        "gloss": "{en: Digital employees}",
        "description": "{nb: Automatisering med RPA …, en: Automation with RPA …}",
        "page": "31",
    },
    "Observation": {
        "id": "langsiktig-infrastruktur",
        "perspective": "ledelse",
        "title": "{nb: Langsiktig infrastruktur, en: Long-term infrastructure}",
        "text": "{nb: Strategien fra 2008 …, en: The strategy from 2008 …}",
        "criteria": "[toppledelse-eierskap, it-sentralisering]",
        "pages": "[31]",
    },
    "Quote": {
        "id": "sitat-it-visjon",
        "text": "{nb: Ordrett fra rapporten, en: Translated}",
        "informant": "kari-nordmann",
        "attribution": "{nb: Bærum kommune (IT-strategien), en: Bærum Municipality (the IT strategy)}",
        "perspective": "ledelse",
        "criteria": "[toppledelse-eierskap]",
        "page": "32",
    },
    "Informant": {
        "id": "kari-nordmann",
        "name": "Kari Nordmann",
        "role": "{nb: Digitaliseringsdirektør, en: Director of Digitalisation}",
    },
    "Case": {
        "name": "{nb: Bodø kommune, en: Bodø Municipality}",
        "summary": "{nb: Kommunen har lenge …, en: The municipality has long …}",
        "informants_note": "{nb: Fra rapportens liste, en: From the report's list}",
        "pages": "[30, 31, 32, 83]",
    },
    "Finding": {
        "section": '"5.2.2"',
        "title": "{nb: Involvering skaper motivasjon, en: Involvement creates motivation}",
        "text": "{nb: Casene erfarer at …, en: The cases find that …}",
        "perspective": "hr",
        "criteria": "[involvering]",
        "cases": "[bergen, oslo]",
        "pages": "[62, 63]",
    },
    "Term": {
        "term": "{nb: gevinstrealisering, en: benefits realisation}",
        "variants": "{nb: [gevinstarbeid], en: [benefits work]}",
        "search_words": "{nb: [innsparing], en: [savings]}",
        "definition": "{nb: Å hente ut gevinster …, en: Realising benefits …}",
        "criteria": "[gevinstrealisering]",
        "perspectives": "[gevinst]",
        "pages": "[67]",
    },
}

for _model in ("Criterion", "Perspective", "Programme", "Observation", "Quote", "Case", "Finding", "Term"):
    EXAMPLES[_model] |= {"source_note": SOURCE_NOTE, "editor_note": EDITOR_NOTE}
EXAMPLES["KeyFigure"]["editor_note"] = EDITOR_NOTE


def add_examples(schema: dict[str, Any], model: type) -> None:
    """pydantic's `json_schema_extra` hook: each field's example, read as YAML, into its schema."""
    for name, example in EXAMPLES.get(model.__name__, {}).items():
        schema["properties"][name]["examples"] = [yaml.safe_load(example)]

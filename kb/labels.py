"""Every fixed string the generated pages show, per language, in one table."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nb", "en"]
LANGS: tuple[Lang, ...] = ("nb", "en")

LABELS: dict[str, dict[Lang, str]] = {
    "language_name": {"nb": "Norsk", "en": "English"},
    "home": {"nb": "Forside", "en": "Home"},
    "to_home": {"nb": "Til forsiden", "en": "To the home page"},
    "criteria": {"nb": "Suksesskriterier", "en": "Success criteria"},
    "criteria_intro": {
        "nb": "Rapportens ni råd for å lykkes med digitale omstillingsprosesser, i rapportens rekkefølge.",
        "en": "The report's nine pieces of advice for succeeding with digital transformation, in the report's order.",
    },
    "cases": {"nb": "Casene", "en": "Cases"},
    "cases_intro": {
        "nb": "De sju organisasjonene studien undersøkte, med observasjoner, sitater og informanter.",
        "en": "The seven organisations the study examined, with observations, quotes and informants.",
    },
    "perspectives": {"nb": "Perspektiver", "en": "Perspectives"},
    "perspectives_intro": {
        "nb": "Studien så på digital omstilling fra tre perspektiver.",
        "en": "The study looked at digital transformation from three perspectives.",
    },
    "findings": {"nb": "Funn i analysen", "en": "Findings of the analysis"},
    "findings_intro": {
        "nb": "Funnene i rapportens analysekapittel (kapittel 5), ett per avsnitt.",
        "en": "The findings of the report's analysis chapter (chapter 5), one per section.",
    },
    "perspective": {"nb": "Perspektiv", "en": "Perspective"},
    "source_report": {"nb": "Kilde: rapporten,", "en": "Source: the report,"},
    "page": {"nb": "s.", "en": "p."},
    "pages": {"nb": "s.", "en": "pp."},
    "section": {"nb": "Avsnitt", "en": "Section"},
    "illustrates_criteria": {"nb": "Illustrerer suksesskriteriene", "en": "Illustrates the success criteria"},
    "illustrates": {"nb": "Illustrerer", "en": "Illustrates"},
    "no_criteria": {"nb": "Ingen kriterier er knyttet til denne casen ennå.", "en": "No criteria are linked to this case yet."},
    "kind": {"nb": "Type virksomhet", "en": "Kind of organisation"},
    "key_figures": {"nb": "Nøkkeltall", "en": "Key figures"},
    "figure": {"nb": "Nøkkeltall", "en": "Figure"},
    "value": {"nb": "Verdi", "en": "Value"},
    "as_of": {"nb": "Gjelder", "en": "As of"},
    "note": {"nb": "Merknad", "en": "Note"},
    "not_stated": {"nb": "ikke oppgitt", "en": "not stated"},
    "key_figures_caption": {
        "nb": "Nøkkeltall slik rapportens faktaboks oppgir dem",
        "en": "Key figures as the report's fact box gives them",
    },
    "summary": {"nb": "Kort om digitaliseringsarbeidet", "en": "About its digitalisation work"},
    "programmes": {"nb": "Programmer og prosjekter", "en": "Programmes and projects"},
    "quotes": {"nb": "Sitater", "en": "Quotes"},
    "informants": {"nb": "Informanter", "en": "Informants"},
    "informant_withheld": {"nb": "navn ikke publisert", "en": "name not published"},
    "meaning": {"nb": "Hva det betyr i praksis", "en": "What it means in practice"},
    "rationale": {"nb": "Hvorfor det er viktig", "en": "Why it matters"},
    "how_cases_did_it": {"nb": "Slik gjorde casene det", "en": "How the cases did it"},
    "no_observations": {
        "nb": "Ingen observasjoner er knyttet til dette kriteriet ennå.",
        "en": "No observations are linked to this criterion yet.",
    },
    "related_quotes": {"nb": "Sitater om dette", "en": "Related quotes"},
    "related_findings": {"nb": "Funn i analysen", "en": "Related findings"},
    "key_words": {"nb": "Stikkord", "en": "Key words"},
    "research_questions": {"nb": "Forskningsspørsmål", "en": "Research questions"},
    "hypotheses": {"nb": "Hypoteser", "en": "Hypotheses"},
    "observations_by_case": {"nb": "Observasjoner per case", "en": "Observations by case"},
    "criteria_in_perspective": {"nb": "Suksesskriterier i dette perspektivet", "en": "Success criteria in this perspective"},
    "cases_named": {"nb": "Caser som nevnes", "en": "Cases named"},
    "translation": {"nb": "oversatt", "en": "translation"},
    "untranslated": {
        "nb": "",
        "en": "This text has not been translated yet; it is shown in Norwegian.",
    },
    "glossary": {"nb": "Begreper", "en": "Glossary"},
    "glossary_intro": {
        "nb": "Sentrale begreper i rapporten, med engelsk oversettelse. Søk på begrepet på norsk eller engelsk.",
        "en": "Key terms of the report, with their Norwegian originals. Search for a term in English or Norwegian.",
    },
    "in_other_language": {"nb": "Engelsk", "en": "Norwegian"},
    "related": {"nb": "Hører til", "en": "Related"},
    "key_terms": {"nb": "Begreper", "en": "Key terms"},
    "redirect": {"nb": "Siden ligger her:", "en": "The page is here:"},
    "short_link": {"nb": "Kort adresse", "en": "Short link"},
    "cite_this_page": {"nb": "Slik siterer du denne siden", "en": "How to cite this page"},
    "visited": {"nb": "Besøkt", "en": "Accessed"},
    "date": {"nb": "dato", "en": "date"},
    "matrix": {"nb": "Kriterier og caser", "en": "Criteria and cases"},
    "matrix_intro": {
        "nb": "Hvilke caser illustrerer hvilke suksesskriterier? Tallet i en celle er antall observasjoner; "
              "det lenker til dem på kriteriets side.",
        "en": "Which cases illustrate which success criteria? The number in a cell is the number of observations; "
              "it links to them on the criterion's page.",
    },
    "matrix_caption": {
        "nb": "Suksesskriterier (rader) og caser (kolonner): antall observasjoner som illustrerer kriteriet",
        "en": "Success criteria (rows) and cases (columns): number of observations illustrating the criterion",
    },
    "matrix_cell": {
        "nb": "{count} observasjoner fra {case} om {criterion}",
        "en": "{count} observations from {case} on {criterion}",
    },
    "matrix_compact": {"nb": "Kompakt matrise for utskrift", "en": "Compact matrix for printing"},
    "matrix_compact_caption": {
        "nb": "Suksesskriterier og caser: ● betyr at casen illustrerer kriteriet",
        "en": "Success criteria and cases: ● means the case illustrates the criterion",
    },
    "criterion": {"nb": "Kriterium", "en": "Criterion"},
    "none": {"nb": "ingen", "en": "none"},
    "yes": {"nb": "ja", "en": "yes"},
    "no": {"nb": "nei", "en": "no"},
    "quotes_intro": {
        "nb": "Alle sitater rapporten gjengir fra casene, ordrett, med kilden rapporten oppgir.",
        "en": "Every quotation the report gives from the cases, verbatim in Norwegian, with the source the report gives.",
    },
    "by_case": {"nb": "Etter case", "en": "By case"},
    "by_criterion": {"nb": "Etter suksesskriterium", "en": "By success criterion"},
    "by_perspective": {"nb": "Etter perspektiv", "en": "By perspective"},
    "informants_intro": {
        "nb": "Personene studien intervjuet, etter organisasjon, slik rapportens informantliste (s. 83) oppgir dem. "
              "Navn vises bare der de er publisert.",
        "en": "The people the study interviewed, by organisation, as the report's informant list (p. 83) gives them. "
              "Names are shown only where they are published.",
    },
    "overviews": {"nb": "Oversikter", "en": "Overviews"},
    "file": {"nb": "Fil", "en": "File"},
    "contents": {"nb": "Innhold", "en": "Contents"},
    "size": {"nb": "Størrelse", "en": "Size"},
    "data_schemas": {"nb": "JSON Schema for postene", "en": "JSON Schemas of the records"},
    "data_criteria": {"nb": "De ni suksesskriteriene", "en": "The nine success criteria"},
    "data_perspectives": {"nb": "De tre perspektivene", "en": "The three perspectives"},
    "data_cases": {
        "nb": "Casene (JSON: med nøkkeltall, programmer, observasjoner og sitater; CSV: én rad per case)",
        "en": "The cases (JSON: with key figures, programmes, observations and quotes; CSV: one row per case)",
    },
    "data_findings": {"nb": "Funnene i analysen (kapittel 5)", "en": "The findings of the analysis (chapter 5)"},
    "data_glossary": {"nb": "Begrepene", "en": "The glossary"},
    "data_observations": {"nb": "Observasjonene, én rad hver, med case", "en": "The observations, one row each, with their case"},
    "data_quotes": {"nb": "Sitatene, én rad hver, med case", "en": "The quotes, one row each, with their case"},
    "data_key_figures": {"nb": "Nøkkeltallene fra faktaboksene", "en": "The key figures from the fact boxes"},
    "data_programmes": {"nb": "Programmer og prosjekter", "en": "Programmes and projects"},
    "data_informants": {
        "nb": "Informantene: rolle og organisasjon; navn bare der det er publisert",
        "en": "The informants: role and organisation; the name only where it is published",
    },
    "generated_from": {"nb": "Generert fra", "en": "Generated from"},
}

CASE_KINDS: dict[str, dict[Lang, str]] = {
    "kommune": {"nb": "Kommune", "en": "Municipality"},
    "statlig-virksomhet": {"nb": "Statlig virksomhet", "en": "Central government agency"},
    "kommunalt-foretak": {"nb": "Kommunalt foretak", "en": "Municipal enterprise"},
    "privat-virksomhet": {"nb": "Privat virksomhet", "en": "Private company"},
}


def label(key: str, lang: Lang) -> str:
    return LABELS[key][lang]

"""The linker: references resolve, and back-links are computed from one side only."""

from __future__ import annotations

import pytest

from kb.pipeline import load_content

pytestmark = pytest.mark.unit


def test_back_links_of_a_criterion(content):
    catalog = load_content(content).catalog
    links = catalog.links_to("criterion", "eierskap")
    assert [(case.id, o.id) for case, o in links.observations] == [("testby", "ledelsen-eier"), ("testby", "ansatte-med")]
    assert [(case.id, q.id) for case, q in links.quotes] == [("testby", "sitat-eierskap")]
    assert [f.id for f in links.findings] == ["funn-eierskap"]
    assert [c.id for c in links.cases] == ["testby"]


def test_back_links_of_a_perspective(content):
    catalog = load_content(content).catalog
    assert [o.id for _, o in catalog.links_to("perspective", "hr").observations] == ["ansatte-med"]
    assert [c.id for c in catalog.links_to("perspective", "ledelse").criteria] == ["eierskap"]
    assert [f.id for f in catalog.links_to("perspective", "ledelse").findings] == ["funn-eierskap"]


def test_case_illustrates_criteria_and_perspectives_in_report_order(content):
    catalog = load_content(content).catalog
    case = catalog.cases["testby"]
    assert [c.id for c in catalog.case_criteria(case)] == ["eierskap", "involvering"]
    assert [p.id for p in catalog.case_perspectives(case)] == ["ledelse", "hr"]


def test_a_finding_links_back_to_the_cases_it_names(content):
    catalog = load_content(content).catalog
    assert [f.id for f in catalog.links_to("case", "testby").findings] == ["funn-eierskap"]


def test_nothing_links_to_an_unreferenced_record(content):
    catalog = load_content(content).catalog
    assert catalog.links_to("criterion", "involvering").quotes == []
    assert ("criterion", "nothing") not in catalog.backlinks

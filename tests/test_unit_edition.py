"""A business unit's own report speaks of the unit: named in its title and sentences, compared
with its organisation and the other units shown (never with a unit too small to show), with
the organisation's one plan as far as the unit depends on it, and costs labelled as the
organisation's."""

from __future__ import annotations

import shutil

import yaml
from pypdf import PdfReader

from assessment.commands.pipeline import assess_engagement, assess_unit
from assessment.common.formatting import round_half_up
from assessment.loading.engagement import load_engagement
from tests.conftest import EXAMPLE, REPO

PULSE = REPO / "tests" / "data" / "pulse-engagement"


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def _with_min_group(folder, size: int) -> None:
    path = folder / "assessment.yaml"
    data = yaml.safe_load(path.read_text())
    data.setdefault("report", {})["min_group_size"] = size
    path.write_text(yaml.safe_dump(data))


def test_a_unit_is_compared_with_the_units_shown_and_never_with_a_hidden_one(tmp_path):
    folder = tmp_path / "nw"
    shutil.copytree(EXAMPLE, folder)
    engagement = load_engagement(folder)
    sizes = {u.unit_id: u.respondents for u in assess_engagement(engagement).units}
    # Raise the minimum group size above the smallest unit: that unit is hidden.
    smallest = min(sizes, key=sizes.__getitem__)
    _with_min_group(folder, sizes[smallest] + 1)
    engagement = load_engagement(folder)
    organisation = assess_engagement(engagement)
    shown = [u for u in organisation.units if not u.hidden]
    assert smallest not in {u.unit_id for u in shown}
    unit = max(shown, key=lambda u: u.respondents)
    results = assess_unit(engagement, unit.unit_id, organisation)
    scope = results.scope
    assert scope is not None and scope.unit_name == unit.name
    assert (scope.units_shown, scope.units_not_shown) == (len(shown), 1)
    for i, c in enumerate(scope.comparison):
        mine, org = unit.dimensions[i].score, organisation.dimensions[i].score
        assert (c.unit_score, c.organisation_score) == (mine, org)
        assert c.difference == round_half_up(round_half_up(mine) - round_half_up(org))
        higher = [
            u for u in shown if round_half_up(u.dimensions[i].score) > round_half_up(mine)
        ]
        assert c.rank == 1 + len(higher) and c.units_ranked == len(shown)
    # One plan: the organisation's, and the actions the unit depends on are in it.
    assert results.roadmap == organisation.roadmap
    planned = {a.id: a for a in organisation.roadmap.actions}
    short = {c.dimension_id for c in unit.dimensions if c.gap > 0}
    assert scope.actions and all(set(planned[a].dimensions) & short for a in scope.actions)


def test_the_unit_report_names_the_unit_and_labels_costs_as_organisation_wide(
    run_cli, pulse_copy, tmp_path
):
    _with_min_group(pulse_copy, 2)
    out = tmp_path / "units"
    assert run_cli("report", str(pulse_copy), "--per-unit", str(out)).code == 0
    text = _text(out / "shops-readiness.pdf")
    assert text.startswith("BUSINESS UNIT REPORT: SHOPS")
    assert "in Shops" in text and "1 business units" not in text
    assert "Shops is at level" in text and "for Pulse Test Ltd as a whole" in text
    assert "Shops and the organisation" in text and "of 2" in text  # its place among 2 units
    assert "Organisation-wide costs." in text

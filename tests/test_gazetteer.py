"""The gazetteer tables (``extractors/gazetteer.py``): lookups, invariants and errors."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest

from extractors.gazetteer import Gazetteer, load_gazetteer, strip_legal_suffix
from pipeline.settings import GAZETTEER_DIR


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer(str(GAZETTEER_DIR))


@pytest.mark.parametrize(
    ("name", "stripped"),
    [
        pytest.param("Lockheed Martin Corp.", "Lockheed Martin", id="Corp."),
        pytest.param("Rheinmetall AG", "Rheinmetall", id="AG"),
        pytest.param("BAE Systems plc", "BAE Systems", id="plc"),
        pytest.param("Northfield Castings, Inc.", "Northfield Castings", id="comma-Inc."),
        pytest.param("Zhejiang Huayou Cobalt Co., Ltd.", "Zhejiang Huayou Cobalt", id="Co.,-Ltd."),
        pytest.param("Umicore N.V.", "Umicore", id="N.V."),
        pytest.param("Eramet S.A.", "Eramet", id="S.A."),
        pytest.param("Velmora Chemicals Limited", "Velmora Chemicals", id="Limited"),
        pytest.param("MP Materials", "MP Materials", id="no-suffix"),
        pytest.param("  Harlow Ordnance  ", "Harlow Ordnance", id="whitespace"),
    ],
)
def test_strip_legal_suffix(name: str, stripped: str) -> None:
    assert strip_legal_suffix(name) == stripped


@pytest.mark.parametrize("name", ["Inc.", "AG", "Ltd"], ids=["Inc.", "AG", "Ltd"])
def test_strip_legal_suffix_never_returns_nothing(name: str) -> None:
    assert strip_legal_suffix(name)


@pytest.mark.parametrize(
    ("label", "text", "norm"),
    [
        pytest.param("NATION", "the PRC", "CHN", id="leading-the"),
        pytest.param("NATION", "People’s Republic of China", "CHN", id="curly-apostrophe"),
        pytest.param("NATION", "Türkiye", "TUR", id="Turkiye"),
        pytest.param("NATION", "Turkiye", "TUR", id="Turkiye-accent-folded"),
        pytest.param("NATION", "ROK", "KOR", id="ROK"),
        pytest.param("NATION", "Britain", "GBR", id="Britain"),
        pytest.param("NATION", "U.S.", "USA", id="U.S."),
        pytest.param("ALLIANCE", "North Atlantic Treaty Organization", "NATO", id="NATO"),
        pytest.param("ALLIANCE", "Quad", "QUAD", id="Quad"),
        pytest.param("MATERIAL", "REEs", "rare earth elements", id="REEs"),
        pytest.param("MATERIAL", "titanium sponge", "titanium", id="titanium-sponge"),
        pytest.param("MATERIAL", "nickel ore", "nickel", id="nickel-ore"),
        pytest.param("MATERIAL", "GaN", "gallium nitride", id="GaN"),
        pytest.param("SUPPLIER", "Taiwan Semiconductor Manufacturing Co.", "TSMC", id="TSMC"),
        pytest.param("SUPPLIER", "Shell", "Shell", id="ambiguous-norm-still-normalizes"),
    ],
)
def test_norm_of(gaz: Gazetteer, label: str, text: str, norm: str) -> None:
    assert gaz.norm_of(label, text) == norm


@pytest.mark.parametrize(
    ("label", "text"),
    [
        pytest.param("NATION", "Hong Kong", id="territory"),
        pytest.param("NATION", "Chinese", id="demonym"),
        pytest.param("ALLIANCE", "United Launch Alliance", id="company-named-alliance"),
        pytest.param("MATERIAL", "ore", id="bare-ore"),
        pytest.param("MATERIAL", "permanent magnets", id="product"),
        pytest.param("SUPPLIER", "Reuters", id="news-agency"),
        pytest.param("SUPPLIER", "Pentagon", id="government"),
    ],
)
def test_norm_of_refuses(gaz: Gazetteer, label: str, text: str) -> None:
    assert gaz.norm_of(label, text) is None


def test_ambiguous_supplier_norm_is_not_matched_on_its_own(gaz: Gazetteer) -> None:
    aliases = {e.alias for e in gaz.entries if e.label == "SUPPLIER" and e.norm == "Shell"}
    assert "Shell" not in aliases
    assert "Shell plc" in aliases


def test_nation_norms_are_iso_alpha3(gaz: Gazetteer) -> None:
    norms = {e.norm for e in gaz.entries if e.label == "NATION"}
    assert len(norms) == 197
    assert all(re.fullmatch(r"[A-Z]{3}", n) for n in norms)


def test_territories_demonyms_and_nations_do_not_overlap(gaz: Gazetteer) -> None:
    nation_aliases = {e.alias.lower() for e in gaz.entries if e.label == "NATION"}
    assert "hong kong" in gaz.territories
    assert not nation_aliases & gaz.territories
    assert not nation_aliases & gaz.demonyms
    assert {"chinese", "russian", "korean"} <= gaz.demonyms


def test_no_alias_maps_to_two_norms(gaz: Gazetteer) -> None:
    norms: dict[tuple[str, str], set[str]] = defaultdict(set)
    for e in gaz.entries:
        key = e.alias if e.case_sensitive else e.alias.lower()
        norms[(e.label, key)].add(e.norm)
    clashes = {k: v for k, v in norms.items() if len(v) > 1}
    assert clashes == {}


def test_short_and_upper_case_aliases_are_case_sensitive(gaz: Gazetteer) -> None:
    by_alias = {(e.label, e.alias): e for e in gaz.entries}
    assert by_alias[("NATION", "US")].case_sensitive
    assert by_alias[("ALLIANCE", "EU")].case_sensitive
    assert by_alias[("MATERIAL", "GaN")].case_sensitive
    assert not by_alias[("NATION", "Republic of Korea")].case_sensitive


def test_capitals_are_their_own_kind(gaz: Gazetteer) -> None:
    capitals = {e.alias: e.norm for e in gaz.entries if e.kind == "capital"}
    assert capitals["Beijing"] == "CHN"
    assert capitals["Washington"] == "USA"
    assert "beijing" in gaz.capitals


def test_materials_fold_to_their_parent(gaz: Gazetteer) -> None:
    assert gaz.material_parent["neodymium"] == "rare earth elements"
    assert gaz.material_parent["gallium nitride"] == "gallium"


def test_missing_folder_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="RISKATLAS_GAZETTEER_DIR"):
        load_gazetteer(str(tmp_path / "absent"))


def test_bad_json_line_names_file_and_line(tmp_path: Path) -> None:
    good = {"label": "NATION", "norm": "XYZ", "aliases": ["Xyzland"], "capitals": []}
    (tmp_path / "nations.jsonl").write_text(
        "// a comment line\n" + json.dumps(good) + "\n{not json\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match=r"nations\.jsonl:3 is not valid JSON"):
        load_gazetteer(str(tmp_path))


def test_small_folder_loads(tmp_path: Path) -> None:
    rows = [
        {
            "label": "NATION",
            "norm": "XYZ",
            "aliases": ["Xyzland", "XL"],
            "capitals": ["Xyz City"],
            "demonyms": ["Xyzian"],
        },
        {"label": "NATION", "norm": "OLD", "aliases": ["Oldland"], "sovereign": False},
    ]
    (tmp_path / "nations.jsonl").write_text(
        "\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8"
    )
    g = load_gazetteer(str(tmp_path))
    assert g.norm_of("NATION", "the Xyzland") == "XYZ"
    assert g.norm_of("NATION", "Oldland") is None
    assert "xyz city" in g.capitals and "xyzian" in g.demonyms
    assert {(e.alias, e.case_sensitive) for e in g.entries if e.kind == "name"} == {
        ("Xyzland", False),
        ("XL", True),
    }

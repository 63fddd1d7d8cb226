#!/usr/bin/env python3
"""Generate src/model/province_data.rs from provinces.yaml.

Usage (from the repository root):

    python3 scripts/gen_provinces.py [PROVINCES_YAML [OUTPUT_RS]]

Defaults: ../shared/research/provinces.yaml and src/model/province_data.rs.
Needs PyYAML (`pip install pyyaml`) only to run this script; the Rust build reads the
generated file and needs neither Python nor the YAML.

What it writes (see the header of the generated file):
  - UNITS: the 34 current units (YAML order), then every former unit that merged
    into another one (YAML order of old_units). A unit that was not rearranged
    (merged: false) is one entry: current, without validity bounds.
  - CURRENT_ALIASES / FORMER_ALIASES: spellings from `aliases` and `earlier_name`,
    each with the index of the entry it names.
The output is deterministic and already formatted as rustfmt formats it.
"""

import datetime
import pathlib
import sys
import unicodedata

try:
    import yaml
except ImportError:  # pragma: no cover - only a hint for whoever regenerates
    sys.exit("gen_provinces.py needs PyYAML: pip install pyyaml")

CITY_TYPE = "thành phố trực thuộc trung ương"
PROVINCE_TYPE = "tỉnh"


def nfc(s):
    return unicodedata.normalize("NFC", str(s))


def rust_str(s):
    s = nfc(s)
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def rust_date(d):
    if isinstance(d, str):
        d = datetime.date.fromisoformat(d)
    return f"Date::constant({d.year}, {d.month}, {d.day})"


def fail(msg):
    sys.exit(f"provinces.yaml: {msg}")


def load(path):
    with open(path, encoding="utf-8") as f:
        data = yaml.safe_load(f)
    if data.get("schema_version") != 1:
        fail(f"unsupported schema_version {data.get('schema_version')!r}")
    return data


def build(data):
    reform = data["reform"]
    units = data["units"]
    old_units = data["old_units"]
    by_slug = {u["slug"]: u for u in units}
    if len(by_slug) != len(units):
        fail("duplicate slug among current units")
    for u in units + old_units:
        if u["type"] not in (CITY_TYPE, PROVINCE_TYPE):
            fail(f"unknown type {u['type']!r} of {u['name']}")

    entries = []  # dicts with the Province fields
    current_index = {}
    for u in units:
        current_index[u["slug"]] = len(entries)
        entries.append(
            {
                "name": u["name"],
                "official_name": u["official_name"],
                "slug": u["slug"],
                "code": u["code"],
                "is_city": u["type"] == CITY_TYPE,
                "valid_from": reform["new_units_operate_from"] if u["merged"] else None,
                "valid_until": None,
                "successor": None,
            }
        )

    current_aliases = []
    former_aliases = []

    def add_alias(table, alias, index):
        item = (nfc(alias), index)
        if item not in table:
            table.append(item)

    for u in units:
        for alias in u.get("aliases") or []:
            add_alias(current_aliases, alias, current_index[u["slug"]])

    for old in old_units:
        succ = by_slug.get(old["successor"])
        if succ is None:
            fail(f"{old['name']}: unknown successor {old['successor']!r}")
        if not any(f["slug"] == old["slug"] and f["code"] == old["code"] for f in succ["former"]):
            fail(f"{old['name']} is not among the former units of {succ['name']}")
        spellings = list(old.get("aliases") or [])
        earlier = old.get("earlier_name")
        if earlier:
            spellings += [earlier["name"], earlier["official_name"]]
        if not succ["merged"]:
            # Not rearranged: the same entity as the current unit, one entry.
            if old["slug"] != succ["slug"] or nfc(old["name"]) != nfc(succ["name"]):
                fail(f"{old['name']}: unchanged unit whose name differs from {succ['name']}")
            for alias in spellings:
                add_alias(current_aliases, alias, current_index[succ["slug"]])
            continue
        index = len(entries)
        entries.append(
            {
                "name": old["name"],
                "official_name": old["official_name"],
                "slug": old["slug"],
                "code": old["code"],
                "is_city": old["type"] == CITY_TYPE,
                "valid_from": None,
                "valid_until": reform["old_units_valid_until"],
                "successor": old["successor"],
            }
        )
        for alias in spellings:
            add_alias(former_aliases, alias, index)

    counts = reform["counts"]
    merged_old = len(entries) - len(units)
    if len(units) != counts["new"] or len(old_units) != counts["old"]:
        fail("unit counts do not match reform.counts")
    if merged_old != counts["merged_old"]:
        fail(f"{merged_old} former entries, reform.counts says {counts['merged_old']}")
    return reform, len(units), entries, current_aliases, former_aliases


def render(source_name, reform, current_count, entries, current_aliases, former_aliases):
    out = []
    w = out.append
    w(f"//! @generated by `scripts/gen_provinces.py` from `{source_name}`; do not edit.")
    w("//!")
    w("//! Regenerate from the repository root with")
    w("//! `python3 scripts/gen_provinces.py ../shared/research/provinces.yaml src/model/province_data.rs`.")
    w("//!")
    w(f"//! [`UNITS`] holds the {current_count} current units first, then the former units that")
    w("//! merged into another one. A unit that was not rearranged is one current entry.")
    w("")
    w("use super::province::Province;")
    w("use jiff::civil::Date;")
    w("")
    w("/// First day of the 34 current units (NQ 202/2025/QH15).")
    w(f"pub(super) const REFORM_FROM: Date = {rust_date(reform['new_units_operate_from'])};")
    w("/// Last day of the former units.")
    w(f"pub(super) const REFORM_UNTIL: Date = {rust_date(reform['old_units_valid_until'])};")
    w("")
    w("/// Number of current units at the front of [`UNITS`].")
    w(f"pub(super) const CURRENT_COUNT: usize = {current_count};")
    w("")
    w(f"pub(super) static UNITS: [Province; {len(entries)}] = [")
    for e in entries:
        w("    Province {")
        w(f"        name: {rust_str(e['name'])},")
        w(f"        official_name: {rust_str(e['official_name'])},")
        w(f"        slug: {rust_str(e['slug'])},")
        w(f"        code: {rust_str(e['code'])},")
        w(f"        is_city: {'true' if e['is_city'] else 'false'},")
        w(f"        valid_from: {'None' if e['valid_from'] is None else 'Some(REFORM_FROM)'},")
        w(f"        valid_until: {'None' if e['valid_until'] is None else 'Some(REFORM_UNTIL)'},")
        succ = "None" if e["successor"] is None else f"Some({rust_str(e['successor'])})"
        w(f"        successor: {succ},")
        w("    },")
    w("];")
    for doc, name, table in (
        ("Other spellings of current units: (spelling, index into [`UNITS`]).", "CURRENT_ALIASES", current_aliases),
        ("Other spellings of former units: (spelling, index into [`UNITS`]).", "FORMER_ALIASES", former_aliases),
    ):
        w("")
        w(f"/// {doc}")
        w(f"pub(super) static {name}: [(&str, usize); {len(table)}] = [")
        previous = None
        for alias, index in table:
            if index != previous:
                w(f"    // {index}: {nfc(entries[index]['name'])}")
                previous = index
            w(f"    ({rust_str(alias)}, {index}),")
        w("];")
    return "\n".join(out) + "\n"


def main(argv):
    root = pathlib.Path(__file__).resolve().parent.parent
    src = pathlib.Path(argv[1]) if len(argv) > 1 else root / "../shared/research/provinces.yaml"
    dst = pathlib.Path(argv[2]) if len(argv) > 2 else root / "src/model/province_data.rs"
    data = load(src)
    reform, current_count, entries, current_aliases, former_aliases = build(data)
    text = render("provinces.yaml", reform, current_count, entries, current_aliases, former_aliases)
    dst.write_text(text, encoding="utf-8")
    print(f"wrote {dst}: {len(entries)} units, {len(current_aliases)} + {len(former_aliases)} aliases")


if __name__ == "__main__":
    main(sys.argv)

#!/usr/bin/env python3
"""Derives api/src/main/resources/demo/sen2_2025_placements_by_la.csv from DfE's SEN2 2025 release.

For each of the 153 LAs and each specialist setting type: the number of children with an EHC plan placed there in
January 2025, by primary need. It is what the demo register is generated from (sizes and need mixes per LA).
Run: python3 build_demo_placements.py ../../../shared/data  (from db/reference-data)

Gaps in the published LA rows, filled so that every LA has a register:
- Devon (878) and Thurrock (883) rows were cut from the copy: each is the only LA missing from its region, so its
  numbers are the regional row minus the region's other LAs (exact, up to suppressed cells counted as 0).
- Surrey (936) published totals by setting type but suppressed their split by need ("x"): each total is split
  across needs in the proportions of the LA's own need mix over all its EHC plans.
- Cambridgeshire (873) and North East Lincolnshire (812) could not return placements for 2025 ("Placement not
  recorded"): their 2023/24 placement counts by type (caseload.csv) are split across needs in the proportions of
  their region's 2025 placements of that type.
"""
import csv, collections, sys
from pathlib import Path

TYPES = {
    "Mainstream - LA maintained (resourced provision)": "RESOURCED_PROVISION",
    "Mainstream - academy (resourced provision)": "RESOURCED_PROVISION",
    "Mainstream - free school (resourced provision)": "RESOURCED_PROVISION",
    "Mainstream - LA maintained (SEN unit)": "SEN_UNIT",
    "Mainstream - academy (SEN unit)": "SEN_UNIT",
    "Mainstream - free school (SEN unit)": "SEN_UNIT",
    "Special - LA maintained": "STATE_SPECIAL",
    "Special - Academy/free schools": "STATE_SPECIAL",
    "Special - non-maintained": "NON_MAINTAINED_SPECIAL",
    "Special - independent": "INDEPENDENT_SPECIAL",
    "AP/PRU - total": "ALTERNATIVE_PROVISION",
    "FE - specialist post-16 institutions": "SPECIALIST_POST_16",
}
CASELOAD_COLUMNS = {
    "RESOURCED_PROVISION": ["mainstream_la_maintained_resourced_provision", "mainstream_academy_resourced_provision", "mainstream_free_school_resourced_provision"],
    "SEN_UNIT": ["mainstream_la_maintained_senunit", "mainstream_academy_senunit", "mainstream_free_school_senunit"],
    "STATE_SPECIAL": ["special_la_maintained", "special_academy_free"],
    "NON_MAINTAINED_SPECIAL": ["special_non_maintained"],
    "INDEPENDENT_SPECIAL": ["special_independent"],
    "ALTERNATIVE_PROVISION": ["ap_pru_total"],
    "SPECIALIST_POST_16": ["specialist_post_16_institutions"],
}
NEEDS = ["spld", "mld", "sld", "pmld", "semh", "slcn", "hi", "vi", "msi", "pd", "asd", "oth"]


def num(value):
    try:
        return int(value)
    except ValueError:
        return 0  # suppressed or not applicable


def split(total, mix):
    """total shared in proportion to mix, by largest remainders so the parts add up to the total."""
    weight = sum(mix.values()) or 1
    counts = collections.Counter({n: total * mix[n] // weight for n in NEEDS})
    rest = total - sum(counts.values())
    for n in sorted(NEEDS, key=lambda n: -(total * mix[n] % weight))[:rest]:
        counts[n] += 1
    return counts


def main(shared):
    shared = Path(shared)
    region_of = {r["old_la_code"]: r["region_code"] for r in csv.DictReader(open(shared / "la_lookup/england_local_authorities.csv"))}
    la, region = collections.defaultdict(collections.Counter), collections.defaultdict(collections.Counter)
    all_plans, suppressed = {}, collections.Counter()
    for r in csv.DictReader(open(shared / "ehcp_sen2_2025/sen_needs_all_plans.csv")):
        if r["geographic_level"] == "Local authority" and r["breakdown_topic"] == "All EHC plans":
            all_plans[r["old_la_code"]] = collections.Counter({n: num(r["number_" + n]) for n in NEEDS})
        if r["breakdown_topic"] != "Type of placement" or r["breakdown"] not in TYPES:
            continue
        key = TYPES[r["breakdown"]]
        target = la[(r["old_la_code"], key)] if r["geographic_level"] == "Local authority" else \
            region[(r["region_code"], key)] if r["geographic_level"] == "Regional" else None
        if target is None:
            continue
        needs = {n: num(r["number_" + n]) for n in NEEDS}
        if r["geographic_level"] == "Local authority" and sum(needs.values()) == 0 and num(r["ehc_plans"]) > 0:
            suppressed[(r["old_la_code"], key)] += num(r["ehc_plans"])
        for n in NEEDS:
            target[n] += needs[n]
    for (code, key), total in suppressed.items():
        la[(code, key)] = split(total, all_plans[code])

    cut_out = {"878", "883"}
    not_recorded = ["812", "873"]  # named in DfE's data guidance for this release
    for code in cut_out:
        rc = region_of[code]
        for key in set(TYPES.values()):
            residual = region[(rc, key)].copy()
            for (other, k), counts in list(la.items()):
                if k == key and other != code and region_of[other] == rc:
                    residual.subtract(counts)
            la[(code, key)] = collections.Counter({n: max(0, v) for n, v in residual.items()})

    caseload = {}
    for r in csv.DictReader(open(shared / "ehcp_sen2_2025/caseload.csv")):
        if r["geographic_level"] == "Local authority" and r["time_period"] == "202324" and r["breakdown_topic"] == "All EHC plans":
            caseload[r["old_la_code"]] = r
    for code in not_recorded:
        rc = region_of[code]
        for key, columns in CASELOAD_COLUMNS.items():
            total = sum(num(caseload[code][c]) for c in columns)
            la[(code, key)] = split(total, region[(rc, key)])

    out = Path(__file__).resolve().parents[2] / "api/src/main/resources/demo/sen2_2025_placements_by_la.csv"
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["la_code", "setting_type"] + [n.upper() for n in NEEDS])
        for code, key in sorted(la):
            w.writerow([code, key] + [la[(code, key)][n] for n in NEEDS])
    print(f"wrote {out}: {len({c for c, _ in la})} LAs; filled {sorted(cut_out)} by residual, {not_recorded} from 2023/24 caseload, "
          f"{sorted({c for c, _ in suppressed})} from their own need mix")


if __name__ == "__main__":
    main(sys.argv[1])

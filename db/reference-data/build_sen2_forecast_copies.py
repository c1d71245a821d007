"""Cuts DfE's "Education, health and care plans" 2025 release CSVs down to what the EHC plan forecast uses at run time.

Usage: python3 build_sen2_forecast_copies.py <dir with the four release CSVs> <output dir>

Keeps, from each file, the LA-level rows of the breakdowns the forecast reads and the columns it reads (the
identifying columns first, in DfE's order and names), so the copies still import through importSen2 exactly as the
full files do. Cell values are unchanged, suppression codes included. Writes <name>.csv.gz (gzip, mtime 0, so the
output is reproducible).
"""
import csv
import gzip
import io
import sys

ID = ["time_period", "time_identifier", "geographic_level", "country_code", "country_name", "region_code", "region_name",
      "new_la_code", "old_la_code", "la_name", "breakdown_topic", "breakdown"]
PLACEMENTS = ["mainstream_la_maintained", "mainstream_la_maintained_resourced_provision", "mainstream_la_maintained_senunit",
              "mainstream_academy", "mainstream_academy_resourced_provision", "mainstream_academy_senunit",
              "mainstream_free_school", "mainstream_free_school_resourced_provision", "mainstream_free_school_senunit",
              "mainstream_independent", "special_la_maintained", "special_academy_free", "special_independent",
              "special_non_maintained", "ap_pru_academy", "ap_pru_free_school", "ap_pru_la_maintained",
              "general_fe_tertiary_colleges", "specialist_post_16_institutions", "ukrlp_provider"]
NEEDS = ["number_asd", "number_hi", "number_mld", "number_msi", "number_oth", "number_pd", "number_pmld", "number_semh",
         "number_slcn", "number_sld", "number_spld", "number_vi", "number_need_unknown"]
FILES = {
    "caseload.csv": (["ehcplans"] + PLACEMENTS, {"All EHC plans", "Child or young persons age"}),
    "newplans.csv": (["new_ehc_plans"] + PLACEMENTS, {"New EHC plans", "Age when plan started"}),
    "sen_needs_all_plans.csv": (["ehc_plans"] + NEEDS, {"All EHC plans", "Type of placement", "Child or young persons age"}),
    "sen_need_newplans.csv": (["ehc_plans"] + NEEDS, {"All EHC plans", "Type of placement", "Child or young persons age"}),
}

source, target = sys.argv[1], sys.argv[2]
for name, (columns, topics) in FILES.items():
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ID + columns)
    kept = 0
    with open(f"{source}/{name}", encoding="utf-8-sig", newline="") as f:
        for row in csv.DictReader(f):
            if row["geographic_level"] == "Local authority" and row["breakdown_topic"] in topics:
                writer.writerow([row[c] for c in ID + columns])
                kept += 1
    with open(f"{target}/{name}.gz", "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
            gz.write(out.getvalue().encode("utf-8"))
    print(name, kept, "rows")

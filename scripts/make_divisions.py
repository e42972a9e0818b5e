"""Write src/report_parser/data/divisions.csv: China's province, city and county divisions by code.

The codes are the national administrative division codes (GB/T 2260). The source is the table that the
MIT-licensed `cpca` package ships (`pip download cpca`; its `cpca/resources/adcodes.csv`); only the code
and the name are kept, and placeholder rows (市辖区, 县, 省直辖县级行政区划) are dropped because they name
no place. Usage: python scripts/make_divisions.py PATH/TO/adcodes.csv
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "report_parser" / "data" / "divisions.csv"
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def main(source: str) -> None:
    """Read cpca's adcodes.csv and write the trimmed, sorted division table."""
    rows: dict[str, str] = {}
    with open(source, encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            code, name = r["adcode"][:6], r["name"].strip()
            if name and name not in PLACEHOLDERS:
                rows[code] = name
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        f.write(f"# China's administrative divisions (GB/T 2260 codes): {len(rows)} rows, written by\n"
                "# scripts/make_divisions.py from the table of the cpca package\n"
                "# (https://github.com/DQinYuan/chinese_province_city_area_mapper),\n"
                "# Copyright (c) 2018 QinYuan Du, MIT License.\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name"])
        w.writerows(sorted(rows.items()))
    print(f"{OUT}: {len(rows)} divisions")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python scripts/make_divisions.py PATH/TO/adcodes.csv")
    main(sys.argv[1])

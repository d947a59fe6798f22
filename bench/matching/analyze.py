#!/usr/bin/env python3
"""Categorises the errors of one run: missed pairs (in one true person, not judged the
same person) and false pairs (judged the same person, different true people).

    analyze.py DIR [PAIRS.csv]     # DIR holds records.csv and truth.csv (bench-out/bench-N)

For each error pair it notes which side has a household key, how sparse each record is
(which of date of birth, phone, tazkira, passport, email, father's name, family name it
carries), and whether the two records share a normalized phone or tazkira digits, then
prints counts by category. Only counts are printed, never a record.
"""
import csv
import re
import sys
from collections import Counter, defaultdict
from itertools import combinations

EVIDENCE = ["date_of_birth", "phone", "national_id", "passport", "email", "father_name", "family_name"]


def digits(s):
    # Persian and Arabic-Indic digits to ASCII, then digits only.
    s = s.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))
    return re.sub(r"\D", "", s)


def phone_keys(s):
    out = set()
    for part in re.split(r"/|,|;| or ", s):
        d = digits(part)
        if len(d) >= 9:
            out.add(d[-9:])
    return out


def sparse(r):
    """The personal evidence a record carries, as a short label."""
    have = [k for k in EVIDENCE if r.get(k)]
    return "+".join(k.split("_")[0][:5] for k in have) or "name-only"


def source(r):
    hk = r.get("household", "")
    if not hk:
        return "nokey"
    return re.sub(r"[\d-]+$", "", hk) and re.match(r"[A-Z]+", hk).group(0)


def main():
    d = sys.argv[1]
    pairs_path = sys.argv[2] if len(sys.argv) > 2 else d + "/pairs.csv"
    recs = {}
    with open(d + "/records.csv") as fh:
        for r in csv.DictReader(fh):
            recs[r["record_id"]] = r
    person = {}
    groups = defaultdict(list)
    with open(d + "/truth.csv") as fh:
        for r in csv.DictReader(fh):
            person[r["record_id"]] = r["person_id"]
            groups[r["person_id"]].append(r["record_id"])
    truth = set()
    for m in groups.values():
        for a, b in combinations(sorted(m), 2):
            truth.add((a, b))
    pred = set()
    with open(pairs_path) as fh:
        rd = csv.reader(fh)
        next(rd)
        for row in rd:
            a, b = row[0], row[1]
            pred.add((a, b) if a < b else (b, a))
    missed = truth - pred
    false = pred - truth
    tp = len(truth & pred)
    print(f"truth pairs {len(truth)}, predicted {len(pred)}, right {tp}, missed {len(missed)}, false {len(false)}")

    def hh(a, b):
        ka, kb = bool(recs[a]["household"]), bool(recs[b]["household"])
        return {2: "both keyed", 1: "one keyed", 0: "neither keyed"}[ka + kb]

    def shared(a, b):
        ra, rb = recs[a], recs[b]
        s = []
        if phone_keys(ra["phone"]) & phone_keys(rb["phone"]):
            s.append("phone")
        ta, tb = digits(ra["national_id"]), digits(rb["national_id"])
        if ta and ta == tb:
            s.append("tazkira")
        pa, pb = digits(ra["passport"]), digits(rb["passport"])
        if pa and pa == pb:
            s.append("passport")
        if ra["email"] and ra["email"].lower() == rb["email"].lower():
            s.append("email")
        return "+".join(s) or "no shared id"

    def sparsity(a, b):
        ea = sum(1 for k in EVIDENCE if recs[a][k])
        eb = sum(1 for k in EVIDENCE if recs[b][k])
        lo = min(ea, eb)
        return "sparsest side: " + ("0 fields" if lo == 0 else "1 field" if lo == 1 else "2 fields" if lo == 2 else "3+ fields")

    def report(title, ps):
        print(f"\n{title}: {len(ps)}")
        for name, f in [("households", hh), ("shared identifiers", shared), ("sparsity", sparsity)]:
            c = Counter(f(a, b) for a, b in ps)
            print(f"  by {name}: " + ", ".join(f"{k} {v}" for k, v in c.most_common(10)))
        c = Counter(tuple(sorted((source(recs[a]), source(recs[b])))) for a, b in ps)
        print("  by source pair: " + ", ".join(f"{k[0]}/{k[1]} {v}" for k, v in c.most_common(8)))
        c = Counter(sparse(recs[a]) if len(sparse(recs[a])) < len(sparse(recs[b])) else sparse(recs[b]) for a, b in ps)
        print("  sparser side carries: " + ", ".join(f"{k} {v}" for k, v in c.most_common(10)))

    report("missed pairs", missed)
    report("false pairs", false)
    # How many missed pairs have, on the sparse side, nothing but a name, sex and province,
    # and no household key: no record-level evidence can link them.
    hopeless = sum(
        1
        for a, b in missed
        if any(not recs[x]["household"] and not any(recs[x][k] for k in EVIDENCE) for x in (a, b))
    )
    print(f"\nmissed pairs where one side has no household key and only name/sex/province: {hopeless}")
    print("records without household key: %d of %d" % (sum(1 for r in recs.values() if not r["household"]), len(recs)))


if __name__ == "__main__":
    main()

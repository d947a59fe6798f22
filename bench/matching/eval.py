#!/usr/bin/env python3
"""Pairwise precision, recall and F1 of predicted same-person pairs against truth.
eval.py TRUTH.csv PAIRS.csv [--clusters]  (PAIRS.csv: left_id,right_id[,...]; with
--clusters the file is record_id,cluster_id and all pairs within a cluster count)."""
import csv, sys
from collections import defaultdict
from itertools import combinations

def groups_to_pairs(groups):
    pairs = set()
    for members in groups.values():
        for a, b in combinations(sorted(members), 2):
            pairs.add((a, b))
    return pairs

def main():
    truth_path, pred_path = sys.argv[1], sys.argv[2]
    person = {}
    groups = defaultdict(list)
    with open(truth_path) as fh:
        for row in csv.DictReader(fh):
            person[row["record_id"]] = row["person_id"]; groups[row["person_id"]].append(row["record_id"])
    truth = groups_to_pairs(groups)
    pred = set()
    with open(pred_path) as fh:
        r = csv.reader(fh); next(r)
        if "--clusters" in sys.argv:
            cl = defaultdict(list)
            for row in r: cl[row[1]].append(row[0])
            pred = groups_to_pairs(cl)
        else:
            for row in r:
                a, b = row[0], row[1]
                pred.add((a, b) if a < b else (b, a))
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 0.0
    rc = tp / len(truth) if truth else 0.0
    f1 = 2 * p * rc / (p + rc) if p + rc else 0.0
    print("%.4f %.4f %.4f %d %d %d" % (p, rc, f1, len(pred), len(truth), tp))

if __name__ == "__main__":
    main()

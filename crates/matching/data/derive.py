#!/usr/bin/env python3
"""Derives names.tsv (Arabic-script name units -> Latin spellings) from the name index
that the PyPI package arabic-name-romanizer ships (resources/names.sqlite3).

    pip download arabic-name-romanizer==0.2.0 --no-deps -d /tmp/anr
    cd /tmp/anr && unzip -qo arabic_name_romanizer-0.2.0-py3-none-any.whl
    python3 crates/matching/data/derive.py /tmp/anr/arabic_name_romanizer/resources/names.sqlite3 \
        > crates/matching/data/names.tsv

Only rows whose source is Wikidata (CC0 1.0) are used; the package's Algerian rows
(DziriNames, MIT) are left out, being both under another licence and of little use
for Afghan names. Output, one unit a line, sorted:

    <arabic unit, letters folded as corridor-matching folds them>\t<latin>:<weight>,...

Spellings are lowercase ASCII, heaviest first; weight = attested count, times 3 for
people from Afghanistan, Iran, Pakistan and Tajikistan (their spellings are the ones
Afghan names meet). Units with a total weight under 3 and spellings under 3% of their
unit's weight (mostly mislabelled rows) are dropped, and at most 8 spellings kept.
"""
import sqlite3, sys, unicodedata
from collections import defaultdict

REGION = {"AF", "IR", "PK", "TJ"}
# The same letter folding as fold_arabic_letter in src/normalize/name.rs.
FOLD = {}
for src, dst in [("يىیېۍے", "ی"), ("كک", "ک"), ("ةۀھہ", "ه"), ("أإآٱ", "ا"), ("ؤ", "و"), ("ئ", "ی"), ("ګگ", "گ")]:
    for c in src:
        FOLD[c] = dst
DROP = {"ـ", "ء"}


def fold_arabic(s):
    s = unicodedata.normalize("NFKC", s)
    s = "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))
    s = unicodedata.normalize("NFC", s)
    out = []
    for c in s:
        if c in DROP:
            continue
        out.append(FOLD.get(c, c))
    return "".join(out)


def fold_latin(s):
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("'", "").replace("`", "").replace("-", " ")
    if not s or any(not (c.isascii() and (c.isalpha() or c == " ")) for c in s):
        return None
    return " ".join(s.split())


def main():
    db = sqlite3.connect(sys.argv[1])
    units = defaultdict(lambda: defaultdict(float))
    rows = db.execute("select arabic_key, latin, country, count from units where source = 'wikidata'")
    for arabic, latin, country, count in rows:
        a = fold_arabic(arabic.strip())
        if not a or " " in a or not all("\u0600" <= c <= "\u06ff" for c in a):
            continue
        lat = fold_latin(latin)
        if not lat or " " in lat:
            continue
        units[a][lat] += count * (3 if country in REGION else 1)
    out = []
    for a in sorted(units):
        spellings = units[a]
        total = sum(spellings.values())
        if total < 3:
            continue
        kept = sorted(((w, l) for l, w in spellings.items() if w >= 0.03 * total), key=lambda x: (-x[0], x[1]))[:8]
        out.append(a + "\t" + ",".join(f"{l}:{int(w)}" for w, l in kept))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()

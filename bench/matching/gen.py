#!/usr/bin/env python3
"""Stand-in synthetic data generator for the matching benchmark, used only when the
project's corridor-scenario generator is not available. Same interface and columns:
gen.py --records N --seed S --out DIR  ->  DIR/records.csv, DIR/truth.csv.
All people are invented: names come from short lists of common Afghan names."""
import argparse, csv, os, random

GIVEN_M = [("Mohammad", ["Muhammad", "Mohammed", "Mohamad", "Mohd", "محمد"]), ("Ahmad", ["Ahmed", "احمد"]),
    ("Abdul Rahman", ["Abdulrahman", "Abd al-Rahman", "Abdurrahman", "عبدالرحمن"]), ("Najibullah", ["Najib Ullah", "Najibulla", "نجیب الله"]),
    ("Yousuf", ["Yusuf", "Yousef", "یوسف"]), ("Hamid", ["Hameed", "حمید"]), ("Mahmood", ["Mahmud", "Mehmood", "محمود"]),
    ("Ali", ["Aly", "علی"]), ("Hussain", ["Hussein", "Husain", "حسین"]), ("Karim", ["Kareem", "کریم"]), ("Rahim", ["Raheem", "رحیم"]),
    ("Qasim", ["Kasim", "Qaseem", "قاسم"]), ("Wahid", ["Waheed", "Vahid", "وحید"]), ("Bashir", ["Basheer", "بشیر"]),
    ("Nasir", ["Naseer", "ناصر"]), ("Farid", ["Fareed", "فرید"]), ("Jawid", ["Javed", "Javid"]), ("Khalil", ["Khaleel", "خلیل"]),
    ("Habib", ["Habeeb", "حبیب"]), ("Zabihullah", ["Zabiullah", "Zabih Ullah"]), ("Rahmatullah", ["Rahmat Ullah", "Rahmatulla"]),
    ("Sayed", ["Sayyid", "Syed", "سید"]), ("Omar", ["Umar", "عمر"]), ("Usman", ["Osman", "عثمان"]), ("Shafiq", ["Shafeeq"]),
    ("Hafiz", ["Hafeez"]), ("Aziz", ["Azeez", "عزیز"]), ("Ismail", ["Esmail", "اسماعیل"]), ("Ibrahim", ["Ebrahim", "ابراهیم"]),
    ("Sharif", ["Shareef", "شریف"]), ("Jamal", ["Jamaluddin"]), ("Noor Ahmad", ["Nur Ahmad", "Noorahmad"]), ("Gul Ahmad", ["Gulahmad"]),
    ("Abdullah", ["Abdulla", "Abd Allah", "Abdollah"]), ("Abdul Wahid", ["Abdulwahid", "Abdul Waheed"]), ("Samiullah", ["Sami Ullah", "Samiulla"]),
    ("Mirwais", ["Mir Wais"]), ("Haroon", ["Harun", "هارون"]), ("Tahir", ["Taher", "طاهر"]), ("Siraj ud Din", ["Sirajuddin", "Siraj Uddin"])]
GIVEN_F = [("Fatima", ["Fatema", "Fatimah", "Fatemeh", "فاطمه"]), ("Maryam", ["Mariam", "Meryem", "مریم"]), ("Zainab", ["Zaynab", "Zeinab", "زینب"]),
    ("Aisha", ["Ayesha", "Aysha", "عایشه"]), ("Khadija", ["Khadijah", "Khadeeja", "خدیجه"]), ("Shukria", ["Shukriya"]), ("Parwin", ["Parween", "Parvin", "پروین"]),
    ("Nasrin", ["Nasreen", "نسرین"]), ("Malalai", ["Malaly"]), ("Farida", ["Fareeda", "فریده"]), ("Zahra", ["Zahraa", "زهرا"]), ("Laila", ["Layla", "Leila", "لیلا"]),
    ("Halima", ["Haleema", "حلیمه"]), ("Amina", ["Ameena", "آمنه"]), ("Sakina", ["Sakeena", "سکینه"]), ("Nazia", ["Naziya"]), ("Wazhma", ["Wajma", "وژمه"]),
    ("Gulalai", ["Gulaly"]), ("Mina", ["Meena", "مینا"]), ("Roya", ["Roia"]), ("Hosai", ["Hosay"]), ("Sara", ["Sarah", "سارا"])]
FAMILY = [("Ahmadzai", ["Ahmadzay", "Ahmad Zai", "احمدزی"]), ("Popalzai", ["Popalzay", "پوپلزی"]), ("Karimi", ["Kareemi", "کریمی"]), ("Rahimi", ["Raheemi", "رحیمی"]),
    ("Safi", ["Safee", "صافی"]), ("Niazi", ["Nyazi", "نیازی"]), ("Wardak", ["Wardag", "وردک"]), ("Momand", ["Mohmand", "مومند"]), ("Shinwari", ["Shinwary"]),
    ("Stanikzai", ["Stanekzai", "Stanikzay"]), ("Durrani", ["Durani", "درانی"]), ("Noori", ["Nuri", "نوری"]), ("Ahmadi", ["Ahmady", "احمدی"]),
    ("Hussaini", ["Husaini", "حسینی"]), ("Haidari", ["Haideri", "حیدری"]), ("Amiri", ["Ameeri", "امیری"]), ("Rasuli", ["Rasooli", "رسولی"]),
    ("Kakar", ["Kakkar", "کاکړ"]), ("Yousufzai", ["Yusufzai", "Yousafzai"]), ("Mohammadi", ["Muhammadi", "محمدی"]), ("Sultani", ["Soltani"]),
    ("Hakimi", ["Hakeemi"]), ("Nazari", ["Nazary"]), ("Azizi", ["Azeezi"]), ("Sadat", ["Saadat"]), ("Jalali", ["Jalaly"]), ("Faizi", ["Faizy"]),
    ("Barakzai", ["Barakzay"]), ("Alokozai", ["Alokozay"]), ("Tokhi", ["Tokhy"]), ("Mangal", ["Mangl"]), ("Zadran", ["Zadraan"])]
PROVINCES = ["Kabul", "Kandahar", "Herat", "Balkh", "Nangarhar", "Kunduz", "Ghazni", "Paktia", "Logar", "Parwan", "Baghlan", "Helmand"]
DISTRICTS = ["Karte Char", "Khair Khana", "Shahr-e Naw", "Macroyan", "Dasht-e Barchi", "Wazir Akbar Khan", "Taimani", "Karte Se", "Kolola Pushta", "Deh Mazang"]
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
PD = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

def zipf(rng, items):
    i = min(int(rng.paretovariate(1.1)) - 1, len(items) - 1)
    return items[i]

def typo(rng, s):
    if len(s) < 4 or not s.isascii(): return s
    i = rng.randrange(1, len(s) - 1); op = rng.random()
    if op < 0.33: return s[:i] + s[i + 1:]
    if op < 0.66: return s[:i] + s[i + 1] + s[i] + s[i + 2:]
    return s[:i] + rng.choice("aeiounrst") + s[i + 1:]

def variant(rng, entry, p):
    canon, vs = entry
    return rng.choice(vs) if vs and rng.random() < p else canon

def to_sh(y, m, d):
    # Approximate Gregorian -> Solar Hijri (exact enough for the day-of-year shift used here).
    import datetime
    g = datetime.date(y, m, d); nowruz = datetime.date(y, 3, 21)
    if g >= nowruz: sy = y - 621; delta = (g - nowruz).days
    else: sy = y - 622; delta = (g - datetime.date(y - 1, 3, 21)).days
    if delta < 186: return sy, delta // 31 + 1, delta % 31 + 1
    delta -= 186; return sy, min(delta // 30 + 7, 12), delta % 30 + 1

def main():
    ap = argparse.ArgumentParser(); ap.add_argument("--records", type=int, required=True)
    ap.add_argument("--seed", type=int, default=1); ap.add_argument("--out", required=True); a = ap.parse_args()
    rng = random.Random(a.seed); os.makedirs(a.out, exist_ok=True)
    rows, truth = [], []; pid = 0; rid = 0
    while rid < a.records:
        fam = zipf(rng, FAMILY); father = zipf(rng, GIVEN_M); phone = "7%d%07d" % (rng.randrange(0, 10), rng.randrange(10**7))
        prov = rng.choice(PROVINCES); addr = "%s, House %d, %s" % (rng.choice(DISTRICTS), rng.randrange(1, 400), prov)
        for _ in range(rng.choice([1, 1, 2, 3, 4, 5, 6])):
            pid += 1; male = rng.random() < 0.55; given = zipf(rng, GIVEN_M if male else GIVEN_F)
            if male and rng.random() < 0.25 and given[0] != "Mohammad": given = (("Mohammad " + given[0]), [])
            y = rng.randrange(1950, 2018); mo = rng.randrange(1, 13); d = rng.randrange(1, 29)
            dob_kind = rng.random()
            taz = "%04d-%04d-%05d" % (rng.randrange(1396, 1402), rng.randrange(10000), rng.randrange(100000)) if rng.random() < 0.5 else None
            pas = "P%08d" % rng.randrange(10**8) if rng.random() < 0.3 else None
            email = "%s.%s%d@example.org" % (given[0].split()[-1].lower(), fam[0].lower(), rng.randrange(100)) if rng.random() < 0.2 else None
            own_phone = phone if rng.random() < 0.7 else "7%d%07d" % (rng.randrange(0, 10), rng.randrange(10**7))
            n = 1 + min(int(rng.expovariate(0.8)), 6)
            for _ in range(n):
                if rid >= a.records: break
                rid += 1; r = {"record_id": "R%07d" % rid}
                g = variant(rng, given, 0.4); f = variant(rng, fam, 0.3); fa = variant(rng, father, 0.3)
                if rng.random() < 0.1: g = typo(rng, g)
                if rng.random() < 0.05: f = typo(rng, f)
                style = rng.random()
                if style < 0.15: r["full_name"] = "%s %s s/o %s" % (g, f, fa)
                elif style < 0.2: r["given_name"], r["family_name"] = f, g
                elif style < 0.3: r["given_name"] = g; r["family_name"] = fa  # father's name in the family column
                else:
                    r["given_name"] = g; r["family_name"] = f if rng.random() < 0.8 else ""
                    if rng.random() < 0.7: r["father_name"] = fa
                if dob_kind < 0.55 and rng.random() < 0.9:
                    fmt = rng.random()
                    if fmt < 0.4: r["date_of_birth"] = "%04d-%02d-%02d" % (y, mo, d)
                    elif fmt < 0.7: r["date_of_birth"] = "%02d/%02d/%04d" % (d, mo, y)
                    elif fmt < 0.85: r["date_of_birth"] = "%d-%s-%04d" % (d, MONTHS[mo - 1], y)
                    else: sy, sm, sd = to_sh(y, mo, d); r["date_of_birth"] = "%04d/%02d/%02d" % (sy, sm, sd)
                    if rng.random() < 0.05: r["date_of_birth"] = "%04d-%02d-%02d" % (y, mo, min(28, d + 1))
                elif dob_kind < 0.8 and rng.random() < 0.9:
                    r["date_of_birth"] = rng.choice([str(y), "01/01/%d" % y, "%d-01-01" % y])
                elif dob_kind < 0.95 and rng.random() < 0.9:
                    sy = y - 621; r["date_of_birth"] = rng.choice([str(sy), "%d SH" % sy, str(sy).translate(PD)])
                if rng.random() < 0.8: r["sex"] = rng.choice(["M", "Male", "m"]) if male else rng.choice(["F", "Female", "f"])
                if taz and rng.random() < 0.6: r["national_id"] = taz if rng.random() < 0.5 else taz.replace("-", "")
                if pas and rng.random() < 0.6: r["passport"] = pas
                if rng.random() < 0.75:
                    ph = own_phone; k = rng.random()
                    r["phone"] = ("0" + ph) if k < 0.4 else ("+93 %s %s %s" % (ph[:2], ph[2:5], ph[5:])) if k < 0.7 else ("0093" + ph) if k < 0.85 else ("0" + ph).translate(PD)
                if email and rng.random() < 0.6: r["email"] = email.upper() if rng.random() < 0.2 else email
                if rng.random() < 0.5: r["address"] = addr
                if rng.random() < 0.6: r["province"] = prov
                rows.append(r); truth.append((r["record_id"], "P%07d" % pid))
    cols = ["record_id", "given_name", "family_name", "full_name", "father_name", "date_of_birth", "sex", "national_id", "passport", "phone", "email", "address", "province", "household", "needs", "notes"]
    rng.shuffle(rows)
    with open(os.path.join(a.out, "records.csv"), "w", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=cols); w.writeheader(); w.writerows(rows)
    with open(os.path.join(a.out, "truth.csv"), "w", newline="") as fh:
        w = csv.writer(fh); w.writerow(["record_id", "person_id"]); w.writerows(truth)

if __name__ == "__main__":
    main()

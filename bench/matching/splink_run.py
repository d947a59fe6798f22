#!/usr/bin/env python3
"""Splink (DuckDB backend) on the same records as `corridor link`, configured the way
Splink's documentation recommends: light cleaning in SQL, name comparisons with
term-frequency adjustment, a date-of-birth comparison, exact matches on identifiers,
prior from deterministic rules, u by random sampling, m by EM over several blocking
rules, predictions clustered at a threshold.
splink_run.py RECORDS.csv CLUSTERS_OUT.csv   (writes record_id,cluster_id)"""
import os, sys, time
import duckdb
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
import splink.comparison_library as cl

records, out = sys.argv[1], sys.argv[2]
con = duckdb.connect()
con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{records}', all_varchar=true, header=true)")

# Light cleaning a Splink user would do: lowercase, strip punctuation, take the given
# name from full_name when missing, parse common date layouts, digits-only phones
# (last nine digits) and ids.
name = lambda c: f"nullif(trim(regexp_replace(lower({c}), '[^a-z\u0600-\u06ff ]', '', 'g')), '')"
con.execute(f"""
CREATE TABLE clean AS SELECT
  record_id AS unique_id,
  {name("coalesce(given_name, split_part(regexp_replace(full_name, ' (s/o|d/o|w/o|son of|daughter of|bin) .*', ''), ' ', 1))")} AS given_name,
  {name("family_name")} AS family_name,
  {name("coalesce(father_name, nullif(regexp_extract(full_name, '(s/o|d/o|son of|daughter of|bin) (.*)$', 2), ''))")} AS father_name,
  strftime(coalesce(
    try_strptime(date_of_birth, '%Y-%m-%d'), try_strptime(date_of_birth, '%d/%m/%Y'),
    try_strptime(date_of_birth, '%d.%m.%Y'), try_strptime(date_of_birth, '%d-%b-%Y'),
    try_strptime(date_of_birth, '%d %B %Y'), try_strptime(date_of_birth, '%B %d, %Y')), '%Y-%m-%d') AS dob,
  nullif(regexp_extract(date_of_birth, '(19|20)[0-9][0-9]', 0), '') AS yob,
  nullif(left(lower(trim(sex)), 1), '') AS sex,
  nullif(regexp_replace(national_id, '[^0-9]', '', 'g'), '') AS national_id,
  nullif(upper(regexp_replace(passport, '[^A-Za-z0-9]', '', 'g')), '') AS passport,
  nullif(right(regexp_replace(phone, '[^0-9]', '', 'g'), 9), '') AS phone,
  nullif(lower(trim(email)), '') AS email,
  nullif(lower(trim(province)), '') AS province
FROM raw
""")

settings = SettingsCreator(
    link_type="dedupe_only",
    comparisons=[
        cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("father_name"),
        cl.DateOfBirthComparison("dob", input_is_string=True),
        cl.ExactMatch("sex"),
        cl.ExactMatch("national_id"),
        cl.ExactMatch("passport"),
        cl.ExactMatch("phone"),
        cl.EmailComparison("email"),
        cl.ExactMatch("province"),
    ],
    blocking_rules_to_generate_predictions=[
        block_on("given_name", "yob"),
        block_on("given_name", "family_name"),
        block_on("given_name", "father_name"),
        block_on("family_name", "father_name"),
        block_on("phone"),
        block_on("national_id"),
        block_on("passport"),
        block_on("email"),
    ],
    retain_intermediate_calculation_columns=False,
)
t0 = time.time()
db_api = DuckDBAPI(con)
df = db_api.register("clean")
linker = Linker(df, settings, log_level=30)
linker.training.estimate_probability_two_random_records_match(
    [block_on("given_name", "family_name", "dob"), block_on("national_id"), block_on("passport")], recall=0.7)
linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
for rule in [block_on("given_name", "yob"), block_on("phone"), block_on("family_name", "father_name")]:
    linker.training.estimate_parameters_using_expectation_maximisation(rule)
pred = linker.inference.predict(threshold_match_probability=0.5)
clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
    pred, float(os.environ.get("SPLINK_CLUSTER_THRESHOLD", "0.9")))
rel = clusters.as_duckdbpyrelation()
rel.query("c", "SELECT unique_id AS record_id, cluster_id FROM c").write_csv(out)
print(f"splink: {time.time() - t0:.2f}s (after loading and cleaning)", file=sys.stderr)

#!/usr/bin/env python3
"""Splink (DuckDB backend) on the FEBRL files `febrl.py` writes, set up after Splink's own
FEBRL4 example: names with term-frequency adjustment, a date-of-birth comparison with
day and month swapped, Levenshtein on address, postcode and id, exact state; prior from
deterministic rules, u by random sampling, m by EM over two blocking rules; predictions
clustered at 0.9 (link: pairs across the two files at 0.9).
splink_febrl.py OUT.csv RECORDS.csv            dedupe (FEBRL3): writes record_id,cluster_id
splink_febrl.py OUT.csv A.csv B.csv            link (FEBRL4): writes left_id,right_id,probability"""
import os, sys, time
import duckdb
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
import splink.comparison_library as cl

out, inputs = sys.argv[1], sys.argv[2:]
con = duckdb.connect()
tables = []
for i, path in enumerate(inputs):
    con.execute(f"""CREATE TABLE t{i} AS SELECT
      record_id AS unique_id,
      nullif(trim(lower(given_name)), '') AS given_name,
      nullif(trim(lower(family_name)), '') AS surname,
      nullif(trim(date_of_birth), '') AS dob,
      nullif(trim(lower(address)), '') AS address,
      nullif(trim(postcode), '') AS postcode,
      nullif(trim(lower(province)), '') AS state,
      nullif(trim(national_id), '') AS soc_sec_id
    FROM read_csv('{path}', all_varchar=true, header=true)""")
    tables.append(f"t{i}")
link = len(tables) == 2

settings = SettingsCreator(
    link_type="link_only" if link else "dedupe_only",
    comparisons=[
        cl.NameComparison("given_name").configure(term_frequency_adjustments=True),
        cl.NameComparison("surname").configure(term_frequency_adjustments=True),
        cl.DateOfBirthComparison("dob", input_is_string=True, datetime_format="%Y%m%d"),
        cl.LevenshteinAtThresholds("address", [1, 3]),
        cl.LevenshteinAtThresholds("postcode", [1, 2]),
        cl.ExactMatch("state"),
        cl.LevenshteinAtThresholds("soc_sec_id", [1, 2]),
    ],
    blocking_rules_to_generate_predictions=[
        block_on("given_name", "surname"),
        block_on("surname", "dob"),
        block_on("given_name", "dob"),
        block_on("postcode", "given_name"),
        block_on("postcode", "surname"),
        block_on("soc_sec_id"),
        block_on("dob", "postcode"),
    ],
    retain_intermediate_calculation_columns=False,
)
t0 = time.time()
db_api = DuckDBAPI(con)
dfs = [db_api.register(t) for t in tables]
linker = Linker(dfs if link else dfs[0], settings, log_level=30)
linker.training.estimate_probability_two_random_records_match(
    [block_on("given_name", "surname", "dob"), block_on("soc_sec_id")], recall=0.8)
linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
for rule in [block_on("given_name", "surname"), block_on("dob")]:
    linker.training.estimate_parameters_using_expectation_maximisation(rule)
threshold = float(os.environ.get("SPLINK_CLUSTER_THRESHOLD", "0.9"))
pred = linker.inference.predict(threshold_match_probability=0.5)
if link:
    rel = pred.as_duckdbpyrelation()
    rel.query("p", f"""SELECT unique_id_l AS left_id, unique_id_r AS right_id,
        match_probability AS probability FROM p WHERE match_probability >= {threshold}""").write_csv(out)
else:
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(pred, threshold)
    rel = clusters.as_duckdbpyrelation()
    rel.query("c", "SELECT unique_id AS record_id, cluster_id FROM c").write_csv(out)
print(f"splink: {time.time() - t0:.2f}s (after loading)", file=sys.stderr)

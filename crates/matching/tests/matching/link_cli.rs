//! The `corridor link` command module, exercised through files as a user would.

#[path = "../../../cli/src/link.rs"]
mod link;

use std::io::Write;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::File::create(&p)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .expect("write test file");
    p
}

fn args(inputs: Vec<std::path::PathBuf>, out: &Path, clusters: Option<&Path>) -> link::LinkArgs {
    link::LinkArgs {
        input: inputs,
        output: out.to_path_buf(),
        clusters: clusters.map(Path::to_path_buf),
        threshold: None,
    }
}

#[test]
fn dedupes_one_file_with_odd_headers_and_extra_columns() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "people.csv",
        "Record_ID,Given_Name,FAMILY_NAME,father_name,Date_Of_Birth,phone,notes\n\
         a1,Najibullah,Ahmadzai,Abdul Wahid,1990-05-17,0701234567,first list\n\
         a2,Najib Ullah,Ahmadzay,Abdulwahid,1369/02/27,+93 70 123 4567,second list\n\
         a3,Hamid,Ahmadzai,Abdul Wahid,1994-02-01,0701234567,brother\n",
    );
    let out = dir.path().join("pairs.csv");
    let clusters = dir.path().join("clusters.csv");
    link::run(args(vec![input], &out, Some(&clusters))).expect("link runs");
    let pairs = std::fs::read_to_string(&out).expect("pairs written");
    let lines: Vec<&str> = pairs.lines().collect();
    assert_eq!(lines[0], "left_id,right_id,probability");
    assert_eq!(lines.len(), 2, "{pairs}");
    assert!(lines[1].starts_with("a1,a2,"), "{pairs}");
    let clusters = std::fs::read_to_string(&clusters).expect("clusters written");
    assert!(clusters.starts_with("record_id,cluster_id\n"));
    assert_eq!(clusters.lines().count(), 4);
}

#[test]
fn links_two_files_left_to_right() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(
        dir.path(),
        "a.csv",
        "record_id,full_name,date_of_birth,national_id\nx1,Fatima d/o Mohammad Karim,1985,1399-0101-12345\nx2,Laila d/o Sher Ahmad,1979,\n",
    );
    let b = write(
        dir.path(),
        "b.csv",
        "record_id,given_name,father_name,date_of_birth,national_id\ny1,فاطمه,محمد کریم,1364,1399 0101 12345\n",
    );
    let out = dir.path().join("pairs.csv");
    link::run(args(vec![a, b], &out, None)).expect("link runs");
    let pairs = std::fs::read_to_string(&out).expect("pairs written");
    let lines: Vec<&str> = pairs.lines().collect();
    assert_eq!(lines.len(), 2, "{pairs}");
    assert!(lines[1].starts_with("x1,y1,"), "{pairs}");
}

#[test]
fn bad_input_names_file_row_and_reason() {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = write(
        dir.path(),
        "bad.csv",
        "record_id,given_name\nr1,Ahmad\n,Mahmood\n",
    );
    let err = link::run(args(vec![input.clone()], &dir.path().join("o.csv"), None))
        .expect_err("must fail");
    let msg = format!("{err:#}");
    assert!(
        msg.contains("bad.csv") && msg.contains("row 3") && msg.contains("empty record_id"),
        "{msg}"
    );

    let dup = write(dir.path(), "dup.csv", "record_id\nr1\nr1\n");
    let msg = format!(
        "{:#}",
        link::run(args(vec![dup], &dir.path().join("o.csv"), None)).expect_err("must fail")
    );
    assert!(msg.contains("row 3") && msg.contains("twice"), "{msg}");

    let no_id = write(dir.path(), "noid.csv", "name\nAhmad\n");
    let msg = format!(
        "{:#}",
        link::run(args(vec![no_id], &dir.path().join("o.csv"), None)).expect_err("must fail")
    );
    assert!(msg.contains("row 1") && msg.contains("record_id"), "{msg}");

    let ragged = write(
        dir.path(),
        "ragged.csv",
        "record_id,given_name\nr1,Ahmad,extra\n",
    );
    let msg = format!(
        "{:#}",
        link::run(args(vec![ragged], &dir.path().join("o.csv"), None)).expect_err("must fail")
    );
    assert!(msg.contains("ragged.csv") && msg.contains("row 2"), "{msg}");

    let missing = dir.path().join("missing.csv");
    let msg = format!(
        "{:#}",
        link::run(args(vec![missing], &dir.path().join("o.csv"), None)).expect_err("must fail")
    );
    assert!(msg.contains("missing.csv"), "{msg}");
}

#[test]
fn a_file_is_cut_only_between_rows() {
    // Quoted fields with line breaks and doubled quotes, cut into tiny pieces: each piece
    // must hold whole rows, so that parsing the pieces apart reads what one reader reads.
    let mut body = String::new();
    for i in 0..200 {
        match i % 4 {
            0 => body.push_str(&format!("r{i},\"Ahmad\nKhan\",\"says \"\"hi\"\"\n\"\n")),
            1 => body.push_str(&format!("r{i},Mahmood,\"a, b\"\r\n")),
            2 => body.push_str(&format!("r{i},\"\n\n\",\"\"\n")),
            _ => body.push_str(&format!("r{i},Zahra,plain\n")),
        }
    }
    let rows = |bytes: &[u8]| -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(bytes)
            .records()
            .map(|r| r.expect("row").iter().map(str::to_string).collect())
            .collect()
    };
    let whole = rows(body.as_bytes());
    assert_eq!(whole.len(), 200);
    for piece in [1, 7, 30, 100] {
        let cuts = link::cut_points(body.as_bytes(), piece);
        assert!(cuts.len() > 2, "piece {piece}: not cut at all");
        let parts: Vec<Vec<String>> = cuts
            .windows(2)
            .flat_map(|w| rows(&body.as_bytes()[w[0]..w[1]]))
            .collect();
        assert_eq!(parts, whole, "piece {piece}");
    }
}

#[test]
fn a_bad_row_deep_in_a_large_file_is_named() {
    // Larger than one parsing piece (4 MiB), with quoted line breaks before the bad row:
    // row numbers count CSV rows, across pieces.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = String::from("record_id,given_name,address\n");
    for i in 0..100_000 {
        text.push_str(&format!(
            "r{i},Najibullah,\"House {i}\nStreet 3, Khair Khana, Kabul\"\n"
        ));
    }
    assert!(text.len() > 5 << 20, "more than one piece");
    let good = write(dir.path(), "good.csv", &text);
    let records = link::read_records(&good).expect("reads");
    assert_eq!(records.len(), 100_000);
    assert_eq!(records[99_999].id, "r99999");
    assert!(
        records[99_999]
            .address
            .as_deref()
            .unwrap_or("")
            .contains("\nStreet 3")
    );

    // A bad last row, after every piece before it was read without fault.
    for (name, last, reason) in [
        ("bad.csv", ",Mahmood,nowhere", "empty record_id"),
        ("ragged.csv", "r100000,Mahmood", "2 fields"),
        ("dup.csv", "r17,Mahmood,nowhere", "twice"),
    ] {
        let path = write(dir.path(), name, &format!("{text}{last}\n"));
        let msg = format!("{:#}", link::read_records(&path).expect_err("must fail"));
        assert!(
            msg.contains(name) && msg.contains("row 100002") && msg.contains(reason),
            "{msg}"
        );
    }
}

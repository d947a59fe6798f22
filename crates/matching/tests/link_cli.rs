//! The `corridor link` command module, exercised through files as a user would.

#[path = "../../cli/src/link.rs"]
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

//! Replays every kept fuzz input through its target: what once crashed a parser, or reached
//! new code, must keep passing without a fuzzer installed.

use std::path::PathBuf;

use corridor_fuzz_targets::TARGETS;

fn corpus_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus")
}

#[test]
fn every_kept_input_passes_its_target() {
    for (target, run) in TARGETS {
        let dir = corpus_root().join(target);
        let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("the corpus of {target} ({}): {e}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .filter(|p| p.is_file())
            .collect();
        inputs.sort();
        assert!(
            !inputs.is_empty(),
            "the corpus of {target} is empty: seed it (see fuzz/README.md)"
        );
        for input in inputs {
            let data = std::fs::read(&input).unwrap();
            let outcome = std::panic::catch_unwind(|| run(&data));
            assert!(
                outcome.is_ok(),
                "{target} panicked on {}: run `cargo fuzz run {target} {}` to see it",
                input.display(),
                input.display()
            );
        }
    }
}

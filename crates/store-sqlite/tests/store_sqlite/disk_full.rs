//! A full disk refuses writes honestly and, once space is freed, writes work again without a
//! restart. On a real (small) file system: a tmpfs mounted for the test, which needs root, as
//! on the CI machines; without it the test fails and says so.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use corridor_domain::CaseCategory;
use corridor_store::conformance::{inquiry, lead_and_team};
use corridor_store::crypto::KeySource;
use corridor_store::prelude::*;
use corridor_store::{Actor, StoreError};
use corridor_store_sqlite::SqliteStore;

/// A tmpfs of `size` mounted on a fresh directory, unmounted when dropped.
struct SmallDisk {
    dir: tempfile::TempDir,
}

impl SmallDisk {
    fn mount(size: &str) -> SmallDisk {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output()
            .expect("the mount command");
        assert!(
            out.status.success(),
            "this test mounts a small tmpfs to fill it, which needs root: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        SmallDisk { dir }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// Writes a file until the file system refuses more; returns its path.
fn fill(dir: &Path) -> PathBuf {
    let path = dir.join("filler");
    let mut f = std::fs::File::create(&path).unwrap();
    let chunk = vec![0u8; 16 * 1024];
    while f.write_all(&chunk).and_then(|_| f.flush()).is_ok() {}
    path
}

#[tokio::test]
async fn after_the_disk_fills_and_is_freed_writes_work_again() {
    let disk = SmallDisk::mount("24m");
    let db = disk.path().join("corridor.db");
    let store = SqliteStore::open(db.to_str().unwrap(), &KeySource::ephemeral())
        .await
        .unwrap();
    let system = Actor::system("test");
    lead_and_team(&store).await;

    let mut acknowledged = Vec::new();
    let record = async |n: usize| {
        let mut request = inquiry(CaseCategory::Visa, &["Hamid", "Nadia"]);
        // A long story, as people write them, so the disk fills in a few requests.
        request.raw_payload = format!("request {n}: {}", "x".repeat(256 * 1024));
        store.record_inquiry(request, &system).await
    };
    acknowledged.push(record(0).await.unwrap().id);

    let filler = fill(disk.path());
    let mut refused = None;
    for n in 1..200 {
        match record(n).await {
            Ok(r) => acknowledged.push(r.id),
            Err(e) => {
                refused = Some(e);
                break;
            }
        }
    }
    let refused = refused.expect("a full disk refuses a write");
    assert!(
        matches!(refused, StoreError::Backend(_)),
        "refused as a database error: {refused:?}"
    );

    std::fs::remove_file(&filler).unwrap();
    // No restart: the same store takes requests again.
    for n in 200..203 {
        acknowledged.push(
            record(n)
                .await
                .unwrap_or_else(|e| panic!("space is free again, yet request {n} failed: {e}"))
                .id,
        );
    }
    // Nothing acknowledged was lost, and the trail still verifies.
    for id in &acknowledged {
        assert!(store.get_inquiry(*id, &system).await.unwrap().is_some());
    }
    assert!(store.verify_audit_chain().await.unwrap().is_ok());
    store.close().await;
}

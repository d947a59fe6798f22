//! `corridor serve`'s document settings: the limits and the ClamAV daemon.

use anyhow::Context;

#[derive(clap::Args, Debug, Clone)]
pub struct DocumentArgs {
    /// The ClamAV daemon that scans documents: host:port or unix:/path (Debian's
    /// clamav-daemon listens on unix:/run/clamav/clamd.ctl). With it, a document is held (not
    /// downloaded, not shared) until clamd says clean, and malware is refused.
    #[arg(long, env = "CORRIDOR_CLAMD")]
    pub clamd: Option<String>,
    /// Megabytes per document file at most.
    #[arg(long, env = "CORRIDOR_DOCUMENT_MAX_MB", default_value_t = 10)]
    pub document_max_mb: usize,
    /// Files per upload at most (the public form, an email).
    #[arg(long, env = "CORRIDOR_DOCUMENT_MAX_FILES", default_value_t = 5)]
    pub document_max_files: usize,
}

impl DocumentArgs {
    pub fn limits(&self) -> corridor_documents::Limits {
        corridor_documents::Limits {
            max_bytes: self.document_max_mb.max(1) * 1024 * 1024,
            max_files: self.document_max_files.max(1),
            ..corridor_documents::Limits::default()
        }
    }

    /// The limits and the scanner together, as email intake and the import take them.
    pub fn settings(&self) -> anyhow::Result<corridor_documents::Settings> {
        Ok(corridor_documents::Settings {
            limits: self.limits(),
            clamd: self.clamd()?,
        })
    }

    pub fn clamd(&self) -> anyhow::Result<Option<corridor_documents::ClamdAddr>> {
        self.clamd
            .as_deref()
            .filter(|a| !a.trim().is_empty())
            .map(|a| {
                a.parse::<corridor_documents::ClamdAddr>()
                    .map_err(anyhow::Error::msg)
                    .context("--clamd")
            })
            .transpose()
    }
}

/// `corridor documents-bench`: documents of `size_mb` through the API of a server on a fresh
/// SQLite database, up then down, with throughput, the process's peak memory and how much the
/// database grew. The files are PDFs of random bytes (incompressible, no image work), one
/// request at a time as a desk would send them.
pub async fn bench(count: usize, size_mb: usize) -> anyhow::Result<()> {
    use corridor_store::prelude::*;
    use rand::RngCore;

    let dir = tempfile::tempdir()?;
    let store = crate::households::scratch_store(dir.path()).await?;
    let lead = store
        .list_users()
        .await?
        .into_iter()
        .find(|u| u.username.as_str() == "lead")
        .ok_or_else(|| anyhow::anyhow!("the scratch store has its lead"))?;
    let (token, hash) = corridor_web::auth::new_api_token();
    store
        .create_api_token(
            corridor_store::NewApiToken {
                user_id: lead.id,
                name: "bench".into(),
                token_hash: hash,
                expires_at: None,
                scopes: vec![
                    corridor_store::TokenScope::Read,
                    corridor_store::TokenScope::Write,
                ],
            },
            &corridor_store::Actor::system("documents bench"),
        )
        .await?;
    let store: std::sync::Arc<dyn corridor_store::Store> = std::sync::Arc::new(store);
    let db_bytes = || {
        ["surge.db", "surge.db-wal"]
            .iter()
            .map(|f| {
                std::fs::metadata(dir.path().join(f))
                    .map(|m| m.len())
                    .unwrap_or(0)
            })
            .sum::<u64>()
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let matcher = corridor_web::load_matcher(store.as_ref()).await?;
    let config = corridor_web::AppConfig {
        documents: corridor_documents::Limits {
            max_bytes: size_mb * 1024 * 1024 + 1024,
            ..corridor_documents::Limits::default()
        },
        ..Default::default()
    };
    let served = store.clone();
    tokio::spawn(async move {
        let _ =
            corridor_web::serve(listener, served, matcher, config, std::future::pending()).await;
    });
    let client = reqwest::Client::new();
    let created: serde_json::Value = client
        .post(format!("{base}/api/v1/inquiries"))
        .bearer_auth(&token)
        .json(&serde_json::json!({
            "category": "evacuation",
            "subject": "Benchmark",
            "requester": {"kind": "sponsor", "name": "Synthetic Sponsor"},
            "people": [{"given_name": "Synthetic", "family_name": "Benchzai"}]
        }))
        .send()
        .await?
        .error_for_status()?
        .json()
        .await?;
    let case = created["case_id"]
        .as_i64()
        .ok_or_else(|| anyhow::anyhow!("the inquiry opened no case: {created}"))?;
    let before = db_bytes();
    let size = size_mb * 1024 * 1024;
    let mut ids = Vec::with_capacity(count);
    let mut file = vec![0u8; size];
    let started = std::time::Instant::now();
    for _ in 0..count {
        rand::thread_rng().fill_bytes(&mut file);
        file[..9].copy_from_slice(b"%PDF-1.4\n");
        let form = reqwest::multipart::Form::new().text("kind", "other").part(
            "file",
            reqwest::multipart::Part::bytes(file.clone()).file_name("b.pdf"),
        );
        let answer: serde_json::Value = client
            .post(format!("{base}/api/v1/cases/{case}/documents"))
            .bearer_auth(&token)
            .multipart(form)
            .send()
            .await?
            .error_for_status()?
            .json()
            .await?;
        ids.push(answer["id"].as_i64().unwrap_or_default());
    }
    let up = started.elapsed().as_secs_f64();
    let grown = db_bytes().saturating_sub(before);
    let started = std::time::Instant::now();
    let mut down_bytes = 0usize;
    for id in &ids {
        let bytes = client
            .get(format!("{base}/api/v1/documents/{id}/content"))
            .bearer_auth(&token)
            .send()
            .await?
            .error_for_status()?
            .bytes()
            .await?;
        down_bytes += bytes.len();
    }
    let down = started.elapsed().as_secs_f64();
    let mb = (count * size) as f64 / (1024.0 * 1024.0);
    println!("documents: {count} × {size_mb} MB ({mb:.0} MB), SQLite, one request at a time");
    println!(
        "upload:    {up:.1} s, {:.1} MB/s, {:.1} documents/s",
        mb / up,
        count as f64 / up
    );
    println!(
        "download:  {down:.1} s, {:.1} MB/s",
        down_bytes as f64 / (1024.0 * 1024.0) / down
    );
    println!(
        "database:  grew {:.0} MB ({:.3} × the content)",
        grown as f64 / (1024.0 * 1024.0),
        grown as f64 / (count * size) as f64
    );
    println!(
        "peak RSS:  {}",
        peak_rss().unwrap_or_else(|| "unknown".into())
    );
    Ok(())
}

/// The process's peak resident memory (Linux: VmHWM).
fn peak_rss() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
}

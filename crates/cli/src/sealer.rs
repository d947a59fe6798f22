//! The audit sealer every server runs: events are appended to the trail without a lock and
//! chained here, in order, a moment later (see `corridor_store::AuditStore::seal_audit`).
//! Servers sharing a database take turns; any of them keeps the seal up to date.

use std::sync::Arc;
use std::time::Duration;

use corridor_store::Store;

/// How often the trail is sealed: the longest an event normally stays outside the chain.
pub const SEAL_EVERY: Duration = Duration::from_millis(250);

/// Seals every [`SEAL_EVERY`] until `stop` completes, then once more, so that a server
/// stopping leaves nothing of its own unsealed.
pub async fn run(store: Arc<dyn Store>, stop: impl std::future::Future<Output = ()>) {
    let mut tick = tokio::time::interval(SEAL_EVERY);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    tokio::pin!(stop);
    loop {
        tokio::select! {
            _ = &mut stop => break,
            _ = tick.tick() => seal(store.as_ref()).await,
        }
    }
    seal(store.as_ref()).await;
}

async fn seal(store: &dyn Store) {
    match store.seal_audit().await {
        Ok(0) => {}
        Ok(events) => tracing::debug!(events, "audit events sealed"),
        // The next tick tries again; the events wait unsealed, lost to nobody.
        Err(e) => tracing::warn!(error = %e, "cannot seal the audit trail"),
    }
}

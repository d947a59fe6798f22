//! A ClamAV client: the INSTREAM command of `clamd` over TCP or a unix socket. A document is
//! held ("not yet scanned") until clamd says it is clean; an answer that is neither clean nor
//! a finding (clamd down, a time-out, an error) leaves it held, never passed.

use std::path::PathBuf;
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Where clamd listens: `host:port`, or `unix:/path` (a path starting with `/` is read as a
/// socket too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClamdAddr {
    Tcp(String),
    Unix(PathBuf),
}

impl std::str::FromStr for ClamdAddr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if let Some(path) = s.strip_prefix("unix:") {
            return Ok(ClamdAddr::Unix(PathBuf::from(path)));
        }
        if s.starts_with('/') {
            return Ok(ClamdAddr::Unix(PathBuf::from(s)));
        }
        if s.rsplit_once(':')
            .is_some_and(|(h, p)| !h.is_empty() && p.parse::<u16>().is_ok())
        {
            return Ok(ClamdAddr::Tcp(s.to_string()));
        }
        Err(format!(
            "{s:?} is not a clamd address: give host:port (127.0.0.1:3310) or unix:/path/to/clamd.ctl"
        ))
    }
}

impl std::fmt::Display for ClamdAddr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClamdAddr::Tcp(a) => f.write_str(a),
            ClamdAddr::Unix(p) => write!(f, "unix:{}", p.display()),
        }
    }
}

/// What clamd found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// The signature's name (`Eicar-Signature`).
    Infected(String),
}

#[derive(Debug, thiserror::Error)]
pub enum ClamdError {
    #[error("clamd at {addr} cannot be reached: {reason}")]
    Unreachable { addr: String, reason: String },
    #[error("clamd did not answer within {0} seconds")]
    TimedOut(u64),
    #[error("clamd answered with an error: {0}")]
    Refused(String),
}

/// Time for one scan, connection included.
const SCAN_TIMEOUT: Duration = Duration::from_secs(60);
/// The size of each piece sent; clamd's StreamMaxLength bounds the whole.
const PIECE: usize = 64 * 1024;

/// Scans `content` with the clamd at `addr`.
pub async fn scan(addr: &ClamdAddr, content: &[u8]) -> Result<Verdict, ClamdError> {
    let unreachable = |e: std::io::Error| ClamdError::Unreachable {
        addr: addr.to_string(),
        reason: e.to_string(),
    };
    let run = async {
        match addr {
            ClamdAddr::Tcp(a) => {
                let stream = tokio::net::TcpStream::connect(a)
                    .await
                    .map_err(unreachable)?;
                instream(stream, content).await
            }
            #[cfg(unix)]
            ClamdAddr::Unix(p) => {
                let stream = tokio::net::UnixStream::connect(p)
                    .await
                    .map_err(unreachable)?;
                instream(stream, content).await
            }
            #[cfg(not(unix))]
            ClamdAddr::Unix(_) => Err(unreachable(std::io::Error::other(
                "unix sockets need a unix system",
            ))),
        }
    };
    tokio::time::timeout(SCAN_TIMEOUT, run)
        .await
        .map_err(|_| ClamdError::TimedOut(SCAN_TIMEOUT.as_secs()))?
}

async fn instream<S: AsyncRead + AsyncWrite + Unpin>(
    mut stream: S,
    content: &[u8],
) -> Result<Verdict, ClamdError> {
    let io = |e: std::io::Error| ClamdError::Refused(format!("the connection failed: {e}"));
    // The `z` prefix: commands and the answer end with a NUL byte.
    stream.write_all(b"zINSTREAM\0").await.map_err(io)?;
    for piece in content.chunks(PIECE) {
        let len = u32::try_from(piece.len()).expect("a piece is small");
        stream.write_all(&len.to_be_bytes()).await.map_err(io)?;
        stream.write_all(piece).await.map_err(io)?;
    }
    stream.write_all(&0u32.to_be_bytes()).await.map_err(io)?;
    stream.flush().await.map_err(io)?;
    let mut answer = Vec::new();
    // clamd closes the connection after the answer; an answer over 4 KiB is no answer.
    (&mut stream)
        .take(4096)
        .read_to_end(&mut answer)
        .await
        .map_err(io)?;
    parse_answer(&answer)
}

/// `stream: OK`, `stream: <name> FOUND`, or an error such as
/// `INSTREAM size limit exceeded. ERROR`.
fn parse_answer(answer: &[u8]) -> Result<Verdict, ClamdError> {
    let text = String::from_utf8_lossy(answer);
    let text = text.trim_end_matches(['\0', '\n']).trim();
    let body = text.strip_prefix("stream:").map(str::trim).unwrap_or(text);
    if body == "OK" {
        return Ok(Verdict::Clean);
    }
    if let Some(name) = body.strip_suffix(" FOUND") {
        return Ok(Verdict::Infected(name.trim().to_string()));
    }
    Err(ClamdError::Refused(if text.is_empty() {
        "an empty answer".into()
    } else {
        text.to_string()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_and_addresses_read() {
        assert_eq!(parse_answer(b"stream: OK\0").unwrap(), Verdict::Clean);
        assert_eq!(
            parse_answer(b"stream: Eicar-Test-Signature FOUND\0").unwrap(),
            Verdict::Infected("Eicar-Test-Signature".into())
        );
        assert!(parse_answer(b"INSTREAM size limit exceeded. ERROR\0").is_err());
        assert!(parse_answer(b"").is_err());
        assert_eq!(
            "127.0.0.1:3310".parse::<ClamdAddr>().unwrap(),
            ClamdAddr::Tcp("127.0.0.1:3310".into())
        );
        assert_eq!(
            "unix:/run/clamav/clamd.ctl".parse::<ClamdAddr>().unwrap(),
            ClamdAddr::Unix("/run/clamav/clamd.ctl".into())
        );
        assert!("clamd".parse::<ClamdAddr>().is_err());
    }
}

//! The files of `key = value` lines `corridor serve` reads its mail and text-message settings
//! from (blank lines and `#` comments skipped, values optionally in double quotes).

use std::path::Path;

use anyhow::{Context, anyhow, bail};

/// One `key = value` line, with where it was for messages.
pub struct Setting {
    pub key: String,
    pub value: String,
    place: String,
}

impl Setting {
    pub fn num(&self) -> anyhow::Result<u64> {
        self.value
            .parse()
            .with_context(|| format!("{}: not a number", self.place))
    }

    pub fn unknown(&self) -> anyhow::Error {
        anyhow!("{}: unknown setting {:?}", self.place, self.key)
    }
}

/// The settings of the file at `path`; `what` names it in errors ("the mail config").
pub fn read(path: &Path, what: &str) -> anyhow::Result<Vec<Setting>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read {what} {}", path.display()))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let place = format!("{}: line {}", path.display(), n + 1);
        let Some((k, v)) = line.split_once('=') else {
            bail!("{place}: expected key = value");
        };
        out.push(Setting {
            key: k.trim().to_string(),
            value: v.trim().trim_matches('"').to_string(),
            place,
        });
    }
    Ok(out)
}

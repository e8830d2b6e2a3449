//! Writing the exported files into a directory, all or nothing: every target is checked before
//! any is replaced, each file is written to a temporary file beside it and renamed into place,
//! and a symbolic link is never written through.

use headroom::export::File;
use headroom::plan::value::shown;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Why a target cannot be written, or `None` when it can.
fn refusal(path: &Path, force: bool) -> Option<String> {
    let shown = echo(path);
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => Some(format!("cannot inspect {}: {}", shown, e)),
        Ok(m) if m.file_type().is_symlink() => Some(format!(
            "{} is a symbolic link; headroom never writes through one (remove it, or choose another --out)",
            shown
        )),
        Ok(m) if m.is_dir() => Some(format!("{} is a directory", shown)),
        Ok(m) if !m.is_file() => Some(format!("{} is not a regular file", shown)),
        Ok(_) if !force => Some(format!("{} exists (use --force to overwrite)", shown)),
        Ok(m) if m.permissions().readonly() => Some(format!(
            "{} is read-only; headroom does not replace it (make it writable first)",
            shown
        )),
        Ok(_) => None,
    }
}

/// A path as an error message shows it: on one line, control characters escaped.
fn echo(path: &Path) -> String {
    shown(&path.display().to_string())
}

/// The largest file this process may write (`ulimit -f`), from Linux's /proc/self/limits;
/// `None` when unlimited or unknown. Writing past it kills the process (SIGXFSZ), so it is
/// checked before anything is written.
fn max_file_size() -> Option<u64> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max file size"))?;
    line.trim_start_matches("Max file size")
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// The temporary file a target is written to before it is renamed into place.
fn temporary(dir: &Path, name: &str) -> PathBuf {
    dir.join(format!(".{}.headroom-{}.tmp", name, std::process::id()))
}

/// Writes `files` into `dir`, or none of them: on any failure the directory is left as it was
/// and every reason is returned, one line each.
pub fn write_all(dir: &Path, files: &[File], force: bool) -> Result<Vec<PathBuf>, Vec<String>> {
    std::fs::create_dir_all(dir)
        .map_err(|e| vec![format!("cannot create {}: {}", echo(dir), e)])?;
    let limit = max_file_size();
    let refusals: Vec<String> = files
        .iter()
        .filter_map(|f| {
            refusal(&dir.join(f.name), force).or_else(|| {
                limit.filter(|max| f.text.len() as u64 > *max).map(|max| {
                    format!(
                        "{} would be {} bytes, but this process may write files of at most {} bytes (ulimit -f)",
                        echo(&dir.join(f.name)),
                        f.text.len(),
                        max
                    )
                })
            })
        })
        .collect();
    if !refusals.is_empty() {
        return Err(refusals);
    }
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::new();
    let clean = |written: &[(PathBuf, PathBuf)]| {
        for (tmp, _) in written {
            let _ = std::fs::remove_file(tmp);
        }
    };
    for f in files {
        let tmp = temporary(dir, f.name);
        // create_new refuses an existing path, a symbolic link included: nothing is followed.
        let result = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
            .and_then(|mut out| {
                out.write_all(f.text.as_bytes())?;
                out.sync_all()
            });
        if let Err(e) = result {
            let _ = std::fs::remove_file(&tmp);
            clean(&written);
            return Err(vec![format!(
                "cannot write {}: {}; nothing was changed",
                echo(&dir.join(f.name)),
                e
            )]);
        }
        written.push((tmp, dir.join(f.name)));
    }
    for (i, (tmp, target)) in written.iter().enumerate() {
        if let Err(e) = std::fs::rename(tmp, target) {
            clean(&written[i..]);
            return Err(vec![format!(
                "cannot move {} into place: {} ({} of {} files were replaced)",
                echo(target),
                e,
                i,
                written.len()
            )]);
        }
    }
    Ok(written.into_iter().map(|(_, target)| target).collect())
}

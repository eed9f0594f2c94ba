//! Output folders: written whole or not at all, and only ever replacing what sifsim wrote.
//!
//! Files are written into a staging folder beside the target, which replaces the target only
//! once every file is written. Every output folder holds a manifest listing the files sifsim
//! wrote there with their SHA-256; a folder is replaced only when it is new, empty, or holds
//! exactly those files unchanged. A lock on the parent folder serialises writers, so the
//! staging and old folders of a run that was killed are recognised and removed by the next.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::path::{Component, Path, PathBuf};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

pub use super::files::MANIFEST;
use super::readback::ResultsError;
use crate::simulate::{Interrupted, Monitor};
use crate::source::sha256_hex;

/// Most entries an output folder of sifsim's may hold; a folder with more is not one.
const MAX_ENTRIES: usize = 10_000;
/// Largest manifest read back.
const MAX_MANIFEST_BYTES: u64 = 4 * 1024 * 1024;
/// Largest file an output folder of sifsim's may hold; a folder listing a larger one is not
/// one (it is never read whole into memory).
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// An output folder sifsim may not write to or read from. Exit code 2.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("'{}' cannot be an output folder: it names no folder; choose one with --out, e.g. --out output/mine", .0.display())]
    NoName(PathBuf),
    #[error("'{}' is a file; sifsim writes its results to a folder and never replaces a file; choose another folder with --out", .0.display())]
    NotAFolder(PathBuf),
    #[error("'{}' is a symbolic link; sifsim does not replace links; choose a folder with --out", .0.display())]
    Symlink(PathBuf),
    #[error("'{}' is under '{}', which is a file; choose a folder with --out", target.display(), file.display())]
    UnderFile { target: PathBuf, file: PathBuf },
    #[error("'{}' is read-only; sifsim does not replace what is marked read-only; make it writable or choose another folder with --out", .0.display())]
    ReadOnly(PathBuf),
    #[error("'{}' was not written by sifsim (it holds no {MANIFEST}); sifsim neither replaces nor reads a folder it did not write; give a run's output folder, or a new or empty folder to --out", .0.display())]
    NoManifest(PathBuf),
    #[error("'{}' holds a {MANIFEST} that sifsim cannot use: {reason}; sifsim neither replaces nor reads such a folder; move it away, or give another folder", dir.display())]
    BadManifest { dir: PathBuf, reason: String },
    #[error("'{}' holds '{}', which sifsim did not write; sifsim only replaces folders that hold nothing else; move it away or choose another folder with --out", dir.display(), entry.display())]
    Foreign { dir: PathBuf, entry: PathBuf },
    #[error("'{}' was changed after sifsim wrote it; sifsim will neither replace nor read an edited folder; move the file away or choose another folder with --out", .0.display())]
    Edited(PathBuf),
    #[error("'{}' is {bytes} bytes, larger than any file sifsim writes ({MAX_FILE_BYTES}); sifsim will neither replace nor read it", path.display())]
    TooLarge { path: PathBuf, bytes: u64 },
    #[error("cannot read '{}'", .0.display())]
    Unreadable(PathBuf, #[source] std::io::Error),
}

/// Why an output folder was not written, or a finished run not read back from one.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Output(#[from] OutputError),
    #[error(transparent)]
    Results(#[from] ResultsError),
    /// The monitor cancelled the writing.
    #[error(transparent)]
    Interrupted(#[from] Interrupted),
    /// Reading or writing a file, or drawing a chart, failed.
    #[error(transparent)]
    Machine(#[from] anyhow::Error),
}

/// Where an output folder's files came from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Provenance {
    /// The job that wrote the folder: `run`, `report`, `sweep`, `sensitivity` or `chart`.
    pub job: String,
    /// SHA-256 of the scenario file as read.
    pub scenario_sha256: String,
    pub seed: u64,
    pub paths: u64,
    /// What the job was asked beyond the scenario, e.g. its `--set`s.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
}

/// `sifsim-manifest.json`: the marker of a folder sifsim wrote, and what it wrote there.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub sifsim_version: String,
    pub provenance: Provenance,
    /// Each file's path relative to the folder (`/`-separated), size and SHA-256.
    pub files: BTreeMap<String, FileEntry>,
}

/// One file sifsim wrote.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FileEntry {
    pub bytes: u64,
    pub sha256: String,
}

impl FileEntry {
    fn of(bytes: &[u8]) -> FileEntry {
        FileEntry {
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        }
    }
}

/// Refuses a target sifsim may not replace: a file, a symlink, a path without a folder name,
/// or a folder that is not empty and is not, unchanged, one that sifsim wrote.
pub fn check_target(target: &Path) -> Result<(), OutputError> {
    let target = &normalised(target)?;
    let Ok(meta) = fs::symlink_metadata(target) else {
        return check_parent(target);
    };
    if meta.is_symlink() {
        return Err(OutputError::Symlink(target.to_owned()));
    }
    if !meta.is_dir() {
        return Err(OutputError::NotAFolder(target.to_owned()));
    }
    if read_only(&meta) {
        return Err(OutputError::ReadOnly(target.to_owned()));
    }
    check_parent(target)?;
    let empty = fs::read_dir(target)
        .map_err(|e| OutputError::Unreadable(target.to_owned(), e))?
        .next()
        .is_none();
    if !empty {
        check_owned(target)?;
    }
    Ok(())
}

/// Refuses a target whose nearest existing ancestor is a file or is read-only: sifsim could not
/// create the folder, nor the staging folder beside it.
fn check_parent(target: &Path) -> Result<(), OutputError> {
    let existing = target.ancestors().skip(1).find_map(|dir| {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        Some((dir, fs::metadata(dir).ok()?))
    });
    match existing {
        Some((file, meta)) if !meta.is_dir() => Err(OutputError::UnderFile {
            target: target.to_owned(),
            file: file.to_owned(),
        }),
        Some((dir, meta)) if read_only(&meta) => Err(OutputError::ReadOnly(dir.to_owned())),
        _ => Ok(()),
    }
}

/// Whether a folder is marked read-only (no write permission for anyone). Windows's read-only
/// attribute on a folder means nothing to writing into it, so there no folder is.
fn read_only(meta: &fs::Metadata) -> bool {
    cfg!(unix) && meta.permissions().readonly()
}

/// `target` as its parent joined with its last name, so that `out/` or `link/.` name the entry
/// itself (a link, not the folder it points to); refuses a path whose last part is not a name.
fn normalised(target: &Path) -> Result<PathBuf, OutputError> {
    let no_name = || OutputError::NoName(target.to_owned());
    let Some(Component::Normal(name)) = target.components().next_back() else {
        return Err(no_name());
    };
    Ok(match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.join(name),
        _ => PathBuf::from(name),
    })
}

/// Whether a manifest's file name is a relative path of plain names (no `..`, no root).
fn plain_relative(name: &str) -> bool {
    !name.is_empty()
        && Path::new(name)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Checks that `dir` holds a manifest and exactly the files it lists, unchanged, and no folder
/// but those its files are in; returns it.
pub fn check_owned(dir: &Path) -> Result<Manifest, OutputError> {
    let foreign = |entry: &Path| OutputError::Foreign {
        dir: dir.to_owned(),
        entry: entry.to_owned(),
    };
    let manifest = read_manifest(dir)?;
    let mut seen = 0;
    let mut pending = vec![dir.to_owned()];
    while let Some(folder) = pending.pop() {
        let entries =
            fs::read_dir(&folder).map_err(|e| OutputError::Unreadable(folder.clone(), e))?;
        for entry in entries {
            let path = entry
                .map_err(|e| OutputError::Unreadable(folder.clone(), e))?
                .path();
            seen += 1;
            if seen > MAX_ENTRIES {
                return Err(foreign(&path));
            }
            let meta = fs::symlink_metadata(&path)
                .map_err(|e| OutputError::Unreadable(path.clone(), e))?;
            let relative = relative_name(dir, &path);
            if meta.is_dir() {
                // Only folders that hold listed files are sifsim's.
                let prefix = format!("{relative}/");
                if !manifest.files.keys().any(|name| name.starts_with(&prefix)) {
                    return Err(foreign(&path));
                }
                pending.push(path);
                continue;
            }
            if relative == MANIFEST {
                continue;
            }
            if meta.len() > MAX_FILE_BYTES {
                let bytes = meta.len();
                return Err(OutputError::TooLarge { path, bytes });
            }
            let listed = manifest.files.get(&relative).filter(|_| meta.is_file());
            let Some(listed) = listed else {
                return Err(foreign(&path));
            };
            let unchanged = listed.bytes == meta.len()
                && fs::read(&path).is_ok_and(|bytes| FileEntry::of(&bytes) == *listed);
            if !unchanged {
                return Err(OutputError::Edited(path));
            }
        }
    }
    Ok(manifest)
}

/// The manifest of `dir`: missing, or present but unusable (too large, not a manifest, or
/// naming a file outside the folder).
fn read_manifest(dir: &Path) -> Result<Manifest, OutputError> {
    let bad = |reason: String| OutputError::BadManifest {
        dir: dir.to_owned(),
        reason,
    };
    let path = dir.join(MANIFEST);
    let Ok(file) = File::open(&path) else {
        return Err(OutputError::NoManifest(dir.to_owned()));
    };
    let meta = file
        .metadata()
        .map_err(|e| OutputError::Unreadable(path.clone(), e))?;
    if !meta.is_file() {
        return Err(OutputError::NoManifest(dir.to_owned()));
    }
    if meta.len() > MAX_MANIFEST_BYTES {
        let size = format!(
            "it is {} bytes, more than the {MAX_MANIFEST_BYTES} a manifest may be",
            meta.len()
        );
        return Err(bad(size));
    }
    let manifest: Manifest = serde_json::from_reader(std::io::BufReader::new(file))
        .map_err(|e| bad(format!("it is not a manifest ({e})")))?;
    if let Some(name) = manifest.files.keys().find(|name| !plain_relative(name)) {
        let name = crate::scenario::escaped(name);
        return Err(bad(format!(
            "it lists \"{name}\", which is not a file inside the folder"
        )));
    }
    Ok(manifest)
}

/// `path` relative to `dir`, `/`-separated.
fn relative_name(dir: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(dir).unwrap_or(path);
    let parts: Vec<_> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    parts.join("/")
}

/// A staging folder beside the target; removed on drop unless committed.
pub struct Staging<'a> {
    target: PathBuf,
    temp: PathBuf,
    old: PathBuf,
    manifest: Manifest,
    monitor: &'a dyn Monitor,
    /// Held from creation to commit or drop: no other sifsim writes beside the target meanwhile.
    _lock: File,
    committed: bool,
}

impl<'a> Staging<'a> {
    /// Checks the target, takes the lock, recovers or removes what killed runs left, and creates
    /// a staging folder holding only a first manifest. `monitor` may cancel the writing up to
    /// the final rename.
    pub fn new(
        target: &Path,
        provenance: Provenance,
        monitor: &'a dyn Monitor,
    ) -> Result<Staging<'a>, ExportError> {
        let target = &normalised(target)?;
        check_target(target)?;
        let parent = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)
            .with_context(|| format!("could not create output folder '{}'", parent.display()))?;
        let lock = File::open(&parent)
            .and_then(|f| f.lock().map(|()| f))
            .with_context(|| format!("could not lock folder '{}'", parent.display()))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .ok_or_else(|| OutputError::NoName(target.to_owned()))?;
        let prefix = format!(".{name}.sifsim-");
        // Under the lock: no live run owns what a killed one left; then recheck the target, as
        // another run may have written meanwhile.
        recover_leftovers(&parent, &prefix, target)?;
        check_target(target)?;
        let temp = parent.join(format!("{prefix}partial-{}", std::process::id()));
        fs::create_dir(&temp)
            .with_context(|| format!("could not create staging folder '{}'", temp.display()))?;
        let manifest = Manifest {
            sifsim_version: env!("CARGO_PKG_VERSION").into(),
            provenance,
            files: BTreeMap::new(),
        };
        // The manifest, written at once and again at the end, marks the staging folder as
        // sifsim's for the run after one that was killed.
        let marker = temp.join(MANIFEST);
        let bytes = serde_json::to_vec_pretty(&manifest).context("could not write a manifest")?;
        fs::write(&marker, bytes)
            .with_context(|| format!("could not write '{}'", marker.display()))?;
        Ok(Staging {
            target: target.to_owned(),
            old: parent.join(format!("{prefix}old-{}", std::process::id())),
            temp,
            manifest,
            monitor,
            _lock: lock,
            committed: false,
        })
    }

    /// Writes one file (a relative path, e.g. `charts/fund.svg`) into the staging folder.
    pub fn write(&mut self, relative: &str, bytes: &[u8]) -> Result<(), ExportError> {
        if self.monitor.cancelled() {
            return Err(Interrupted.into());
        }
        let path = self.temp.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("could not create '{}'", parent.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("could not write '{}'", path.display()))?;
        self.manifest
            .files
            .insert(relative.to_string(), FileEntry::of(bytes));
        Ok(())
    }

    /// Writes the manifest and replaces the target folder with the staged one.
    pub fn commit(mut self) -> Result<(), ExportError> {
        let manifest =
            serde_json::to_vec_pretty(&self.manifest).context("could not write the manifest")?;
        let path = self.temp.join(MANIFEST);
        fs::write(&path, manifest)
            .with_context(|| format!("could not write '{}'", path.display()))?;
        // The last moment an interrupt or a changed target stops the run.
        if self.monitor.cancelled() {
            return Err(Interrupted.into());
        }
        check_target(&self.target)?;
        let had_target = fs::symlink_metadata(&self.target).is_ok();
        if had_target {
            fs::rename(&self.target, &self.old).with_context(|| {
                format!(
                    "could not move the previous results in '{}' aside",
                    self.target.display()
                )
            })?;
        }
        if let Err(e) = fs::rename(&self.temp, &self.target) {
            if had_target {
                fs::rename(&self.old, &self.target).ok();
            }
            let context = format!("could not write results to '{}'", self.target.display());
            return Err(anyhow::Error::new(e).context(context).into());
        }
        self.committed = true;
        // Removed only if it still holds nothing but sifsim's files: a file saved into it since
        // the check is kept, in the old folder.
        if had_target && check_owned(&self.old).is_ok() {
            fs::remove_dir_all(&self.old).ok();
        }
        Ok(())
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed {
            fs::remove_dir_all(&self.temp).ok();
        }
    }
}

/// Deals with what runs that were killed left beside a target (`prefix` is `.NAME.sifsim-`):
/// an old folder is the previous results, moved back when the target is missing and removed
/// otherwise; a staging folder is removed. Either only when it holds sifsim's manifest (or
/// nothing): a folder a user happened to name so is left alone. Called under the lock, so no
/// live run owns them.
fn recover_leftovers(parent: &Path, prefix: &str, target: &Path) -> Result<()> {
    let entries = fs::read_dir(parent)
        .with_context(|| format!("could not read folder '{}'", parent.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(prefix) else {
            continue;
        };
        let (old, pid) = match (rest.strip_prefix("old-"), rest.strip_prefix("partial-")) {
            (Some(pid), _) => (true, pid),
            (_, Some(pid)) => (false, pid),
            _ => continue,
        };
        let path = entry.path();
        let numbered = !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        let empty = fs::read_dir(&path).is_ok_and(|mut e| e.next().is_none());
        if !numbered || !is_dir || !(empty || path.join(MANIFEST).is_file()) {
            continue;
        }
        let context = || {
            format!(
                "could not clear away '{}', left by an earlier run that was stopped",
                path.display()
            )
        };
        if old && fs::symlink_metadata(target).is_err() {
            fs::rename(&path, target).with_context(context)?;
        } else if !old || empty || check_owned(&path).is_ok() {
            fs::remove_dir_all(&path).with_context(context)?;
        }
    }
    Ok(())
}

//! A scenario file as read, and its variants: each a list of [`Edit`]s written into the file's
//! TOML and validated like the file, so a variant is only ever as valid as a file would be.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use toml::Table;

use crate::edit::{self, Edit, EditError, Place, Value};
use crate::scenario::{Scenario, ScenarioError};

/// What every variant shares, set after validation: the paths, the seed and the one design kept.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Paths instead of the file's.
    pub paths: Option<u64>,
    /// Seed instead of the file's.
    pub seed: Option<u64>,
    /// Keep only the design of this name.
    pub design: Option<String>,
}

/// Why a scenario file, or a variant of it, cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error(transparent)]
    Scenario(#[from] ScenarioError),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error(transparent)]
    UnknownDesign(#[from] UnknownDesign),
    /// The edits could not be written into the file's text, or it read back differently: a
    /// fault of sifsim, not of the edits.
    #[error("could not write the scenario's text: {0}")]
    Text(String),
}

/// A scenario file, read and validated, from which variants are made.
#[derive(Debug, Clone)]
pub struct Source {
    /// The file, named in errors.
    pub path: PathBuf,
    /// SHA-256 of the file's bytes.
    pub sha256: String,
    /// The file as written.
    table: Table,
    /// The file's text, whose layout and comments a variant's text keeps.
    #[cfg(feature = "serve")]
    text: String,
    /// The file validated, overrides applied.
    scenario: Scenario,
    overrides: Overrides,
}

impl Source {
    /// Reads and validates the scenario file at `path`.
    pub fn read(path: &Path, overrides: Overrides) -> Result<Source, SourceError> {
        let bytes = std::fs::read(path).map_err(|source| ScenarioError::Read {
            path: path.to_owned(),
            source,
        })?;
        Source::from_bytes(path, &bytes, overrides)
    }

    /// Validates scenario text; `path` only names it in errors. An unknown design to keep is
    /// refused with the names of those there are.
    pub fn from_bytes(
        path: &Path,
        bytes: &[u8],
        overrides: Overrides,
    ) -> Result<Source, SourceError> {
        let scenario = overrides.applied(Scenario::from_bytes(path, bytes)?)?;
        // Valid, so UTF-8 TOML: reading it as a table cannot fail.
        let text = String::from_utf8_lossy(bytes).into_owned();
        let table = toml::from_str(&text).unwrap_or_default();
        Ok(Source {
            path: path.to_owned(),
            sha256: sha256_hex(bytes),
            table,
            #[cfg(feature = "serve")]
            text,
            scenario,
            overrides,
        })
    }

    /// The same file named `path` in messages.
    #[cfg(feature = "serve")]
    pub fn renamed(self, path: &Path) -> Result<Source, SourceError> {
        Source::from_bytes(path, self.text.as_bytes(), self.overrides)
    }

    /// The file's TOML as read, before overrides.
    pub fn table(&self) -> &Table {
        &self.table
    }

    /// The scenario as the file has it, overrides applied.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The scenario with `edits` written into the file, validated, overrides applied. A
    /// [`Value::Toward`] stops at the last value validation accepts.
    pub fn variant(&self, edits: &[Edit]) -> Result<Scenario, SourceError> {
        if edits.is_empty() {
            return Ok(self.scenario.clone());
        }
        let edits = self.within_limits(edits)?;
        let (table, _) = self.edited(&edits)?;
        self.validated(table)
    }

    /// The places in the file's TOML that each of `edits` writes, as validation's problems name
    /// theirs: a problem at or inside one is that edit's.
    #[cfg(feature = "serve")]
    pub fn places(&self, edits: &[Edit]) -> Result<Vec<Vec<Place>>, EditError> {
        Ok(self.edited(edits)?.1)
    }

    /// The file's text with `edits` written in as [`Source::variant`] writes them, its comments
    /// and layout kept and each changed value marked; refused like the variant when it is not
    /// valid. Overrides are not written: give paths and seed as edits to keep them.
    #[cfg(feature = "serve")]
    pub fn variant_text(&self, edits: &[Edit]) -> Result<String, SourceError> {
        let edits = self.within_limits(edits)?;
        let (table, places) = self.edited(&edits)?;
        let variant = self.validated(table)?;
        let broken = |e: &dyn std::fmt::Display| SourceError::Text(e.to_string());
        let mut document: toml_edit::DocumentMut = self.text.parse().map_err(|e| broken(&e))?;
        for (edit, places) in edits.iter().zip(&places) {
            for place in places {
                edit::write_kept(&mut document, place, &edit.value).map_err(|e| broken(&e))?;
            }
        }
        let text = document.to_string();
        // The text must say exactly what the variant is.
        let read = toml::from_str(&text).map_err(|e| broken(&e))?;
        if format!("{:?}", self.validated(read)?) != format!("{variant:?}") {
            return Err(broken(&"the edited text reads back differently"));
        }
        Ok(text)
    }

    /// The file's TOML with `edits` written in, and the places each edit wrote.
    fn edited(&self, edits: &[Edit]) -> Result<(Table, Vec<Vec<Place>>), EditError> {
        let mut table = self.table.clone();
        let places = (edits.iter())
            .map(|e| edit::apply(&mut table, e))
            .collect::<Result<_, _>>()?;
        Ok((table, places))
    }

    fn validated(&self, table: Table) -> Result<Scenario, SourceError> {
        let scenario = Scenario::from_table(&self.path, table)?;
        self.overrides.applied(scenario)
    }

    /// `edits` with every [`Value::Toward`] made a number: its `to` if validation accepts it,
    /// else the value nearest `to` that it accepts, found by halving the gap from `from`, all
    /// such edits at once.
    fn within_limits(&self, edits: &[Edit]) -> Result<Vec<Edit>, SourceError> {
        let mut edits = edits.to_vec();
        let mut searches: Vec<Search> = (edits.iter().enumerate())
            .filter_map(|(edit, e)| match e.value {
                Value::Toward { from, to, whole } => Some(Search {
                    edit,
                    accepted: from,
                    refused: to,
                    trying: to,
                    whole,
                }),
                _ => None,
            })
            .collect();
        while !searches.is_empty() {
            let (table, places) = self.edited(&edits)?;
            let problems = match self.validated(table) {
                Ok(_) => Vec::new(),
                Err(SourceError::Scenario(ScenarioError::Invalid { problems, .. })) => problems,
                Err(other) => return Err(other),
            };
            // Problems beyond those worded have no place: any edit may be among them.
            let unplaced = problems.iter().any(|p| p.path.is_empty());
            searches.retain_mut(|search| {
                let refused = unplaced
                    || (places[search.edit].iter())
                        .any(|place| problems.iter().any(|p| p.path.starts_with(place)));
                let next = search.next(refused);
                edits[search.edit].value = Value::Number(search.trying);
                next
            });
        }
        Ok(edits)
    }
}

/// A number moving from an accepted value toward a wanted one: first the wanted value, then
/// halfway between the last accepted and the last refused, until no number lies between them.
struct Search {
    edit: usize,
    accepted: f64,
    refused: f64,
    trying: f64,
    /// Only whole numbers are tried.
    whole: bool,
}

impl Search {
    /// Records whether validation refused the value tried; true while there is another to try
    /// (else `trying` is the last accepted value).
    fn next(&mut self, refused: bool) -> bool {
        if refused {
            self.refused = self.trying;
        } else {
            self.accepted = self.trying;
        }
        let (a, r) = (self.key(self.accepted), self.key(self.refused));
        let middle = a + (r - a) / 2;
        let more = middle != a && middle != r;
        self.trying = if more {
            self.number(middle)
        } else {
            self.accepted
        };
        more
    }

    /// The number's rank: the number itself when whole, else its place in the order of f64s.
    fn key(&self, x: f64) -> i128 {
        if self.whole {
            x as i128
        } else {
            let bits = x.to_bits() as i64;
            i128::from(if bits < 0 { bits ^ i64::MAX } else { bits })
        }
    }

    fn number(&self, key: i128) -> f64 {
        if self.whole {
            key as f64
        } else {
            let bits = key as i64;
            f64::from_bits((if bits < 0 { bits ^ i64::MAX } else { bits }) as u64)
        }
    }
}

impl Overrides {
    /// `scenario` with the overrides, checked as the file's values
    /// are; an unknown design is refused with the names of those there are.
    fn applied(&self, scenario: Scenario) -> Result<Scenario, SourceError> {
        let mut scenario = scenario.with_futures(self.paths, self.seed)?;
        if let Some(name) = &self.design {
            scenario.keep_design(design_index(&scenario, name)?);
        }
        Ok(scenario)
    }
}

/// A design asked for by name that the scenario does not have. Exit code 2.
#[derive(Debug, thiserror::Error)]
#[error("--design \"{name}\": the scenario has no such design; its designs are {designs}")]
pub struct UnknownDesign {
    name: String,
    /// The scenario's designs, quoted.
    designs: String,
}

/// The index of the design named `name`; refused, listing the designs there are, when the
/// scenario has none of that name.
pub fn design_index(scenario: &Scenario, name: &str) -> Result<usize, UnknownDesign> {
    if let Some(index) = scenario.designs().iter().position(|d| d.name == name) {
        return Ok(index);
    }
    let names: Vec<String> = (scenario.designs().iter())
        .map(|d| format!("\"{}\"", d.name))
        .collect();
    Err(UnknownDesign {
        name: name.to_string(),
        designs: names.join(", "),
    })
}

/// SHA-256 of some bytes, as hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

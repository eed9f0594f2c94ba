//! The funds the page offers: the bundled scenarios, embedded in the binary, or the one file
//! named on the command line. The page chooses a fund by its id, never by a path.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Serialize;
use serde_json::Value as Json;

use super::controls::{self, Control, Edits, Refused, plain};
use crate::edit::{Edit, FieldPath, Value};
use crate::error::Error;
use crate::export::names::slug;
use crate::labels::{Lang, fill};
use crate::scenario::MAX_NAME;
use crate::source::{Overrides, Source, SourceError};

/// The bundled real funds, each as written and with evaluations' typical outcomes.
const BUNDLED: [(&str, &str); 10] = [
    ("boras", include_str!("../../scenarios/boras.toml")),
    ("orebro", include_str!("../../scenarios/orebro.toml")),
    (
        "norrkoping",
        include_str!("../../scenarios/norrkoping.toml"),
    ),
    ("ale", include_str!("../../scenarios/ale.toml")),
    ("tomelilla", include_str!("../../scenarios/tomelilla.toml")),
    (
        "boras-pessimistic",
        include_str!("../../scenarios/boras-pessimistic.toml"),
    ),
    (
        "orebro-pessimistic",
        include_str!("../../scenarios/orebro-pessimistic.toml"),
    ),
    (
        "norrkoping-pessimistic",
        include_str!("../../scenarios/norrkoping-pessimistic.toml"),
    ),
    (
        "ale-pessimistic",
        include_str!("../../scenarios/ale-pessimistic.toml"),
    ),
    (
        "tomelilla-pessimistic",
        include_str!("../../scenarios/tomelilla-pessimistic.toml"),
    ),
];

/// A download of the page's settings: the edits it is made of and what they changed.
pub struct Download {
    pub edits: Vec<Edit>,
    /// Each change for a reader; empty when nothing changed.
    pub changes: Vec<String>,
    /// The heading above the changes.
    pub title: String,
}

impl Download {
    /// The changed scenario's text, its comments kept, with the changes listed in comments at
    /// its top.
    pub fn text(&self, source: &Source) -> Result<String, SourceError> {
        let text = source.variant_text(&self.edits)?;
        if self.changes.is_empty() {
            return Ok(text);
        }
        let mut noted = format!("# {}\n", self.title);
        for change in &self.changes {
            noted += &format!("#   {change}\n");
        }
        Ok(noted + "\n" + &text)
    }
}

/// A fund the page may show: its scenario as read, and its controls.
#[derive(Debug)]
pub struct Fund {
    pub id: String,
    pub source: Source,
    pub controls: Vec<Control>,
}

impl Fund {
    fn new(id: String, source: Source) -> Fund {
        let controls = controls::controls(source.scenario());
        Fund {
            id,
            source,
            controls,
        }
    }

    /// The bundled funds.
    pub fn bundled() -> Result<Vec<Fund>, Error> {
        (BUNDLED.iter())
            .map(|&(id, text)| {
                let path = Path::new(id).with_extension("toml");
                let source = Source::from_bytes(&path, text.as_bytes(), Overrides::default())?;
                Ok(Fund::new(id.to_string(), source))
            })
            .collect()
    }

    /// The scenario file at `path`, read and validated. Past the reading, messages name it by
    /// its file name only: the page never shows where the server keeps its files.
    pub fn read(path: &Path) -> Result<Fund, Error> {
        let source = Source::read(path, Overrides::default())?;
        let name = Path::new(path.file_name().unwrap_or(path.as_os_str()));
        let source = source.renamed(name)?;
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        Ok(Fund::new(slug(&stem), source))
    }

    /// The edits `values` make, each with its control's id.
    pub fn edits(&self, values: &BTreeMap<String, Json>) -> Result<Edits, Refused> {
        controls::edits(self.source.scenario(), &self.controls, values)
    }

    /// What a download of `values` says it changed: each change for a reader, and the edits
    /// with the scenario's name marked as changed (when that name still fits).
    pub fn download(&self, values: &BTreeMap<String, Json>, edits: Edits, lang: Lang) -> Download {
        let scenario = self.source.scenario();
        let changes = controls::changes(scenario, &self.controls, values, &edits, lang);
        let mut edits = plain(&edits);
        let name = format!("{}{}", scenario.name(), lang.report().changed);
        if !changes.is_empty() && name.chars().count() <= MAX_NAME {
            edits.push(Edit {
                field: FieldPath::of("simulation", "name"),
                value: Value::Text(name),
            });
        }
        let file =
            (self.source.path.file_name()).map_or(String::new(), |f| f.to_string_lossy().into());
        let title = fill(lang.report().changes_title, &[("file", &file)]);
        Download {
            edits,
            changes,
            title,
        }
    }

    /// What the page lists of the fund.
    pub fn entry(&self) -> Entry<'_> {
        let scenario = self.source.scenario();
        Entry {
            id: &self.id,
            name: scenario.name(),
            municipality: &scenario.municipality().name,
        }
    }

    /// What the page builds its controls from.
    pub fn view(&self) -> View<'_> {
        let scenario = self.source.scenario();
        View {
            entry: self.entry(),
            start_year: scenario.start_year(),
            years: scenario.years(),
            designs: (scenario.designs().iter())
                .map(|d| DesignView {
                    name: &d.name,
                    model: d.model.name(),
                })
                .collect(),
            controls: &self.controls,
        }
    }
}

/// A fund in the page's list.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub id: &'a str,
    /// The scenario's name.
    pub name: &'a str,
    pub municipality: &'a str,
}

/// A fund as the page builds its controls.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    #[serde(flatten)]
    pub entry: Entry<'a>,
    pub start_year: i64,
    pub years: usize,
    pub designs: Vec<DesignView<'a>>,
    pub controls: &'a [Control],
}

/// A design as loaded.
#[derive(Debug, Serialize)]
pub struct DesignView<'a> {
    pub name: &'a str,
    pub model: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the server's error messages showed the scenario file's absolute path.
    #[test]
    fn a_served_file_is_named_by_its_file_name_only() {
        let path = std::env::current_dir()
            .unwrap()
            .join("scenarios/tomelilla.toml");
        let fund = Fund::read(&path).unwrap();
        assert_eq!(fund.source.path, Path::new("tomelilla.toml"));
        let wrong = Edit::number(FieldPath::of("municipality", "total_budget"), -1.0);
        let message = fund.source.variant(&[wrong]).unwrap_err().to_string();
        assert!(message.contains("'tomelilla.toml'"), "{message}");
        let folder = path.parent().unwrap().to_string_lossy().into_owned();
        assert!(!message.contains(&folder), "{message}");
    }
}

//! Typed edits of a scenario file: a field's path in typed parts and the value written there.
//!
//! An edit is applied to the file's TOML before validation ([`crate::source::Source::variant`]),
//! so an edited value is checked like one written in the file. Sweeps' `--set`, sensitivity's
//! inputs and any other front end make their variants this way.

use std::fmt;
use std::str::FromStr;

use toml::{Table, Value as Toml};

#[cfg(feature = "serve")]
mod kept;
#[cfg(feature = "serve")]
pub use kept::write_kept;

/// A place in a TOML document: the keys and positions that lead to it, as validation's
/// problems give theirs.
pub type Place = Vec<PathPart>;

/// One step into a TOML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Key(String),
    Index(usize),
}

/// A field of a scenario file: `design[Örebro].repayment.floor_share` is the section `design`,
/// the entry named "Örebro" and the keys `repayment`, `floor_share`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    /// The top table or array of tables: `simulation`, `municipality`, `unit`, `design`, ….
    pub section: String,
    /// Which entries of an array of tables; `None` is every entry.
    pub entry: Option<Entry>,
    /// The keys inside the section or entry, outermost first.
    pub keys: Vec<String>,
}

/// An entry of an array of tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The entry whose `name` (or a unit's `id`) is this.
    Named(String),
    /// The entry at this position, from 0.
    Index(usize),
}

impl FieldPath {
    /// A field of a top table, e.g. `("municipality", "annual_result.mean")`.
    pub fn of(section: &str, keys: &str) -> FieldPath {
        FieldPath {
            section: section.into(),
            entry: None,
            keys: keys.split('.').map(String::from).collect(),
        }
    }

    /// A field of the entry at `index` of an array of tables, e.g. `("project", 2, "cost")`.
    pub fn at(section: &str, index: usize, keys: &str) -> FieldPath {
        FieldPath {
            entry: Some(Entry::Index(index)),
            ..FieldPath::of(section, keys)
        }
    }
}

impl fmt::Display for FieldPath {
    /// As written on the command line; an entry by position as `[#n]`, counted from 1.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.section)?;
        match &self.entry {
            Some(Entry::Named(name)) => write!(f, "[{name}]")?,
            Some(Entry::Index(i)) => write!(f, "[#{}]", i + 1)?,
            None => {}
        }
        write!(f, ".{}", self.keys.join("."))
    }
}

impl FromStr for FieldPath {
    type Err = EditError;

    /// `SECTION.FIELD` or `SECTION[NAME].FIELD`, where FIELD is keys joined by dots; a name may
    /// hold dots.
    fn from_str(path: &str) -> Result<FieldPath, EditError> {
        let malformed = || {
            error(
                path,
                format!(
                    "'{path}' is not a field's path; write SECTION.FIELD or SECTION[NAME].FIELD, \
                     e.g. design[Örebro].repayment.floor_share"
                ),
            )
        };
        let (section, entry, rest) = match path.split_once('[') {
            Some((section, after)) if !section.contains('.') => {
                let (name, rest) = after.split_once("].").ok_or_else(malformed)?;
                (section, Some(name), rest)
            }
            _ => {
                let (section, rest) = path.split_once('.').ok_or_else(malformed)?;
                (section, None, rest)
            }
        };
        let bad_key = |key: &str| key.is_empty() || key.contains(['[', ']']);
        if bad_key(section) || rest.split('.').any(bad_key) || entry.is_some_and(str::is_empty) {
            return Err(malformed());
        }
        Ok(FieldPath {
            section: section.into(),
            entry: entry.map(|name| Entry::Named(name.into())),
            keys: rest.split('.').map(String::from).collect(),
        })
    }
}

/// One change of a scenario file: `value` written at `field`.
#[derive(Debug, Clone, PartialEq)]
pub struct Edit {
    pub field: FieldPath,
    pub value: Value,
}

/// What an edit writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A number, written as a whole number when it is one.
    Number(f64),
    /// A word, e.g. a design's `model` or a repayment's `basis`.
    Text(String),
    /// `true` or `false`.
    Bool(bool),
    /// A table of numbers replacing the field whole, e.g. a distribution however it was written.
    Table(Vec<(&'static str, f64)>),
    /// The field taken out, as if the file left it out (a table a design's new model does not
    /// take).
    Removed,
    /// The field's value `from` moved toward `to`, stopping at the last value validation
    /// accepts: a change that ends at the edge of the field's allowed range. With `whole`, only
    /// whole numbers are tried (a field of years).
    Toward { from: f64, to: f64, whole: bool },
    /// A number of a deposit rule in the list at the field (a design's `fund.deposits`): `key`
    /// of the first rule of `kind`, or a new rule `{ kind, key = value }` at the list's end
    /// when there is none.
    Deposit {
        kind: &'static str,
        key: &'static str,
        value: f64,
    },
}

impl Edit {
    pub fn number(field: FieldPath, value: f64) -> Edit {
        Edit {
            field,
            value: Value::Number(value),
        }
    }

    pub fn table(field: FieldPath, entries: Vec<(&'static str, f64)>) -> Edit {
        Edit {
            field,
            value: Value::Table(entries),
        }
    }

    pub fn toward(field: FieldPath, from: f64, to: f64) -> Edit {
        Edit {
            field,
            value: Value::Toward {
                from,
                to,
                whole: false,
            },
        }
    }

    /// [`Edit::toward`] for a field that takes whole numbers.
    pub fn toward_whole(field: FieldPath, from: i64, to: i64) -> Edit {
        Edit {
            field,
            value: Value::Toward {
                from: from as f64,
                to: to as f64,
                whole: true,
            },
        }
    }
}

/// Why an edit does not fit a scenario file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct EditError {
    /// The field's path as written.
    pub field: String,
    pub message: String,
}

fn error(field: &str, message: impl fmt::Display) -> EditError {
    EditError {
        field: field.into(),
        message: message.to_string(),
    }
}

/// A number as TOML: an integer when it is a whole number, so integer fields take it.
fn toml_number(value: f64) -> Toml {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        Toml::Integer(value as i64)
    } else {
        Toml::Float(value)
    }
}

/// Writes `edit` into a scenario file's TOML and returns the places written, as paths into the
/// document. Without an entry, a field goes to every entry of an array of tables, and
/// `design.repayment.…` only to the designs with repayment rules, `design.grant.…` only to the
/// dual ones; a field left to its default is written in.
pub fn apply(table: &mut Table, edit: &Edit) -> Result<Vec<Place>, EditError> {
    let field = &edit.field;
    let fail = |message: String| error(&field.to_string(), message);
    let section = &field.section;
    let found = table
        .get_mut(section)
        .ok_or_else(|| fail(format!("the scenario has no [{section}] or [[{section}]]")))?;
    let targets: Vec<(Option<usize>, &mut Table)> = match found {
        Toml::Table(t) if field.entry.is_none() => vec![(None, t)],
        Toml::Array(entries) => (entries.iter_mut().enumerate())
            .filter_map(|(i, entry)| Some((Some(i), entry.as_table_mut()?)))
            .filter(|(i, t)| match &field.entry {
                None => section != "design" || takes(t, &field.keys[0]),
                Some(Entry::Named(name)) => {
                    [t.get("name"), t.get("id")].contains(&Some(&Toml::String(name.clone())))
                }
                Some(Entry::Index(index)) => *i == Some(*index),
            })
            .collect(),
        _ => return Err(fail(format!("[{section}] has no entries to select from"))),
    };
    if targets.is_empty() {
        return Err(fail(match &field.entry {
            Some(Entry::Named(name)) => format!("no [[{section}]] is named \"{name}\""),
            Some(Entry::Index(i)) => format!("there is no [[{section}]] number {}", i + 1),
            None => format!("no [[{section}]] has this field"),
        }));
    }
    let value = match &edit.value {
        Value::Number(v) | Value::Toward { to: v, .. } | Value::Deposit { value: v, .. } => {
            Some(toml_number(*v))
        }
        Value::Text(text) => Some(Toml::String(text.clone())),
        Value::Bool(b) => Some(Toml::Boolean(*b)),
        Value::Table(entries) => Some(Toml::Table(
            (entries.iter())
                .map(|&(key, v)| (key.to_string(), Toml::Float(v)))
                .collect(),
        )),
        Value::Removed => None,
    };
    let mut places = Vec::new();
    for (index, target) in targets {
        let mut place = vec![PathPart::Key(section.clone())];
        place.extend(index.map(PathPart::Index));
        place.extend(field.keys.iter().cloned().map(PathPart::Key));
        match (&edit.value, value.clone()) {
            (Value::Deposit { kind, key, .. }, Some(value)) => {
                let rule = set_deposit(target, &field.keys, kind, key, value).map_err(fail)?;
                place.extend([PathPart::Index(rule), PathPart::Key(key.to_string())]);
            }
            (_, value) => set(target, &field.keys, value).map_err(fail)?,
        }
        places.push(place);
    }
    Ok(places)
}

/// Whether a design's model takes the table `key` names.
fn takes(design: &Table, key: &str) -> bool {
    let model = design.get("model").and_then(Toml::as_str).unwrap_or("");
    match key {
        "repayment" => matches!(model, "repayment" | "dual"),
        "grant" => model == "dual",
        _ => true,
    }
}

/// Sets the value at `keys` inside a table, creating tables on the way; `None` removes it.
fn set(table: &mut Table, keys: &[String], value: Option<Toml>) -> Result<(), String> {
    match keys {
        [] => Ok(()),
        [key] => {
            match value {
                Some(value) => table.insert(key.clone(), value),
                None => table.remove(key),
            };
            Ok(())
        }
        [first, ..] if value.is_none() && !table.contains_key(first) => Ok(()),
        [first, rest @ ..] => match table
            .entry(first)
            .or_insert_with(|| Toml::Table(Table::new()))
        {
            Toml::Table(inner) => set(inner, rest, value),
            _ => Err(format!(
                "{first} is written as a plain value; write it as a table to set {}",
                rest.join(".")
            )),
        },
    }
}

/// Sets `key` of the first rule of `kind` in the list at `keys` (created when missing), or
/// appends a rule `{ kind, key = value }`; returns the rule's position.
fn set_deposit(
    table: &mut Table,
    keys: &[String],
    kind: &str,
    key: &str,
    value: Toml,
) -> Result<usize, String> {
    let (list, outer) = keys.split_last().ok_or("no field")?;
    let mut table = table;
    for first in outer {
        table = match table
            .entry(first)
            .or_insert_with(|| Toml::Table(Table::new()))
        {
            Toml::Table(inner) => inner,
            _ => return Err(format!("{first} is written as a plain value, not a table")),
        };
    }
    let not_rules = || format!("{list} is not a list of rules");
    let Toml::Array(rules) = table.entry(list).or_insert_with(|| Toml::Array(Vec::new())) else {
        return Err(not_rules());
    };
    let of_kind = |rule: &Toml| rule.get("kind").and_then(Toml::as_str) == Some(kind);
    let position = rules.iter().position(of_kind).unwrap_or_else(|| {
        let rule = Table::from_iter([("kind".to_string(), Toml::String(kind.into()))]);
        rules.push(Toml::Table(rule));
        rules.len() - 1
    });
    let Toml::Table(rule) = &mut rules[position] else {
        return Err(not_rules());
    };
    rule.insert(key.into(), value);
    Ok(position)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_reads_back_as_written() {
        for text in [
            "design.repayment.horizon_years",
            "design[Örebro v1.2].repayment.floor_share",
            "unit[social].frame",
        ] {
            assert_eq!(text.parse::<FieldPath>().unwrap().to_string(), text);
        }
        let path: FieldPath = "design[Ale 1.2].fund.initial".parse().unwrap();
        assert_eq!(path.entry, Some(Entry::Named("Ale 1.2".into())));
        assert_eq!(path.keys, ["fund", "initial"]);
        for bad in ["design", "design[].x", "design[A.x", "design.", "a.b[c].d"] {
            assert!(bad.parse::<FieldPath>().is_err(), "{bad}");
        }
    }

    #[test]
    fn an_entry_by_position_gets_a_table_and_reports_where() {
        let mut table: Table = toml::from_str(
            "[[project]]\nname = \"A\"\ncost = 2\n[[project]]\nname = \"B\"\ncost = 3\n",
        )
        .unwrap();
        let edit = Edit::table(
            FieldPath::at("project", 1, "cost"),
            vec![("median", 4.0), ("sigma", 0.5)],
        );
        let places = apply(&mut table, &edit).unwrap();
        let key = |k: &str| PathPart::Key(k.into());
        assert_eq!(
            places,
            [vec![key("project"), PathPart::Index(1), key("cost")]]
        );
        assert_eq!(table["project"][0]["cost"].as_integer(), Some(2));
        assert_eq!(table["project"][1]["cost"]["median"].as_float(), Some(4.0));
        let missing = apply(
            &mut table,
            &Edit::number(FieldPath::at("project", 2, "cost"), 1.0),
        );
        assert!(missing.unwrap_err().message.contains("number 3"));
    }
}

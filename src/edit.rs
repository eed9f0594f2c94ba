//! Typed edits of a scenario file: a field's path in typed parts and the value written there.
//!
//! An edit is applied to the file's TOML before validation ([`crate::source::Source::variant`]),
//! so an edited value is checked like one written in the file. Sweeps' `--set`, sensitivity's
//! inputs and any other front end make their variants this way.

use std::fmt;
use std::str::FromStr;

use toml::{Table, Value as Toml};

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

/// [`toml_number`] as written text.
fn written_number(value: f64) -> toml_edit::Value {
    match toml_number(value) {
        Toml::Integer(i) => toml_edit::Value::from(i),
        _ => toml_edit::Value::from(value),
    }
}

/// Writes `value` at `place` (a place [`apply`] wrote) into the file's text as a TOML document,
/// keeping its layout and comments: a changed value keeps its line's comment after a note of
/// what it was, an added one is marked as added, and tables are created as dotted keys.
pub fn write_kept(
    document: &mut toml_edit::DocumentMut,
    place: &[PathPart],
    value: &Value,
) -> Result<(), String> {
    write_in(document.as_table_mut(), place, value, false)
}

fn write_in(
    table: &mut dyn toml_edit::TableLike,
    place: &[PathPart],
    value: &Value,
    inline: bool,
) -> Result<(), String> {
    let missing = || format!("the file has no {place:?}");
    if let (
        Value::Deposit { kind, value, .. },
        [PathPart::Key(list), PathPart::Index(i), PathPart::Key(key)],
    ) = (value, place)
    {
        return write_deposit(table, list, *i, key, kind, *value, inline);
    }
    match place {
        [PathPart::Key(key)] => {
            write_leaf(table, key, value, inline);
            Ok(())
        }
        [PathPart::Key(key), PathPart::Index(i), rest @ ..] => {
            let entry = (table.get_mut(key))
                .and_then(toml_edit::Item::as_array_of_tables_mut)
                .and_then(|entries| entries.get_mut(*i))
                .ok_or_else(missing)?;
            write_in(entry, rest, value, false)
        }
        [PathPart::Key(key), rest @ ..] => {
            if *value == Value::Removed && table.get(key).is_none() {
                return Ok(());
            }
            let item = table.entry(key).or_insert_with(|| {
                let mut new = toml_edit::Table::new();
                new.set_dotted(true);
                toml_edit::Item::Table(new)
            });
            let inline = inline || item.is_inline_table();
            write_in(
                item.as_table_like_mut().ok_or_else(missing)?,
                rest,
                value,
                inline,
            )
        }
        _ => Err(missing()),
    }
}

/// Writes `key = value` into rule `i` of the list `list`, appending a rule of `kind` when `i` is
/// the list's length. Outside inline tables a comment says what changed: at the end of the
/// rule's line when the list is written a rule a line, else at the list's.
fn write_deposit(
    table: &mut dyn toml_edit::TableLike,
    list: &str,
    i: usize,
    key: &str,
    kind: &str,
    value: f64,
    inline: bool,
) -> Result<(), String> {
    let new_list = || toml_edit::value(toml_edit::Array::new());
    let rules = (table.entry(list).or_insert_with(new_list).as_array_mut())
        .ok_or_else(|| format!("{list} is not written as a list [ … ]"))?;
    let mut number = written_number(value);
    let note = match rules
        .get_mut(i)
        .and_then(toml_edit::Value::as_inline_table_mut)
    {
        Some(rule) => {
            let old = rule
                .get(key)
                .ok_or_else(|| format!("a rule of {list} has no {key}"))?;
            if same(old, &number) {
                return Ok(());
            }
            *number.decor_mut() = old.decor().clone();
            let note = format!("changed, {key} was {}", old.clone().decorated("", ""));
            rule.insert(key, number);
            note
        }
        None => {
            let mut rule: toml_edit::InlineTable =
                [("kind", kind.into()), (key, number)].into_iter().collect();
            rule.fmt();
            rules.push(rule);
            "added".to_string()
        }
    };
    let trailing = rules.trailing().as_str().unwrap_or("").to_string();
    if inline {
        return Ok(());
    } else if !trailing.contains('\n') {
        let comment = rules
            .decor()
            .suffix()
            .and_then(|s| s.as_str())
            .unwrap_or("");
        let marked = format!(" # {note}{comment}");
        rules.decor_mut().set_prefix(" ");
        rules.decor_mut().set_suffix(marked);
        return Ok(());
    }
    // A rule's line ends in the next rule's prefix, the last one's in the list's trailing text.
    let after = match rules.get(i + 1) {
        Some(next) => next.decor().prefix().and_then(|p| p.as_str()),
        None => Some(trailing.as_str()),
    };
    let after = after.unwrap_or("").to_string();
    let (line, rest) = after.split_once('\n').unwrap_or((&after, ""));
    if note == "added" {
        // The rule before keeps its comment on its line.
        let indent = (rules.get(0).and_then(|r| r.decor().prefix()?.as_str()))
            .and_then(|p| p.rsplit('\n').next())
            .unwrap_or("  ");
        let prefix = format!("{line}\n{indent}");
        rules
            .get_mut(i)
            .expect("pushed")
            .decor_mut()
            .set_prefix(prefix);
        rules.set_trailing(format!(" # added\n{rest}"));
    } else {
        let marked = format!(" # {note}{line}\n{rest}");
        match rules.get_mut(i + 1) {
            Some(next) => next.decor_mut().set_prefix(marked),
            None => rules.set_trailing(marked),
        }
    }
    Ok(())
}

/// Whether two written values say the same: numbers by value (`1` is `1.0`), others as written.
fn same(a: &toml_edit::Value, b: &toml_edit::Value) -> bool {
    let number = |v: &toml_edit::Value| v.as_float().or(v.as_integer().map(|i| i as f64));
    match (number(a), number(b)) {
        (Some(x), Some(y)) => x == y,
        _ => {
            let bare = |v: &toml_edit::Value| {
                let mut v = v.clone();
                v.decor_mut().clear();
                v.to_string()
            };
            bare(a) == bare(b)
        }
    }
}

/// Sets, replaces or removes `key` of `table`; outside inline tables a comment says what changed.
fn write_leaf(table: &mut dyn toml_edit::TableLike, key: &str, value: &Value, inline: bool) {
    let mut new = match value {
        Value::Number(v) | Value::Toward { to: v, .. } | Value::Deposit { value: v, .. } => {
            written_number(*v)
        }
        Value::Text(text) => toml_edit::Value::from(text.as_str()),
        Value::Bool(b) => toml_edit::Value::from(*b),
        Value::Table(entries) => toml_edit::Value::InlineTable(
            (entries.iter())
                .map(|&(key, v)| (key, toml_edit::Value::from(v)))
                .collect(),
        ),
        Value::Removed => {
            table.remove(key);
            return;
        }
    };
    let old = table.get_mut(key).and_then(toml_edit::Item::as_value_mut);
    if old.as_ref().is_some_and(|old| same(old, &new)) {
        return;
    }
    if inline {
        new.decor_mut().set_prefix(" ");
        new.decor_mut().set_suffix(" ");
    } else {
        let note = match &old {
            Some(old) => {
                let mut was = (*old).clone();
                was.decor_mut().clear();
                let comment = old.decor().suffix().and_then(|s| s.as_str()).unwrap_or("");
                format!(" # changed, was {was}{comment}")
            }
            None => " # added".to_string(),
        };
        new.decor_mut().set_prefix(" ");
        new.decor_mut().set_suffix(note);
    }
    match old {
        Some(old) => *old = new,
        None => {
            table.insert(key, toml_edit::Item::Value(new));
        }
    }
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

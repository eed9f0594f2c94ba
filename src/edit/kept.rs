//! A variant written into the file's own text: its layout and comments kept, each changed
//! value marked (the live page's downloads).

use toml::Value as Toml;

use super::{PathPart, Value, toml_number};

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

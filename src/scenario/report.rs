//! Error reports that point into the scenario file: line, column and the offending line.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use toml::de::DeTable;

use super::check::{Problem, escaped, escaped_lines};
use crate::edit::PathPart;

/// Renders every problem with the line it is on (or its table, for a missing field); a line
/// already quoted is named, not quoted again. The work is the file's size once, plus each
/// line quoted.
pub fn render_problems(path: &Path, text: &str, problems: &[Problem]) -> String {
    let document = DeTable::parse(text).ok();
    let file = path.display().to_string();
    let renderer = Renderer::plain();
    let line_starts: Vec<usize> = (std::iter::once(0))
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let mut quoted_lines = HashSet::new();
    problems
        .iter()
        .map(|problem| {
            let title = escaped(&problem.to_string());
            let span = document.as_ref().map(|d| locate(d, &problem.path));
            let report = match span {
                Some(span) if !span.is_empty() => {
                    let (line, quoted, span) = quote(text, &line_starts, span);
                    if !quoted_lines.insert(line) {
                        let title = renderer
                            .render(&[Group::with_title(Level::ERROR.primary_title(&title))]);
                        return format!("{title}\n  --> {file}:{line}\n");
                    }
                    renderer.render(&[Level::ERROR.primary_title(&title).element(
                        Snippet::source(quoted)
                            .line_start(line)
                            .path(&file)
                            .annotation(AnnotationKind::Primary.span(span)),
                    )])
                }
                _ => renderer.render(&[Group::with_title(Level::ERROR.primary_title(&title))]),
            };
            // The source may hold what a terminal acts on (TOML allows U+0080..=U+009F raw).
            escaped_lines(&report) + "\n"
        })
        .collect()
}

/// The line `span` starts on (counted from 1), that line, and the span within it (cut at
/// the line's end). The renderer shows only as much of a long line as the terminal holds.
fn quote<'a>(
    text: &'a str,
    line_starts: &[usize],
    span: Range<usize>,
) -> (usize, &'a str, Range<usize>) {
    let line = line_starts.partition_point(|&start| start <= span.start);
    let start = line_starts[line - 1];
    let end = (line_starts.get(line)).map_or(text.len(), |&next| next - 1);
    let quoted = &text[start..end.max(start)];
    let inside = (span.start - start).min(quoted.len());
    (
        line,
        quoted,
        inside..(span.end.min(end) - start).max(inside),
    )
}

/// The span of the value at `path`, or of the deepest table on the way that exists.
fn locate(document: &toml::Spanned<DeTable>, path: &[PathPart]) -> Range<usize> {
    let Some((PathPart::Key(first), rest)) = path.split_first() else {
        return document.span();
    };
    let Some(mut node) = document.get_ref().get(first.as_str()) else {
        return document.span();
    };
    for part in rest {
        let next = match part {
            PathPart::Key(key) => node.get_ref().get(key.as_str()),
            PathPart::Index(i) => node.get_ref().get(*i),
        };
        match next {
            Some(next) => node = next,
            None => break,
        }
    }
    node.span()
}

/// The TOML reader's message for a reader: Rust's type names in words, long numbers in their
/// short form, and "did you mean" for an unknown field or variant.
pub fn reader_message(message: &str) -> String {
    const TYPES: [(&str, &str); 6] = [
        (" as i128", ""),
        ("expected i64", "expected a whole number"),
        ("expected u64", "expected a whole number"),
        ("expected u32", "expected a whole number"),
        ("expected usize", "expected a whole number"),
        ("expected f64", "expected a number"),
    ];
    let worded = TYPES
        .iter()
        .fold(message.to_string(), |text, (rust, words)| {
            text.replace(rust, words)
        });
    suggest(&short_numbers(&worded))
}

/// Every number quoted in backticks longer than 20 characters (`1000…0.0`) in its short form.
fn short_numbers(message: &str) -> String {
    let parts: Vec<String> = message
        .split('`')
        .enumerate()
        .map(|(i, part)| match part.parse::<f64>() {
            Ok(v) if i % 2 == 1 && part.len() > 20 => super::shown(v),
            _ => part.to_string(),
        })
        .collect();
    parts.join("`")
}

/// Adds "did you mean" to an unknown-field or unknown-variant error from the TOML reader.
fn suggest(message: &str) -> String {
    let Some(rest) = ["unknown field `", "unknown variant `"]
        .iter()
        .find_map(|prefix| message.split_once(prefix).map(|(_, rest)| rest))
    else {
        return message.to_string();
    };
    let Some((unknown, expected)) = rest.split_once('`') else {
        return message.to_string();
    };
    let candidates = expected.split('`').skip(1).step_by(2);
    let best = candidates
        .map(|c| (strsim::jaro_winkler(unknown, c), c))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match best {
        Some((score, candidate)) if score > 0.8 => {
            format!("{}\nhelp: did you mean `{candidate}`?", message.trim_end())
        }
        _ => message.to_string(),
    }
}

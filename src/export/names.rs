//! File and folder names made from the names in a scenario: slugs, kept short, and file stems
//! kept apart, so that two different names never share a file.

use std::collections::HashMap;

use sha2::{Digest, Sha256};

/// Longest slug, in characters; file names made from it stay far below 255 bytes.
const MAX_SLUG: usize = 60;

/// A file or folder name from a name: lower case ASCII letters, digits and dashes, at most 60
/// characters; "scenario" if nothing is left.
pub fn slug(name: &str) -> String {
    let mut slug = whole_slug(name);
    slug.truncate(MAX_SLUG);
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "scenario".into()
    } else {
        slug.into()
    }
}

/// A name's slug before it is cut to length.
fn whole_slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' => 'a',
            'ö' | 'ø' | 'ó' => 'o',
            'é' | 'è' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug
}

/// A folder name for a text such as a sweep's settings: its slug, with a hash of the text when
/// the slug had to be cut, so that two texts never share a folder.
pub fn unique_slug(text: &str) -> String {
    let short = slug(text);
    if whole_slug(text).trim_end_matches('-').len() <= MAX_SLUG {
        return short;
    }
    format!("{short}-{}", hash(text))
}

/// The first four bytes of `text`'s SHA-256, in hex.
fn hash(text: &str) -> String {
    (Sha256::digest(text.as_bytes()).iter().take(4))
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// What a file is named after: the kind of file (`fund`, `burden-by-design`) and, for a file
/// about one design, the design's name.
#[derive(Debug, Clone, Copy)]
pub struct Stem<'a> {
    pub kind: &'static str,
    pub name: Option<&'a str>,
}

impl<'a> Stem<'a> {
    /// A file named by its kind alone.
    pub fn fixed(kind: &'static str) -> Stem<'a> {
        Stem { kind, name: None }
    }

    /// A file about something named `name`.
    pub fn named(kind: &'static str, name: &'a str) -> Stem<'a> {
        Stem {
            kind,
            name: Some(name),
        }
    }

    /// `kind`, or `kind-slug`, with a hash of the name from `level` 1 and the position from 2.
    fn file_stem(&self, level: u8, position: usize) -> String {
        let Some(name) = self.name else {
            return self.kind.into();
        };
        let stem = format!("{}-{}", self.kind, slug(name));
        let hash = hash(name);
        match level {
            0 => stem,
            1 => format!("{stem}-{hash}"),
            _ => format!("{stem}-{hash}-{position}"),
        }
    }
}

/// A file name without extension for each of `stems`, no two the same: `kind` or `kind-slug`;
/// where two named files would share one, each gets a short hash of its name
/// (`fund-orebro-1a2b3c4d`), and where even that is shared, its position in `stems` too.
pub fn file_stems(stems: &[Stem]) -> Vec<String> {
    let mut levels = vec![0u8; stems.len()];
    loop {
        let names: Vec<String> = (stems.iter().zip(&levels).enumerate())
            .map(|(i, (stem, &level))| stem.file_stem(level, i))
            .collect();
        let mut count: HashMap<&str, usize> = HashMap::new();
        for name in &names {
            *count.entry(name).or_default() += 1;
        }
        let mut changed = false;
        for (i, name) in names.iter().enumerate() {
            // Positions end every level-2 stem differently, so they never collide.
            if count[name.as_str()] > 1 && stems[i].name.is_some() && levels[i] < 2 {
                levels[i] += 1;
                changed = true;
            }
        }
        if !changed {
            return names;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_short() {
        assert_eq!(slug("Örebros regel"), "orebros-regel");
        assert_eq!(slug("  Återföring (utan golv)!"), "aterforing-utan-golv");
        assert_eq!(slug("日本"), "scenario");
        let long = slug(&"ab ".repeat(100));
        assert!(long.len() <= MAX_SLUG && !long.ends_with('-'), "{long}");
    }

    #[test]
    fn stems_stay_plain_unless_they_collide() {
        let stems = [
            Stem::fixed("burden-by-design"),
            Stem::named("burden", "Budget"),
            Stem::named("burden", "Örebro"),
        ];
        assert_eq!(
            file_stems(&stems),
            ["burden-by-design", "burden-budget", "burden-orebro"]
        );
    }

    #[test]
    fn colliding_stems_are_told_apart_across_kinds() {
        let stems = [
            Stem::fixed("burden-by-design"),
            Stem::named("burden", "By design"),
            Stem::named("burden", "Share X"),
            Stem::named("burden-share", "X"),
            Stem::named("fund", "Örebro"),
            Stem::named("fund", "Orebro"),
            Stem::named("fund", "Ørebro"),
            Stem::named("fund", "ÓREBRO"),
        ];
        let names = file_stems(&stems);
        assert_eq!(names[0], "burden-by-design");
        assert!(names[1].starts_with("burden-by-design-"), "{names:?}");
        assert!(names[4].starts_with("fund-orebro-"), "{names:?}");
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
    }

    #[test]
    fn a_name_made_to_look_like_a_hashed_stem_still_gets_its_own() {
        let hashed = file_stems(&[Stem::named("fund", "Örebro"), Stem::named("fund", "Orebro")]);
        let lookalike = hashed[0].trim_start_matches("fund-").to_string();
        let stems = [
            Stem::named("fund", "Örebro"),
            Stem::named("fund", "Orebro"),
            Stem::named("fund", &lookalike),
        ];
        let names = file_stems(&stems);
        assert_ne!(names[0], names[2], "{names:?}");
        assert_ne!(names[1], names[2], "{names:?}");
    }
}

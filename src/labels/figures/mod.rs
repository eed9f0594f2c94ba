//! Every figure sifsim writes, declared once: its key (a CSV column or JSON field without its
//! statistic), what it measures and its names. A column's heading in any language is read from
//! here: `cash_p5` is the figure `cash` at its 5th percentile.

use super::Lang;

mod compared;
mod table;

pub use compared::COMPARED;
pub use table::FIGURES;

/// What a figure measures, which decides how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quantity {
    /// An amount, mnkr.
    Mnkr,
    /// A share or probability, 0–1.
    Share,
    /// A number of applications or projects.
    Count,
    /// A calendar year.
    Year,
    /// A name: a design, a unit, an input.
    Name,
    /// A scenario file's value as written: a number, a word or true/false.
    Value,
}

/// A reported figure.
#[derive(Debug)]
pub struct Figure {
    /// The CSV column or JSON field, without a statistic suffix (`_mean`, `_p50`).
    pub key: &'static str,
    pub quantity: Quantity,
    /// Full name, Swedish and English.
    name: [&'static str; 2],
    /// Name for a narrow column heading, Swedish and English.
    short: [&'static str; 2],
}

impl Figure {
    /// Its full name, without its unit.
    pub fn name(&self, lang: Lang) -> &'static str {
        self.name[lang as usize]
    }

    /// Its name for a narrow column.
    pub fn short(&self, lang: Lang) -> &'static str {
        self.short[lang as usize]
    }
}

/// A figure: key, quantity, names in Swedish and English, short names in Swedish and English.
const fn figure(
    key: &'static str,
    quantity: Quantity,
    name: [&'static str; 2],
    short: [&'static str; 2],
) -> Figure {
    Figure {
        key,
        quantity,
        name,
        short,
    }
}

/// The statistic a column's suffix names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Statistic {
    Mean,
    Percentile(u8),
}

impl Statistic {
    /// Its name: "medelvärde", "median", "5:e percentil"; "mean", "median", "5th percentile".
    pub fn name(self, lang: Lang) -> String {
        match (self, lang) {
            (Statistic::Mean, Lang::Sv) => "medelvärde".into(),
            (Statistic::Mean, Lang::En) => "mean".into(),
            (Statistic::Percentile(50), _) => "median".into(),
            (Statistic::Percentile(p), Lang::Sv) => format!("{p}:e percentil"),
            (Statistic::Percentile(p), Lang::En) => format!("{p}th percentile"),
        }
    }
}

/// The largest chance over the nämnder of a deficit year, as `tune` names it.
pub const MAX_UNIT_P_TIPPED: &str = "max_unit_p_tipped";

/// The figure a column reports and the statistic it takes, when the figure is declared: a
/// column of a table (`cash_p5`, `net_saving_mean`) or a figure as `tune` names it, by its
/// path in a design's object (`final_cash.p5`, `after_window.repaid.mean`, `max_unit_p_tipped`).
pub fn column(name: &str) -> Option<(&'static Figure, Option<Statistic>)> {
    if let Some(figure) = find(name) {
        return Some((figure, None));
    }
    if name == MAX_UNIT_P_TIPPED {
        return Some((find("p_any_unit_tipped")?, None));
    }
    if let Some((path, last)) = name.rsplit_once('.') {
        // A path: the figure is its last key, and the statistic the step after it, if any.
        let figure = |key: &str| find(key.rsplit('.').next()?);
        let statistic = match last {
            "mean" => Some(Statistic::Mean),
            _ => (last.strip_prefix('p').and_then(|p| p.parse().ok())).map(Statistic::Percentile),
        };
        return match statistic {
            Some(statistic) => Some((figure(path)?, Some(statistic))),
            None => Some((figure(last)?, None)),
        };
    }
    let (key, statistic) = if let Some(key) = name.strip_suffix("_mean") {
        (key, Statistic::Mean)
    } else {
        let (key, p) = name.rsplit_once("_p")?;
        (key, Statistic::Percentile(p.parse().ok()?))
    };
    Some((find(key)?, Some(statistic)))
}

/// Every declared figure: those of a run's files, then those of designs compared.
pub fn all() -> impl Iterator<Item = &'static Figure> {
    FIGURES.iter().chain(COMPARED)
}

/// The declared figure with this key.
pub fn find(key: &str) -> Option<&'static Figure> {
    all().find(|f| f.key == key)
}

/// A column's heading: `cash_p5` → "Fondens saldo vid årets slut (mnkr), 5:e percentil".
/// A column no figure declares keeps its name.
pub fn heading(name: &str, lang: Lang) -> String {
    let Some((figure, statistic)) = column(name) else {
        return name.to_string();
    };
    let mut heading = figure.name(lang).to_string();
    if figure.quantity == Quantity::Mnkr {
        heading += " (mnkr)";
    }
    if let Some(statistic) = statistic {
        heading = format!("{heading}, {}", statistic.name(lang));
    }
    heading
}

/// A column's short heading with its statistic: `final_cash_p50` → "Saldo vid slutet, median".
pub fn short_heading(column: &str, lang: Lang) -> String {
    match self::column(column) {
        Some((figure, Some(statistic))) => {
            format!("{}, {}", figure.short(lang), statistic.name(lang))
        }
        Some((figure, None)) => figure.short(lang).to_string(),
        None => column.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_a_figure_and_its_statistic() {
        assert_eq!(
            heading("cash_p5", Lang::Sv),
            "Fondens saldo vid årets slut (mnkr), 5:e percentil"
        );
        assert_eq!(
            heading("burden_share_mean", Lang::En),
            "Net charge on the committee's budget, share of the frame, mean"
        );
        assert_eq!(
            heading("final_cash_p50", Lang::Sv),
            "Fondens saldo vid periodens slut (mnkr), median"
        );
        // A figure whose key ends like a statistic is found whole first.
        assert_eq!(column("cash_p50_year5").unwrap().1, None);
        assert_eq!(heading("not_a_figure", Lang::Sv), "not_a_figure");
    }

    #[test]
    fn keys_are_unique() {
        let figures: Vec<&Figure> = all().collect();
        for (i, a) in figures.iter().enumerate() {
            assert!(figures[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
        }
    }
}

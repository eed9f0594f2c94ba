//! A design's key figures, chosen once for every place that shows them: the terminal table,
//! the report's table and the workbook's summary sheet. Amounts are distributions, shown as the
//! median with the 5th and 95th percentiles; counts are means; shares are what they are.

use crate::labels::figures::{self, Figure};
use crate::results::{DesignSummary, Spread, Summary};

/// A key figure's value for one design.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value {
    /// An amount over paths, mnkr: median and 5–95 %.
    Amount(Spread),
    /// A mean number of projects or applications.
    Count(f64),
    /// A share or probability.
    Share(f64),
}

/// Where a key figure is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// The terminal table, the report and the workbook.
    Everywhere,
    /// Only when some design has a value other than zero (the grant pot's turn-downs).
    WhenAny,
    /// The report and the workbook, not the terminal (the discounted figures).
    Documents,
}

/// A figure of a design's summary and how to read it.
pub struct KeyFigure {
    /// The figure's key in [`figures::FIGURES`].
    pub key: &'static str,
    read: fn(&DesignSummary) -> Value,
    place: Place,
    /// How the live page's table, which a meeting reads from the back of the room, shows it.
    pub page: PageRow,
}

/// How the live page's table shows a key figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRow {
    Hidden,
    /// A row named by the figure's short name.
    Row,
    /// A line under the figure before it, which it qualifies ("sannolikhet > 0").
    Under,
}

impl KeyFigure {
    /// The declared figure.
    pub fn figure(&self) -> &'static Figure {
        figures::find(self.key).expect("every key figure is declared")
    }

    /// Its value for `design`.
    pub fn value(&self, design: &DesignSummary) -> Value {
        (self.read)(design)
    }

    /// Whether the terminal table shows it (the discounted figures are for documents).
    pub fn on_terminal(&self) -> bool {
        self.place != Place::Documents
    }

    /// Whether it is the chance that `before` is positive (`p_X_positive` after `X`), which a
    /// table keeps beside it.
    pub fn qualifies(&self, before: &KeyFigure) -> bool {
        self.key
            .strip_prefix("p_")
            .and_then(|k| k.strip_suffix("_positive"))
            == Some(before.key)
    }

    /// Shown as `page` in the live page's table.
    const fn on_page(self, page: PageRow) -> KeyFigure {
        KeyFigure { page, ..self }
    }
}

const fn key(key: &'static str, read: fn(&DesignSummary) -> Value) -> KeyFigure {
    KeyFigure {
        key,
        read,
        place: Place::Everywhere,
        page: PageRow::Hidden,
    }
}

/// The key figures in the order they are shown. Both net figures (MODEL.md 7.1) are over the
/// projects' whole lives in start-year prices; the one inside the simulated years is in
/// start-year prices too, never in current prices beside them.
pub const KEY_FIGURES: [KeyFigure; 16] = [
    key("p_depleted_ever", |d| Value::Share(d.p_depleted_ever)).on_page(PageRow::Row),
    key("final_cash", |d| {
        let f = &d.final_cash;
        Value::Amount(Spread {
            mean: f.mean,
            p5: f.p5,
            p50: f.p50,
            p95: f.p95,
        })
    })
    .on_page(PageRow::Row),
    key("approved", |d| Value::Count(d.approved.mean)),
    key("turned_down", |d| Value::Count(d.turned_down.mean)),
    KeyFigure {
        key: "turned_down_grant",
        read: |d| Value::Count(d.turned_down_grant.mean),
        place: Place::WhenAny,
        page: PageRow::Hidden,
    },
    key("refused", |d| Value::Count(d.refused.mean)),
    key("recycled_share", |d| Value::Share(d.recycled_share)),
    key("recycled_share_lifetime", |d| {
        Value::Share(d.recycled_share_lifetime)
    })
    .on_page(PageRow::Row),
    key("net_saving_lifetime", |d| {
        Value::Amount(d.net_saving_lifetime)
    })
    .on_page(PageRow::Row),
    key("p_net_saving_lifetime_positive", |d| {
        Value::Share(d.p_net_saving_lifetime_positive)
    }),
    key("budget_effect_lifetime", |d| {
        Value::Amount(d.budget_effect_lifetime)
    })
    .on_page(PageRow::Row),
    key("p_budget_effect_lifetime_positive", |d| {
        Value::Share(d.p_budget_effect_lifetime_positive)
    })
    .on_page(PageRow::Under),
    key("net_saving_real", |d| Value::Amount(d.net_saving_real)),
    key("p_result_tipped", |d| Value::Share(d.p_result_tipped)).on_page(PageRow::Row),
    KeyFigure {
        key: "net_saving_lifetime_discounted",
        read: |d| Value::Amount(d.net_saving_lifetime_discounted),
        place: Place::Documents,
        page: PageRow::Hidden,
    },
    KeyFigure {
        key: "budget_effect_lifetime_discounted",
        read: |d| Value::Amount(d.budget_effect_lifetime_discounted),
        place: Place::Documents,
        page: PageRow::Hidden,
    },
];

/// The key figures `summary` shows in a document (`documents`: the report or the workbook) or
/// on the terminal: all but those that are zero for every design and shown only when not.
pub fn shown(summary: &Summary, documents: bool) -> Vec<&'static KeyFigure> {
    KEY_FIGURES
        .iter()
        .filter(|k| match k.place {
            Place::Everywhere => true,
            Place::Documents => documents,
            Place::WhenAny => summary.designs.iter().any(|d| match k.value(d) {
                Value::Count(x) | Value::Share(x) => x != 0.0,
                Value::Amount(s) => s.p50 != 0.0,
            }),
        })
        .collect()
}

/// The key figures of the live page's table, in their order.
pub fn on_page() -> impl Iterator<Item = &'static KeyFigure> {
    KEY_FIGURES.iter().filter(|k| k.page != PageRow::Hidden)
}

//! An Excel workbook of the tables a run or sweep writes as CSV: a sheet per table, numbers as
//! numbers and names as text, Swedish headers. Built from the CSV exports, so the two cannot
//! disagree.

use anyhow::Result;
use rust_xlsxwriter::{Format, Workbook};

use super::Export;
use super::csv::{Fund, Units};
use crate::results::Results;

/// `results.xlsx`: the designs' key figures, `fund.csv` and `units.csv`.
pub struct RunWorkbook;

impl Export for RunWorkbook {
    fn file_name(&self) -> &'static str {
        "results.xlsx"
    }

    fn render(&self, results: &Results) -> Result<Vec<u8>> {
        workbook(&[
            ("Sammanfattning", &designs_table(results)?),
            ("Fond", &Fund.render(results)?),
            ("Förvaltningar", &Units.render(results)?),
        ])
    }
}

/// The designs' key figures as CSV, for the summary sheet.
fn designs_table(results: &Results) -> Result<Vec<u8>> {
    let mut writer = ::csv::Writer::from_writer(Vec::new());
    writer.write_record([
        "design",
        "model",
        "p_depleted_ever",
        "final_cash_p50",
        "approved_mean",
        "turned_down_mean",
        "refused_mean",
        "recycled_share",
        "recycled_share_lifetime",
        "net_saving_lifetime_p50",
        "p_net_saving_lifetime_positive",
        "net_saving_mean",
        "net_saving_discounted_mean",
        "p_net_saving_positive",
    ])?;
    for d in &results.summary.designs {
        let numbers = [
            d.p_depleted_ever,
            d.final_cash.p50,
            d.approved.mean,
            d.turned_down.mean,
            d.refused.mean,
            d.recycled_share,
            d.recycled_share_lifetime,
            d.net_saving_lifetime.p50,
            d.p_net_saving_lifetime_positive,
            d.net_saving.mean,
            d.net_saving_discounted.mean,
            d.p_net_saving_positive,
        ];
        let mut record = vec![d.name.clone(), d.model.clone()];
        record.extend(numbers.iter().map(f64::to_string));
        writer.write_record(&record)?;
    }
    Ok(writer.into_inner()?)
}

/// Columns of names and labels: text even where they look like numbers (a design "007").
const TEXT_COLUMNS: [&str; 6] = ["design", "model", "unit", "input", "level", "change"];

/// How a column's numbers are shown: shares as percentages, years whole, amounts and counts
/// with one decimal (Excel shows the separators of the reader's locale).
fn number_format(column: &str) -> Format {
    let share = column.starts_with("p_") || column.contains("share");
    let pattern = match column {
        _ if share => "0.0%",
        "year" => "0",
        _ => "#,##0.0",
    };
    Format::new().set_num_format(pattern)
}

/// A workbook with one sheet per `(name, CSV)`: headers in Swedish, finite numbers as numbers
/// (formatted by [`number_format`]) except in [`TEXT_COLUMNS`], a filter on the header row and
/// wrapped headers over narrow columns.
pub fn workbook(sheets: &[(&str, &[u8])]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold().set_text_wrap();
    for (name, csv) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        let mut reader = ::csv::Reader::from_reader(*csv);
        let mut text = Vec::new();
        let mut formats = Vec::new();
        for (col, header) in reader.headers()?.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, swedish(header), &bold)?;
            text.push(TEXT_COLUMNS.contains(&header));
            formats.push(number_format(header));
        }
        let mut rows = 0;
        for (row, record) in reader.records().enumerate() {
            for (col, field) in record?.iter().enumerate() {
                let number = field.parse::<f64>().ok().filter(|x| x.is_finite());
                let (row, col) = (row as u32 + 1, col as u16);
                match number {
                    Some(number) if !text[usize::from(col)] => sheet.write_number_with_format(
                        row,
                        col,
                        number,
                        &formats[usize::from(col)],
                    )?,
                    _ => sheet.write_string(row, col, field)?,
                };
            }
            rows = row as u32 + 1;
        }
        if let Some(last) = formats.len().checked_sub(1) {
            sheet.autofilter(0, 0, rows, last as u16)?;
        }
        for col in 0..formats.len() {
            // Headers wrap, so every column can be as narrow as its numbers.
            sheet.set_column_width(col as u16, 14)?;
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(book.save_to_buffer()?)
}

/// A column's Swedish header: `cash_p5` → "Fondens saldo (mnkr), 5:e percentil". Unknown names (a sweep's
/// field paths) stay as they are.
pub fn swedish(column: &str) -> String {
    let (base, suffix) = if let Some(base) = column.strip_suffix("_mean") {
        (base, ", medel".to_string())
    } else if let Some((base, p)) = column
        .rsplit_once("_p")
        .filter(|(_, p)| p.parse::<u8>().is_ok())
    {
        (base, format!(", {p}:e percentil"))
    } else {
        (column, String::new())
    };
    let name = match base {
        "design" => "Modell",
        "model" => "Finansieringsmodell",
        "year" => "År",
        "unit" => "Förvaltning",
        "cash" => "Fondens saldo (mnkr)",
        "uncommitted" => "Ej disponerade medel (mnkr)",
        "final_cash" => "Saldo vid slutet (mnkr)",
        "deposits" => "Avsättningar (mnkr)",
        "repaid" => "Återföringar (mnkr)",
        "payouts" => "Utbetalningar (mnkr)",
        "written_off" => "Nedskrivna fordringar (mnkr)",
        "lapsed" => "Outnyttjade medel som återgår (mnkr)",
        "owed" => "Förvaltningarnas skuld till fonden (mnkr)",
        "approved" => "Beviljade projekt",
        "turned_down" => "Avslag på grund av medelsbrist",
        "refused" => "Avslag enligt reglerna",
        "burden" => "Nettobörda (mnkr)",
        "burden_share" => "Nettobörda, andel av ram",
        "net_saving" => "Nettobesparing (mnkr)",
        "net_saving_discounted" => "Nettobesparing, diskonterad (mnkr)",
        "net_saving_lifetime" => "Nettobesparing, projektens livslängd, startårets priser (mnkr)",
        "p_net_saving_lifetime_positive" => "Sannolikhet för nettobesparing, livslängden",
        "recycled_share" => "Återförd andel",
        "recycled_share_lifetime" => "Återförd andel, livslängden",
        "p_depleted" => "Risk för avslag på grund av medelsbrist, det året",
        "p_depleted_by" => "Risk för avslag på grund av medelsbrist, hittills",
        "p_depleted_ever" => "Risk för avslag på grund av medelsbrist, något år",
        "p_depleted_last_year" => "Risk för avslag på grund av medelsbrist, sista året",
        "p_tipped" => "Risk att förvaltningen går med underskott mot sin ram",
        "p_net_saving_positive" => "Sannolikhet för nettobesparing",
        "p_any_unit_tipped" => "Risk att någon förvaltning går med underskott mot sin ram",
        "worst_unit_burden" => "Största förvaltningsbörda per år (mnkr)",
        "worst_unit_burden_share" => "Största förvaltningsbörda, andel av ram",
        other => return format!("{other}{suffix}"),
    };
    format!("{name}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::swedish;

    #[test]
    fn headers_are_swedish() {
        assert_eq!(swedish("cash_p5"), "Fondens saldo (mnkr), 5:e percentil");
        assert_eq!(
            swedish("burden_share_mean"),
            "Nettobörda, andel av ram, medel"
        );
        assert_eq!(
            swedish("p_depleted_by"),
            "Risk för avslag på grund av medelsbrist, hittills"
        );
        assert_eq!(
            swedish("design.repayment.horizon_years"),
            "design.repayment.horizon_years"
        );
    }
}

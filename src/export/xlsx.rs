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
        "recycled_share",
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
            d.recycled_share,
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

/// A workbook with one sheet per `(name, CSV)`: headers in Swedish, finite numbers as numbers
/// except in [`TEXT_COLUMNS`].
pub fn workbook(sheets: &[(&str, &[u8])]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    for (name, csv) in sheets {
        let sheet = book.add_worksheet();
        sheet.set_name(*name)?;
        let mut reader = ::csv::Reader::from_reader(*csv);
        let mut text = Vec::new();
        for (col, header) in reader.headers()?.iter().enumerate() {
            sheet.write_string_with_format(0, col as u16, swedish(header), &bold)?;
            sheet.set_column_width(col as u16, 16)?;
            text.push(TEXT_COLUMNS.contains(&header));
        }
        for (row, record) in reader.records().enumerate() {
            for (col, field) in record?.iter().enumerate() {
                let number = field.parse::<f64>().ok().filter(|x| x.is_finite());
                let (row, col) = (row as u32 + 1, col as u16);
                match number {
                    Some(number) if !text[usize::from(col)] => {
                        sheet.write_number(row, col, number)?
                    }
                    _ => sheet.write_string(row, col, field)?,
                };
            }
        }
        sheet.set_freeze_panes(1, 0)?;
    }
    Ok(book.save_to_buffer()?)
}

/// A column's Swedish header: `cash_p5` → "Kassa, 5:e percentil". Unknown names (a sweep's
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
        "cash" => "Kassa (mnkr)",
        "uncommitted" => "Ej intecknat (mnkr)",
        "final_cash" => "Kassa vid slutet (mnkr)",
        "deposits" => "Avsättningar (mnkr)",
        "repaid" => "Återföringar (mnkr)",
        "payouts" => "Utbetalningar (mnkr)",
        "written_off" => "Avskrivningar (mnkr)",
        "lapsed" => "Förfallna bidrag (mnkr)",
        "approved" => "Beviljade projekt",
        "turned_down" => "Nej av brist på pengar",
        "refused" => "Nej enligt reglerna",
        "burden" => "Nettobörda (mnkr)",
        "burden_share" => "Nettobörda, andel av ram",
        "net_saving" => "Nettobesparing (mnkr)",
        "net_saving_discounted" => "Nettobesparing, diskonterad (mnkr)",
        "recycled_share" => "Återförd andel",
        "p_depleted" => "Sannolikhet för nej, det året",
        "p_depleted_by" => "Sannolikhet för nej, hittills",
        "p_depleted_ever" => "Sannolikhet för nej, något år",
        "p_depleted_last_year" => "Sannolikhet för nej, sista året",
        "p_tipped" => "Sannolikhet för underskott",
        "p_net_saving_positive" => "Sannolikhet för nettobesparing",
        "p_any_unit_tipped" => "Sannolikhet att någon förvaltning tippar",
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
        assert_eq!(swedish("cash_p5"), "Kassa (mnkr), 5:e percentil");
        assert_eq!(
            swedish("burden_share_mean"),
            "Nettobörda, andel av ram, medel"
        );
        assert_eq!(swedish("p_depleted_by"), "Sannolikhet för nej, hittills");
        assert_eq!(
            swedish("design.repayment.horizon_years"),
            "design.repayment.horizon_years"
        );
    }
}

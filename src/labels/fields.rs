//! Names of the scenario file's fields that are not rows of the table of inputs (names, ids,
//! choices, lists, a deposit rule's numbers), for the workbook's sheet of inputs: every value
//! a reader sees there is named in the run's language.

use super::Lang;

/// The name of the field whose keys (below its section) are `keys`, e.g. `["model"]` or
/// `["planned_savings", "social"]`; `None` for a key sifsim does not know.
pub fn name(keys: &[&str], lang: Lang) -> Option<&'static str> {
    let key = match keys {
        [.., "planned_savings", _] => "planned_savings",
        [.., "partners", _] | [.., "partners"] => "partners",
        [.., last] => last,
        [] => return None,
    };
    let [sv, en] = match key {
        "name" => ["Namn", "Name"],
        "id" => ["Id", "Id"],
        "model" => ["Finansieringsmodell", "Funding model"],
        "kind" => ["Slag av avsättning", "Kind of deposit"],
        "share" => [
            "Andel av förra årets positiva resultat",
            "Share of last year's positive result",
        ],
        "until_balance" => [
            "Tills fondens saldo är, mnkr",
            "Until the fund's balance is, mnkr",
        ],
        "amount" => ["Belopp per år, mnkr", "Amount a year, mnkr"],
        "year" => ["År", "Year"],
        "from_year" => ["Från år", "From year"],
        "to_year" => ["Till år", "To year"],
        "basis" => ["Återföringen följer", "Repayment follows"],
        "floor_applies_to" => ["Golvet gäller", "The floor applies to"],
        "like" => [
            "Utvärderingen gäller projekt som",
            "The evaluation is of projects like",
        ],
        "balanskrav_excludes_fund_payouts" => [
            "Fondens utbetalningar räknas bort ur balanskravsresultatet",
            "Fund payouts are left out of the balanced-budget result",
        ],
        "lead" => ["Ledande nämnd", "Lead committee"],
        "partners" => ["Samverkansparter", "Partners"],
        "planned_savings" => [
            "Planerad besparing per år hos nämnden, mnkr",
            "Planned saving a year for the committee, mnkr",
        ],
        "effect_size" => ["Effekt mot planen", "Effect against plan"],
        "repayable" => ["Återföringspliktigt", "Repayable"],
        "require_partner" => ["Kräver en samverkanspart", "Requires a partner"],
        "decided" => ["Redan beslutat", "Already decided"],
        _ => return None,
    };
    Some(match lang {
        Lang::Sv => sv,
        Lang::En => en,
    })
}

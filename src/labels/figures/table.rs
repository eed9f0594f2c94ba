//! The table of every figure sifsim writes, with its names in Swedish and English.

use super::Quantity::*;
use super::{Figure, figure};

/// Every figure of every output file.
pub const FIGURES: &[Figure] = &[
    figure(
        "design",
        Name,
        ["Alternativ", "Design"],
        ["Alternativ", "Design"],
    ),
    figure(
        "model",
        Name,
        ["Finansieringsmodell", "Funding model"],
        ["Finansieringsmodell", "Funding model"],
    ),
    figure("year", Year, ["År", "Year"], ["År", "Year"]),
    figure(
        "unit",
        Name,
        ["Nämnd (förvaltning)", "Committee (administration)"],
        ["Nämnd", "Committee"],
    ),
    figure(
        "cash",
        Mnkr,
        ["Fondens saldo vid årets slut", "Fund balance at year end"],
        ["Saldo", "Balance"],
    ),
    figure(
        "uncommitted",
        Mnkr,
        [
            "Ej disponerade medel, kvar för nya projekt",
            "Uncommitted money, left for new projects",
        ],
        ["Ej disponerat", "Uncommitted"],
    ),
    figure(
        "final_cash",
        Mnkr,
        [
            "Fondens saldo vid periodens slut",
            "Fund balance at the end",
        ],
        ["Saldo vid slutet", "Final balance"],
    ),
    figure(
        "p_depleted",
        Share,
        [
            "Risk för avslag på grund av medelsbrist, det året",
            "Risk of a turn-down for lack of money, that year",
        ],
        [
            "Risk för avslag, medelsbrist, året",
            "Risk of a turn-down, that year",
        ],
    ),
    figure(
        "p_depleted_by",
        Share,
        [
            "Risk för avslag på grund av medelsbrist, något år hittills",
            "Risk of a turn-down for lack of money, some year so far",
        ],
        [
            "Risk för avslag, medelsbrist, hittills",
            "Risk of a turn-down, so far",
        ],
    ),
    figure(
        "p_depleted_ever",
        Share,
        [
            "Risk att fonden något år måste avslå en ansökan på grund av medelsbrist",
            "Risk that the fund must turn an application down for lack of money in some year",
        ],
        [
            "Risk för avslag på grund av medelsbrist",
            "Risk of a turn-down for lack of money",
        ],
    ),
    figure(
        "p_depleted_last_year",
        Share,
        [
            "Risk för avslag på grund av medelsbrist, sista året",
            "Risk of a turn-down for lack of money, last year",
        ],
        [
            "Risk för avslag, medelsbrist, sista året",
            "Risk of a turn-down, last year",
        ],
    ),
    figure(
        "deposits",
        Mnkr,
        ["Avsättningar till fonden", "Deposits into the fund"],
        ["Avsättningar", "Deposits"],
    ),
    figure(
        "repaid",
        Mnkr,
        ["Återföringar till fonden", "Repayments into the fund"],
        ["Återföringar", "Repaid"],
    ),
    figure(
        "payouts",
        Mnkr,
        ["Utbetalningar till projekt", "Payouts to projects"],
        ["Utbetalningar", "Payouts"],
    ),
    figure(
        "written_off",
        Mnkr,
        [
            "Avskriven återföring, det nämnderna inte betalade",
            "Repayment written off, what the committees did not pay",
        ],
        ["Avskriven återföring", "Repayment written off"],
    ),
    figure(
        "lapsed",
        Mnkr,
        [
            "Outnyttjade medel som återgår",
            "Unused grant money returned",
        ],
        [
            "Outnyttjade medel som återgår",
            "Unused grant money returned",
        ],
    ),
    figure(
        "owed",
        Mnkr,
        [
            "Nämndernas skuld till fonden vid årets slut",
            "Committees' arrears to the fund at year end",
        ],
        ["Skuld till fonden", "Owed"],
    ),
    figure(
        "approved",
        Count,
        ["Beviljade projekt", "Approved projects"],
        ["Beviljade", "Approved"],
    ),
    figure(
        "turned_down",
        Count,
        [
            "Avslag på grund av medelsbrist",
            "Turned down for lack of money",
        ],
        ["Avslag, medelsbrist", "Turned down, no money"],
    ),
    figure(
        "turned_down_grant",
        Count,
        [
            "Varav avslag i bidragsdelen på grund av medelsbrist",
            "Of which turned down in the grant pot",
        ],
        ["varav bidragsdelen", "of which grant pot"],
    ),
    figure(
        "refused",
        Count,
        [
            "Avslag enligt fondens regler",
            "Refused by the fund's rules",
        ],
        ["Avslag, regler", "Refused by rules"],
    ),
    figure(
        "recycled_share",
        Share,
        [
            "Återförd andel av utbetalningarna, inom perioden",
            "Share of payouts repaid, within the period",
        ],
        ["Återfört, perioden", "Recycled, period"],
    ),
    figure(
        "recycled_share_lifetime",
        Share,
        [
            "Återförd andel av utbetalningarna, projektens hela livslängd",
            "Share of payouts repaid, over the projects' lives",
        ],
        ["Återfört, livslängden", "Recycled, lifetime"],
    ),
    figure(
        "net_saving_lifetime",
        Mnkr,
        [
            "Undvikta kostnader, netto, under projektens hela livslängd, startårets priser",
            "Net avoided cost over the projects' whole lives, start-year prices",
        ],
        ["Undvikta kostnader, netto", "Net avoided cost"],
    ),
    figure(
        "p_net_saving_lifetime_positive",
        Share,
        [
            "Sannolikhet att de undvikta kostnaderna, netto, är positiva under projektens hela livslängd",
            "Probability that the net avoided cost is positive over the projects' whole lives",
        ],
        ["sannolikhet > 0", "probability > 0"],
    ),
    figure(
        "budget_effect_lifetime",
        Mnkr,
        [
            "Frigjort budgetutrymme, netto, under projektens hela livslängd, startårets priser",
            "Net budget room freed over the projects' whole lives, start-year prices",
        ],
        ["Frigjort budgetutrymme, netto", "Net budget room freed"],
    ),
    figure(
        "p_budget_effect_lifetime_positive",
        Share,
        [
            "Sannolikhet att det frigjorda budgetutrymmet, netto, är positivt under projektens hela livslängd",
            "Probability that the net budget room freed is positive over the projects' whole lives",
        ],
        ["sannolikhet > 0", "probability > 0"],
    ),
    figure(
        "budget_effect_lifetime_discounted",
        Mnkr,
        [
            "Frigjort budgetutrymme, netto, under projektens hela livslängd, diskonterat, startårets priser",
            "Net budget room freed over the projects' whole lives, discounted, start-year prices",
        ],
        [
            "Frigjort budgetutrymme, diskonterat",
            "Net budget room freed, discounted",
        ],
    ),
    figure(
        "result_effect",
        Mnkr,
        [
            "Projektens effekt på kommunens resultat, löpande priser",
            "The projects' effect on the municipality's result, current prices",
        ],
        ["Effekt på resultatet", "Effect on the result"],
    ),
    figure(
        "p_result_tipped",
        Share,
        [
            "Risk att fondens projekt något år gör balanskravsresultatet negativt när det utan dem varit positivt",
            "Risk that the fund's projects turn the balanced-budget result negative in some year where it would otherwise have been positive",
        ],
        [
            "Risk för negativt balanskravsresultat",
            "Risk of a negative balanced-budget result",
        ],
    ),
    figure(
        "outcomes",
        Value,
        ["Projektens gemensamma öde", "The projects' shared fate"],
        ["Gemensamt öde", "Shared fate"],
    ),
    figure(
        "correlation",
        Share,
        [
            "Korrelation mellan projektens utfall i en simulering",
            "Correlation of the projects' outcomes in one simulation",
        ],
        ["Korrelation", "Correlation"],
    ),
    figure(
        "posterior_success_shift",
        Share,
        [
            "Utvärderingarnas förskjutning av sannolikheten att lyckas (för 50\u{a0}%)",
            "The evaluations' shift of the probability of success (for 50%)",
        ],
        ["Förskjutning", "Shift"],
    ),
    figure(
        "net_saving",
        Mnkr,
        [
            "Undvikta kostnader, netto, inom perioden, löpande priser",
            "Net avoided cost within the period, current prices",
        ],
        [
            "Undvikta kostnader, perioden, löpande",
            "Net avoided cost, period, current",
        ],
    ),
    figure(
        "p_net_saving_positive",
        Share,
        [
            "Sannolikhet att de undvikta kostnaderna, netto, är positiva inom perioden",
            "Probability that the net avoided cost is positive within the period",
        ],
        ["sannolikhet > 0", "probability > 0"],
    ),
    figure(
        "net_saving_discounted",
        Mnkr,
        [
            "Undvikta kostnader, netto, inom perioden, diskonterade, startårets priser",
            "Net avoided cost within the period, discounted, start-year prices",
        ],
        [
            "Undvikta kostnader, diskonterade",
            "Net avoided cost, discounted",
        ],
    ),
    figure(
        "burden",
        Mnkr,
        [
            "Nettobelastning på nämndens budget: vad nämnden betalar minus vunnet budgetutrymme",
            "Net charge on the committee's budget: what it pays minus the budget room it gains",
        ],
        ["Nettobelastning", "Net charge"],
    ),
    figure(
        "burden_share",
        Share,
        [
            "Nettobelastning på nämndens budget, andel av ramen",
            "Net charge on the committee's budget, share of the frame",
        ],
        [
            "Nettobelastning, andel av ram",
            "Net charge, share of frame",
        ],
    ),
    figure(
        "p_tipped",
        Share,
        [
            "Risk att nämnden får negativ budgetavvikelse",
            "Risk that the committee runs a deficit against its frame",
        ],
        ["Risk för negativ budgetavvikelse", "Risk of deficit"],
    ),
    figure(
        "worst_unit_burden",
        Mnkr,
        [
            "Största nettobelastning på en nämnds budget ett år",
            "Largest net charge on a committee's budget in a year",
        ],
        ["Största nettobelastning ett år", "Worst yearly charge"],
    ),
    figure(
        "worst_unit_burden_share",
        Share,
        [
            "Största nettobelastning på en nämnds budget ett år, andel av ramen",
            "Largest net charge on a committee's budget in a year, share of the frame",
        ],
        [
            "Största nettobelastning, andel av ram",
            "Worst charge, share of frame",
        ],
    ),
    figure(
        "p_any_unit_tipped",
        Share,
        [
            "Risk att någon nämnd får negativ budgetavvikelse",
            "Risk that some committee runs a deficit against its frame",
        ],
        [
            "Risk för negativ budgetavvikelse, någon nämnd",
            "Risk some committee in deficit",
        ],
    ),
    figure("name", Name, ["Namn", "Name"], ["Namn", "Name"]),
    figure("id", Name, ["Id", "Id"], ["Id", "Id"]),
    figure(
        "initial",
        Mnkr,
        ["Fondens startkapital", "Fund's initial capital"],
        ["Startkapital", "Initial capital"],
    ),
    figure(
        "target_levels",
        Mnkr,
        [
            "Målnivåer för fondens saldo, startårets priser",
            "Target levels of the fund's balance, start-year prices",
        ],
        ["Målnivåer", "Target levels"],
    ),
    figure(
        "decided",
        Count,
        [
            "Projekt beslutade före perioden",
            "Projects decided before the period",
        ],
        ["Redan beslutade", "Already decided"],
    ),
    figure(
        "net_saving_real",
        Mnkr,
        [
            "Undvikta kostnader, netto, inom perioden, startårets priser",
            "Net avoided cost within the period, start-year prices",
        ],
        ["Undvikta kostnader, perioden", "Net avoided cost, period"],
    ),
    figure(
        "net_saving_lifetime_discounted",
        Mnkr,
        [
            "Undvikta kostnader, netto, under projektens hela livslängd, diskonterade, startårets priser",
            "Net avoided cost over the projects' whole lives, discounted, start-year prices",
        ],
        [
            "Undvikta kostnader, diskonterade",
            "Net avoided cost, discounted",
        ],
    ),
    figure(
        "after_window",
        Mnkr,
        [
            "De finansierade projektens flöden efter perioden, löpande priser",
            "The funded projects' flows after the period, current prices",
        ],
        ["Efter perioden", "After the period"],
    ),
    figure(
        "savings",
        Mnkr,
        ["Besparingar", "Savings"],
        ["Besparingar", "Savings"],
    ),
    figure(
        "overruns",
        Mnkr,
        ["Fördyringar", "Overruns"],
        ["Fördyringar", "Overruns"],
    ),
    figure(
        "running_costs",
        Mnkr,
        [
            "Driftkostnader efter projekten",
            "Running costs after the projects",
        ],
        ["Driftkostnader", "Running costs"],
    ),
    figure(
        "units",
        Name,
        ["Nämnder (förvaltningar)", "Committees (administrations)"],
        ["Nämnder", "Committees"],
    ),
    figure(
        "burden_total",
        Mnkr,
        [
            "Nettobelastning på nämndens budget, summerad över perioden",
            "Net charge on the committee's budget, summed over the period",
        ],
        ["Nettobelastning, perioden", "Net charge, period"],
    ),
    figure(
        "burden_total_lifetime",
        Mnkr,
        [
            "Nettobelastning på nämndens budget under projektens hela livslängd, startårets priser",
            "Net charge on the committee's budget over the projects' lives, start-year prices",
        ],
        ["Nettobelastning, livslängden", "Net charge, lifetime"],
    ),
    figure(
        "p_any_year_burden_above_1pct",
        Share,
        [
            "Risk att nettobelastningen något år överstiger 1\u{a0}% av ramen",
            "Risk that the net charge exceeds 1% of the frame in some year",
        ],
        [
            "Risk nettobelastning > 1\u{a0}% av ram",
            "Risk net charge > 1% of frame",
        ],
    ),
    figure(
        "p_any_year_tipped",
        Share,
        [
            "Risk att nämnden något år får negativ budgetavvikelse",
            "Risk that the committee runs a deficit against its frame in some year",
        ],
        [
            "Risk för år med negativ budgetavvikelse",
            "Risk of a deficit year",
        ],
    ),
    figure(
        "p_any_year_repaid_above_room",
        Share,
        [
            "Risk att nämnden något år återför mer än projekten gett den i budgetutrymme",
            "Risk that the committee repays more than its projects' budget room in some year",
        ],
        ["Risk återför mer än vunnet", "Risk repays above room"],
    ),
    figure(
        "input",
        Name,
        ["Osäker faktor", "Uncertain input"],
        ["Faktor", "Input"],
    ),
    figure("level", Name, ["Nivå", "Level"], ["Nivå", "Level"]),
    figure(
        "statistic",
        Name,
        ["Statistiskt mått", "Statistic"],
        ["Mått", "Statistic"],
    ),
    figure(
        "field",
        Name,
        ["Fält i scenariofilen", "Field in the scenario file"],
        ["Fält", "Field"],
    ),
    figure("value", Value, ["Värde", "Value"], ["Värde", "Value"]),
    figure(
        "help",
        Name,
        ["Vad värdet betyder", "What the value means"],
        ["Betyder", "Means"],
    ),
    figure("change", Name, ["Ändring", "Change"], ["Ändring", "Change"]),
    figure(
        "cash_p50_year5",
        Mnkr,
        [
            "Fondens saldo efter 5 år, median",
            "Fund balance after 5 years, median",
        ],
        ["Saldo efter 5 år", "Balance after 5 years"],
    ),
    figure(
        "cash_p50_year10",
        Mnkr,
        [
            "Fondens saldo efter 10 år, median",
            "Fund balance after 10 years, median",
        ],
        ["Saldo efter 10 år", "Balance after 10 years"],
    ),
    figure(
        "burden_unit",
        Name,
        [
            "Mest utsatta nämnden i scenariot som det står (störst risk för ett år med negativ budgetavvikelse)",
            "Most exposed committee in the scenario as written (largest risk of a deficit year)",
        ],
        ["Mest utsatta nämnd", "Most exposed committee"],
    ),
    figure(
        "cash_p50_year20",
        Mnkr,
        [
            "Fondens saldo efter 20 år, median",
            "Fund balance after 20 years, median",
        ],
        ["Saldo efter 20 år", "Balance after 20 years"],
    ),
];

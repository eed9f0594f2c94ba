//! What `sifsim explain` says when it tells one simulation, in Swedish and English. `{}` marks
//! where a value goes, in order.

use super::Lang;

/// Every phrase of a story.
pub struct StoryText {
    /// design, path, paths, seed, why.
    pub title: &'static str,
    pub asked: &'static str,
    /// paths that ran dry, median year.
    pub ran_dry_typical: &'static str,
    /// unit, burden.
    pub worst_burden: &'static str,
    /// initial capital.
    pub initial: &'static str,
    /// rule, amount.
    pub deposit: &'static str,
    pub fixed: &'static str,
    pub once: &'static str,
    pub share_of_result: &'static str,
    pub top_up: &'static str,
    pub replenish: &'static str,
    pub grant_frame: &'static str,
    /// project, year approved, saving, effect years, room.
    pub succeeded: &'static str,
    /// project, year approved.
    pub no_effect: &'static str,
    /// project, year approved.
    pub failed: &'static str,
    /// repaid, due.
    pub repaid_of_due: &'static str,
    pub at_floor: &'static str,
    /// More than fell due: the top-up to the floor at a plan's end.
    pub topped_up: &'static str,
    /// amount, for each fate of an unpaid instalment.
    pub written_off_unit: &'static str,
    pub lead_pays: &'static str,
    pub becomes_owed: &'static str,
    pub shortfall_paid: &'static str,
    pub room: &'static str,
    pub overrun: &'static str,
    pub running_cost: &'static str,
    pub burden: &'static str,
    pub written_off: &'static str,
    pub owed: &'static str,
    /// project, units, cost, decision.
    pub application: &'static str,
    /// lead, partners.
    pub with_partners: &'static str,
    pub approved: &'static str,
    pub approved_grant: &'static str,
    pub approved_decided: &'static str,
    /// left to approve.
    pub turned_down: &'static str,
    pub turned_down_grant: &'static str,
    /// reason.
    pub refused: &'static str,
    pub not_repayable: &'static str,
    pub no_partner: &'static str,
    pub low_return: &'static str,
    pub ran_dry: &'static str,
    pub payouts: &'static str,
    pub lapsed: &'static str,
    /// cash, uncommitted.
    pub balance: &'static str,
    /// year.
    pub ran_dry_in: &'static str,
    pub never_dry_here: &'static str,
    /// design, paths.
    pub never_ran_dry: &'static str,
}

const SV: StoryText = StoryText {
    title: "{}, simulering {} av {} (slumptalsfrö {}): {}.",
    asked: "den simulering som efterfrågades",
    ran_dry_typical: "en typisk simulering där medlen inte räckte: bland de {} simuleringar där \
                      fonden gav avslag på grund av medelsbrist var medianåret för det första \
                      avslaget {}, och detta är den första av dem med det året",
    worst_burden: "simuleringen vid 95:e percentilen av nämndens (förvaltningens) totala \
                   nettobelastning för {}, {} under perioden (i 5\u{a0}% av simuleringarna är den \
                   större)",
    initial: "Startkapital {}. Belopp i löpande priser.",
    deposit: "Avsättning, {}: {}",
    fixed: "fast belopp",
    once: "engångsbelopp",
    share_of_result: "andel av förra årets positiva resultat",
    top_up: "påfyllnad mot målnivån",
    replenish: "ny avsättning efter att medlen inte räckt",
    grant_frame: "årets bidragsram utan krav på återföring",
    succeeded: "{} (beviljad {}) ger effekt från i år: besparing {} per år i {} år, varav {} \
                blir budgetutrymme",
    no_effect: "{} (beviljad {}) lyckades men ger ingen mätbar besparing",
    failed: "{} (beviljad {}) misslyckades: den planerade besparingen uteblir",
    repaid_of_due: "återförde {} av {} som förföll",
    at_floor: " (golvet)",
    topped_up: " (med påfyllnad upp till golvet vid planens slut)",
    written_off_unit: "{} avskrivs",
    lead_pays: "{} betalas av den ledande nämnden",
    becomes_owed: "{} blir skuld till fonden",
    shortfall_paid: "betalade {} för utebliven återföring",
    room: "budgetutrymme från besparingar {}",
    overrun: "fördyringar {}",
    running_cost: "driftkostnader {}",
    burden: "nettobelastning {}",
    written_off: "Avskriven återföring: {}",
    owed: "Nämndernas skuld till fonden vid årets slut: {}",
    application: "Ansökan {} ({}), {}: {}",
    with_partners: "{} med {}",
    approved: "beviljad",
    approved_grant: "beviljad ur bidragsdelen",
    approved_decided: "beviljad (beslutad före perioden)",
    turned_down: "avslag på grund av medelsbrist ({} kvar att bevilja)",
    turned_down_grant: "avslag i bidragsdelen på grund av medelsbrist ({} kvar att bevilja)",
    refused: "avslås enligt reglerna: {}",
    not_repayable: "projektet har ingen beräknad besparing att återföra",
    no_partner: "ingen samverkanspart",
    low_return: "den utlovade besparingen når inte kravet",
    ran_dry: "Medlen räckte inte: första avslaget på grund av medelsbrist.",
    payouts: "Utbetalningar till projekt: {}",
    lapsed: "Outnyttjade medel som återgår: {}",
    balance: "Fondens saldo vid årets slut: {} (ej disponerat för nya projekt: {})",
    ran_dry_in: "Medlen räckte inte {}: första avslaget på grund av medelsbrist.",
    never_dry_here: "I denna simulering gav fonden aldrig avslag på grund av medelsbrist.",
    never_ran_dry: "{}: fonden gav inget avslag på grund av medelsbrist i någon simulering \
                    (antal simuleringar: {}), så det finns ingen simulering där medlen inte räckte \
                    att berätta om.",
};

const EN: StoryText = StoryText {
    title: "{}, simulation {} of {} (seed {}): {}.",
    asked: "the simulation asked for",
    ran_dry_typical: "a typical simulation where the money did not suffice: among the {} \
                      simulations where the fund turned an application down for lack of money, \
                      the median year of the first turn-down was {}, and this is the \
                      lowest-numbered of them with that year",
    worst_burden: "the simulation at the 95th percentile of the total net charge on {}, {} \
                   over the period (it is larger in 5% of the simulations)",
    initial: "Initial capital {}. Amounts in current prices.",
    deposit: "Deposit, {}: {}",
    fixed: "fixed amount",
    once: "one-off amount",
    share_of_result: "share of last year's positive result",
    top_up: "top-up toward the target level",
    replenish: "new appropriation after the money did not suffice",
    grant_frame: "this year's grant frame, not repaid",
    succeeded: "{} (approved {}) shows its effect from this year: saving {} a year for {} \
                years, of which {} becomes budget room",
    no_effect: "{} (approved {}) succeeded but saves nothing measurable",
    failed: "{} (approved {}) failed: the planned saving does not come",
    repaid_of_due: "repaid {} of {} falling due",
    at_floor: " (the floor)",
    topped_up: " (with the top-up to the floor at the plan's end)",
    written_off_unit: "{} is written off",
    lead_pays: "{} is paid by the lead committee",
    becomes_owed: "{} is owed to the fund",
    shortfall_paid: "paid {} for missed repayments",
    room: "budget room from savings {}",
    overrun: "overruns {}",
    running_cost: "running costs {}",
    burden: "net charge {}",
    written_off: "Repayment written off: {}",
    owed: "Committees' arrears to the fund at year end: {}",
    application: "Application {} ({}), {}: {}",
    with_partners: "{} with {}",
    approved: "approved",
    approved_grant: "approved from the grant part",
    approved_decided: "approved (decided before the period)",
    turned_down: "turned down for lack of money ({} left to approve)",
    turned_down_grant: "turned down in the grant part for lack of money ({} left to approve)",
    refused: "refused by the rules: {}",
    not_repayable: "the project has no calculable saving to repay",
    no_partner: "no partner",
    low_return: "the claimed saving falls short of the requirement",
    ran_dry: "The money did not suffice: the first turn-down for lack of money.",
    payouts: "Payouts to projects: {}",
    lapsed: "Lapsed grant money: {}",
    balance: "Fund balance at year end: {} (uncommitted, left for new projects: {})",
    ran_dry_in: "The money did not suffice in {}: the first turn-down for lack of money.",
    never_dry_here: "In this simulation the fund never turned an application down for lack of money.",
    never_ran_dry: "{}: the fund turned no application down for lack of money in any \
                    simulation (simulations: {}), so no simulation where the money fell short can \
                    be told.",
};

impl Lang {
    /// A story's phrases in this language.
    pub fn story(self) -> &'static StoryText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

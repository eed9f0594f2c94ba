//! How a scenario's problems, and the live page's refused values, are worded in Swedish and
//! English: the command line says them in English, the live page in its language. `{name}` marks where a value goes; field names and
//! values are written as in the scenario file.

use super::{Lang, fill};

/// A problem's words in both languages, rendered when the problem is found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Said {
    sv: String,
    en: String,
}

impl Said {
    /// The words `say` gives in each language.
    pub fn new(say: impl Fn(&'static ProblemText) -> String) -> Said {
        Said {
            sv: say(Lang::Sv.problems()),
            en: say(Lang::En.problems()),
        }
    }

    /// A template of [`ProblemText`] that takes no values.
    pub fn of(template: fn(&ProblemText) -> &'static str) -> Said {
        Said::filled(template, &[])
    }

    /// A template of [`ProblemText`] with its values filled in.
    pub fn filled(template: fn(&ProblemText) -> &'static str, values: &[(&str, &str)]) -> Said {
        Said::new(|text| fill(template(text), values))
    }

    /// The words in `lang`.
    pub fn in_lang(&self, lang: Lang) -> &str {
        match lang {
            Lang::Sv => &self.sv,
            Lang::En => &self.en,
        }
    }
}

/// The phrases of problems in one language.
pub struct ProblemText {
    /// How a decimal number's point is written: "1,5" or "1.5".
    pub decimal_point: &'static str,
    pub at_least_one: &'static str,
    pub empty: &'static str,
    pub id_taken: &'static str,
    pub name_taken: &'static str,
    pub required: &'static str,
    pub start_year_of_type: &'static str,
    pub decided_of_type: &'static str,
    pub arrivals_of_project: &'static str,
    pub index_shrinks_frame: &'static str,
    pub unknown_unit: &'static str,
    /// After the problems reported: how many more were found.
    pub more_problems: &'static str,
    pub did_you_mean: &'static str,
    pub partner_is_lead: &'static str,
    pub named_twice: &'static str,
    pub no_planned_savings: &'static str,
    pub model_tables: &'static str,
    pub budget_tables: &'static str,
    pub repayment_tables: &'static str,
    pub dual_tables: &'static str,
    pub has_both: &'static str,
    pub has_repayment: &'static str,
    pub has_grant: &'static str,
    pub has_neither: &'static str,
    pub to_before_from: &'static str,
    pub unprintable: &'static str,
    pub control_character: &'static str,
    pub noncharacter: &'static str,
    pub too_long: &'static str,
    pub too_many: &'static str,
    pub not_allowed: &'static str,
    pub percent_hint: &'static str,
    pub whole_number: &'static str,
    pub any: &'static str,
    pub non_negative: &'static str,
    pub positive: &'static str,
    pub share: &'static str,
    pub above_minus_one: &'static str,
    pub open_unit: &'static str,
    pub correlation: &'static str,
    pub fate: &'static str,
    pub no_outcome: &'static str,
    pub evaluation_needs_correlation: &'static str,
    pub unknown_like: &'static str,
    pub impossible_outcome: &'static str,
    pub at_most: &'static str,
    pub positive_at_most: &'static str,
    pub between: &'static str,
    pub within: &'static str,
    pub no_control: &'static str,
    pub a_number: &'static str,
    pub a_scale_factor: &'static str,
    pub one_of: &'static str,
    pub true_or_false: &'static str,
}

const SV: ProblemText = ProblemText {
    decimal_point: ",",
    at_least_one: "minst en [[{table}]] krävs",
    empty: "får inte vara tomt",
    id_taken: "används av en annan nämnd; varje id får bara förekomma en gång",
    name_taken: "används av ett annat alternativ; varje namn får bara förekomma en gång",
    required: "måste anges",
    start_year_of_type: "hör till [[project]] (kända projekt); en [[project_type]] kommer in slumpvis",
    decided_of_type: "hör till [[project]] (kända projekt); en slumpad ansökan är aldrig redan beslutad",
    arrivals_of_project: "hör till [[project_type]]; ett känt [[project]] har ett start_year",
    index_shrinks_frame: "{index} är inte tillåtet med {years} år: det krymper ramen för nämnden \"{unit}\" från {frame} mnkr till under {min} mnkr år {year}; värdet ska vara minst {lowest}",
    unknown_unit: "okänd nämnd \"{id}\"{hint}; kända nämnder: {units}",
    more_problems: "… och {count} problem till; rätta dessa först",
    did_you_mean: " (menade du \"{unit}\"?)",
    partner_is_lead: "\"{id}\" är ledande nämnd; en samverkanspart är en annan nämnd",
    named_twice: "\"{id}\" står med mer än en gång",
    no_planned_savings: "ett projekt med krav på återföring behöver planerade besparingar som sammanlagt är större än 0 (återföringsplanen fördelas efter dem); sätt repayable = false för arbete utan beräkningsbar besparing",
    model_tables: "{wants}; det här alternativet har {has}",
    budget_tables: "model \"budget\" får inte ha någon [repayment]- eller [grant]-tabell",
    repayment_tables: "model \"repayment\" behöver en [repayment]-tabell och får inte ha någon [grant]-tabell",
    dual_tables: "model \"dual\" behöver både en [repayment]- och en [grant]-tabell",
    has_both: "båda",
    has_repayment: "bara repayment",
    has_grant: "bara grant",
    has_neither: "ingen av dem",
    to_before_from: "{to_year} ligger före from_year {from_year}",
    unprintable: "\"{text}\" är inte tillåtet: det innehåller {kind} U+{code}; värdet ska vara text som går att skriva ut",
    control_character: "styrtecknet",
    noncharacter: "icke-tecknet",
    too_long: "\"{start}…\" ({length} tecken) är för långt; värdet får vara högst {max} tecken",
    too_many: "{count} poster är för många; högst {max} får anges",
    not_allowed: "{value} är inte tillåtet; värdet ska vara {expected}",
    percent_hint: " (för {value}\u{a0}% skriv {share})",
    whole_number: "{value} är inte tillåtet; värdet ska vara ett heltal från {min} till {max}",
    any: "ett ändligt tal",
    non_negative: "ett ändligt tal, 0 eller större",
    positive: "ett ändligt tal större än 0",
    share: "en andel från 0 till 1",
    above_minus_one: "ett ändligt tal större än -1",
    open_unit: "ett tal större än -1 och mindre än 1",
    correlation: "en korrelation från -1 till 1",
    fate: "ett tal från och med 0 och mindre än 1",
    no_outcome: "en utvärdering behöver minst ett utfall: succeeded + failed ska vara minst 1",
    evaluation_needs_correlation: "en utvärdering kräver [outcomes] correlation över 0: med oberoende projekt säger ett avslutat projekts utfall inget om nästa",
    unknown_like: "\"{like}\" är inte namnet på någon projekttyp eller något känt projekt; kända namn: \"{names}\"",
    impossible_outcome: "kan inte ha hänt: \"{like}\" lyckas med sannolikheten {p}",
    at_most: "ett tal från 0 till {max}",
    positive_at_most: "ett tal större än 0 och högst {max}",
    between: "ett tal från {min} till {max}",
    within: "ett tal från \u{2212}{max} till {max}",
    no_control: "det finns inget reglage '{id}'",
    a_number: "ett tal",
    a_scale_factor: "en skalfaktor på 0 eller mer",
    one_of: "något av {options}",
    true_or_false: "true eller false",
};

const EN: ProblemText = ProblemText {
    decimal_point: ".",
    at_least_one: "at least one [[{table}]] is required",
    empty: "must not be empty",
    id_taken: "is used by another unit; ids must be unique",
    name_taken: "is used by another design; names must be unique",
    required: "is required",
    start_year_of_type: "is for [[project]] (known projects); a [[project_type]] arrives at random",
    decided_of_type: "is for [[project]] (known projects); a random application is never decided",
    arrivals_of_project: "is for [[project_type]]; a known [[project]] has a start_year",
    index_shrinks_frame: "{index} is not allowed with {years} years: it shrinks unit \"{unit}\"'s frame of {frame} mnkr below {min} mnkr by {year}; expected a number >= {lowest}",
    unknown_unit: "unknown unit \"{id}\"{hint}; known units: {units}",
    more_problems: "… and {count} more problem(s); correct these first",
    did_you_mean: " (did you mean \"{unit}\"?)",
    partner_is_lead: "\"{id}\" is the lead; a partner is another unit",
    named_twice: "\"{id}\" is named more than once",
    no_planned_savings: "a repayable project needs planned savings above 0 in total (its repayment plan is split by them); set repayable = false for work with no calculable saving",
    model_tables: "{wants}; this design has {has}",
    budget_tables: "model \"budget\" takes no [repayment] and no [grant] table",
    repayment_tables: "model \"repayment\" needs a [repayment] table and takes no [grant]",
    dual_tables: "model \"dual\" needs both a [repayment] and a [grant] table",
    has_both: "both",
    has_repayment: "only repayment",
    has_grant: "only grant",
    has_neither: "neither",
    to_before_from: "{to_year} is before from_year {from_year}",
    unprintable: "\"{text}\" is not allowed: it holds the {kind} U+{code}; expected printable text",
    control_character: "control character",
    noncharacter: "noncharacter",
    too_long: "\"{start}…\" ({length} characters) is too long; expected at most {max} characters",
    too_many: "{count} entries are too many; expected at most {max}",
    not_allowed: "{value} is not allowed; expected {expected}",
    percent_hint: " (for {value}% write {share})",
    whole_number: "{value} is not allowed; expected a whole number in {min}..={max}",
    any: "a finite number",
    non_negative: "a finite number >= 0",
    positive: "a finite number > 0",
    share: "a share in 0..=1",
    above_minus_one: "a finite number > -1",
    open_unit: "a number strictly between -1 and 1",
    correlation: "a correlation in -1..=1",
    fate: "a number in 0..<1",
    no_outcome: "an evaluation needs at least one outcome: succeeded + failed must be at least 1",
    evaluation_needs_correlation: "an evaluation needs [outcomes] correlation above 0: with independent projects a finished project's outcome says nothing about the next",
    unknown_like: "\"{like}\" names no project type or known project; known names: \"{names}\"",
    impossible_outcome: "cannot have happened: \"{like}\" succeeds with probability {p}",
    at_most: "a number in 0..={max}",
    positive_at_most: "a number > 0 and <= {max}",
    between: "a number in {min}..={max}",
    within: "a number in -{max}..={max}",
    no_control: "there is no control '{id}'",
    a_number: "a number",
    a_scale_factor: "a scale factor of 0 or more",
    one_of: "one of {options}",
    true_or_false: "true or false",
};

impl ProblemText {
    /// `number`, written as the scenario file writes it, with this language's decimal point.
    pub fn decimal(&self, number: &str) -> String {
        number.replace('.', self.decimal_point)
    }
}

impl Lang {
    /// The problems' phrases in this language.
    pub fn problems(self) -> &'static ProblemText {
        match self {
            Lang::Sv => &SV,
            Lang::En => &EN,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::{EN, ProblemText, SV};

    /// The `{name}`s a template fills.
    fn names(template: &str) -> BTreeSet<&str> {
        template
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect()
    }

    #[test]
    fn both_languages_fill_the_same_values() {
        // Naming every field without `..` fails to compile when a template is added but not
        // listed here.
        macro_rules! templates {
            ($($field:ident),*) => {{
                let ProblemText { $($field: _),* } = SV;
                [$((stringify!($field), SV.$field, EN.$field)),*]
            }};
        }
        for (field, sv, en) in templates!(
            decimal_point,
            at_least_one,
            empty,
            id_taken,
            name_taken,
            required,
            start_year_of_type,
            decided_of_type,
            arrivals_of_project,
            index_shrinks_frame,
            unknown_unit,
            more_problems,
            did_you_mean,
            partner_is_lead,
            named_twice,
            no_planned_savings,
            model_tables,
            budget_tables,
            repayment_tables,
            dual_tables,
            has_both,
            has_repayment,
            has_grant,
            has_neither,
            to_before_from,
            unprintable,
            control_character,
            noncharacter,
            too_long,
            too_many,
            not_allowed,
            percent_hint,
            whole_number,
            any,
            non_negative,
            positive,
            share,
            above_minus_one,
            open_unit,
            correlation,
            fate,
            no_outcome,
            evaluation_needs_correlation,
            unknown_like,
            impossible_outcome,
            at_most,
            positive_at_most,
            between,
            within,
            no_control,
            a_number,
            a_scale_factor,
            one_of,
            true_or_false
        ) {
            assert_eq!(names(sv), names(en), "{field}");
        }
    }
}

//! The scenario file as written: serde structs mirroring the TOML, unknown fields rejected.
//!
//! Nothing here is checked beyond TOML types; [`super::validate`] turns a [`ScenarioFile`]
//! into a [`super::Scenario`].

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor, value::MapAccessDeserializer};

/// A whole scenario file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub simulation: SimulationFile,
    pub municipality: MunicipalityFile,
    #[serde(default)]
    pub unit: Vec<UnitFile>,
    #[serde(default)]
    pub project_type: Vec<ProjectFile>,
    #[serde(default)]
    pub project: Vec<ProjectFile>,
    #[serde(default)]
    pub design: Vec<DesignFile>,
    /// `[outcomes]`: how much the projects of one future share their fate.
    #[serde(default)]
    pub outcomes: OutcomesFile,
    /// `[[evaluation]]`: finished projects the municipality evaluated.
    #[serde(default)]
    pub evaluation: Vec<EvaluationFile>,
}

/// `[outcomes]`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomesFile {
    #[serde(default)]
    pub correlation: f64,
}

/// `[[evaluation]]`: a finished project and how it went.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationFile {
    pub name: String,
    /// The project type or known project whose success probability it shares.
    pub like: String,
    pub succeeded: i64,
    pub failed: i64,
}

/// `[simulation]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulationFile {
    pub name: String,
    pub start_year: i64,
    pub years: i64,
    pub paths: i64,
    pub seed: i64,
}

/// `[municipality]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityFile {
    pub name: String,
    pub total_budget: f64,
    #[serde(default)]
    pub index: f64,
    pub annual_result: AnnualResultFile,
    pub last_result: Option<f64>,
    #[serde(default)]
    pub discount_rate: f64,
    /// The balanskrav result leaves the fund's payouts out (earmarked equity used).
    #[serde(default)]
    pub balanskrav_excludes_fund_payouts: bool,
}

/// `municipality.annual_result`: an AR(1) process.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnnualResultFile {
    pub mean: f64,
    #[serde(default)]
    pub sd: f64,
    #[serde(default)]
    pub autocorrelation: f64,
}

/// `[[unit]]`: a förvaltning.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitFile {
    pub id: String,
    pub name: String,
    pub frame: f64,
    #[serde(default, deserialize_with = "number_or_table")]
    pub ordinary_result: OrdinaryResultFile,
}

/// `[[unit]] ordinary_result`: `{ mean, sd, correlation }`, or a plain number for a fixed share.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrdinaryResultFile {
    #[serde(default)]
    pub mean: f64,
    #[serde(default)]
    pub sd: f64,
    /// With the normal that drives the municipality's annual result.
    #[serde(default)]
    pub correlation: f64,
}

impl From<f64> for OrdinaryResultFile {
    fn from(mean: f64) -> Self {
        OrdinaryResultFile {
            mean,
            ..Default::default()
        }
    }
}

/// `[[project_type]]` and `[[project]]` share every field but their timing:
/// a type has `arrivals_per_year`, a known project has `start_year`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectFile {
    pub name: String,
    pub start_year: Option<i64>,
    pub arrivals_per_year: Option<f64>,
    pub lead: String,
    #[serde(default)]
    pub partners: Vec<String>,
    #[serde(deserialize_with = "number_or_table")]
    pub cost: LogNormalFile,
    pub duration_years: i64,
    pub success_probability: f64,
    pub planned_savings: BTreeMap<String, f64>,
    pub effect_lag_years: i64,
    #[serde(default)]
    pub extra_lag_mean: f64,
    pub effect_years: i64,
    #[serde(deserialize_with = "number_or_table")]
    pub effect_size: NormalFile,
    #[serde(default = "one")]
    pub realization_share: f64,
    #[serde(default, deserialize_with = "number_or_table")]
    pub cost_overrun: NormalFile,
    #[serde(default)]
    pub running_cost: f64,
    #[serde(default = "yes")]
    pub repayable: bool,
    /// Known projects only: decided before the run, approved without the money test.
    #[serde(default)]
    pub decided: bool,
}

/// `{ mean, sd }`, or a plain number for a fixed value.
#[derive(Debug, Clone, Copy, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NormalFile {
    #[serde(default)]
    pub mean: f64,
    #[serde(default)]
    pub sd: f64,
}

impl From<f64> for NormalFile {
    fn from(mean: f64) -> Self {
        NormalFile { mean, sd: 0.0 }
    }
}

/// `{ median, sigma }`, or a plain number for a fixed value.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogNormalFile {
    pub median: f64,
    #[serde(default)]
    pub sigma: f64,
}

impl From<f64> for LogNormalFile {
    fn from(median: f64) -> Self {
        LogNormalFile { median, sigma: 0.0 }
    }
}

/// `[[design]]`: the fund's rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignFile {
    pub name: String,
    pub model: ModelName,
    pub fund: FundFile,
    pub repayment: Option<RepaymentFile>,
    #[serde(default)]
    pub approval: ApprovalFile,
    pub grant: Option<GrantFile>,
}

/// `design.model`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ModelName {
    Budget,
    Repayment,
    Dual,
}

/// `design.fund`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundFile {
    pub initial: f64,
    #[serde(default)]
    pub deposits: Vec<DepositFile>,
}

/// One entry of `design.fund.deposits`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum DepositFile {
    Fixed {
        amount: f64,
        from_year: Option<i64>,
        to_year: Option<i64>,
    },
    Once {
        amount: f64,
        year: i64,
    },
    ShareOfPositiveResult {
        share: f64,
        until_balance: Option<f64>,
    },
    TopUp {
        target_budget_share: f64,
        max_share_of_result: f64,
    },
    Replenish {
        amount: f64,
        probability: f64,
    },
}

/// `design.repayment`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepaymentFile {
    pub basis: BasisName,
    #[serde(default)]
    pub floor_share: f64,
    pub start_within_years: i64,
    pub horizon_years: i64,
    #[serde(default = "one")]
    pub plan_share: f64,
    #[serde(default)]
    pub shortfall_bearer: BearerName,
    #[serde(default)]
    pub floor_applies_to: FloorScopeName,
}

/// `design.repayment.floor_applies_to`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FloorScopeName {
    #[default]
    Instalment,
    Plan,
}

/// `design.repayment.basis`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BasisName {
    Realized,
    Planned,
    Measured,
}

/// `design.repayment.shortfall_bearer`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BearerName {
    #[default]
    Fund,
    Lead,
}

/// `design.approval`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalFile {
    #[serde(default)]
    pub require_partner: bool,
    #[serde(default)]
    pub min_expected_return: f64,
    /// Last calendar year applications are taken.
    pub last_year: Option<i64>,
    #[serde(default = "one")]
    pub demand: f64,
}

impl Default for ApprovalFile {
    fn default() -> Self {
        ApprovalFile {
            require_partner: false,
            min_expected_return: 0.0,
            last_year: None,
            demand: 1.0,
        }
    }
}

/// `design.grant` (dual designs only).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GrantFile {
    #[serde(default)]
    pub fixed: f64,
    #[serde(default)]
    pub share_of_positive_result: f64,
    #[serde(default)]
    pub carry_over: bool,
}

fn one() -> f64 {
    1.0
}

fn yes() -> bool {
    true
}

/// Reads a distribution written either as a table or as a plain number (a fixed value).
fn number_or_table<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + From<f64>,
{
    struct NumberOrTable<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de> + From<f64>> Visitor<'de> for NumberOrTable<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a number or a table")
        }

        fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
            Ok(T::from(v))
        }

        fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
            Ok(T::from(v as f64))
        }

        fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
            Ok(T::from(v as f64))
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::deserialize(MapAccessDeserializer::new(map))
        }
    }

    deserializer.deserialize_any(NumberOrTable(PhantomData))
}

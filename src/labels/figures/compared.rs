//! The figures of designs compared head to head, with their names in Swedish and English.

use super::Quantity::*;
use super::{Figure, figure};

/// Every figure of a comparison of two designs.
pub const COMPARED: &[Figure] = &[
    figure(
        "comparisons",
        Value,
        [
            "Alternativen jämförda på samma simuleringar",
            "The designs compared on the same simulations",
        ],
        ["Jämförelse", "Comparison"],
    ),
    figure("a", Name, ["Alternativ A", "Design A"], ["A", "A"]),
    figure("b", Name, ["Alternativ B", "Design B"], ["B", "B"]),
    figure(
        "p_a_better_budget_effect",
        Share,
        [
            "Andel simuleringar där A frigör mer budgetutrymme än B",
            "Share of simulations where A frees more budget room than B",
        ],
        ["A frigör mer", "A frees more"],
    ),
    figure(
        "p_b_better_budget_effect",
        Share,
        [
            "Andel simuleringar där B frigör mer budgetutrymme än A",
            "Share of simulations where B frees more budget room than A",
        ],
        ["B frigör mer", "B frees more"],
    ),
    figure(
        "budget_effect_difference",
        Mnkr,
        [
            "Skillnad i frigjort budgetutrymme, netto, A − B, startårets priser",
            "Difference in net budget room freed, A − B, start-year prices",
        ],
        ["Skillnad A − B", "Difference A − B"],
    ),
    figure(
        "p_only_a_depleted",
        Share,
        [
            "Andel simuleringar där bara A måste avslå på grund av medelsbrist",
            "Share of simulations where only A must turn an application down for lack of money",
        ],
        ["Bara A avslår", "Only A turns down"],
    ),
    figure(
        "p_only_b_depleted",
        Share,
        [
            "Andel simuleringar där bara B måste avslå på grund av medelsbrist",
            "Share of simulations where only B must turn an application down for lack of money",
        ],
        ["Bara B avslår", "Only B turns down"],
    ),
    figure(
        "p_only_a_unit_tipped",
        Share,
        [
            "Andel simuleringar där bara A ger någon nämnd ett år med negativ budgetavvikelse",
            "Share of simulations where only A gives some committee a deficit year",
        ],
        ["Bara A negativ budgetavvikelse", "Only A deficit"],
    ),
    figure(
        "p_only_b_unit_tipped",
        Share,
        [
            "Andel simuleringar där bara B ger någon nämnd ett år med negativ budgetavvikelse",
            "Share of simulations where only B gives some committee a deficit year",
        ],
        ["Bara B negativ budgetavvikelse", "Only B deficit"],
    ),
    figure(
        "decision",
        Name,
        [
            "Sammanfattning av jämförelsen",
            "The comparison in a sentence",
        ],
        ["Sammanfattning", "In a sentence"],
    ),
];

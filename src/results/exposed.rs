//! Which nämnd the reader is shown (MODEL.md 7.4).

use super::DesignSummary;

impl DesignSummary {
    /// The nämnd the reader is shown (MODEL.md 7.4): the largest chance of a deficit year,
    /// ties broken by the larger 95th percentile of the total burden; never the median alone.
    pub fn singled_out_unit(&self) -> Option<usize> {
        (0..self.units.len()).max_by(|&a, &b| {
            let (a, b) = (&self.units[a], &self.units[b]);
            (a.p_any_year_tipped.total_cmp(&b.p_any_year_tipped))
                .then(a.burden_total.p95.total_cmp(&b.burden_total.p95))
        })
    }

    /// The nämnd singled out, when some nämnd is exposed at all: a deficit year in at least
    /// 0.05 % of the paths (what one decimal of a percentage shows), or a 95th percentile of
    /// its total burden of at least 0.05 mnkr.
    pub fn exposed_unit(&self) -> Option<usize> {
        let exposed = (self.units.iter())
            .any(|unit| unit.p_any_year_tipped >= 0.0005 || unit.burden_total.p95 >= 0.05);
        self.singled_out_unit().filter(|_| exposed)
    }
}

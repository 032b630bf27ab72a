//! Net cost (净成本): what building a project costs the city once its subsidy is counted. One
//! rule for every command; which subsidy it subtracts is stated with [`PoolBasis`].

use crate::model::Fen;

/// Which subsidy amounts a net cost subtracts: the case of a programme's pool made explicit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PoolBasis {
    /// Each project's own amount as if no pool were short, expert review assumed passed
    /// ([`super::subsidy_for`]). `dormplan plan` reports the candidates it does not choose this
    /// way, and bounds its search with it: no pool pays more.
    BeforePools,
    /// What each project is paid, or would be paid once its open conditions are settled, after
    /// its programmes' pools are shared out among the projects of the scenario
    /// ([`super::evaluate_policy`]: eligible and potential amounts). Sweeps, comparisons and
    /// rankings count this. `dormplan plan` counts its chosen projects this way over the
    /// scenario as the plan would make it ([`super::BuiltPolicy`]): the unchosen candidates
    /// left out and the chosen ones taken as reviewed, so that they draw on the pools.
    AfterPools,
}

/// Net cost: construction cost less the subsidy counted for the project (saturating, so an
/// absurd input gives an absurd figure rather than a wrap). Negative when the subsidy exceeds
/// the cost. The two bases agree whenever no pool is short; a pool that is short makes the
/// net cost after pools the larger.
pub fn net_cost(cost: Fen, subsidy: Fen) -> Fen {
    Fen(cost.0.saturating_sub(subsidy.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn net_cost_is_cost_less_subsidy() {
        assert_eq!(net_cost(Fen(1_000_000), Fen(300_000)), Fen(700_000));
        assert_eq!(net_cost(Fen(100), Fen(250)), Fen(-150));
        assert_eq!(net_cost(Fen(i64::MIN), Fen(1)), Fen(i64::MIN));
    }
}

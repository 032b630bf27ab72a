//! What the policy pays once a chosen set of candidate projects is built (建成后的奖补): each
//! programme's pool shared, by its own rule, among the standing projects and the built
//! candidates.
//!
//! A candidate that is not built does not exist; one that is built is taken as having passed
//! expert review, as [`super::subsidy_for`] takes it ([`rules::as_reviewed`]), and so draws on
//! the pool like any eligible project. The standing projects (every site that is not a
//! candidate) are judged as [`super::evaluate`] judges them. For any set, the amounts are then
//! exactly those `dormplan subsidy` pays on the same sites with the unbuilt candidates removed
//! and the built ones recorded as reviewed (and safe, where safety was not yet stated).
//!
//! Everything that does not depend on the set is judged once ([`BuiltPolicy::new`]); a set
//! costs one run of the pool's rule over the projects that draw on it.

use super::outcome::{Eligibility, PoolOutcome, ProjectSubsidy};
use super::{pool, rules};
use crate::figures::add_fen;
use crate::model::policy::{Policy, Pool, PoolRule, Programme};
use crate::model::{Fen, Settings, Site};

/// A policy's programmes judged once over a scenario's standing projects and its candidates,
/// ready to say what any set of built candidates is paid.
#[derive(Debug, Clone)]
pub struct BuiltPolicy<'a> {
    sites: &'a [Site],
    /// Per candidate, in the order given: its claim before pools, summed over the programmes
    /// (the total of [`super::subsidy_for`]).
    claims: Vec<Fen>,
    /// Per candidate: its claims on programmes without a pool, paid in full once built.
    unpooled: Vec<Fen>,
    /// The programmes with a pool, in file order.
    pooled: Vec<Pooled<'a>>,
}

/// One programme with a pool.
#[derive(Debug, Clone)]
struct Pooled<'a> {
    /// Index in `Policy::programmes`.
    index: usize,
    programme: &'a Programme,
    pool: Pool,
    /// The projects that may draw on the pool, in site order (the order `evaluate` shares
    /// them in): the standing eligible ones and every candidate that would be eligible once
    /// reviewed, each with its request as its amount.
    entries: Vec<Entry>,
    /// Per candidate: its request, when it would draw on the pool.
    requests: Vec<Option<Fen>>,
    /// Sum of the standing eligible projects' requests.
    standing_requested: Fen,
    /// What the standing eligible projects are paid when no candidate is built.
    standing_alone: Fen,
}

/// A project that may draw on a pool.
#[derive(Debug, Clone)]
struct Entry {
    project: ProjectSubsidy,
    /// Its position among the candidates; `None` for a standing project.
    candidate: Option<usize>,
}

/// What a set of built candidates is paid, and how each pool's money moves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuiltSubsidy {
    /// Per candidate, in the order given to [`BuiltPolicy::new`]: what it is paid, summed over
    /// the programmes (after pools); zero when it is not built.
    pub paid: Vec<Fen>,
    /// One per programme with a pool, in file order.
    pub pools: Vec<PoolShift>,
    /// The standing projects of the programmes with a pool, as the pool is shared with the set
    /// built: `(dataset index, eligibility, amount)`, eligible and potential ones (a potential
    /// project's amount is its share of what the others leave).
    pub standing: Vec<(usize, Eligibility, Fen)>,
}

impl BuiltSubsidy {
    /// What the built candidates are paid together.
    pub fn total(&self) -> Fen {
        self.paid.iter().fold(Fen::ZERO, |t, &p| add_fen(t, p))
    }
}

/// How one programme's pool is shared with a set of candidates built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolShift {
    /// Index of the programme in `Policy::programmes`.
    pub programme: usize,
    /// The pool shared among the standing eligible projects and the built candidates.
    pub shared: PoolOutcome,
    /// What the standing eligible projects are paid when no candidate is built.
    pub standing_without: Fen,
    /// What they are paid with the set built.
    pub standing_with: Fen,
    /// What the built candidates request from this programme.
    pub built_requested: Fen,
    /// What they are paid by it.
    pub built_paid: Fen,
}

impl PoolShift {
    /// What building the set takes from the standing projects (never negative).
    pub fn standing_loss(&self) -> Fen {
        self.standing_without - self.standing_with
    }
}

/// A linear upper bound on what a set of built candidates is paid, in fen:
/// `constant + Σ per_candidate[c]` over the built candidates `c`.
#[derive(Debug, Clone, PartialEq)]
pub struct PaidBound {
    /// The constant term (may be negative).
    pub constant: f64,
    /// Per candidate, in the order given to [`BuiltPolicy::new`].
    pub per_candidate: Vec<f64>,
}

impl PaidBound {
    /// The bound's value for a set.
    pub fn at(&self, built: &[bool]) -> f64 {
        self.constant
            + self
                .per_candidate
                .iter()
                .zip(built)
                .filter(|(_, b)| **b)
                .map(|(v, _)| v)
                .sum::<f64>()
    }
}

impl<'a> BuiltPolicy<'a> {
    /// Judges every project of `sites` under `policy` once; `candidates` are the dataset
    /// indices of the sites that may be built (the rest stand), in the order that every set
    /// and result follow. An index outside `sites` is a candidate that is never paid.
    pub fn new(
        sites: &'a [Site],
        settings: &Settings,
        policy: &'a Policy,
        candidates: &[usize],
    ) -> BuiltPolicy<'a> {
        let mut position = vec![None; sites.len()];
        for (c, &i) in candidates.iter().enumerate() {
            if let Some(p) = position.get_mut(i) {
                *p = Some(c);
            }
        }
        let mut out = BuiltPolicy {
            sites,
            claims: vec![Fen::ZERO; candidates.len()],
            unpooled: vec![Fen::ZERO; candidates.len()],
            pooled: Vec::new(),
        };
        for (index, programme) in policy.programmes.iter().enumerate() {
            let mut entries = Vec::new();
            let mut requests = vec![None; candidates.len()];
            for (i, site) in sites.iter().enumerate() {
                if !rules::in_scope(site.kind, programme) {
                    continue;
                }
                let judged = rules::assess(i, site, settings, programme);
                let candidate = position[i];
                let project = match candidate {
                    // Standing potential projects share what the eligible leave, as in
                    // `evaluate`; they take nothing from the eligible or the built.
                    None if matches!(
                        judged.eligibility,
                        Eligibility::Eligible | Eligibility::Potential
                    ) =>
                    {
                        judged
                    }
                    None => continue,
                    Some(c) => {
                        let Some(p) = rules::as_reviewed(judged) else {
                            continue;
                        };
                        out.claims[c] = add_fen(out.claims[c], p.amount);
                        if programme.pool.is_none() {
                            out.unpooled[c] = add_fen(out.unpooled[c], p.amount);
                        }
                        requests[c] = Some(p.amount);
                        p
                    }
                };
                entries.push(Entry { project, candidate });
            }
            let Some(pool) = programme.pool else {
                continue;
            };
            let standing_requested = entries
                .iter()
                .filter(|e| e.candidate.is_none() && e.project.eligibility == Eligibility::Eligible)
                .fold(Fen::ZERO, |t, e| add_fen(t, e.project.amount));
            let mut p = Pooled {
                index,
                programme,
                pool,
                entries,
                requests,
                standing_requested,
                standing_alone: Fen::ZERO,
            };
            p.standing_alone = out.share(&p, &[]).shift.standing_with;
            out.pooled.push(p);
        }
        out
    }

    /// True when some programme has a pool (without one, every built candidate is paid its
    /// claim and nobody else's amount changes).
    pub fn has_pool(&self) -> bool {
        !self.pooled.is_empty()
    }

    /// How many candidates there are.
    pub fn candidates(&self) -> usize {
        self.claims.len()
    }

    /// Per candidate: its claim before pools, as if it passed expert review (the total of
    /// [`super::subsidy_for`]). What a built candidate is paid is never more.
    pub fn claims(&self) -> &[Fen] {
        &self.claims
    }

    /// What each candidate is paid with the set `built` built (`built[c]` for candidate `c`; a
    /// missing entry is not built), and how each pool is shared.
    pub fn subsidy(&self, built: &[bool]) -> BuiltSubsidy {
        let mut paid: Vec<Fen> = self
            .unpooled
            .iter()
            .enumerate()
            .map(|(c, &u)| if is_built(built, c) { u } else { Fen::ZERO })
            .collect();
        let mut standing = Vec::new();
        let pools = self
            .pooled
            .iter()
            .map(|p| {
                let shift = self.share(p, built);
                for (c, amount) in shift.paid {
                    paid[c] = add_fen(paid[c], amount);
                }
                standing.extend(shift.standing);
                shift.shift
            })
            .collect();
        BuiltSubsidy {
            paid,
            pools,
            standing,
        }
    }

    /// Shares one pool among the standing eligible projects and the built candidates.
    fn share(&self, p: &Pooled, built: &[bool]) -> Shared {
        let (mut projects, mut owners) = (Vec::new(), Vec::new());
        for e in &p.entries {
            if e.candidate.is_none_or(|c| is_built(built, c)) {
                projects.push(e.project.clone());
                owners.push(e.candidate);
            }
        }
        let shared = pool::share(&p.pool, p.programme.rounding, &mut projects, self.sites);
        let mut shift = PoolShift {
            programme: p.index,
            shared,
            standing_without: p.standing_alone,
            standing_with: Fen::ZERO,
            built_requested: Fen::ZERO,
            built_paid: Fen::ZERO,
        };
        let mut paid = Vec::new();
        let mut standing = Vec::new();
        for (project, owner) in projects.iter().zip(owners) {
            if owner.is_none() {
                standing.push((project.site, project.eligibility, project.amount));
            }
            match owner {
                // Unfunded projects are paid nothing; potential ones are not paid yet.
                None if project.eligibility == Eligibility::Eligible => {
                    shift.standing_with = add_fen(shift.standing_with, project.amount)
                }
                None => {}
                Some(c) => {
                    let request = p.requests[c].unwrap_or(Fen::ZERO);
                    shift.built_requested = add_fen(shift.built_requested, request);
                    shift.built_paid = add_fen(shift.built_paid, project.amount);
                    paid.push((c, project.amount));
                }
            }
        }
        Shared {
            shift,
            paid,
            standing,
        }
    }

    /// A linear upper bound on what every set of built candidates is paid, equal (before each
    /// share is rounded down) to what the set `at` is paid. `None` when a pool is shared in
    /// order of beds per yuan, whose payments follow no such bound.
    ///
    /// A pro-rata pool `P` with standing eligible requests `E` pays new projects that request
    /// `x` in all `T(x) = x` while `E + x ≤ P`, else `P·x / (E + x)` (less the fen each share
    /// loses to rounding down). `T` is concave, so its tangent at the requests of `at` is above
    /// it everywhere; programmes without a pool pay each request.
    pub fn paid_bound(&self, at: &[bool]) -> Option<PaidBound> {
        let mut per_candidate: Vec<f64> = self.unpooled.iter().map(|f| f.0 as f64).collect();
        let mut constant = 0.0;
        for p in &self.pooled {
            if p.pool.rule != PoolRule::ProRata {
                return None;
            }
            let standing = p.standing_requested.0 as f64;
            let total = p.pool.total.0.max(0) as f64;
            let x0: f64 = p
                .requests
                .iter()
                .enumerate()
                .filter(|&(c, _)| is_built(at, c))
                .filter_map(|(_, r)| r.map(|f| f.0 as f64))
                .sum();
            let (value, slope) = if standing + x0 <= total {
                (x0, 1.0)
            } else {
                // standing + x0 > total ≥ 0, so the denominators are positive.
                let requested = standing + x0;
                (
                    total * x0 / requested,
                    total * standing / (requested * requested),
                )
            };
            constant += value - slope * x0;
            for (c, r) in p.requests.iter().enumerate() {
                if let Some(r) = r {
                    per_candidate[c] += slope * r.0 as f64;
                }
            }
        }
        Some(PaidBound {
            constant,
            per_candidate,
        })
    }
}

/// One pool shared: how its money moves, and what each built candidate gets from it.
struct Shared {
    shift: PoolShift,
    paid: Vec<(usize, Fen)>,
    standing: Vec<(usize, Eligibility, Fen)>,
}

fn is_built(built: &[bool], c: usize) -> bool {
    built.get(c).copied().unwrap_or(false)
}

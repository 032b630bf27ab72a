//! Allocation of resident groups to sites.

pub mod arcs;

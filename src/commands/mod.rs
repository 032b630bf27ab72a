//! The commands of the `dormplan` binary, as library functions that take parsed options and a
//! terminal writer and return the exit status. The binary only parses arguments and calls these.

pub mod subsidy;

//! Reports for people: terminal tables and number formatting shared by every command.

pub mod terminal;

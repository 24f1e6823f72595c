//! Behaviour of the crate generated from review_enums.yaml: a repeated enum value gets one
//! variant, and unusable `x-enum-varnames` fall back to names from the values.

mod support;

use corpus_review_enums::models::{Color, GoodNames, Level, NumberNames, ShortNames};
use serde_json::json;
use support::round_trip;

#[test]
fn a_repeated_string_value_decodes_to_its_one_variant() {
    let red: Color = round_trip(json!("red"));
    assert_eq!(red, Color::Red);
    let green: Color = serde_json::from_value(json!("green")).expect("decodes");
    assert_eq!(green, Color::Green);
}

#[test]
fn a_repeated_integer_value_decodes_to_its_one_variant() {
    let two: Level = round_trip(json!(2));
    assert_eq!(two, Level::Value2);
}

#[test]
fn unusable_varnames_are_replaced_by_value_names() {
    let short: ShortNames = serde_json::from_value(json!(1)).expect("decodes");
    assert_eq!(short, ShortNames::Value1);
    let numbers: NumberNames = serde_json::from_value(json!(2)).expect("decodes");
    assert_eq!(numbers, NumberNames::Value2);
    let good: GoodNames = serde_json::from_value(json!(2)).expect("decodes");
    assert_eq!(good, GoodNames::High);
}

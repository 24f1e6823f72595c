//! Behaviour of the crate generated from schemas_sloppy_defaults.yaml: defaults of the wrong type
//! are read as the property's type when unambiguous, and dropped otherwise.

use corpus_schemas_sloppy_defaults::models::{Settings, SettingsLevel};

#[test]
fn coerced_defaults_fill_missing_fields_and_dropped_ones_stay_unset() {
    let settings: Settings =
        serde_json::from_value(serde_json::json!({})).expect("an empty object decodes");
    // "false", "3", "0.25", 20 and 2 say one thing each: read as the property's type.
    assert!(!settings.enabled);
    assert_eq!(settings.retries, 3_i32);
    assert_eq!(settings.ratio, 0.25);
    assert_eq!(settings.label, "20");
    assert_eq!(settings.level, SettingsLevel::Value2);
    // "twenty", a number beyond 64 bits and a value outside the enum: dropped, so optional.
    assert_eq!(settings.limit, None);
    assert_eq!(settings.huge, None);
    assert_eq!(settings.mode, None);
    assert_eq!(Settings::default(), settings);
}

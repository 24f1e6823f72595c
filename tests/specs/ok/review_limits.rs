//! Behaviour of the crate generated from review_limits.yaml: limits are checked on plain strings
//! only, and patterns the regex engine cannot express are not checked at all.

use corpus_review_limits::models::Note;
use corpus_review_limits::runtime::validate::Validate;

fn note() -> Note {
    Note::new("abc")
}

#[test]
fn a_plain_string_keeps_its_length_limits() {
    assert!(note().validate().is_ok());
    assert!(Note::new("a").validate().is_err());
    assert!(Note::new("abcdef").validate().is_err());
}

#[test]
fn a_lookahead_beside_an_alternation_refuses_no_value() {
    let mut n = note();
    n.either = Some("b".into());
    assert!(n.validate().is_ok(), "`b` matches ^(?=a)|b");
    n.either = Some("zzz".into());
    assert!(n.validate().is_ok(), "the pattern is not checked locally");
}

#[test]
fn named_groups_are_checked() {
    let mut n = note();
    n.named = Some("abc-1".into());
    assert!(n.validate().is_ok());
    n.named = Some("abc-x".into());
    assert!(n.validate().is_err());
}

#[test]
fn lookbehind_is_not_checked() {
    let mut n = note();
    n.behind = Some("nothing".into());
    assert!(n.validate().is_ok());
}

#[test]
fn a_leading_lookahead_is_checked_separately() {
    let mut n = note();
    n.split = Some("abc1".into());
    assert!(n.validate().is_ok());
    n.split = Some("abc".into());
    assert!(n.validate().is_err());
}

//! Where a broken limit is reported: the field path through nested values and lists.

use openapi_runtime::validate::{length, Invalid, Validate};

struct Named(&'static str);

impl Validate for Named {
    fn validate(&self) -> Result<(), Invalid> {
        length("name", self.0, None, Some(3))
    }
}

#[test]
fn paths_join_fields_with_dots_and_list_indexes_without() {
    let list = vec![Named("ok"), Named("too long")];
    let err = list.validate().unwrap_err().within("extra").within("outer");
    assert_eq!(err.field, "outer.extra[1].name");
    assert_eq!(err.message, "must be at most 3 characters long, not 8");
}

//! `Base64` and `Binary`: the JSON forms of `format: byte` and `format: binary`.

use openapi_runtime::{Base64, Binary};

#[test]
fn base64_encodes_standard_padded_and_decodes_every_alphabet() {
    let value = Base64(vec![0xfb, 0xff, 0x00, b'a']);
    assert_eq!(serde_json::to_string(&value).unwrap(), r#""+/8AYQ==""#);
    for text in [
        r#""+/8AYQ==""#,
        r#""+/8AYQ""#,
        r#""-_8AYQ==""#,
        r#""-_8AYQ""#,
    ] {
        let back: Base64 = serde_json::from_str(text).unwrap();
        assert_eq!(back, value, "{text}");
    }
    assert_eq!(value.to_string(), "+/8AYQ==");
}

#[test]
fn base64_refuses_text_that_is_not_base64() {
    let e = serde_json::from_str::<Base64>(r#""not base64!""#).unwrap_err();
    assert!(e.to_string().starts_with("invalid base64"), "{e}");
    assert!(serde_json::from_str::<Base64>("12").is_err());
}

#[test]
fn base64_bodies_decode_into_their_bytes() {
    use openapi_runtime::response::base64;
    for body in [&b"+/8AYQ=="[..], b"-_8AYQ", b"  +/8AYQ==\n"] {
        assert_eq!(base64(body).unwrap(), vec![0xfb, 0xff, 0x00, b'a']);
    }
    let e = base64(b"not base64!").unwrap_err();
    assert!(e.message.starts_with("the body is not base64"), "{e:?}");
    let e = base64(&[0xff, 0xfe]).unwrap_err();
    assert!(
        e.message.starts_with("the base64 body is not text"),
        "{e:?}"
    );
}

#[test]
fn binary_round_trips_text_and_refuses_non_utf8() {
    let value: Binary = serde_json::from_str(r#""héllo""#).unwrap();
    assert_eq!(&*value, "héllo".as_bytes());
    assert_eq!(serde_json::to_string(&value).unwrap(), r#""héllo""#);
    let e = serde_json::to_string(&Binary(vec![0xff, 0xfe])).unwrap_err();
    assert!(e.to_string().contains("not UTF-8"), "{e}");
}

//! Request bodies other than plain JSON: form-urlencoded, multipart, bytes, text, JSON variants.

mod common;

use common::{refused, sent};
use openapi_runtime::reqwest::Method;
use openapi_runtime::{Error, FilePart, Multipart, MultipartBody, RequestParts};
use serde::Serialize;
use wiremock::Request;

fn post() -> RequestParts {
    common::request(Method::POST, "/upload")
}

fn content_type(request: &Request) -> String {
    request.headers["content-type"].to_str().unwrap().to_owned()
}

#[derive(Serialize)]
struct Login {
    user: String,
    remember: bool,
    scopes: Vec<String>,
    meta: serde_json::Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    absent: Option<String>,
    nothing: Option<i32>,
}

#[tokio::test]
async fn form_bodies_are_urlencoded_pairs_in_key_order() {
    let login = Login {
        user: "ann b&c=d".into(),
        remember: true,
        scopes: vec!["read".into(), "write*".into()],
        meta: serde_json::json!({"k": "é"}),
        absent: None,
        nothing: None,
    };
    let mut parts = post();
    parts.form_body(&login);
    let request = sent(parts).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "meta%5Bk%5D=%C3%A9&remember=true&scopes=read&scopes=write*&user=ann+b%26c%3Dd"
    );
}

#[tokio::test]
async fn a_form_body_must_be_an_object() {
    let mut parts = post();
    parts.form_body(&[1, 2]);
    let err = refused(parts).await;
    assert!(
        matches!(err, Error::Validation { ref field, .. } if field == "body"),
        "{err:?}"
    );
}

struct Upload {
    photo: FilePart,
    caption: Option<String>,
    tags: Vec<String>,
    meta: serde_json::Value,
}

impl MultipartBody for Upload {
    fn write_parts(&self, form: &mut Multipart) {
        form.file("photo", &self.photo);
        if let Some(caption) = &self.caption {
            form.text("caption", caption);
        }
        form.text("tags", &self.tags);
        form.json("meta", &self.meta);
    }
}

#[tokio::test]
async fn multipart_bodies_hold_each_part_in_order() {
    let upload = Upload {
        photo: FilePart::new(vec![0_u8, 159, 146, 150])
            .file_name("cat \"1\".png")
            .content_type("image/png"),
        caption: Some("a cat".into()),
        tags: vec!["x".into(), "y".into()],
        meta: serde_json::json!({"n": 1}),
    };
    let mut parts = post();
    parts.multipart_body(&upload);
    let request = sent(parts).await;
    let ct = content_type(&request);
    let boundary = ct
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a multipart content type");
    let mut expected = Vec::new();
    let mut part = |headers: &str, data: &[u8]| {
        expected.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
        expected.extend_from_slice(data);
        expected.extend_from_slice(b"\r\n");
    };
    part(
        "Content-Disposition: form-data; name=\"photo\"; filename=\"cat %221%22.png\"\r\nContent-Type: image/png",
        &[0, 159, 146, 150],
    );
    part("Content-Disposition: form-data; name=\"caption\"", b"a cat");
    part("Content-Disposition: form-data; name=\"tags\"", b"x");
    part("Content-Disposition: form-data; name=\"tags\"", b"y");
    part(
        "Content-Disposition: form-data; name=\"meta\"\r\nContent-Type: application/json",
        b"{\"n\":1}",
    );
    expected.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    assert_eq!(request.body, expected);
}

#[tokio::test]
async fn file_parts_default_to_octet_stream_and_an_empty_file_name() {
    let mut form = Multipart::with_boundary("B");
    form.file("f", &FilePart::new(b"ab".to_vec()));
    let mut parts = post();
    parts.multipart(form);
    let request = sent(parts).await;
    assert_eq!(content_type(&request), "multipart/form-data; boundary=B");
    assert_eq!(
        request.body,
        b"--B\r\nContent-Disposition: form-data; name=\"f\"; filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\nab\r\n--B--\r\n"
    );
}

#[tokio::test]
async fn a_part_containing_the_boundary_is_refused() {
    let mut form = Multipart::with_boundary("B");
    form.text("a", "x\r\n--B\r\n");
    let mut parts = post();
    parts.multipart(form);
    let err = refused(parts).await;
    assert!(
        matches!(err, Error::Validation { ref field, .. } if field == "a"),
        "{err:?}"
    );
}

#[tokio::test]
async fn bytes_text_and_other_json_content_types() {
    let mut parts = post();
    parts.raw_body("application/octet-stream", vec![1_u8, 2, 255]);
    let request = sent(parts).await;
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body, vec![1, 2, 255]);

    let mut parts = post();
    parts.raw_body("text/plain; charset=utf-8", "héllo".to_owned());
    let request = sent(parts).await;
    assert_eq!(content_type(&request), "text/plain; charset=utf-8");
    assert_eq!(request.body, "héllo".as_bytes());

    let mut parts = post();
    parts.base64_body("image/jpeg", &[0xfb, 0xff, 0x00, b'a']);
    let request = sent(parts).await;
    assert_eq!(content_type(&request), "image/jpeg");
    assert_eq!(request.body, b"+/8AYQ==");

    let mut parts = post();
    parts.json_body_as(
        &serde_json::json!({"a": null}),
        "application/merge-patch+json",
    );
    let request = sent(parts).await;
    assert_eq!(content_type(&request), "application/merge-patch+json");
    assert_eq!(request.body, b"{\"a\":null}");
}

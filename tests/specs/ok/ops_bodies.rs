//! Behaviour of the crate generated from ops_bodies.yaml: what each kind of request body sends.

mod support;

use corpus_ops_bodies::models::{Kind, Login, Pet, PetPatch, UploadPhotoRequest};
use corpus_ops_bodies::runtime::{FilePart, Nullable};
use support::*;
use wiremock::Request;

fn content_type(request: &Request) -> String {
    header(request, "content-type").expect("a content type")
}

#[tokio::test]
async fn json_is_preferred_and_other_json_types_keep_their_content_type() {
    let server = serve(201, r#"{"name": "Rex"}"#).await;
    let pet = Pet {
        name: "Rex".into(),
        kind: Some(Kind::Dog),
    };
    let created = client(&server)
        .pets()
        .create(&pet)
        .await
        .expect("201 decodes");
    assert_eq!(created.name, "Rex");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/json");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&request.body).expect("JSON body"),
        serde_json::json!({"name": "Rex", "kind": "dog"})
    );

    let server = serve(200, r#"{"name": "Rex"}"#).await;
    let patch = PetPatch {
        name: Nullable::Null,
    };
    client(&server)
        .pets()
        .patch("p1", Some(&patch))
        .await
        .expect("200 decodes");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/merge-patch+json");
    assert_eq!(request.body, br#"{"name":null}"#);
}

#[tokio::test]
async fn form_urlencoded_is_preferred_over_multipart() {
    let server = serve(204, "").await;
    let login = Login {
        user: "ann@example.com".into(),
        password: "p&ss word".into(),
        remember: Some(true),
        scopes: Some(vec!["read".into(), "write".into()]),
    };
    client(&server).pets().login(&login).await.expect("204");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/x-www-form-urlencoded");
    assert_eq!(
        String::from_utf8(request.body).expect("ASCII"),
        "password=p%26ss+word&remember=true&scopes=read&scopes=write&user=ann%40example.com"
    );
}

#[tokio::test]
async fn multipart_sends_files_text_and_json_parts() {
    let server = serve(204, "").await;
    let mut form = UploadPhotoRequest::new(
        FilePart::new(vec![0x89, b'P', b'N', b'G'])
            .file_name("rex.png")
            .content_type("image/png"),
        "Rex".into(),
    );
    form.rating = Some(5);
    form.kind = Some(Kind::Cat);
    form.tags = Some(vec!["a".into(), "b".into()]);
    form.meta = serde_json::from_value(serde_json::json!({"source": "phone"})).ok();
    form.extras = vec![FilePart::new(b"x".to_vec())];
    client(&server)
        .pets()
        .upload_photo("p1", &form)
        .await
        .expect("204");
    let request = only_request(&server).await;
    let ct = content_type(&request);
    let boundary = ct
        .strip_prefix("multipart/form-data; boundary=")
        .expect("multipart content type");
    let mut expected: Vec<u8> = Vec::new();
    let mut part = |headers: &str, data: &[u8]| {
        expected.extend_from_slice(format!("--{boundary}\r\n{headers}\r\n\r\n").as_bytes());
        expected.extend_from_slice(data);
        expected.extend_from_slice(b"\r\n");
    };
    let disposition = |name: &str| format!("Content-Disposition: form-data; name=\"{name}\"");
    part(
        &format!(
            "{}; filename=\"rex.png\"\r\nContent-Type: image/png",
            disposition("photo")
        ),
        &[0x89, b'P', b'N', b'G'],
    );
    part(&disposition("caption"), b"Rex");
    part(&disposition("rating"), b"5");
    part(&disposition("kind"), b"cat");
    part(&disposition("tags"), b"a");
    part(&disposition("tags"), b"b");
    part(
        &format!("{}\r\nContent-Type: application/json", disposition("meta")),
        br#"{"source":"phone"}"#,
    );
    part(
        &format!(
            "{}; filename=\"\"\r\nContent-Type: application/octet-stream",
            disposition("extras")
        ),
        b"x",
    );
    expected.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    assert_eq!(
        String::from_utf8_lossy(&request.body),
        String::from_utf8_lossy(&expected)
    );
    assert_eq!(request.body, expected);
}

#[tokio::test]
async fn bytes_and_text_bodies_are_sent_as_given_and_base64_ones_encoded() {
    let server = serve(204, "").await;
    client(&server)
        .pets()
        .put_blob("k", &[0, 1, 255])
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body, vec![0, 1, 255]);

    let server = serve(204, "").await;
    client(&server)
        .pets()
        .post_image(b"PNG")
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "image/png");
    assert_eq!(request.body, b"PNG");

    let server = serve(204, "").await;
    client(&server)
        .pets()
        .post_note(Some("héllo"))
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "text/plain");
    assert_eq!(request.body, "héllo".as_bytes());

    // A base64 schema (`format: byte`) under a non-JSON type: the bytes go base64-encoded and
    // the answer, base64 too, comes back as bytes.
    let server = serve(200, "+/8AYQ==\n").await;
    let stored = client(&server)
        .pets()
        .put_thumbnail("k", &[0xfb, 0xff, 0x00, b'a'])
        .await
        .expect("200 decodes from base64");
    assert_eq!(stored, vec![0xfb, 0xff, 0x00, b'a']);
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "image/jpeg");
    assert_eq!(header(&request, "accept").as_deref(), Some("image/jpeg"));
    assert_eq!(request.body, b"+/8AYQ==");

    let server = serve(200, "not base64!").await;
    let err = client(&server)
        .pets()
        .put_thumbnail("k", b"x")
        .await
        .expect_err("a body that is not base64 is refused");
    assert!(err.to_string().contains("not base64"), "{err}");

    // A content type without an encoder: the caller's bytes under that type; `*/*` is not a
    // type to send, so octet-stream stands in.
    let server = serve(204, "").await;
    client(&server)
        .pets()
        .post_feed(b"<feed/>")
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/xml");
    assert_eq!(request.body, b"<feed/>");

    let server = serve(204, "").await;
    client(&server)
        .pets()
        .put_anything(b"\x00any")
        .await
        .expect("204");
    let request = only_request(&server).await;
    assert_eq!(content_type(&request), "application/octet-stream");
    assert_eq!(request.body, b"\x00any");

    let server = serve(204, "").await;
    client(&server).pets().post_note(None).await.expect("204");
    let request = only_request(&server).await;
    assert!(request.body.is_empty());
    assert!(!request.headers.contains_key("content-type"));
}

//! Behaviour of the crate generated from ops_responses.yaml: success bodies decoded by status
//! into response enums, non-JSON bodies, `default` responses and error bodies.

mod support;

use corpus_ops_responses::models::{GetPetResponse, Pet, StartJobResponse};
use corpus_ops_responses::Error;
use support::*;
use wiremock::MockServer;

/// The Accept header of the one request `server` received.
async fn accept_sent(server: &MockServer) -> String {
    header(&only_request(server).await, "accept").expect("an Accept header")
}

#[tokio::test]
async fn each_documented_status_decodes_as_its_variant() {
    let cases: Vec<(u16, &[u8], GetPetResponse)> = vec![
        (
            200,
            br#"{"name": "Rex"}"#,
            GetPetResponse::Ok(Pet { name: "Rex".into() }),
        ),
        (
            202,
            b"fetching",
            GetPetResponse::Accepted("fetching".into()),
        ),
        (204, b"", GetPetResponse::NoContent),
        (
            206,
            &[0, 255, 1],
            GetPetResponse::PartialContent(vec![0, 255, 1]),
        ),
    ];
    for (status, body, expected) in cases {
        let server = serve(status, body).await;
        let got = client(&server)
            .pets()
            .get("p1")
            .await
            .expect("a documented status decodes");
        assert_eq!(got, expected, "status {status}");
        assert_eq!(
            accept_sent(&server).await,
            "application/json, text/plain, application/octet-stream"
        );
    }
}

#[tokio::test]
async fn an_undocumented_success_status_is_a_decode_error() {
    let server = serve(201, br#"{"name": "Rex"}"#).await;
    let err = client(&server).pets().get("p1").await.unwrap_err();
    match err {
        Error::Decode {
            status, message, ..
        } => {
            assert_eq!(status.as_u16(), 201);
            assert!(message.contains("201"), "{message}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_text_error_body_is_kept_as_text() {
    let server = serve(404, b"no such pet").await;
    let err = client(&server).pets().get("p1").await.unwrap_err();
    match err {
        Error::Api(api) => {
            assert_eq!(api.status.as_u16(), 404);
            assert_eq!(api.raw, "no such pet");
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

#[tokio::test]
async fn ranges_catch_other_success_statuses() {
    let server = serve(201, br#"{"id": "j1"}"#).await;
    let job = client(&server).pets().start_job().await.expect("201");
    assert!(
        matches!(job, StartJobResponse::Created(ref j) if j.id == "j1"),
        "{job:?}"
    );

    let server = serve(202, br#"{"position": 3}"#).await;
    let job = client(&server).pets().start_job().await.expect("202");
    assert!(
        matches!(job, StartJobResponse::Accepted(ref q) if q.position == 3),
        "{job:?}"
    );

    let server = serve(200, b"done").await;
    let job = client(&server)
        .pets()
        .start_job()
        .await
        .expect("200 via 2XX");
    assert_eq!(job, StartJobResponse::Other2xx("done".into()));
}

#[tokio::test]
async fn identical_success_bodies_share_one_type() {
    let server = serve(203, br#"[{"name": "a"}, {"name": "b"}]"#).await;
    let pets: Vec<Pet> = client(&server).pets().list().await.expect("203");
    assert_eq!(pets.len(), 2);
}

#[tokio::test]
async fn text_and_binary_bodies_and_their_accept_headers() {
    let server = serve(200, b"a,b\n1,2\n").await;
    let csv: String = client(&server).pets().get_report().await.expect("text");
    assert_eq!(csv, "a,b\n1,2\n");
    assert_eq!(accept_sent(&server).await, "text/csv");

    let server = serve(200, &[80, 75, 3, 4, 0]).await;
    let zip: Vec<u8> = client(&server).pets().download().await.expect("bytes");
    assert_eq!(zip, vec![80, 75, 3, 4, 0]);
    assert_eq!(accept_sent(&server).await, "application/zip");

    let server = serve(200, b"--- a\n+++ b\n").await;
    let diff: Vec<u8> = client(&server).pets().get_diff().await.expect("bytes");
    assert_eq!(diff, b"--- a\n+++ b\n");
    assert_eq!(accept_sent(&server).await, "application/vnd.example.diff");
}

#[tokio::test]
async fn a_lone_default_response_is_the_success_type() {
    let server = serve(200, br#"{"ok": true}"#).await;
    let health = client(&server)
        .pets()
        .health()
        .await
        .expect("default as success");
    assert_eq!(health.ok, Some(true));
}

#[tokio::test]
async fn default_next_to_a_success_is_the_error() {
    let server = serve(204, b"").await;
    client(&server)
        .pets()
        .delete("p1")
        .await
        .expect("204 is ()");

    let server = serve(409, br#"{"title": "busy"}"#).await;
    let err = client(&server).pets().delete("p1").await.unwrap_err();
    match err {
        Error::Api(api) => assert_eq!(api.status.as_u16(), 409),
        other => panic!("expected an API error, got {other:?}"),
    }
}

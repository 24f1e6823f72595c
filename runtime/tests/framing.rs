//! Splitting sequential bodies into items (`sequence::Framer`): JSON Lines, JSON text sequences
//! and Server-Sent Events, with chunks cut anywhere.

use std::collections::VecDeque;

use openapi_runtime::sequence::{Frame, FrameError, Framer, Sequence};
use serde_json::Value;

fn split(sequence: Sequence, chunks: &[&[u8]], limit: usize) -> Result<Vec<Frame>, FrameError> {
    let mut framer = Framer::new(sequence, limit);
    let mut out = VecDeque::new();
    for chunk in chunks {
        framer.push(chunk, &mut out)?;
    }
    framer.finish(&mut out)?;
    Ok(out.into())
}

fn json(text: &str) -> Frame {
    Frame::Json(text.as_bytes().to_vec())
}

#[test]
fn json_lines_skip_blank_lines_and_strip_cr() {
    let frames = split(
        Sequence::JsonLines,
        &[b"{\"a\":1}\r\n\n  \n[2,", b"3]\n\"last\""],
        100,
    );
    assert_eq!(
        frames,
        Ok(vec![json("{\"a\":1}"), json("[2,3]"), json("\"last\"")])
    );
}

#[test]
fn a_line_longer_than_the_limit_is_an_error() {
    assert_eq!(
        split(Sequence::JsonLines, &[b"[1,2,", b"3,4,5]\n"], 8),
        Err(FrameError::TooLarge)
    );
    assert_eq!(
        split(Sequence::JsonLines, &[b"[1,2]\n[3]\n"], 8),
        Ok(vec![json("[1,2]"), json("[3]")])
    );
    assert_eq!(
        split(Sequence::ServerSentEvents, &[b"data: 0123456789\n\n"], 8),
        Err(FrameError::TooLarge)
    );
}

#[test]
fn json_seq_records_start_with_rs() {
    let frames = split(
        Sequence::JsonSeq,
        &[b"\x1e{\"a\":\n1}\n\x1e", b"2\n\x1e\n\x1e\"x\"\n"],
        100,
    );
    assert_eq!(
        frames,
        Ok(vec![json("{\"a\":\n1}\n"), json("2\n"), json("\"x\"\n")])
    );
    assert!(matches!(
        split(Sequence::JsonSeq, &[b"{}\n\x1e1\n"], 100),
        Err(FrameError::Invalid(_))
    ));
}

#[test]
fn a_flushed_json_seq_record_is_delivered_before_the_next_rs() {
    let mut framer = Framer::new(Sequence::JsonSeq, 100);
    let mut out = VecDeque::new();
    framer.push(b"\x1e{\"a\":", &mut out).unwrap();
    framer.push(b"1}\n", &mut out).unwrap();
    assert_eq!(out.pop_front(), Some(json("{\"a\":1}\n")));
    framer.push(b"\x1e2\n", &mut out).unwrap();
    assert_eq!(out.pop_front(), Some(json("2\n")));
    framer.finish(&mut out).unwrap();
    assert!(out.is_empty());
}

fn event(fields: Value) -> Frame {
    Frame::Value(fields)
}

#[test]
fn events_follow_the_html_standard() {
    let body = "\u{feff}event: addString\r\ndata: This data is formatted\rdata: across two lines\nretry: 5\n\n\
                : a comment\nevent: addInt64\ndata:1234.5678\nunknownField: ignored\nid: 7\n\n\
                id\ndata\n\ndata: not ended by a blank line";
    let frames = split(Sequence::ServerSentEvents, &[body.as_bytes()], 1000);
    assert_eq!(
        frames,
        Ok(vec![
            event(serde_json::json!({
                "event": "addString",
                "data": "This data is formatted\nacross two lines",
                "retry": 5
            })),
            event(serde_json::json!({"event": "addInt64", "data": "1234.5678", "id": "7"})),
            event(serde_json::json!({"data": ""})),
        ])
    );
}

#[test]
fn an_event_without_data_is_not_an_item() {
    let frames = split(
        Sequence::ServerSentEvents,
        &[b"event: ping\n\ndata: x\n\n"],
        100,
    );
    assert_eq!(frames, Ok(vec![event(serde_json::json!({"data": "x"}))]));
}

proptest::proptest! {
    /// However the body is cut into chunks, the items are the same.
    #[test]
    fn chunk_boundaries_do_not_matter(cuts in proptest::collection::vec(0usize..200, 0..12)) {
        let bodies: [(Sequence, &[u8]); 3] = [
            (Sequence::ServerSentEvents, "\u{feff}data: a\r\ndata: é\r\n\r\n: c\revent: e\rdata: {\"x\":1}\r\rid: 9\ndata: z\n\n".as_bytes()),
            (Sequence::JsonLines, b"{\"a\":[1,2]}\r\n\n\"\xc3\xa9\"\n3\n  \n{}"),
            (Sequence::JsonSeq, b"\x1e{\"a\":\n1}\n\x1e\"s\"\n\x1e[]\n\x1e4"),
        ];
        for (sequence, body) in bodies {
            let whole = split(sequence, &[body], 1000);
            let mut cuts: Vec<usize> = cuts.iter().map(|c| c % (body.len() + 1)).collect();
            cuts.sort_unstable();
            let mut chunks = Vec::new();
            let mut from = 0;
            for cut in cuts {
                chunks.push(&body[from..cut]);
                from = cut;
            }
            chunks.push(&body[from..]);
            proptest::prop_assert_eq!(split(sequence, &chunks, 1000), whole.clone());
            proptest::prop_assert!(whole.is_ok_and(|w| w.len() >= 3));
        }
    }
}

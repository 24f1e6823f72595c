//! The 100-item product list page decoded by the client bench and by
//! `bench/peers/decode` (both include this file with `#[path]`), so both decode the same bytes.

use serde_json::{json, Value};

/// A 100-item list page shaped like `ProductListItem`, deterministic.
pub(crate) fn list_page() -> Vec<u8> {
    let visibilities = ["visible", "hidden", "archived", "quick_link"];
    let data: Vec<Value> = (0..100)
        .map(|i| {
            json!({
                "id": format!("prod_{i:013}"),
                "created_at": format!("2023-12-{:02}T05:00:{:02}.401Z", 1 + i % 28, i % 60),
                "updated_at": format!("2024-01-{:02}T10:30:{:02}Z", 1 + i % 28, (i * 7) % 60),
                "external_identifier": if i % 3 == 0 { Value::Null } else { json!(format!("ext_prod_{i}")) },
                "headline": if i % 4 == 0 { Value::Null } else { json!(format!("Real-time analytics for creators, edition {i}")) },
                "member_count": i * 37,
                "published_reviews_count": i % 11,
                "route": format!("pickaxe-analytics-{i}"),
                "title": format!("Pickaxe Analytics {i}"),
                "verified": i % 2 == 0,
                "visibility": visibilities[i % visibilities.len()],
            })
        })
        .collect();
    serde_json::to_vec(&json!({
        "data": data,
        "page_info": {
            "end_cursor": "cursor_end_xxxxxxxx",
            "start_cursor": "cursor_start_xxxxxx",
            "has_next_page": true,
            "has_previous_page": false
        }
    }))
    .expect("encodes")
}

//! Generator stage timings: `spec/products.yaml` (and its OpenAPI 3.1 twin), a large synthetic spec built in memory
//! (`support/synthetic.rs`) and GitHub's REST API description (`tests/specs/public/`).
//!
//! Floor: `serde_yaml::from_str::<openapiv3::OpenAPI>` on the same text, measured in the same run.
//! Run with `cargo bench -p openapi-gen --bench stages`.

use std::hint::black_box;
use std::io::Read as _;
use std::time::Duration;

use criterion::{criterion_main, Criterion, SamplingMode};
use openapi_gen::{generate, stages, Settings};

#[path = "support/synthetic.rs"]
mod synthetic;

/// The allocator `cargo xtask codegen` runs the generator with; the floor uses it too.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const PRODUCTS: &str = include_str!("../../spec/products.yaml");
const PRODUCTS_31: &str = include_str!("../../tests/specs/products-3.1.yaml");
const GITHUB_GZ: &[u8] = include_bytes!("../../tests/specs/public/api.github.com.json.gz");

/// The floor: the same text parsed alone into `openapiv3::OpenAPI` (serde_json for JSON text, as
/// `stages::parse` does, serde_yaml otherwise).
fn floor(text: &str) -> openapiv3::OpenAPI {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).expect("json")
    } else {
        serde_yaml::from_str(text).expect("yaml")
    }
}

/// Benches every stage on `text`. With `must_generate`, a spec the generator refuses panics (never
/// silently benchmark an error path); otherwise the refusal is printed and only the stages that
/// succeed are measured.
fn bench_spec(
    c: &mut Criterion,
    label: &str,
    text: &str,
    settings: &Settings,
    must_generate: bool,
) {
    let generated = match generate(text, settings) {
        Ok(generated) => Some(generated),
        Err(e) if must_generate => panic!("{label}: {e}"),
        Err(e) => {
            eprintln!("{label}: the generator refuses this spec: {e}");
            None
        }
    };
    let parsed = stages::parse(text, settings).ok();
    let api = parsed
        .as_ref()
        .and_then(|p| stages::build(p, text, settings).ok());
    eprintln!(
        "{label}: {} bytes of spec, {} paths, {} schemas, {} files, models.rs {} bytes",
        text.len(),
        parsed.as_ref().map_or(0, |p| p.paths.paths.len()),
        parsed
            .as_ref()
            .and_then(|p| p.components.as_ref())
            .map_or(0, |c| c.schemas.len()),
        generated.as_ref().map_or(0, |g| g.files.len()),
        generated
            .as_ref()
            .and_then(|g| g.files.get("src/models.rs"))
            .map_or(0, String::len)
    );

    let mut g = c.benchmark_group(format!("gen/{label}"));
    if text.len() > 1_000_000 {
        // One iteration takes up to seconds: ten flat samples, equal iteration counts each.
        g.sample_size(10).sampling_mode(SamplingMode::Flat);
    }
    // openapiv3 alone cannot read a 3.1 document: no floor for those.
    if std::panic::catch_unwind(|| floor(text)).is_ok() {
        g.bench_function("floor_parse_openapiv3", |b| {
            b.iter(|| floor(black_box(text)))
        });
    }
    if let Some(parsed) = &parsed {
        g.bench_function("stages_parse", |b| {
            b.iter(|| stages::parse(black_box(text), settings).expect("parse"))
        });
        if let Some(api) = &api {
            g.bench_function("stages_build", |b| {
                b.iter(|| stages::build(black_box(parsed), text, settings).expect("build"))
            });
            g.bench_function("stages_emit", |b| {
                b.iter(|| stages::emit(black_box(api), settings).expect("emit"))
            });
        }
    }
    if let Some(generated) = &generated {
        g.bench_function("generate", |b| {
            b.iter(|| generate(black_box(text), settings).expect("generate"))
        });
        // Diagnostic: prettyplease alone printing the generated models.rs from its syntax tree,
        // a lower bound of any generator that formats its output with prettyplease.
        let models: syn::File =
            syn::parse_file(&generated.files["src/models.rs"]).expect("models.rs parses");
        g.bench_function("diag_prettyplease_models", |b| {
            b.iter(|| prettyplease::unparse(black_box(&models)))
        });
    }
    g.finish();
}

fn products(c: &mut Criterion) {
    let settings = Settings::new("whop-products", "spec/products.yaml");
    bench_spec(c, "products", PRODUCTS, &settings, true);
    // The same description written as OpenAPI 3.1: parsed into a value and normalised first.
    let settings = Settings::new("whop-products", "tests/specs/products-3.1.yaml");
    bench_spec(c, "products-3.1", PRODUCTS_31, &settings, true);
}

fn synthetic(c: &mut Criterion) {
    let text = synthetic::synthetic_spec();
    let settings = Settings::new("synthetic", "synthetic.yaml");
    bench_spec(c, "synthetic", &text, &settings, true);
}

/// GitHub's REST API description (see `tests/specs/public/README.md`), decompressed.
fn github(c: &mut Criterion) {
    let mut text = String::new();
    flate2::read::GzDecoder::new(GITHUB_GZ)
        .read_to_string(&mut text)
        .expect("the fixture is gzip-compressed UTF-8");
    let settings = Settings::new("github", "tests/specs/public/api.github.com.json");
    bench_spec(c, "github", &text, &settings, false);
}

fn config() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .sample_size(20)
}

/// The small spec's benchmarks with [`config`] (what `criterion_group!` expands to, written out so
/// that it can carry this doc comment).
fn small() {
    let mut criterion = config().configure_from_args();
    products(&mut criterion);
}

/// The large specs' benchmarks with [`config`].
fn large() {
    let mut criterion = config().configure_from_args();
    synthetic(&mut criterion);
    github(&mut criterion);
}

criterion_main!(small, large);

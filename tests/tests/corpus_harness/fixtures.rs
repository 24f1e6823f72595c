//! The spec corpus under `tests/specs/`: listing fixtures and generating them.

use openapi_gen::{generate, Error, Generated, Settings};
use std::fs;
use std::path::{Path, PathBuf};

/// One spec of the corpus.
#[derive(Debug, Clone)]
pub(crate) struct Fixture {
    /// The file stem: `core_refs` for `core_refs.yaml`.
    pub(crate) name: String,
    /// The spec file.
    pub(crate) path: PathBuf,
    /// The path as shown in generated headers and errors (`tests/specs/ok/core_refs.yaml`).
    pub(crate) shown: String,
}

impl Fixture {
    /// The crate this fixture generates: `corpus-<name>`.
    pub(crate) fn crate_name(&self) -> String {
        format!("corpus-{}", self.name)
    }

    /// The spec text.
    pub(crate) fn text(&self) -> String {
        fs::read_to_string(&self.path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", self.path.display()))
    }

    /// Generator settings for this fixture.
    pub(crate) fn settings(&self) -> Settings {
        Settings::new(self.crate_name(), self.shown.clone())
    }

    /// Runs the generator on this fixture.
    pub(crate) fn generate(&self) -> Result<Generated, Error> {
        generate(&self.text(), &self.settings())
    }

    /// The file next to the spec with the same stem and `extension`, when it exists.
    pub(crate) fn sibling(&self, extension: &str) -> Option<PathBuf> {
        let p = self.path.with_extension(extension);
        p.is_file().then_some(p)
    }
}

/// `tests/specs/` of this repository.
pub(crate) fn specs_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("specs")
}

/// The specs in `tests/specs/<kind>/` to check: all of them, or, when the environment variable
/// `CORPUS_SPECS` holds a comma-separated list of names (`core_refs,ops_params`), only those.
pub(crate) fn fixtures(kind: &str) -> Vec<Fixture> {
    let all = all_fixtures(kind);
    let Ok(wanted) = std::env::var("CORPUS_SPECS") else {
        return all;
    };
    let wanted: Vec<&str> = wanted.split(',').map(str::trim).collect();
    let chosen: Vec<Fixture> = all
        .into_iter()
        .filter(|f| wanted.contains(&f.name.as_str()))
        .collect();
    eprintln!(
        "CORPUS_SPECS is set: checking only {} spec(s) of tests/specs/{kind}",
        chosen.len()
    );
    chosen
}

/// Every `*.yaml` / `*.json` spec in `tests/specs/<kind>/`, sorted by file name.
pub(crate) fn all_fixtures(kind: &str) -> Vec<Fixture> {
    let dir = specs_dir().join(kind);
    let mut out: Vec<Fixture> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json")
            )
        })
        .map(|path| {
            let file = path
                .file_name()
                .expect("a file")
                .to_string_lossy()
                .into_owned();
            Fixture {
                name: path
                    .file_stem()
                    .expect("a stem")
                    .to_string_lossy()
                    .into_owned(),
                shown: format!("tests/specs/{kind}/{file}"),
                path,
            }
        })
        .collect();
    out.sort_by(|a, b| a.path.cmp(&b.path));
    for pair in out.windows(2) {
        assert_ne!(
            pair[0].name, pair[1].name,
            "tests/specs/{kind}: two specs share the name {:?}; names must be unique",
            pair[0].name
        );
    }
    out
}

//! The output sink: emitters push the items of each generated Rust file into it, by file and
//! section, as units emitted only when the file is rendered. A unit holds a closure over the
//! model, not tokens, so it can be emitted on any thread (token streams cannot cross threads) and
//! a large file is rendered in shares on several threads (`format::rust_file_parallel`).

use crate::error::Located;
use crate::format;
use proc_macro2::TokenStream;
use std::collections::BTreeMap;

/// A Rust source file of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum File {
    /// `src/lib.rs`.
    Lib,
    /// `src/client.rs`.
    Client,
    /// `src/models.rs`.
    Models,
    /// `tests/operations.rs`: one test per operation, against a mock server.
    OperationTests,
}

impl File {
    /// Its path in the crate.
    pub(crate) fn path(self) -> &'static str {
        match self {
            File::Lib => "src/lib.rs",
            File::Client => "src/client.rs",
            File::Models => "src/models.rs",
            File::OperationTests => "tests/operations.rs",
        }
    }
}

/// A part of a file. A file is its sections in this order, each holding its units in the order
/// they were pushed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Section {
    /// The module doc and inner attributes of a file rendered in shares: the first share starts
    /// with them.
    Head,
    /// A whole file emitted at once (`lib.rs`; `client.rs`, whose imports depend on all of it).
    Whole,
    /// The schemas' types (`models.rs`).
    Types,
    /// The functions returning field defaults (`models.rs`).
    Defaults,
    /// The operations' parameter structs (`models.rs`).
    Params,
    /// The operations' multipart forms and response enums (`models.rs`).
    OperationTypes,
}

/// Emits the tokens of one unit; called on any thread, possibly more than once.
type EmitFn<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// One independently emitted piece of a file.
struct Unit<'a> {
    /// Roughly how much text it becomes (fields, variants, parameters); balances the shares.
    weight: usize,
    /// Its tokens.
    emit: EmitFn<'a>,
}

/// The generated Rust files as units, keyed by file and section.
#[derive(Default)]
pub(crate) struct Output<'a> {
    sections: BTreeMap<(File, Section), Vec<Unit<'a>>>,
}

impl<'a> Output<'a> {
    /// Appends a unit of `weight` whose tokens `emit` returns to `section` of `file`.
    pub(crate) fn push(
        &mut self,
        file: File,
        section: Section,
        weight: usize,
        emit: impl Fn() -> TokenStream + Send + Sync + 'a,
    ) {
        let unit = Unit {
            weight,
            emit: Box::new(emit),
        };
        self.sections.entry((file, section)).or_default().push(unit);
    }

    /// Whether anything was pushed into `file`.
    pub(crate) fn has(&self, file: File) -> bool {
        self.sections.keys().any(|(f, _)| *f == file)
    }

    /// Appends the tokens of `file`, a file emitted at once (never in shares).
    pub(crate) fn whole(&mut self, file: File, emit: impl Fn() -> TokenStream + Send + Sync + 'a) {
        self.push(file, Section::Whole, 1, emit);
    }

    /// The formatted text of `file` after `header`: its head, then its other units in order, in
    /// shares balanced by weight, each emitted and formatted on its own thread when the file is
    /// large enough.
    pub(crate) fn render(&self, file: File, header: &str) -> Result<String, Located> {
        let (mut head, mut body) = (Vec::new(), Vec::new());
        for ((_, section), units) in self.sections.iter().filter(|((f, _), _)| *f == file) {
            if *section == Section::Head {
                head.extend(units);
            } else {
                body.extend(units);
            }
        }
        let weights: Vec<usize> = body.iter().map(|u| u.weight).collect();
        format::rust_file_parallel(
            format::parts_for(body.len()),
            &weights,
            |range, first| {
                let head = if first { &head[..] } else { &[] };
                head.iter()
                    .chain(&body[range])
                    .map(|u| (u.emit)())
                    .collect()
            },
            header,
            file.path(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::{format_ident, quote};

    /// Units pushed out of order come out by section, in push order within each, and the head
    /// once, however many shares the file is rendered in.
    #[test]
    fn files_are_their_sections_in_order() {
        let item = |i: usize| {
            let name = format_ident!("Item{i}");
            quote!(pub struct #name;)
        };
        let mut out = Output::default();
        for i in 0..300 {
            let section = [Section::Params, Section::Types, Section::Defaults][i % 3];
            out.push(File::Models, section, i % 7, move || item(i));
        }
        out.push(
            File::Models,
            Section::Head,
            0,
            || quote!(#![allow(deprecated)]),
        );
        out.whole(File::Client, || {
            quote!(
                pub struct Elsewhere;
            )
        });
        let order = (0..300).filter(|i| i % 3 == 1);
        let order = order
            .chain((0..300).filter(|i| i % 3 == 2))
            .chain((0..300).filter(|i| i % 3 == 0));
        let items = order.map(item);
        let expected = quote!(#![allow(deprecated)] #(#items)*);
        let expected = format::rust_file(expected, "// h\n", "src/models.rs").unwrap();
        assert_eq!(out.render(File::Models, "// h\n").unwrap(), expected);
    }
}

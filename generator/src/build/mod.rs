//! Stage 2: `openapiv3::OpenAPI` -> the model. Resolves every `$ref`, decides every name, and
//! refuses (with a JSON pointer) whatever it cannot map faithfully.

mod dedupe;
mod docs;
mod features;
mod operation;
mod parts;
mod polymorphism;
mod recursion;
mod reentry;
mod resolve;
mod schema;
mod security;
mod servers;
mod shape;

use crate::error::{Diagnostic, Located, Res, Severity};
use crate::model::{Api, Presence, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Scope};
use crate::pointer::Pointer;
use indexmap::IndexMap;
use openapiv3::{OpenAPI, ReferenceOr, Schema};
use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

/// A schema or a `$ref` to one, borrowed from the spec.
#[derive(Debug, Clone, Copy)]
pub(crate) enum SchemaRef<'a> {
    /// `$ref: ...`.
    Ref(&'a str),
    /// An inline schema.
    Item(&'a Schema),
}

impl<'a> From<&'a ReferenceOr<Schema>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Schema>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

impl<'a> From<&'a ReferenceOr<Box<Schema>>> for SchemaRef<'a> {
    fn from(r: &'a ReferenceOr<Box<Schema>>) -> Self {
        match r {
            ReferenceOr::Reference { reference } => SchemaRef::Ref(reference),
            ReferenceOr::Item(s) => SchemaRef::Item(s),
        }
    }
}

/// State of one model build.
pub(crate) struct Builder<'a> {
    spec: &'a OpenAPI,
    /// Rust type names in use.
    type_names: Scope,
    /// Component schema key -> its type.
    component_ids: IndexMap<&'a str, TypeId>,
    /// The arena of named types by [`TypeId`], in the order their names were decided; a
    /// definition is filled in once built.
    types: Vec<(String, Option<TypeDef>)>,
    /// The model's order of the types: a type takes its place before its children are built, so
    /// parents come first (the ids are renumbered to this order when the build ends).
    order: Vec<TypeId>,
    /// Names of the functions returning field defaults (module level in `models.rs`).
    default_fns: Scope,
    /// Constructs mapped by a fallback, located by pointer.
    warnings: Vec<Located>,
    /// Constructs with no faithful mapping, every one found (the build goes on past each).
    errors: Vec<Located>,
    /// Inline schemas whose types are being built, outermost first (see `reentry.rs`).
    building: Vec<reentry::InProgress<'a>>,
    /// Inline schema (by address) -> the first type named after it, and whether it was built
    /// inside a cycle (see `reentry.rs`).
    built: BTreeMap<usize, (TypeId, bool)>,
    /// Schemas reached by a `$ref` to their place (not a component) -> their type and
    /// nullability (see `resolve.rs`).
    places: BTreeMap<Pointer, (TypeRef, bool)>,
    /// The schemas (by address) in `places`.
    place_targets: BTreeSet<usize>,
    /// Shapes of components met as `allOf` members, by component key (see `shape.rs`).
    member_shapes: RefCell<BTreeMap<&'a str, shape::Shape<'a>>>,
    /// The declared security schemes (see `security.rs`).
    security: security::Declared,
}

impl<'a> Builder<'a> {
    /// A builder of `spec` with nothing built yet.
    fn new(spec: &'a OpenAPI) -> Self {
        Builder {
            spec,
            type_names: Scope::default(),
            component_ids: IndexMap::new(),
            types: Vec::new(),
            order: Vec::new(),
            default_fns: Scope::default(),
            warnings: Vec::new(),
            errors: Vec::new(),
            building: Vec::new(),
            built: BTreeMap::new(),
            places: BTreeMap::new(),
            place_targets: BTreeSet::new(),
            member_shapes: RefCell::new(BTreeMap::new()),
            security: security::Declared::default(),
        }
    }
}

/// Builds the model of `spec`, or finds every error it can. `env_prefix` overrides
/// `info.x-env-prefix` and `tag_features` `info.x-tag-features`; `crate_name` names the client
/// (the env prefix's last resort); `locate` turns a finding into a diagnostic.
pub(crate) fn build(
    spec: &OpenAPI,
    env_prefix: Option<&str>,
    tag_features: Option<bool>,
    crate_name: &str,
    locate: &dyn Fn(Located, Severity) -> Diagnostic,
) -> Result<Api, crate::Error> {
    let mut b = Builder::new(spec);
    b.security = security::declare(&mut b);
    let document_security = match &spec.security {
        Some(security) => {
            let ptr = Pointer::root().join("security");
            b.attempt(|b| b.security.requirement(security, &ptr))
        }
        None => Some(Vec::new()),
    };
    let schemas = spec.components.as_ref().map(|c| &c.schemas);
    for key in schemas.into_iter().flat_map(|s| s.keys()) {
        let name = b.type_names.claim(&naming::type_name(key, "Schema"));
        let id = b.new_type(name);
        b.component_ids.insert(key, id);
    }
    for (key, schema) in schemas.into_iter().flat_map(|s| s.iter()) {
        let ptr = Pointer::component("schemas", key);
        let id = b.component_ids[key.as_str()];
        b.attempt(|b| b.define(key, id, schema.into(), &ptr));
    }
    let (mut resources, mut error_types) = operation::build_resources(&mut b);
    let env_prefix = b.attempt(|_| env_prefix_of(spec, env_prefix, crate_name));
    let tag_features = b.attempt(|_| tag_features_of(spec, tag_features));
    let servers = b.attempt(|_| servers::servers(&spec.servers));
    let (Some(env_prefix), Some(tag_features), Some(servers), Some(mut security), true) = (
        env_prefix,
        tag_features,
        servers,
        document_security,
        b.errors.is_empty(),
    ) else {
        // A part built twice (reached from two places) reports its error once.
        let mut errors: Vec<Located> = Vec::new();
        for e in b.errors {
            if !errors.contains(&e) {
                errors.push(e);
            }
        }
        return Err(crate::Error::new(
            errors
                .into_iter()
                .map(|e| locate(e, Severity::Error))
                .collect(),
        ));
    };
    let mut types = renumber(b.types, &b.order, &mut resources, &mut error_types);
    received_nulls_as_absent(&mut types, &resources);
    let mut types = dedupe::merge_look_alikes(types, &mut resources, &mut error_types);
    // The error body all operations share (after merging, look-alike bodies are one type).
    let error_type = match error_types.split_first() {
        Some((first, rest)) if rest.iter().all(|t| t == first) => first.clone(),
        _ => TypeRef::Json,
    };
    mark_request_types(&mut types, &resources);
    recursion::relax_read_only(&mut types);
    let alias_warnings = recursion::break_alias_cycles(&mut types);
    recursion::box_cycles(&mut types);
    recursion::mark_union_froms(&mut types);
    let validated = mark_validated_types(&mut types);
    let mut warnings: Vec<crate::Warning> = Vec::new();
    for w in b.warnings.into_iter().chain(alias_warnings) {
        debug_assert!(w.kind.is_some(), "a warning without a kind: {}", w.message);
        if !warnings.iter().any(|x| x.pointer == w.pointer) {
            warnings.push(locate(w, Severity::Warning));
        }
    }
    for op in resources.iter_mut().flat_map(|r| r.operations.iter_mut()) {
        if let Some(body) = &mut op.body {
            body.validate = match &mut body.kind {
                // The form is no TypeDef: its parts say whether it has limits to check.
                crate::model::BodyKind::Multipart(form) => {
                    for f in &mut form.fields {
                        f.validated = part_type(f).is_some_and(|t| is_validated(t, &validated));
                    }
                    form.fields
                        .iter()
                        .any(|f| f.validated || !f.limits.is_empty())
                }
                _ => is_validated(&body.ty, &validated),
            };
        }
    }
    operation::paginate(&mut resources, &types);
    let mut requirements: Vec<_> = resources
        .iter_mut()
        .flat_map(|r| r.operations.iter_mut())
        .map(|op| &mut op.security)
        .collect();
    let (schemes, credentials_required) =
        security::finish(b.security, &env_prefix, &mut security, &mut requirements);
    let mut api = Api {
        title: spec.info.title.clone(),
        description: spec.info.description.clone(),
        version: spec.info.version.clone(),
        docs_url: docs::docs_url(spec),
        servers,
        env_prefix,
        schemes,
        security,
        credentials_required,
        types,
        resources,
        error_type,
        warnings,
        features: None,
    };
    if features::wanted(&api, tag_features) {
        api.features = Some(features::split(&api));
        debug_assert_eq!(api.gate_violations(), Vec::<String>::new());
    }
    Ok(api)
}

/// Whether to split the crate into features per resource: `tag_features`, else
/// `info.x-tag-features`, else `None` (decided by size).
fn tag_features_of(spec: &OpenAPI, tag_features: Option<bool>) -> Res<Option<bool>> {
    if tag_features.is_some() {
        return Ok(tag_features);
    }
    match spec.info.extensions.get("x-tag-features") {
        Some(serde_json::Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(Located::new(
            Pointer::root().join_all(&["info", "x-tag-features"]),
            "`x-tag-features` must be `true` or `false`",
        )),
        None => Ok(None),
    }
}

/// The prefix of the client's environment variables: `env_prefix`, else `info.x-env-prefix`, else
/// the title's.
fn env_prefix_of(spec: &OpenAPI, env_prefix: Option<&str>, crate_name: &str) -> Res<String> {
    Ok(match env_prefix {
        Some(p) => p.to_owned(),
        None => match spec.info.extensions.get("x-env-prefix") {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(_) => {
                return Err(Located::new(
                    Pointer::root().join_all(&["info", "x-env-prefix"]),
                    "`x-env-prefix` must be a string",
                ))
            }
            None => naming::env_prefix(&spec.info.title, crate_name),
        },
    })
}

impl<'a> Builder<'a> {
    /// Runs one independent part of the build (a component, an operation, ...): its value, or
    /// `None` with its error recorded, so the build goes on to find the next one. What the part
    /// left half-done is undone: it no longer counts as being built.
    fn attempt<T>(&mut self, part: impl FnOnce(&mut Self) -> Res<T>) -> Option<T> {
        let depth = self.building.len();
        match part(self) {
            Ok(value) => Some(value),
            Err(e) => {
                self.building.truncate(depth);
                self.errors.push(e);
                None
            }
        }
    }

    /// A new named type called `name` (already claimed), to be placed and defined later.
    fn new_type(&mut self, name: String) -> TypeId {
        let id = TypeId(u32::try_from(self.types.len()).expect("fewer than 2^32 types"));
        self.types.push((name, None));
        id
    }

    /// Places type `id` next in the model's order (before its children are built).
    fn place(&mut self, id: TypeId) {
        self.order.push(id);
    }

    /// A new named type placed next in the model's order: [`Self::new_type`] + [`Self::place`].
    fn new_placed_type(&mut self, name: String) -> TypeId {
        let id = self.new_type(name);
        self.place(id);
        id
    }

    /// The Rust name of a type.
    fn name_of(&self, id: TypeId) -> &str {
        &self.types[id.index()].0
    }

    /// Stores the finished definition of type `id`.
    fn fill(&mut self, id: TypeId, def: TypeDef) {
        self.types[id.index()].1 = Some(def);
    }

    /// Adds the definition of a named component.
    fn define(
        &mut self,
        key: &'a str,
        id: TypeId,
        schema: SchemaRef<'a>,
        ptr: &Pointer,
    ) -> Res<()> {
        self.place(id);
        let name = self.name_of(id).to_owned();
        let polymorphic = match schema {
            SchemaRef::Item(s) => self.polymorphic_def(key, &name, s, ptr)?,
            SchemaRef::Ref(_) => None,
        };
        let def = match polymorphic {
            Some(def) => def,
            None => self.component_def(id, schema, ptr)?,
        };
        self.fill(id, def);
        Ok(())
    }
}

/// The finished types in model order, every [`TypeId`] (in the types, the operations and the
/// error type) renumbered to its position there.
fn renumber(
    arena: Vec<(String, Option<TypeDef>)>,
    order: &[TypeId],
    resources: &mut [crate::model::Resource],
    error_types: &mut [TypeRef],
) -> Vec<TypeDef> {
    let mut new_id = vec![TypeId(u32::MAX); arena.len()];
    for (position, id) in order.iter().enumerate() {
        new_id[id.index()] = TypeId(position as u32);
    }
    let mut slots: Vec<Option<TypeDef>> = arena.into_iter().map(|(_, def)| def).collect();
    let mut types: Vec<TypeDef> = order
        .iter()
        .map(|id| {
            slots[id.index()]
                .take()
                .expect("every placed type is defined")
        })
        .collect();
    rewrite_ids(&mut types, resources, error_types, |id| new_id[id.index()]);
    types
}

/// Replaces every [`TypeId`] in the types, the operations and the error types by `map` of it.
pub(super) fn rewrite_ids(
    types: &mut [TypeDef],
    resources: &mut [crate::model::Resource],
    error_types: &mut [TypeRef],
    mut map: impl FnMut(TypeId) -> TypeId,
) {
    for def in types {
        def.kind
            .refs_mut()
            .into_iter()
            .for_each(|t| t.map_named(&mut map));
    }
    for op in resources.iter_mut().flat_map(|r| r.operations.iter_mut()) {
        op.for_each_type_ref_mut(&mut |t| t.map_named(&mut map));
    }
    for t in error_types {
        t.map_named(&mut map);
    }
}

/// Marks every type reachable from a request body (multipart parts included), so it gets a
/// constructor.
fn mark_request_types(types: &mut [TypeDef], resources: &[crate::model::Resource]) {
    for id in reachable(types, sent_roots(resources, false)) {
        types[id.index()].in_request = true;
    }
}

/// The types requests send directly: body types and multipart parts' types, and with `params`
/// the types of parameters too.
fn sent_roots(resources: &[crate::model::Resource], params: bool) -> Vec<TypeId> {
    let mut roots = Vec::new();
    for op in resources.iter().flat_map(|r| &r.operations) {
        if let Some(body) = &op.body {
            roots.extend(body.ty.named());
            if let crate::model::BodyKind::Multipart(form) = &body.kind {
                form.fields
                    .iter()
                    .filter_map(part_type)
                    .for_each(|t| roots.extend(t.named()));
            }
        }
        if params {
            let query_and_headers = op.params.iter().flat_map(|p| &p.params);
            for p in op.path_params.iter().chain(query_and_headers) {
                roots.extend(p.ty.named());
            }
        }
    }
    roots
}

/// Every type reachable from `roots` through the type graph, the roots included.
fn reachable(types: &[TypeDef], mut todo: Vec<TypeId>) -> BTreeSet<TypeId> {
    let mut seen = BTreeSet::new();
    while let Some(id) = todo.pop() {
        if seen.insert(id) {
            todo.extend(
                types[id.index()]
                    .kind
                    .refs()
                    .into_iter()
                    .flat_map(TypeRef::named),
            );
        }
    }
    seen
}

/// One rule for optional nullable fields: `Nullable<T>` (omitted / `null` / a value) only where
/// the difference is sent, in types reachable from a request body or parameter; in a type that is
/// only received, absent and `null` mean the same to the reader, so the field is `Option<T>`
/// (both `None`), like every other optional field of a response. The emitters only read the
/// presence decided here.
///
/// Runs before look-alike types are merged, so a received type that now looks like another is
/// merged with it (a sent type keeps its fields, so no received one can change what is sent);
/// hence its own walk from the operations rather than [`mark_request_types`]' marks, made after
/// merging. Read-only fields of sent types stay three-state ([`recursion::relax_read_only`]).
fn received_nulls_as_absent(types: &mut [TypeDef], resources: &[crate::model::Resource]) {
    let sent = reachable(types, sent_roots(resources, true));
    for (i, def) in types.iter_mut().enumerate() {
        if sent.contains(&TypeId(i as u32)) {
            continue;
        }
        if let TypeKind::Struct(fields) = &mut def.kind {
            for f in fields
                .iter_mut()
                .filter(|f| f.presence == Presence::OptionalNullable)
            {
                f.presence = Presence::Optional;
            }
        }
    }
}

/// The type of a multipart part that holds a value (not a file).
fn part_type(f: &crate::model::PartField) -> Option<&TypeRef> {
    match &f.kind {
        crate::model::PartKind::Text(t) | crate::model::PartKind::Json(t) => Some(t),
        crate::model::PartKind::File | crate::model::PartKind::Files => None,
    }
}

/// Marks every type with limits to check: structs with limited fields, or with fields of
/// such types (to a fixpoint, so nesting at any depth counts). Returns the marked types, for
/// [`is_validated`].
fn mark_validated_types(types: &mut [TypeDef]) -> BTreeSet<TypeId> {
    let mut validated: BTreeSet<TypeId> = (0..types.len())
        .filter(|&i| types[i].validated)
        .map(|i| TypeId(i as u32))
        .collect();
    loop {
        let mut changed = false;
        for (i, t) in types.iter_mut().enumerate() {
            if t.validated {
                continue;
            }
            let needs = match &t.kind {
                TypeKind::Struct(fields) => fields
                    .iter()
                    .any(|f| !f.limits.is_empty() || is_validated(&f.ty, &validated)),
                TypeKind::Alias(ty) => is_validated(ty, &validated),
                TypeKind::Union(u) => u.variants().iter().any(|v| is_validated(&v.ty, &validated)),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => false,
            };
            if needs {
                t.validated = true;
                validated.insert(TypeId(i as u32));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for t in types.iter_mut() {
        match &mut t.kind {
            TypeKind::Struct(fields) => {
                for f in fields {
                    f.nested_validated = is_validated(&f.ty, &validated);
                }
            }
            TypeKind::Union(u) => {
                for v in u.variants_mut() {
                    v.validated = is_validated(&v.ty, &validated);
                }
            }
            _ => {}
        }
    }
    validated
}

/// Whether values of `ty` have limits to check (not through maps: a map's values are not
/// checked). `validated`: the types that have (see [`mark_validated_types`]).
pub(crate) fn is_validated(ty: &TypeRef, validated: &BTreeSet<TypeId>) -> bool {
    match ty {
        TypeRef::Named(id) => validated.contains(id),
        TypeRef::List(t) | TypeRef::OrNull(t) | TypeRef::Boxed(t) => is_validated(t, validated),
        _ => false,
    }
}

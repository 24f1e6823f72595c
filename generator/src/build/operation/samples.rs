//! Values for the generated operation tests (`tests/operations.rs`) to send: the spec's examples
//! (parameter, media type, schema `example`), else values built from the schemas (an enum's first
//! value, a value of the format, limits respected where simple). A schema no value can be built
//! for (a pattern none of the candidates matches, `not`, a recursion through required
//! properties) gives the reason instead, and the operation is listed as not exercised.
//!
//! Schemas are read as JSON (openapiv3's own serialization), so every keyword is read the same
//! way whichever `SchemaKind` openapiv3 chose.

use super::super::{Builder, SchemaRef};
use crate::model::Sample;
use crate::pointer::Pointer;
use openapiv3::{Example, ReferenceOr};
use serde_json::{json, Map, Value};

/// How deep into nested schemas optional properties are still filled in; below it only required
/// ones are.
const OPTIONAL_DEPTH: usize = 4;
/// How deep a value may nest at all: deeper means required properties recurse.
const MAX_DEPTH: usize = 24;

/// Which properties a built object holds.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Fill {
    /// The required ones.
    Required,
    /// Every one that is sent (not `readOnly`); schema examples are used at every level.
    All,
}

/// The first example of a parameter or media type: `example`, else the first of `examples`.
pub(super) fn example(
    b: &Builder<'_>,
    example: Option<&Value>,
    examples: &indexmap::IndexMap<String, ReferenceOr<Example>>,
) -> Option<Value> {
    if let Some(v) = example {
        return Some(v.clone());
    }
    examples.values().find_map(|e| match e {
        ReferenceOr::Item(e) => e.value.clone(),
        ReferenceOr::Reference { reference } => {
            let name = reference.strip_prefix("#/components/examples/")?;
            match b.spec.components.as_ref()?.examples.get(name)? {
                ReferenceOr::Item(e) => e.value.clone(),
                ReferenceOr::Reference { .. } => None,
            }
        }
    })
}

/// A value of `schema` holding the properties `fill` says.
pub(super) fn of_schema<'a>(
    b: &Builder<'a>,
    schema: SchemaRef<'a>,
    ptr: &Pointer,
    fill: Fill,
) -> Sample {
    let root = match schema {
        SchemaRef::Ref(r) => json!({ "$ref": r }),
        SchemaRef::Item(s) => serde_json::to_value(s).map_err(|e| e.to_string())?,
    };
    Samples { b, ptr, fill }.value(&root, 0)
}

struct Samples<'b, 'a> {
    b: &'b Builder<'a>,
    ptr: &'b Pointer,
    fill: Fill,
}

impl Samples<'_, '_> {
    /// The schema a `$ref` names, as JSON.
    fn resolve(&self, reference: &str) -> Result<Value, String> {
        let target = self
            .b
            .resolve_schema(reference, self.ptr)
            .map_err(|e| e.message)?;
        serde_json::to_value(target.schema()).map_err(|e| e.to_string())
    }

    fn value(&self, s: &Value, depth: usize) -> Sample {
        if depth > MAX_DEPTH {
            return Err(
                "the schema nests deeper than the tests build (a recursion through \
                        required properties?)"
                    .to_owned(),
            );
        }
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            let target = self.resolve(r)?;
            return self.value(&target, depth + 1);
        }
        let leaf = !is_object_like(s);
        if let Some(e) = s.get("example") {
            if leaf || self.fill == Fill::All {
                return Ok(e.clone());
            }
        }
        if let Some(d) = s.get("default").filter(|_| leaf) {
            return Ok(d.clone());
        }
        if let Some(values) = s.get("enum").and_then(Value::as_array) {
            if let Some(first) = values.iter().find(|v| !v.is_null()) {
                return Ok(first.clone());
            }
        }
        if s.get("not").is_some() && s.get("type").is_none() {
            return Err("a `not` schema has no value the tests can build".to_owned());
        }
        for key in ["oneOf", "anyOf"] {
            if let Some(members) = s.get(key).and_then(Value::as_array) {
                if let Some(first) = members.first() {
                    return self.member(s, first, depth);
                }
            }
        }
        if let Some(members) = s.get("allOf").and_then(Value::as_array) {
            return self.all_of(s, members, depth);
        }
        match s.get("type").and_then(Value::as_str) {
            Some("string") => string(s),
            Some("integer") => Ok(integer(s)),
            Some("number") => Ok(number(s)),
            Some("boolean") => Ok(Value::Bool(true)),
            Some("array") => self.array(s, depth),
            Some("object") => self.object(s, depth),
            _ if s.get("properties").is_some() => self.object(s, depth),
            _ if s.get("items").is_some() => self.array(s, depth),
            // Any value fits a schema without a type.
            _ => Ok(Value::String("sample".to_owned())),
        }
    }

    /// The first member of a union, with the discriminator's tag when there is one.
    fn member(&self, union: &Value, member: &Value, depth: usize) -> Sample {
        let mut value = self.value(member, depth + 1)?;
        if let (Some(d), Value::Object(map)) = (union.get("discriminator"), &mut value) {
            let property = d.get("propertyName").and_then(Value::as_str);
            let reference = member.get("$ref").and_then(Value::as_str);
            if let (Some(property), Some(reference)) = (property, reference) {
                let mapped = d
                    .get("mapping")
                    .and_then(Value::as_object)
                    .and_then(|m| m.iter().find(|(_, to)| to.as_str() == Some(reference)))
                    .map(|(tag, _)| tag.clone());
                let tag = mapped.or_else(|| reference.rsplit('/').next().map(str::to_owned));
                if let Some(tag) = tag {
                    map.entry(property.to_owned()).or_insert(Value::String(tag));
                }
            }
        }
        Ok(value)
    }

    /// The members of an `allOf` merged: objects key by key, else the last member's value.
    fn all_of(&self, s: &Value, members: &[Value], depth: usize) -> Sample {
        let mut merged: Option<Value> = None;
        for m in members {
            let v = self.value(m, depth + 1)?;
            merged = Some(match (merged, v) {
                (Some(Value::Object(mut a)), Value::Object(b)) => {
                    a.extend(b);
                    Value::Object(a)
                }
                (_, v) => v,
            });
        }
        // Properties written beside the `allOf` belong to the same object.
        if s.get("properties").is_some() {
            if let (Some(Value::Object(a)), Value::Object(own)) =
                (&mut merged, self.object(s, depth)?)
            {
                a.extend(own);
            }
        }
        merged.ok_or_else(|| "an empty allOf".to_owned())
    }

    fn array(&self, s: &Value, depth: usize) -> Sample {
        // A tuple (3.1 `prefixItems`, normalised): one value per member, in order.
        if s.get(crate::parse::TUPLE) == Some(&Value::Bool(true)) {
            if let Some(Value::Array(members)) = s.get("items").and_then(|i| i.get("oneOf")) {
                return members
                    .iter()
                    .map(|m| self.value(m, depth + 1))
                    .collect::<Result<Vec<_>, _>>()
                    .map(Value::Array);
            }
        }
        let item = match s.get("items") {
            Some(items) => self.value(items, depth + 1)?,
            None => Value::String("sample".to_owned()),
        };
        // One item, or as many as `minItems` asks (the same value: refused when unique).
        let count = s
            .get("minItems")
            .and_then(Value::as_u64)
            .unwrap_or(1)
            .max(1);
        if count > 1 && s.get("uniqueItems") == Some(&Value::Bool(true)) {
            return Err(format!(
                "an array of at least {count} unique items, which the tests do not build"
            ));
        }
        Ok(Value::Array(vec![item; count.min(16) as usize]))
    }

    fn object(&self, s: &Value, depth: usize) -> Sample {
        let required: Vec<&str> = s
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let all = self.fill == Fill::All && depth <= OPTIONAL_DEPTH;
        let mut out = Map::new();
        if let Some(props) = s.get("properties").and_then(Value::as_object) {
            for (name, prop) in props {
                if !required.contains(&name.as_str()) && !all {
                    continue;
                }
                if prop.get("readOnly") == Some(&Value::Bool(true)) {
                    continue;
                }
                out.insert(name.clone(), self.value(prop, depth + 1)?);
            }
        }
        Ok(Value::Object(out))
    }
}

/// Whether a schema builds an object or union (whose example is used only when every property
/// is wanted) rather than a leaf value.
fn is_object_like(s: &Value) -> bool {
    s.get("type").and_then(Value::as_str) == Some("object")
        || ["properties", "allOf", "oneOf", "anyOf"]
            .iter()
            .any(|k| s.get(*k).is_some())
}

/// A string of the schema's format, length and pattern.
fn string(s: &Value) -> Sample {
    let format = s.get("format").and_then(Value::as_str).unwrap_or("");
    let fixed = match format {
        "date-time" => Some("2024-01-02T03:04:05Z"),
        "date" => Some("2024-01-02"),
        "time" => Some("03:04:05Z"),
        "uuid" => Some("123e4567-e89b-42d3-a456-426614174000"),
        "email" => Some("user@example.com"),
        "uri" | "url" | "iri" => Some("https://example.com/sample"),
        "uri-reference" | "iri-reference" => Some("/sample"),
        "hostname" | "idn-hostname" => Some("example.com"),
        "ipv4" => Some("192.0.2.1"),
        "ipv6" => Some("2001:db8::1"),
        "byte" => Some("c2FtcGxl"),
        "binary" => Some("sample"),
        "duration" => Some("P1D"),
        _ => None,
    };
    if let Some(v) = fixed {
        return Ok(Value::String(v.to_owned()));
    }
    let min = s.get("minLength").and_then(Value::as_u64).unwrap_or(0) as usize;
    let max = s
        .get("maxLength")
        .and_then(Value::as_u64)
        .map_or(usize::MAX, |m| m as usize);
    let pattern = s.get("pattern").and_then(Value::as_str);
    let regexes: Vec<regex_lite::Regex> = match pattern.map(super::super::schema::pattern_checks) {
        Some(Ok(checks)) => checks
            .iter()
            .filter_map(|c| regex_lite::Regex::new(c).ok())
            .collect(),
        Some(Err(why)) => {
            return Err(format!(
                "no value built for the pattern {:?} ({why})",
                pattern.unwrap_or_default()
            ))
        }
        None => Vec::new(),
    };
    const CANDIDATES: [&str; 12] = [
        "sample", "abc", "a", "A", "ABC", "0", "123", "a1", "sample-1", "sample_1", "abc123",
        "Sample",
    ];
    for base in CANDIDATES {
        let candidate = fit_length(base, min, max);
        if regexes.iter().all(|r| r.is_match(&candidate)) {
            return Ok(Value::String(candidate));
        }
    }
    Err(format!(
        "no value built for the pattern {:?}",
        pattern.unwrap_or_default()
    ))
}

/// `base` repeated or cut to a length in `min..=max`.
fn fit_length(base: &str, min: usize, max: usize) -> String {
    let mut s = base.to_owned();
    while s.chars().count() < min {
        s.push_str(base);
    }
    s.chars()
        .take(max.max(min).min(s.chars().count()))
        .collect()
}

/// The smallest allowed integer of at least 1 (or the largest allowed one, when the maximum is
/// below 1), a multiple of `multipleOf`.
fn integer(s: &Value) -> Value {
    let step = s
        .get("multipleOf")
        .and_then(Value::as_f64)
        .filter(|m| *m >= 1.0)
        .map_or(1, |m| m as i64);
    let exclusive = |key: &str| s.get(key) == Some(&Value::Bool(true));
    let min = s.get("minimum").and_then(Value::as_f64).map(|m| {
        let m = m.ceil() as i64;
        if exclusive("exclusiveMinimum") {
            m + 1
        } else {
            m
        }
    });
    let max = s.get("maximum").and_then(Value::as_f64).map(|m| {
        let m = m.floor() as i64;
        if exclusive("exclusiveMaximum") {
            m - 1
        } else {
            m
        }
    });
    let mut v = min.unwrap_or(1);
    if let Some(max) = max {
        v = v.min(max);
    }
    let rounded = v.div_euclid(step) * step;
    let v = if rounded < v { rounded + step } else { rounded };
    json!(v)
}

/// An allowed number: the minimum (above it when exclusive), else 1.5 within the maximum.
fn number(s: &Value) -> Value {
    let exclusive = |key: &str| s.get(key) == Some(&Value::Bool(true));
    if let Some(step) = s.get("multipleOf").and_then(Value::as_f64) {
        let min = s.get("minimum").and_then(Value::as_f64).unwrap_or(step);
        let v = (min / step).ceil() * step;
        let v = if exclusive("exclusiveMinimum") && v <= min {
            v + step
        } else {
            v
        };
        return json!(v);
    }
    let mut v = match s.get("minimum").and_then(Value::as_f64) {
        Some(m) if exclusive("exclusiveMinimum") => m + 0.5,
        Some(m) => m,
        None => 1.5,
    };
    if let Some(max) = s.get("maximum").and_then(Value::as_f64) {
        if v > max || (v == max && exclusive("exclusiveMaximum")) {
            v = if exclusive("exclusiveMaximum") {
                max - 0.5
            } else {
                max
            };
        }
    }
    json!(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_follow_format_length_and_pattern() {
        assert_eq!(
            string(&json!({"type": "string", "format": "email"})).unwrap(),
            "user@example.com"
        );
        assert_eq!(
            string(&json!({"type": "string", "minLength": 8})).unwrap(),
            "samplesample"
        );
        assert_eq!(
            string(&json!({"type": "string", "maxLength": 3})).unwrap(),
            "sam"
        );
        assert_eq!(
            string(&json!({"type": "string", "pattern": "^[0-9]+$"})).unwrap(),
            "0"
        );
        assert_eq!(
            string(&json!({"type": "string", "pattern": "^(?=.*[A-Za-z])[^<>]{5,22}$"})).unwrap(),
            "sample"
        );
        let err = string(&json!({"type": "string", "pattern": "^prod_[a-z]{14}$"})).unwrap_err();
        assert!(err.contains("prod_"), "{err}");
    }

    #[test]
    fn numbers_respect_their_bounds() {
        assert_eq!(integer(&json!({})), json!(1));
        assert_eq!(integer(&json!({"minimum": 10})), json!(10));
        assert_eq!(
            integer(&json!({"minimum": 10, "exclusiveMinimum": true})),
            json!(11)
        );
        assert_eq!(integer(&json!({"maximum": -3})), json!(-3));
        assert_eq!(integer(&json!({"minimum": 3, "multipleOf": 5})), json!(5));
        assert_eq!(number(&json!({"maximum": 1})), json!(1.0));
        assert_eq!(number(&json!({"minimum": 0, "maximum": 1})), json!(0.0));
        assert_eq!(
            number(&json!({"multipleOf": 0.25, "minimum": 0.3})),
            json!(0.5)
        );
    }

    #[test]
    fn leaf_examples_win_and_required_objects_keep_only_required_properties() {
        let s = json!({
            "type": "object",
            "required": ["a"],
            "example": {"a": "whole", "b": 1},
            "properties": {
                "a": {"type": "string", "example": "from-a"},
                "b": {"type": "integer"},
                "c": {"type": "string", "readOnly": true}
            }
        });
        let ptr = Pointer::parse("#/x").unwrap();
        let spec = openapiv3::OpenAPI::default();
        let b = Builder::new(&spec);
        let required = Samples {
            b: &b,
            ptr: &ptr,
            fill: Fill::Required,
        };
        assert_eq!(required.value(&s, 0).unwrap(), json!({"a": "from-a"}));
        let all = Samples {
            b: &b,
            ptr: &ptr,
            fill: Fill::All,
        };
        assert_eq!(all.value(&s, 0).unwrap(), json!({"a": "whole", "b": 1}));
        let props = &s["properties"];
        let no_example = json!({"type": "object", "properties": props});
        assert_eq!(
            all.value(&no_example, 0).unwrap(),
            json!({"a": "from-a", "b": 1})
        );
        let list = json!({"type": "array", "items": {"type": "boolean"}});
        assert_eq!(all.value(&list, 0).unwrap(), json!([true]));
        let two = json!({"type": "array", "minItems": 2, "items": {"enum": ["x"]}});
        assert_eq!(all.value(&two, 0).unwrap(), json!(["x", "x"]));
        let unique = json!({"type": "array", "minItems": 2, "uniqueItems": true, "items": {}});
        assert!(all.value(&unique, 0).is_err());
        let tuple = json!({"type": "array", "x-openapi-gen-tuple": true, "minItems": 2,
            "items": {"oneOf": [{"type": "number"}, {"type": "string", "enum": ["m"]}]}});
        let built = all.value(&tuple, 0).unwrap();
        assert!(built[0].is_number() && built[1] == json!("m"), "{built}");
        assert_eq!(built.as_array().map(Vec::len), Some(2));
    }
}

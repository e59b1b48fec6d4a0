//! JavaScript values → `serde_json::Value`, as `JSON.parse(JSON.stringify(v))` would see them,
//! with the same extras as the Node addon (SPEC §2, §5):
//!
//! - a `Date` becomes its `toISOString()` (an invalid `Date` becomes `"Invalid Date"`, which
//!   is not an instant, so the core reports `INVALID_FIELD` for it);
//! - an object that is not a plain object or array but has a `toString` of its own
//!   (decimal.js / Prisma `Decimal`) becomes the string `String(x)`;
//! - a BigInt becomes an integer; a finite integral number an integer literal of its exact
//!   digits; any other finite number the literal `String(n)` gives (`7.5`, `0.1`, `1e-7`);
//! - `undefined`, functions and symbols are absent from objects and `null` in arrays;
//! - a non-finite number becomes `null` and its path is recorded, for the caller to report
//!   after the checks SPEC §5 puts first.
//!
//! SPEC §5's limits are enforced while converting, depth first with an explicit stack (no
//! recursion): nesting deeper than 64 levels (which also stops cyclic objects), an array of
//! more than 1,000,000 items (before any item is read), and a value whose JSON text would
//! exceed 256 MiB are `INPUT_TOO_LARGE`.
//!
//! Every JS operation that can throw (a getter, a proxy trap) is called through a binding
//! that returns the exception as `Err`, so no JS exception ever crosses the Rust frames.

use genova_sessions_core::js::{self, iso_string, non_finite_name, number_literal, Container, Seg};
use genova_sessions_core::json::{MAX_DEPTH, MAX_LIST_ITEMS, MAX_TEXT_BYTES};
use js_sys::{Array, Function};
use serde_json::{Map, Number, Value};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::error::Failure;

#[wasm_bindgen]
extern "C" {
    /// `Array.isArray(v)` (throws for a revoked proxy).
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;

    /// `Reflect.getPrototypeOf(v)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = getPrototypeOf)]
    fn prototype_of(value: &JsValue) -> Result<JsValue, JsValue>;

    /// `Object.keys(v)`: own enumerable string keys, in `JSON.stringify`'s order.
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn object_keys(value: &JsValue) -> Result<Array, JsValue>;

    /// `Reflect.get(target, key)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get(target: &JsValue, key: &JsValue) -> Result<JsValue, JsValue>;

    /// `Reflect.get(target, index)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = get)]
    fn get_index(target: &JsValue, index: u32) -> Result<JsValue, JsValue>;

    /// `Reflect.apply(f, this, args)`.
    #[wasm_bindgen(catch, js_namespace = Reflect, js_name = apply)]
    fn apply(f: &Function, this: &JsValue, args: &Array) -> Result<JsValue, JsValue>;

    /// `String(v)`.
    #[wasm_bindgen(catch, js_name = String)]
    fn to_js_string(value: &JsValue) -> Result<JsValue, JsValue>;
}

/// A converted value and the first non-finite number found in it, if any.
pub struct Converted {
    /// The value, non-finite numbers replaced by `null`.
    pub value: Value,
    /// The first non-finite number and where it was, e.g.
    /// `tutors[0].hourlyRate: NaN is not a finite number`.
    pub non_finite: Option<String>,
}

/// Converts `root` to JSON. `prefix` names the root in paths: `""` for a snapshot
/// (`timeSlots[3].dayOfWeek`), `"request"` or `"options"` otherwise.
pub fn to_json(root: &JsValue, prefix: &str) -> Result<Converted, Failure> {
    let mut reader = Reader::new(prefix)?;
    let value = reader.convert(root)?;
    Ok(Converted {
        value,
        non_finite: reader.non_finite,
    })
}

/// One open array or object on the explicit stack.
struct Frame {
    /// The array or object itself.
    source: JsValue,
    /// The object's keys (`None` for arrays).
    keys: Option<Array>,
    len: u32,
    next: u32,
    seg: Seg,
    container: Container,
}

/// What one JS value turned out to be, with its place in the parent.
enum Item {
    /// `undefined`, a function or a symbol: absent from an object, `null` in an array.
    Skip(Seg),
    Leaf(Seg, Value),
    Open(Frame),
}

struct Reader<'p> {
    prefix: &'p str,
    object_prototype: JsValue,
    object_to_string: JsValue,
    date_get_time: Function,
    no_args: Array,
    /// `"length"` and `"toString"`, made once per conversion.
    length_key: JsValue,
    to_string_key: JsValue,
    /// A lower bound of the JSON text's length so far.
    bytes: usize,
    non_finite: Option<String>,
    stack: Vec<Frame>,
}

impl<'p> Reader<'p> {
    fn new(prefix: &'p str) -> Result<Self, Failure> {
        let global = js_sys::global();
        let lookup = |target: &JsValue, key: &str| {
            get(target, &JsValue::from_str(key))
                .map_err(|_| Failure::new("INTERNAL", format!("cannot read the global {key}")))
        };
        let object = lookup(&global, "Object")?;
        let object_prototype = lookup(&object, "prototype")?;
        let object_to_string = lookup(&object_prototype, "toString")?;
        let date = lookup(&global, "Date")?;
        let date_get_time = lookup(&lookup(&date, "prototype")?, "getTime")?;
        Ok(Reader {
            prefix,
            object_prototype,
            object_to_string,
            date_get_time: date_get_time.unchecked_into(),
            no_args: Array::new(),
            length_key: JsValue::from_str("length"),
            to_string_key: JsValue::from_str("toString"),
            bytes: 0,
            non_finite: None,
            stack: Vec::new(),
        })
    }

    fn convert(&mut self, root: &JsValue) -> Result<Value, Failure> {
        let frame = match self.item(root.clone(), Seg::Root)? {
            Item::Skip(_) => return Ok(Value::Null),
            Item::Leaf(_, v) => return Ok(v),
            Item::Open(frame) => frame,
        };
        self.stack.push(frame);
        loop {
            let top = self.stack.last_mut().expect("the stack is not empty");
            if top.next == top.len {
                let frame = self.stack.pop().expect("the stack is not empty");
                let value = frame.container.finish();
                match self.stack.last_mut() {
                    None => return Ok(value),
                    Some(parent) => parent.container.attach(frame.seg, value),
                }
                continue;
            }
            let i = top.next;
            top.next += 1;
            if top.keys.is_none() {
                self.bytes += usize::from(i > 0);
            }
            let top = self.stack.last().expect("the stack is not empty");
            let (child, seg) = match &top.keys {
                None => match get_index(&top.source, i) {
                    Ok(child) => (child, Seg::Index(i)),
                    Err(e) => return Err(self.threw(&Seg::Index(i), e)),
                },
                Some(keys) => {
                    let key = keys.get(i);
                    // Object.keys gives strings only.
                    let seg = Seg::Key(key.as_string().unwrap_or_default());
                    match get(&top.source, &key) {
                        Ok(child) => (child, seg),
                        Err(e) => return Err(self.threw(&seg, e)),
                    }
                }
            };
            match self.item(child, seg)? {
                Item::Skip(seg @ Seg::Index(_)) => {
                    self.bytes += 4;
                    self.attach_top(seg, Value::Null);
                }
                Item::Skip(_) => {}
                Item::Leaf(seg, value) => {
                    if let Seg::Key(k) = &seg {
                        self.bytes += k.len() + 4;
                    }
                    self.attach_top(seg, value);
                }
                Item::Open(frame) => {
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(too_large(format!(
                            "{}: input nests deeper than {MAX_DEPTH} levels",
                            self.path_with(&frame.seg)
                        )));
                    }
                    if let Seg::Key(k) = &frame.seg {
                        self.bytes += k.len() + 4;
                    }
                    self.stack.push(frame);
                }
            }
            if self.bytes > MAX_TEXT_BYTES {
                return Err(too_large(format!(
                    "input would be more than {MAX_TEXT_BYTES} bytes of JSON"
                )));
            }
        }
    }

    fn attach_top(&mut self, seg: Seg, value: Value) {
        self.stack
            .last_mut()
            .expect("the stack is not empty")
            .container
            .attach(seg, value);
    }

    /// Reads one value: a leaf, or an array or object to open.
    fn item(&mut self, v: JsValue, seg: Seg) -> Result<Item, Failure> {
        if let Some(s) = v.as_string() {
            self.bytes += s.len() + 2;
            return Ok(Item::Leaf(seg, Value::String(s)));
        }
        if let Some(b) = v.as_bool() {
            self.bytes += 5;
            return Ok(Item::Leaf(seg, Value::Bool(b)));
        }
        if let Some(n) = v.as_f64() {
            let value = match number_literal(n) {
                Some(text) => {
                    self.bytes += text.len();
                    Value::Number(parse_number(&text)?)
                }
                None => {
                    if self.non_finite.is_none() {
                        let path = self.path_with(&seg);
                        self.non_finite = Some(format!(
                            "{path}: {} is not a finite number",
                            non_finite_name(n)
                        ));
                    }
                    self.bytes += 4;
                    Value::Null
                }
            };
            return Ok(Item::Leaf(seg, value));
        }
        if v.is_null() {
            self.bytes += 4;
            return Ok(Item::Leaf(seg, Value::Null));
        }
        if v.is_bigint() {
            let text = self.string_of(&v, &seg)?;
            self.bytes += text.len();
            return Ok(Item::Leaf(seg, Value::Number(parse_number(&text)?)));
        }
        if v.is_object() {
            return self.object(v, seg);
        }
        // undefined, a function, a symbol
        Ok(Item::Skip(seg))
    }

    /// An array, a `Date`, a `Decimal`-like object or a plain object.
    fn object(&mut self, v: JsValue, seg: Seg) -> Result<Item, Failure> {
        if is_array(&v).map_err(|e| self.threw(&seg, e))? {
            let len = get(&v, &self.length_key)
                .map_err(|e| self.threw(&seg, e))?
                .as_f64()
                .unwrap_or(0.0);
            if len > MAX_LIST_ITEMS as f64 {
                return Err(too_large(format!(
                    "{}: a list holds {len} items, more than {MAX_LIST_ITEMS}",
                    self.path_with(&seg)
                )));
            }
            let len = len as u32;
            self.bytes += 2;
            return Ok(Item::Open(Frame {
                source: v,
                keys: None,
                len,
                next: 0,
                seg,
                container: Container::Array(Vec::with_capacity(len as usize)),
            }));
        }
        let proto = prototype_of(&v).map_err(|e| self.threw(&seg, e))?;
        if !(proto.is_null() || proto == self.object_prototype) {
            // Date.prototype.getTime succeeds exactly on Date objects (their internal slot).
            if let Ok(ms) = apply(&self.date_get_time, &v, &self.no_args) {
                let text = iso_string(ms.as_f64().unwrap_or(f64::NAN));
                self.bytes += text.len() + 2;
                return Ok(Item::Leaf(seg, Value::String(text)));
            }
            let to_string = get(&v, &self.to_string_key).map_err(|e| self.threw(&seg, e))?;
            if to_string.is_function() && to_string != self.object_to_string {
                let text = self.string_of(&v, &seg)?;
                self.bytes += text.len() + 2;
                return Ok(Item::Leaf(seg, Value::String(text)));
            }
        }
        let keys = object_keys(&v).map_err(|e| self.threw(&seg, e))?;
        let len = keys.length();
        self.bytes += 2 + (len as usize).saturating_sub(1);
        Ok(Item::Open(Frame {
            source: v,
            keys: Some(keys),
            len,
            next: 0,
            seg,
            container: Container::Object(Map::new()),
        }))
    }

    /// `String(v)`.
    fn string_of(&self, v: &JsValue, seg: &Seg) -> Result<String, Failure> {
        let s = to_js_string(v).map_err(|e| self.threw(seg, e))?;
        Ok(s.as_string().unwrap_or_default())
    }

    /// The failure of reading a value that threw (a getter, a proxy trap).
    fn threw(&self, seg: &Seg, exception: JsValue) -> Failure {
        let what = to_js_string(&exception)
            .ok()
            .and_then(|s| s.as_string())
            .unwrap_or_else(|| "an exception".to_owned());
        Failure::new(
            "INVALID_FIELD",
            format!("{}: reading the value threw {what}", self.path_with(seg)),
        )
    }

    /// The path of a child of the innermost open value, e.g. `timeSlots[3].dayOfWeek`.
    fn path_with(&self, last: &Seg) -> String {
        js::path(
            self.prefix,
            self.stack
                .iter()
                .map(|f| &f.seg)
                .chain(std::iter::once(last)),
        )
    }
}

fn too_large(message: String) -> Failure {
    Failure::new("INPUT_TOO_LARGE", message)
}

fn parse_number(text: &str) -> Result<Number, Failure> {
    text.parse::<Number>()
        .map_err(|e| Failure::new("INTERNAL", format!("number {text}: {e}")))
}

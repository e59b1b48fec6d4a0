//! JavaScript values → `serde_json::Value`, as `JSON.parse(JSON.stringify(v))` would see them,
//! with SPEC §2/§5's extras (docs/errors.md, the bindings' READMEs):
//!
//! - a `Date` becomes its `toISOString()` (an invalid `Date` becomes a string that is not an
//!   instant, so the core reports `INVALID_FIELD` for it);
//! - an object that is not a plain object or array but has a `toString` of its own (Prisma's
//!   `Decimal`, decimal.js) becomes the string `String(x)`;
//! - a BigInt becomes an integer; a finite integral number an integer literal of its exact
//!   digits; any other finite number the literal `String(n)` gives (`7.5`, `0.1`, `1e-7`);
//! - `undefined`, functions and symbols are absent from objects and `null` in arrays;
//! - a non-finite number becomes `null` and its path is recorded, for the caller to report
//!   after the checks SPEC §5 puts first;
//! - a value that contains itself (a cycle, which JSON cannot hold) becomes `null` and its path
//!   is recorded: ignored where the engine ignores the field, named where it reads it.
//!
//! SPEC §5's limits are enforced while converting, depth first with an explicit stack (no
//! recursion): nesting deeper than 64 levels, an array of more than 1,000,000 items (before
//! any item is read), and a value whose JSON text would exceed 256 MiB are `INPUT_TOO_LARGE`.
//!
//! The walk is written once, over [`Host`]: the few questions it asks of a JS value, which the
//! Node addon answers with napi calls and the WebAssembly build with `js_sys` calls.

use genova_sessions_core::js::{self, iso_string, non_finite_name, number_literal, Container, Seg};
use genova_sessions_core::json::{MAX_DEPTH, MAX_LIST_ITEMS, MAX_TEXT_BYTES};
use serde_json::{Map, Number, Value};

use crate::failure::Failure;

/// Why a question about a JS value got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HostError {
    /// JS threw while reading (a getter, a proxy trap): `String(exception)`.
    Threw(String),
    /// The engine failed where it cannot (a bug).
    Internal(String),
}

/// What one JS value is, as the walk needs to know it.
pub enum Kind<V, K> {
    /// `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (any double, NaN included).
    Number(f64),
    /// A string's text (lone surrogates as U+FFFD).
    String(String),
    /// A BigInt's digits (`String(v)`).
    BigInt(String),
    /// `undefined`, a function or a symbol: absent from an object, `null` in an array.
    Skip,
    /// An array and its length (before any item is read).
    Array(V, u64),
    /// A `Date`'s time value in milliseconds (NaN when invalid).
    Date(f64),
    /// An object with a `toString` of its own (not `Object.prototype`'s): `String(x)`.
    Text(String),
    /// A plain object, its own enumerable string keys (`Object.keys`' order) and their count.
    Object(V, K, u32),
}

/// The questions the walk asks of JS values: one implementation per binding.
pub trait Host {
    /// A JS value (a napi handle, a `JsValue`).
    type Value: Clone;
    /// An object's list of keys.
    type Keys;
    /// What `value` is.
    fn kind(&mut self, value: Self::Value) -> Result<Kind<Self::Value, Self::Keys>, HostError>;
    /// `array[i]`.
    fn item(&mut self, array: &Self::Value, i: u32) -> Result<Self::Value, HostError>;
    /// The `i`th key: its text and the key itself, for [`Host::get`].
    fn key(&mut self, keys: &Self::Keys, i: u32) -> Result<(String, Self::Value), HostError>;
    /// `object[key]`.
    fn get(&mut self, object: &Self::Value, key: &Self::Value) -> Result<Self::Value, HostError>;
    /// `a === b` (to find cycles).
    fn same(&mut self, a: &Self::Value, b: &Self::Value) -> Result<bool, HostError>;
    /// The text of a string, `None` for any other value (`planJson`'s text).
    fn text(&mut self, value: &Self::Value) -> Result<Option<String>, HostError>;
}

/// What an argument is called in messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arg {
    /// The snapshot: paths from its fields (`timeSlots[3].dayOfWeek`), the core calls the
    /// root `snapshot`.
    Snapshot,
    /// The options (`options.now`).
    Options,
    /// A §3.8 function's request (`request.now`).
    Request,
    /// `mergePlans`' plans.
    Parts,
    /// `mergePlans`' sessions.
    TutorSessions,
}

impl Arg {
    /// The prefix of paths inside the value.
    fn prefix(self) -> &'static str {
        match self {
            Arg::Snapshot => "",
            Arg::Options => "options",
            Arg::Request => "request",
            Arg::Parts => "parts",
            Arg::TutorSessions => "tutorSessions",
        }
    }

    /// The value itself in messages.
    pub fn name(self) -> &'static str {
        match self {
            Arg::Snapshot => "snapshot",
            other => other.prefix(),
        }
    }
}

/// A JS value read as JSON, and what JSON could not say about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Read {
    /// The value; non-finite numbers, cycles and `undefined` in arrays replaced by `null`.
    pub value: Value,
    /// The argument itself was `undefined` (a missing argument).
    pub undefined: bool,
    /// The first non-finite number, e.g. `tutors[0].hourlyRate: NaN is not a finite number`.
    pub non_finite: Option<String>,
    /// The path of the first value that contained itself, as the core would name it.
    pub cycle: Option<String>,
}

/// Reads `root` as JSON, with the limits of SPEC §5.
pub fn read<H: Host>(host: &mut H, root: H::Value, arg: Arg) -> Result<Read, Failure> {
    let mut walk = Walk {
        host,
        arg,
        bytes: 0,
        non_finite: None,
        cycle: None,
        stack: Vec::new(),
    };
    let (value, undefined) = walk.run(root)?;
    Ok(Read {
        value,
        undefined,
        non_finite: walk.non_finite,
        cycle: walk.cycle,
    })
}

/// One open array or object on the explicit stack.
struct Frame<V, K> {
    source: V,
    /// The object's keys (`None` for arrays).
    keys: Option<K>,
    len: u32,
    next: u32,
    seg: Seg,
    container: Container,
}

/// What one JS value turned out to be, with its place in the parent.
enum Item<V, K> {
    Skip(Seg),
    Leaf(Seg, Value),
    Open(Frame<V, K>),
}

struct Walk<'h, H: Host> {
    host: &'h mut H,
    arg: Arg,
    /// A lower bound of the JSON text's length so far.
    bytes: usize,
    non_finite: Option<String>,
    cycle: Option<String>,
    stack: Vec<Frame<H::Value, H::Keys>>,
}

impl<H: Host> Walk<'_, H> {
    fn run(&mut self, root: H::Value) -> Result<(Value, bool), Failure> {
        let frame = match self.item(root, Seg::Root)? {
            Item::Skip(_) => return Ok((Value::Null, true)),
            Item::Leaf(_, v) => return Ok((v, false)),
            Item::Open(frame) => frame,
        };
        self.stack.push(frame);
        loop {
            let top = self.stack.last_mut().expect("the stack is not empty");
            if top.next == top.len {
                let frame = self.stack.pop().expect("the stack is not empty");
                let value = frame.container.finish();
                match self.stack.last_mut() {
                    None => return Ok((value, false)),
                    Some(parent) => parent.container.attach(frame.seg, value),
                }
                continue;
            }
            let i = top.next;
            top.next += 1;
            let top = self.stack.last().expect("the stack is not empty");
            let (child, seg) = match &top.keys {
                None => {
                    self.bytes += usize::from(i > 0);
                    let seg = Seg::Index(i);
                    match self.host.item(&top.source, i) {
                        Ok(child) => (child, seg),
                        Err(e) => return Err(self.failed(&seg, e)),
                    }
                }
                Some(keys) => {
                    let (name, key) = match self.host.key(keys, i) {
                        Ok(k) => k,
                        Err(e) => return Err(self.failed(&Seg::Root, e)),
                    };
                    let seg = Seg::Key(name);
                    match self.host.get(&top.source, &key) {
                        Ok(child) => (child, seg),
                        Err(e) => return Err(self.failed(&seg, e)),
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
                    if self.is_ancestor(&frame.source)? {
                        // A cycle: JSON cannot hold it. Read as null, and remembered in case
                        // the engine reads this field.
                        if self.cycle.is_none() {
                            self.cycle = Some(self.core_path(&frame.seg));
                        }
                        self.bytes += 4;
                        self.attach_top(frame.seg, Value::Null);
                        continue;
                    }
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

    fn is_ancestor(&mut self, value: &H::Value) -> Result<bool, Failure> {
        for i in 0..self.stack.len() {
            let same = self.host.same(&self.stack[i].source, value);
            match same {
                Ok(true) => return Ok(true),
                Ok(false) => {}
                Err(e) => return Err(self.failed(&Seg::Root, e)),
            }
        }
        Ok(false)
    }

    fn attach_top(&mut self, seg: Seg, value: Value) {
        self.stack
            .last_mut()
            .expect("the stack is not empty")
            .container
            .attach(seg, value);
    }

    /// Reads one value: a leaf, or an array or object to open.
    fn item(&mut self, v: H::Value, seg: Seg) -> Result<Item<H::Value, H::Keys>, Failure> {
        let kind = match self.host.kind(v) {
            Ok(kind) => kind,
            Err(e) => return Err(self.failed(&seg, e)),
        };
        let value = match kind {
            Kind::Null => {
                self.bytes += 4;
                Value::Null
            }
            Kind::Bool(b) => {
                self.bytes += 5;
                Value::Bool(b)
            }
            Kind::Number(n) => match number_literal(n) {
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
            },
            Kind::String(s) => {
                self.bytes += s.len() + 2;
                Value::String(s)
            }
            Kind::BigInt(text) => {
                self.bytes += text.len();
                Value::Number(parse_number(&text)?)
            }
            Kind::Skip => return Ok(Item::Skip(seg)),
            Kind::Date(ms) => {
                let text = iso_string(ms);
                self.bytes += text.len() + 2;
                Value::String(text)
            }
            Kind::Text(text) => {
                self.bytes += text.len() + 2;
                Value::String(text)
            }
            Kind::Array(source, len) => {
                if len > MAX_LIST_ITEMS as u64 {
                    return Err(too_large(format!(
                        "{}: a list holds {len} items, more than {MAX_LIST_ITEMS}",
                        self.path_with(&seg)
                    )));
                }
                self.bytes += 2;
                return Ok(Item::Open(Frame {
                    source,
                    keys: None,
                    len: len as u32,
                    next: 0,
                    seg,
                    container: Container::Array(Vec::with_capacity(len as usize)),
                }));
            }
            Kind::Object(source, keys, len) => {
                self.bytes += 2 + (len as usize).saturating_sub(1);
                return Ok(Item::Open(Frame {
                    source,
                    keys: Some(keys),
                    len,
                    next: 0,
                    seg,
                    container: Container::Object(Map::new()),
                }));
            }
        };
        Ok(Item::Leaf(seg, value))
    }

    /// The failure of a question that got no answer: a JS exception names the value being
    /// read; anything else is a bug.
    fn failed(&self, seg: &Seg, e: HostError) -> Failure {
        match e {
            HostError::Threw(what) => Failure::new(
                "INVALID_FIELD",
                format!("{}: reading the value threw {what}", self.path_with(seg)),
            ),
            HostError::Internal(what) => Failure::internal(what),
        }
    }

    /// The path of a child of the innermost open value, e.g. `timeSlots[3].dayOfWeek`.
    fn path_with(&self, last: &Seg) -> String {
        js::path(
            self.arg.prefix(),
            self.stack
                .iter()
                .map(|f| &f.seg)
                .chain(std::iter::once(last)),
        )
    }

    /// [`Walk::path_with`] as the core's messages name it (the snapshot itself is `snapshot`).
    fn core_path(&self, last: &Seg) -> String {
        if self.stack.is_empty() && *last == Seg::Root {
            self.arg.name().to_owned()
        } else {
            self.path_with(last)
        }
    }
}

fn too_large(message: String) -> Failure {
    Failure::new("INPUT_TOO_LARGE", message)
}

fn parse_number(text: &str) -> Result<Number, Failure> {
    text.parse::<Number>()
        .map_err(|e| Failure::internal(format!("number {text}: {e}")))
}

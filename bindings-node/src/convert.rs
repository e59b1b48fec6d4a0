//! JavaScript values → `serde_json::Value`, as `JSON.parse(JSON.stringify(v))` would see them,
//! with SPEC §2/§5's extras for the Node surface.
//!
//! - a `Date` becomes its `toISOString()` (an invalid `Date` becomes a string that is not an
//!   instant, so the core reports `INVALID_FIELD` for it);
//! - an object that is not a plain object or array but has a `toString` of its own (Prisma's
//!   `Decimal`, decimal.js) becomes the string `String(x)`;
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

use std::ffi::c_char;
use std::ptr;

use genova_sessions_core::js::{self, iso_string, non_finite_name, number_literal, Container, Seg};
use genova_sessions_core::json::{MAX_DEPTH, MAX_LIST_ITEMS, MAX_TEXT_BYTES};
use napi::sys;
use serde_json::{Map, Number, Value};

use crate::error::Failure;

/// A converted value and the path of its first non-finite number, if any.
pub struct Converted {
    /// The value, non-finite numbers replaced by `null`.
    pub value: Value,
    /// The first non-finite number and where it was, e.g.
    /// `tutors[0].hourlyRate: NaN is not a finite number`.
    pub non_finite: Option<String>,
}

/// Converts `root` (a value of the current call) to JSON. `prefix` names the root in
/// paths: `""` for a snapshot (`timeSlots[3].dayOfWeek`), `"request"` for a request.
pub fn to_json(
    env: sys::napi_env,
    root: sys::napi_value,
    prefix: &str,
) -> Result<Converted, Failure> {
    let mut reader = Reader::new(env, prefix)?;
    let value = reader.convert(root)?;
    Ok(Converted {
        value,
        non_finite: reader.non_finite,
    })
}

/// One open array or object on the explicit stack.
struct Frame {
    /// The array itself, or the array of the object's keys.
    list: sys::napi_value,
    /// The object (unused for arrays).
    object: sys::napi_value,
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
    env: sys::napi_env,
    prefix: &'p str,
    object_prototype: sys::napi_value,
    object_to_string: sys::napi_value,
    /// A lower bound of the JSON text's length so far.
    bytes: usize,
    non_finite: Option<String>,
    stack: Vec<Frame>,
    buf: Vec<u8>,
}

/// Checks a napi status; a pending JS exception (a throwing getter or proxy) is reported as
/// a bad field, anything else as a bug.
macro_rules! call {
    ($self:ident, $e:expr) => {
        // SAFETY: every napi call here gets the call's env and values created in this call.
        if unsafe { $e } != sys::Status::napi_ok {
            return Err($self.napi_failure());
        }
    };
}

impl<'p> Reader<'p> {
    fn new(env: sys::napi_env, prefix: &'p str) -> Result<Self, Failure> {
        let mut reader = Reader {
            env,
            prefix,
            object_prototype: ptr::null_mut(),
            object_to_string: ptr::null_mut(),
            bytes: 0,
            non_finite: None,
            stack: Vec::new(),
            buf: vec![0; 256],
        };
        let (mut global, mut object) = (ptr::null_mut(), ptr::null_mut());
        call!(reader, sys::napi_get_global(env, &mut global));
        call!(
            reader,
            sys::napi_get_named_property(env, global, c"Object".as_ptr(), &mut object)
        );
        call!(
            reader,
            sys::napi_get_named_property(
                env,
                object,
                c"prototype".as_ptr(),
                &mut reader.object_prototype
            )
        );
        call!(
            reader,
            sys::napi_get_named_property(
                env,
                reader.object_prototype,
                c"toString".as_ptr(),
                &mut reader.object_to_string
            )
        );
        Ok(reader)
    }

    fn convert(&mut self, root: sys::napi_value) -> Result<Value, Failure> {
        let frame = match self.item(root, Seg::Root)? {
            Item::Skip(_) => return Ok(Value::Null),
            Item::Leaf(_, v) => return Ok(v),
            Item::Open(frame) => frame,
        };
        self.stack.push(frame);
        loop {
            let top = self.stack.last_mut().expect("stack is not empty");
            if top.next == top.len {
                let frame = self.stack.pop().expect("stack is not empty");
                let value = frame.container.finish();
                match self.stack.last_mut() {
                    None => return Ok(value),
                    Some(parent) => parent.container.attach(frame.seg, value),
                }
                continue;
            }
            let i = top.next;
            top.next += 1;
            let (list, object) = (top.list, top.object);
            let is_array = matches!(top.container, Container::Array(_));
            let mut child = ptr::null_mut();
            let seg = if is_array {
                call!(self, sys::napi_get_element(self.env, list, i, &mut child));
                self.bytes += usize::from(i > 0);
                Seg::Index(i)
            } else {
                let mut key = ptr::null_mut();
                call!(self, sys::napi_get_element(self.env, list, i, &mut key));
                let name = self.string(key)?;
                call!(
                    self,
                    sys::napi_get_property(self.env, object, key, &mut child)
                );
                Seg::Key(name)
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
                    self.attach_top(seg, value)
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
    fn item(&mut self, raw: sys::napi_value, seg: Seg) -> Result<Item, Failure> {
        let env = self.env;
        let mut kind = 0;
        call!(self, sys::napi_typeof(env, raw, &mut kind));
        use sys::ValueType as T;
        let value = match kind {
            T::napi_null => {
                self.bytes += 4;
                Value::Null
            }
            T::napi_boolean => {
                let mut b = false;
                call!(self, sys::napi_get_value_bool(env, raw, &mut b));
                self.bytes += 5;
                Value::Bool(b)
            }
            T::napi_number => {
                let mut n = 0.0;
                call!(self, sys::napi_get_value_double(env, raw, &mut n));
                match number_literal(n) {
                    Some(text) => {
                        self.bytes += text.len();
                        Value::Number(parse_number(&text)?)
                    }
                    None => {
                        if self.non_finite.is_none() {
                            let name = non_finite_name(n);
                            let path = self.path_with(&seg);
                            self.non_finite =
                                Some(format!("{path}: {name} is not a finite number"));
                        }
                        self.bytes += 4;
                        Value::Null
                    }
                }
            }
            T::napi_string => {
                let s = self.string(raw)?;
                self.bytes += s.len() + 2;
                Value::String(s)
            }
            T::napi_bigint => {
                let text = self.coerce_to_string(raw)?;
                self.bytes += text.len();
                Value::Number(parse_number(&text)?)
            }
            T::napi_object => return self.object(raw, seg),
            _ => return Ok(Item::Skip(seg)),
        };
        Ok(Item::Leaf(seg, value))
    }

    /// An array, a `Date`, a `Decimal`-like object or a plain object.
    fn object(&mut self, raw: sys::napi_value, seg: Seg) -> Result<Item, Failure> {
        let env = self.env;
        let mut yes = false;
        call!(self, sys::napi_is_array(env, raw, &mut yes));
        if yes {
            let mut len = 0;
            call!(self, sys::napi_get_array_length(env, raw, &mut len));
            if len as usize > MAX_LIST_ITEMS {
                return Err(too_large(format!(
                    "{}: a list holds {len} items, more than {MAX_LIST_ITEMS}",
                    self.path_with(&seg)
                )));
            }
            self.bytes += 2;
            return Ok(Item::Open(Frame {
                list: raw,
                object: raw,
                len,
                next: 0,
                seg,
                container: Container::Array(Vec::with_capacity(len as usize)),
            }));
        }
        call!(self, sys::napi_is_date(env, raw, &mut yes));
        if yes {
            let mut ms = 0.0;
            call!(self, sys::napi_get_date_value(env, raw, &mut ms));
            let text = iso_string(ms);
            self.bytes += text.len() + 2;
            return Ok(Item::Leaf(seg, Value::String(text)));
        }
        let mut proto = ptr::null_mut();
        call!(self, sys::napi_get_prototype(env, raw, &mut proto));
        if !self.is_plain_prototype(proto)? {
            let mut to_string = ptr::null_mut();
            call!(
                self,
                sys::napi_get_named_property(env, raw, c"toString".as_ptr(), &mut to_string)
            );
            let mut kind = 0;
            call!(self, sys::napi_typeof(env, to_string, &mut kind));
            if kind == sys::ValueType::napi_function
                && !self.strict_equals(to_string, self.object_to_string)?
            {
                let text = self.coerce_to_string(raw)?;
                self.bytes += text.len() + 2;
                return Ok(Item::Leaf(seg, Value::String(text)));
            }
        }
        let mut keys = ptr::null_mut();
        call!(
            self,
            sys::napi_get_all_property_names(
                env,
                raw,
                sys::KeyCollectionMode::own_only,
                sys::KeyFilter::enumerable | sys::KeyFilter::skip_symbols,
                sys::KeyConversion::numbers_to_strings,
                &mut keys,
            )
        );
        let mut len = 0;
        call!(self, sys::napi_get_array_length(env, keys, &mut len));
        self.bytes += 2 + (len as usize).saturating_sub(1);
        Ok(Item::Open(Frame {
            list: keys,
            object: raw,
            len,
            next: 0,
            seg,
            container: Container::Object(Map::new()),
        }))
    }

    /// Whether a prototype makes its object plain: `Object.prototype` or `null`.
    fn is_plain_prototype(&mut self, proto: sys::napi_value) -> Result<bool, Failure> {
        let mut kind = 0;
        call!(self, sys::napi_typeof(self.env, proto, &mut kind));
        Ok(
            kind == sys::ValueType::napi_null
                || self.strict_equals(proto, self.object_prototype)?,
        )
    }

    fn strict_equals(&mut self, a: sys::napi_value, b: sys::napi_value) -> Result<bool, Failure> {
        let mut same = false;
        call!(self, sys::napi_strict_equals(self.env, a, b, &mut same));
        Ok(same)
    }

    /// `String(value)`.
    fn coerce_to_string(&mut self, raw: sys::napi_value) -> Result<String, Failure> {
        let mut s = ptr::null_mut();
        call!(self, sys::napi_coerce_to_string(self.env, raw, &mut s));
        self.string(s)
    }

    /// The UTF-8 text of a JS string (lone surrogates become U+FFFD).
    fn string(&mut self, raw: sys::napi_value) -> Result<String, Failure> {
        let mut len = 0usize;
        let cap = self.buf.len();
        call!(
            self,
            sys::napi_get_value_string_utf8(
                self.env,
                raw,
                self.buf.as_mut_ptr() as *mut c_char,
                cap,
                &mut len
            )
        );
        if len + 4 >= cap {
            // Possibly cut short (napi stops before a character that does not fit whole, so
            // up to 3 bytes may be left unused): ask for the length, then read it whole.
            call!(
                self,
                sys::napi_get_value_string_utf8(self.env, raw, ptr::null_mut(), 0, &mut len)
            );
            self.buf.resize(len + 1, 0);
            let cap = self.buf.len();
            call!(
                self,
                sys::napi_get_value_string_utf8(
                    self.env,
                    raw,
                    self.buf.as_mut_ptr() as *mut c_char,
                    cap,
                    &mut len
                )
            );
        }
        // napi writes valid UTF-8; a lossy read only guards against a broken engine.
        let s = String::from_utf8_lossy(&self.buf[..len]).into_owned();
        if self.buf.len() > 4096 {
            self.buf.truncate(256);
            self.buf.shrink_to_fit();
        }
        Ok(s)
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

    /// The failure of a napi call that did not succeed: a JS exception thrown while reading
    /// (a getter, a proxy) names the value being read; anything else is a bug.
    fn napi_failure(&mut self) -> Failure {
        let env = self.env;
        let mut pending = false;
        // SAFETY: env is the current call's env.
        unsafe {
            if sys::napi_is_exception_pending(env, &mut pending) == sys::Status::napi_ok && pending
            {
                let mut exception = ptr::null_mut();
                let mut text = ptr::null_mut();
                let mut message = "an exception".to_owned();
                if sys::napi_get_and_clear_last_exception(env, &mut exception)
                    == sys::Status::napi_ok
                    && sys::napi_coerce_to_string(env, exception, &mut text) == sys::Status::napi_ok
                {
                    let mut len = 0usize;
                    if sys::napi_get_value_string_utf8(env, text, ptr::null_mut(), 0, &mut len)
                        == sys::Status::napi_ok
                    {
                        let mut buf = vec![0u8; len + 1];
                        let mut got = 0usize;
                        if sys::napi_get_value_string_utf8(
                            env,
                            text,
                            buf.as_mut_ptr() as *mut c_char,
                            len + 1,
                            &mut got,
                        ) == sys::Status::napi_ok
                        {
                            message = String::from_utf8_lossy(&buf[..got]).into_owned();
                        }
                    }
                }
                let at = match self.stack.last() {
                    Some(_) => self.path_with(&Seg::Root),
                    None => "input".to_owned(),
                };
                return Failure::new(
                    "INVALID_FIELD",
                    format!("{at}: reading the value threw {message}"),
                );
            }
        }
        Failure::internal("a napi call failed while reading the input")
    }
}

fn too_large(message: String) -> Failure {
    Failure::new("INPUT_TOO_LARGE", message)
}

fn parse_number(text: &str) -> Result<Number, Failure> {
    text.parse::<Number>()
        .map_err(|e| Failure::internal(format!("number {text}: {e}")))
}

/// The text of a JS string, or `None` when the value is not a string.
pub fn string_value(env: sys::napi_env, raw: sys::napi_value) -> Result<Option<String>, Failure> {
    let mut reader = Reader::new(env, "")?;
    let mut kind = 0;
    call!(reader, sys::napi_typeof(env, raw, &mut kind));
    if kind != sys::ValueType::napi_string {
        return Ok(None);
    }
    reader.string(raw).map(Some)
}

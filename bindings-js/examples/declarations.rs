//! Prints the TypeScript declarations of the JS boundary's types (generated from the Rust
//! types by tsify): the header of the Node addon's `index.d.ts` (`bindings-node`'s build).
fn main() {
    print!("{}", genova_sessions_js::declarations());
}

//! The wasm binary: starts the dashboard (everything lives in the library, `lib.rs`).

fn main() {
    reform_app::start();
}

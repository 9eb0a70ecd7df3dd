//! A module the page loads only when a view first needs it (ECharts and the chart module on the
//! first chart, the data module on the first file asked for), so the first view never waits for
//! it. The start-up script hands the app a loader for each (`provideCharts`,
//! `provideChartModule`, `provideDataModule`): a
//! function returning a promise of the module, imported from a hashed file (hosted) or
//! evaluated from a copy the offline file holds. The first request calls it once; whatever
//! waits reads [`OnDemand::state_tracked`] and runs again when the module arrives.

use std::cell::{Cell, RefCell};

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// Where a module is: not asked for yet, on its way, here, or unavailable.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Library {
    Idle,
    Loading,
    Ready,
    Failed,
}

/// One module loaded on demand. Held in a `thread_local!`: it outlives any one mount of the
/// app (the module stays loaded when another report opens).
pub struct OnDemand {
    /// What it is, for the console message when it cannot be loaded.
    what: &'static str,
    loader: RefCell<Option<js_sys::Function>>,
    module: RefCell<Option<JsValue>>,
    state: ArcRwSignal<Library>,
    /// Asked for before the loader was provided: loaded as soon as it is.
    wanted: Cell<bool>,
}

impl OnDemand {
    pub fn new(what: &'static str) -> OnDemand {
        OnDemand { what, loader: RefCell::new(None), module: RefCell::new(None), state: ArcRwSignal::new(Library::Idle), wanted: Cell::new(false) }
    }

    pub fn state(&self) -> Library {
        self.state.get_untracked()
    }

    /// Where the module is, tracked: an effect that reads it runs again when it arrives.
    pub fn state_tracked(&self) -> Library {
        self.state.get()
    }

    /// The loaded module, or `None` until it is here.
    pub fn module(&self) -> Option<JsValue> {
        self.module.borrow().clone()
    }

    /// Keeps the start-up script's loader; a request made before it came starts loading now.
    pub fn provide(&'static self, loader: js_sys::Function) {
        *self.loader.borrow_mut() = Some(loader);
        if self.wanted.get() {
            self.request();
        }
    }

    /// Starts loading the module once; later calls do nothing.
    pub fn request(&'static self) {
        if self.state() != Library::Idle {
            return;
        }
        let Some(loader) = self.loader.borrow().clone() else {
            self.wanted.set(true);
            return;
        };
        self.state.set(Library::Loading);
        let promise = match loader.call0(&JsValue::NULL) {
            Ok(p) => js_sys::Promise::resolve(&p),
            Err(e) => return self.fail(&e),
        };
        let on_ok = Closure::once(move |module: JsValue| {
            *self.module.borrow_mut() = Some(module);
            self.state.set(Library::Ready);
        });
        let on_err = Closure::once(move |e: JsValue| self.fail(&e));
        let _ = promise.then2(&on_ok, &on_err);
        // Called at most once per page (the module is loaded once); the promise owns them now.
        on_ok.forget();
        on_err.forget();
    }

    fn fail(&self, e: &JsValue) {
        web_sys::console::error_2(&format!("reform-dashboard: {}を読み込めません", self.what).into(), e);
        self.state.set(Library::Failed);
    }
}

/// `module[name](...args)`; what it throws comes back as its message.
pub fn call(module: &JsValue, name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    use wasm_bindgen::JsCast;
    let function: js_sys::Function = js_sys::Reflect::get(module, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("読み込んだモジュールに {name} がありません"))?;
    function.apply(module, &args.iter().collect::<js_sys::Array>()).map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

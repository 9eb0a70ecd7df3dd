//! The source text on demand. The start-up script hands the app a loader (`provideSource`): the
//! hosted build fetches one gzip file beside the app, the offline file decodes a copy it holds.
//! The first 「出典を見る」 calls it once; the browser inflates the gzip (`DecompressionStream`),
//! and the text is shown only if its SHA-256 is the report's (`reform::query::source`).

use std::cell::RefCell;
use std::sync::Arc;

use leptos::prelude::*;
use reform::model::SourceFile;
use reform::query::source::{SourceMismatch, SourceText};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the source text is.
#[derive(Clone, Debug)]
pub enum Loaded {
    Idle,
    Loading,
    /// The bytes of the text, inflated.
    Ready(Arc<Vec<u8>>),
    Failed(String),
}

/// A report's SHA-256 and whether the loaded text is the one it was made from.
type Verified = (String, Result<Arc<SourceText>, SourceMismatch>);

thread_local! {
    static LOADER: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Outlives a mount of the app: the text stays loaded when another report opens.
    static STATE: ArcRwSignal<Loaded> = ArcRwSignal::new(Loaded::Idle);
    /// The text checked against the report that last asked, by that report's SHA-256.
    static VERIFIED: RefCell<Option<Verified>> = const { RefCell::new(None) };
}

/// Called by the start-up script with a function that returns a promise of the source text's
/// bytes (gzip or plain), e.g. `() => fetch('./source-….txt.gz').then((r) => r.arrayBuffer())`.
#[wasm_bindgen(js_name = provideSource)]
pub fn provide_source(loader: js_sys::Function) {
    LOADER.with(|l| *l.borrow_mut() = Some(loader));
}

/// Where the text is, tracked.
pub fn loaded() -> Loaded {
    STATE.with(|s| s.get())
}

fn set(state: Loaded) {
    STATE.with(|s| s.set(state));
}

/// Starts loading the text unless it is loaded or on its way; after a failure, tries again.
pub fn request() {
    if matches!(STATE.with(|s| s.get_untracked()), Loaded::Loading | Loaded::Ready(_)) {
        return;
    }
    let Some(loader) = LOADER.with(|l| l.borrow().clone()) else {
        set(Loaded::Failed("このページには出典テキストの読み込み方法がありません。dashboard.js で開いたページで確認してください。".into()));
        return;
    };
    set(Loaded::Loading);
    leptos::task::spawn_local(async move {
        set(match fetch(&loader).await {
            Ok(bytes) => Loaded::Ready(Arc::new(bytes)),
            Err(e) => {
                web_sys::console::error_2(&"reform-dashboard: 出典テキストを読み込めません".into(), &e);
                Loaded::Failed("出典テキストを読み込めませんでした。通信状態を確かめて、もう一度「出典」を押してください。".into())
            }
        });
    });
}

async fn fetch(loader: &js_sys::Function) -> Result<Vec<u8>, JsValue> {
    let value = JsFuture::from(js_sys::Promise::resolve(&loader.call0(&JsValue::NULL)?)).await?;
    let bytes = js_sys::Uint8Array::new(&value);
    // A server that sends the .gz with `Content-Encoding: gzip` has inflated it already.
    let gzip = bytes.length() >= 2 && bytes.get_index(0) == 0x1f && bytes.get_index(1) == 0x8b;
    if !gzip {
        return Ok(bytes.to_vec());
    }
    let blob = web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes))?;
    // DecompressionStream is reached through the global object: web-sys lists it among its
    // unstable APIs, although every current browser has it.
    let constructor: js_sys::Function = js_sys::Reflect::get(&js_sys::global(), &"DecompressionStream".into())?.dyn_into()?;
    let inflate = js_sys::Reflect::construct(&constructor, &js_sys::Array::of1(&"gzip".into()))?;
    let stream = blob.stream().pipe_through(inflate.unchecked_ref());
    let response = web_sys::Response::new_with_opt_readable_stream(Some(&stream))?;
    let inflated = JsFuture::from(response.array_buffer()?).await?;
    Ok(js_sys::Uint8Array::new(&inflated).to_vec())
}

/// The loaded `bytes` checked against `source`: checked once per report, then kept.
pub fn verified(bytes: &[u8], source: &SourceFile) -> Result<Arc<SourceText>, SourceMismatch> {
    VERIFIED.with(|v| {
        let mut cache = v.borrow_mut();
        if let Some((sha, result)) = cache.as_ref() {
            if *sha == source.sha256 {
                return result.clone();
            }
        }
        let result = SourceText::verified(bytes, source).map(Arc::new);
        *cache = Some((source.sha256.clone(), result.clone()));
        result
    })
}

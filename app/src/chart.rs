//! A chart on screen. The view says what to draw (`ChartSpec`); the chart module builds its
//! option with charming, and this component draws it with ECharts (`echarts.rs`) only while it
//! is near the viewport, disposes of it when it is far away (a page of 61 KPIs is usable before
//! most charts exist), draws every chart complete before printing, and saves a chart as PNG for
//! slides. Whether a chart animates is decided here, at
//! each drawing: never for print, never while the reader asks for reduced motion.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use reform::query::chart_spec::ChartSpec;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::echarts::{self, object, Instance, Library};

/// How far outside the viewport a chart is still drawn (CSS margin of the observer).
const NEAR: &str = "100% 0px";

type DrawNow = Rc<dyn Fn()>;

/// What printing does to one chart: draw it complete now, and after printing let it go again if
/// it is far from the viewport.
struct ForPrint {
    draw: DrawNow,
    release: DrawNow,
}

thread_local! {
    /// Every chart on screen can be drawn at once, synchronously, when printing starts.
    static DRAWERS: RefCell<Vec<(usize, ForPrint)>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<usize> = const { Cell::new(0) };
    static PRINT_HOOK: Cell<bool> = const { Cell::new(false) };
}

/// `beforeprint` draws every chart of the page, complete: the browser lays the pages out as soon
/// as the event returns (`window.print()` fires it synchronously, so this cannot wait for
/// effects), and a chart that animated then printed its first frame, axes without bars.
/// `afterprint` lets the charts far from the viewport go again. Installed once per page.
fn install_print_hook() {
    if PRINT_HOOK.with(|h| h.replace(true)) {
        return;
    }
    let each = |pick: fn(&ForPrint) -> DrawNow| {
        let all: Vec<DrawNow> = DRAWERS.with(|d| d.borrow().iter().map(|(_, p)| pick(p)).collect());
        all.iter().for_each(|f| f());
    };
    gloo::events::EventListener::new(&gloo::utils::window(), "beforeprint", move |_| each(|p| Rc::clone(&p.draw))).forget();
    gloo::events::EventListener::new(&gloo::utils::window(), "afterprint", move |_| each(|p| Rc::clone(&p.release))).forget();
}

pub fn reduced_motion() -> bool {
    gloo::utils::window()
        .match_media("(prefers-reduced-motion: reduce)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// A file name from a KPI label: no characters that file systems refuse.
pub fn png_name(label: &str) -> String {
    let clean: String = label.chars().map(|c| if "\\/:*?\"<>|".contains(c) || c.is_control() { '_' } else { c }).collect();
    format!("{}.png", clean.trim())
}

/// Why a chart is not shown; the figures are always in the table beside it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Failure {
    /// ECharts or the chart module could not be loaded.
    Library,
    /// The chart module could not make the option, or ECharts refused it or failed drawing it.
    Drawing,
}

impl Failure {
    fn notice(self) -> &'static str {
        match self {
            Failure::Library => "グラフを表示できませんでした（グラフを描く部品を読み込めません）。数値は表でご覧ください。",
            Failure::Drawing => "グラフを描けませんでした（描画中にエラーが起きました）。数値は表でご覧ください。",
        }
    }
}

/// One ECharts instance bound to one element, created and disposed as the element comes near
/// and goes far.
#[derive(Clone, Copy)]
struct Slot {
    node: NodeRef<html::Div>,
    instance: StoredValue<Option<Instance>, LocalStorage>,
    failed: RwSignal<Option<Failure>>,
}

impl Slot {
    /// Draws `spec`; `for_print` draws it complete at once. The reader's reduced-motion setting
    /// is read at every drawing, so a change while the page is open counts from the next chart.
    fn draw(&self, spec: &ChartSpec, for_print: bool) {
        if echarts::library() != Library::Ready {
            return;
        }
        let Some(el) = self.node.get_untracked() else { return };
        let failed = self.failed;
        let value = match echarts::option(spec, for_print || reduced_motion()) {
            Ok(value) => value,
            Err(e) => {
                web_sys::console::error_2(&"reform-dashboard: the chart's option could not be made:".into(), &e.into());
                failed.set(Some(Failure::Drawing));
                // A chart drawn before would go on showing the figures of before.
                self.dispose();
                return;
            }
        };
        self.instance.update_value(|slot| {
            if slot.is_none() {
                let opts = object(&[("locale", "JA".into()), ("renderer", "canvas".into())]);
                match echarts::init(&el, &opts) {
                    Ok(i) => {
                        echarts::count_created();
                        *slot = Some(i);
                    }
                    Err(_) => failed.set(Some(Failure::Library)),
                }
            }
            if let Some(i) = slot {
                match i.set_option(&value, &object(&[("notMerge", true.into())])) {
                    Ok(()) => failed.set(None),
                    Err(e) => {
                        // Said on the page; the error itself goes to the console for whoever mends it.
                        web_sys::console::error_2(&"reform-dashboard: the chart could not be drawn:".into(), &e);
                        failed.set(Some(Failure::Drawing));
                        i.dispose();
                        echarts::count_disposed();
                        *slot = None;
                    }
                }
            }
        });
    }

    fn dispose(&self) {
        self.instance.update_value(|slot| {
            if let Some(i) = slot.take() {
                i.dispose();
                echarts::count_disposed();
            }
        });
    }
}

/// An intersection observer and its callback, which must live as long as it watches.
type Watcher = (web_sys::IntersectionObserver, Closure<dyn FnMut(js_sys::Array)>);

/// Watches whether `node` is near the viewport; `near` follows. Returns the observer to stop.
fn watch_nearness(el: &web_sys::Element, near: RwSignal<bool>) -> Option<Watcher> {
    let callback = Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
        if let Some(entry) = entries.iter().last() {
            let now = entry.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting();
            // Only a change counts: the first report of a far chart (false, as it started) may
            // come after printing drew it, and must not dispose of it before the page is printed.
            if near.try_get_untracked().is_some_and(|was| was != now) {
                near.set(now);
            }
        }
    });
    let options = web_sys::IntersectionObserverInit::new();
    options.set_root_margin(NEAR);
    let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
    observer.observe(el);
    Some((observer, callback))
}

/// `spec` drawn as a PNG `size` CSS pixels large, at twice the pixels, on white: a data URL.
/// Drawn by an instance of its own, outside the page, so the image is the same from a phone or
/// a desktop and the chart on screen does not change; disposed at once.
fn image_url(spec: &ChartSpec, size: (u32, u32)) -> Option<String> {
    let value = echarts::option(spec, true)
        .map_err(|e| web_sys::console::error_2(&"reform-dashboard: the saved chart's option could not be made:".into(), &e.into()))
        .ok()?;
    let el: web_sys::HtmlElement = gloo::utils::document().create_element("div").ok()?.unchecked_into();
    let opts = object(&[("locale", "JA".into()), ("renderer", "canvas".into()), ("width", size.0.into()), ("height", size.1.into())]);
    let instance = echarts::init(&el, &opts).ok()?;
    let drawn = instance.set_option(&value, &object(&[("notMerge", true.into())]));
    let url = drawn.is_ok().then(|| instance.get_data_url(&object(&[("type", "png".into()), ("pixelRatio", 2.into()), ("backgroundColor", "#ffffff".into())])));
    instance.dispose();
    url
}

/// The chart `spec` says, drawn and redrawn when it changes. `label` is the text alternative
/// until ECharts' own aria description (in Japanese) replaces it; 「PNG で保存」 saves
/// `image_spec` (the chart with its caption, `image_size` large) as `png`.
#[component]
pub fn EChart(
    #[prop(into)] spec: Signal<ChartSpec>,
    #[prop(into)] image_spec: Signal<ChartSpec>,
    image_size: (u32, u32),
    label: String,
    png: String,
    #[prop(default = 260)] height: u32,
) -> impl IntoView {
    install_print_hook();
    let slot = Slot { node: NodeRef::new(), instance: StoredValue::new_local(None), failed: RwSignal::new(None) };
    let near = RwSignal::new(false);
    let drawn = RwSignal::new(false);
    let watcher = StoredValue::new_local(None);

    // Start watching once the element is in the DOM.
    Effect::new(move |_| {
        if let Some(el) = slot.node.get() {
            if watcher.with_value(Option::is_none) {
                watcher.set_value(watch_nearness(&el, near));
            }
        }
    });
    Effect::new(move |_| {
        spec.track();
        if !near.get() {
            slot.dispose();
            drawn.set(false);
            return;
        }
        match echarts::library_tracked() {
            Library::Ready => {
                spec.with_untracked(|spec| slot.draw(spec, false));
                drawn.set(slot.instance.with_value(Option::is_some));
            }
            Library::Failed => slot.failed.set(Some(Failure::Library)),
            Library::Idle | Library::Loading => echarts::request_library(),
        }
    });

    let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
    let for_print = ForPrint {
        draw: Rc::new(move || spec.with_untracked(|spec| slot.draw(spec, true))),
        release: Rc::new(move || {
            if !near.get_untracked() {
                slot.dispose();
            }
        }),
    };
    DRAWERS.with(|d| d.borrow_mut().push((id, for_print)));

    let resize = window_event_listener(leptos::ev::resize, move |_| slot.instance.with_value(|i| i.as_ref().map(Instance::resize).unwrap_or(())));
    on_cleanup(move || {
        resize.remove();
        DRAWERS.with(|d| d.borrow_mut().retain(|(i, _)| *i != id));
        watcher.update_value(|w| {
            if let Some((observer, _callback)) = w.take() {
                observer.disconnect();
            }
        });
        slot.dispose();
    });

    let save_png = move |_| match image_spec.with_untracked(|spec| image_url(spec, image_size)) {
        Some(url) => crate::download::save_url(&png, &url),
        None => slot.failed.set(Some(Failure::Drawing)),
    };
    view! {
        <div class="rd-chart" node_ref=slot.node role="img" aria-label=label style=format!("height:{height}px")></div>
        <button type="button" class="rd-button rd-button-secondary rd-png" data-testid="save-png"
            prop:disabled=move || !drawn.get() on:click=save_png>"PNG で保存"</button>
        {move || slot.failed.get().map(|f| view! { <p class="rd-notice" role="status" data-testid="chart-failed">{f.notice()}</p> })}
    }
}

// `make dev` only (trunk serve): hands the app its chart, chart-module, source-text and data-module loaders once trunk's own
// start-up has run. `make dist` removes this file; the published start-up is dashboard.js.
addEventListener('TrunkApplicationStarted', () => {
  window.wasmBindings.provideCharts(() => import(new URL('echarts.mjs', document.baseURI).href));
  // A wasm module: its glue imported, then its wasm instantiated.
  const wasmModule = (name) => () => import(new URL(`${name}.mjs`, document.baseURI).href)
    .then(async (m) => { await m.default({ module_or_path: new URL(`${name}.wasm`, document.baseURI) }); return m; });
  window.wasmBindings.provideChartModule(wasmModule('reform-charts'));
  window.wasmBindings.provideDataModule(wasmModule('reform-data'));
  window.wasmBindings.provideSource(() => fetch(new URL('source.txt.gz', document.baseURI)).then((r) => r.arrayBuffer()));
});

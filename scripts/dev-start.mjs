// `make dev` only (trunk serve): hands the app its chart, chart-module, source-text and data-module loaders once trunk's own
// start-up has run. `make dist` removes this file; the published start-up is dashboard.js.
addEventListener('TrunkApplicationStarted', () => {
  window.wasmBindings.provideCharts(() => import(new URL('echarts.mjs', document.baseURI).href));
  window.wasmBindings.provideChartModule(() => import(new URL('reform-charts.mjs', document.baseURI).href)
    .then(async (m) => { await m.default({ module_or_path: new URL('reform-charts.wasm', document.baseURI) }); return m; }));
  window.wasmBindings.provideDataModule(() => import(new URL('reform-data.mjs', document.baseURI).href)
    .then(async (m) => { await m.default({ module_or_path: new URL('reform-data.wasm', document.baseURI) }); return m; }));
  window.wasmBindings.provideSource(() => fetch(new URL('source.txt.gz', document.baseURI)).then((r) => r.arrayBuffer()));
});

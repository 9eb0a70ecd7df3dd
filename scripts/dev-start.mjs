// `make dev` only (trunk serve): hands the app its chart and source-text loaders once trunk's own start-up has
// run. `make dist` removes this file; the published start-up is dashboard.js.
addEventListener('TrunkApplicationStarted', () => {
  window.wasmBindings.provideCharts(() => import(new URL('echarts.mjs', document.baseURI).href));
  window.wasmBindings.provideSource(() => fetch(new URL('source.txt.gz', document.baseURI)).then((r) => r.arrayBuffer()));
});

// The import workbench in pictures, as the owner walks through it with the year-after-next
// fixture (its text and next year's report dropped together): read, a warning to decide, the
// preview. Writes build/screenshots/WIDTH-import-STEP.png at each width (`make screenshots`)
// and, with --docs, the guide's pictures docs/renewal/NN-STEP.png at 1280 px.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, launch } from '../tests/browser/harness.mjs';

const WIDTHS = (process.env.WIDTHS ?? '390,768,1280').split(',').map(Number);
const docs = process.argv.includes('--docs');
const files = {
  'edition-r7.txt': readFileSync(join(ROOT, 'tests/fixtures/edition-r7.txt')).toString('base64'),
  'edition-r6.json': readFileSync(join(ROOT, 'tests/fixtures/edition-r6.json')).toString('base64'),
};
const browser = await launch();
const out = join(ROOT, 'build/screenshots');
mkdirSync(out, { recursive: true });
mkdirSync(join(ROOT, 'docs/renewal'), { recursive: true });
for (const width of docs ? [1280] : WIDTHS) {
  const page = await browser.newPage();
  await page.setViewport({ width, height: 900 });
  await page.goto(pathToFileURL(join(ROOT, 'dist/offline/reform-import.html')).href, { waitUntil: 'load' });
  await page.waitForSelector('[data-testid="pick"]');
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const [name, b64] of Object.entries(list)) dt.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], name));
    document.querySelector('.wb').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, files);
  await page.waitForSelector('[data-testid="counts"]', { timeout: 30000 });
  const shot = async (step, name) => {
    const path = docs ? join(ROOT, 'docs/renewal', `${step}-${name}.png`) : join(out, `${width}-import-${name}.png`);
    await page.screenshot({ path });
    console.log(path);
  };
  await shot('01', 'read');
  await page.$eval('[data-testid="warning"]:has([data-testid="decide"])', (w) => w.scrollIntoView({ block: 'start' }));
  await page.click('[data-testid="warning"]:has([data-testid="decide"]) [data-testid="is-kpi"]');
  await shot('02', 'decide');
  await page.click('[data-testid="preview"]');
  const frame = await (await page.waitForSelector('[data-testid="preview-frame"]', { timeout: 30000 })).contentFrame();
  await frame.waitForSelector('[data-testid="changes"]', { timeout: 30000 });
  await page.$eval('#wb-export', (h) => h.scrollIntoView({ block: 'start' }));
  await shot('03', 'preview');
  await page.close();
}
await browser.close();

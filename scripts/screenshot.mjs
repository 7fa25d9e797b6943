// Screenshot of a page once its first twin fired dt-ready: node scripts/screenshot.mjs URL out.png [width height]
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.mjs';

const [url, out = 'screenshot.png', width = '1200', height = '800'] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: Number(width), height: Number(height) } });
page.on('console', (m) => console.log(`[${m.type()}] ${m.text()}`));
page.on('pageerror', (e) => console.log(`[pageerror] ${e.message}`));
await page.addInitScript(() => {
  window.__dtReady = new Promise((resolve) =>
    document.addEventListener('dt-ready', resolve, { once: true }),
  );
});
await page.goto(url);
await page.evaluate(() =>
  Promise.race([window.__dtReady, new Promise((r) => setTimeout(r, 30000))]),
);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
console.log(`wrote ${out}`);

// Renders public/icon.svg into the PNG icons the web app manifest lists (192 and 512 px), with Debian's headless Chromium.
// Usage: npm run icons  (after changing icon.svg; the PNGs are committed)
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { chromiumArgs, chromiumPath } from '../e2e/chromium';

const svg = readFileSync('public/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: chromiumPath, args: chromiumArgs, headless: true });
try {
  for (const size of [192, 512]) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('width="512" height="512"', `width="${String(size)}" height="${String(size)}"`)}</body></html>`);
    await page.screenshot({ path: `public/icon-${String(size)}.png`, omitBackground: true });
    await page.close();
  }
} finally {
  await browser.close();
}

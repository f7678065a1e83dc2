import sparticuzChromium from '@sparticuz/chromium';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';

/**
 * Flags that keep Chromium off the network (this machine has none to reach) and out of a sandbox it cannot make as
 * root.
 */
const quietFlags = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Headless Chromium, driven by playwright-core (which downloads no browser of its own). By default the build that
 * npm installs (@sparticuz/chromium: a headless shell with its own libraries and fonts, unpacked to the temp folder
 * on first use), so a machine with only Node and npm renders the report; DWSYN_CHROMIUM names another executable
 * (e.g. Debian's /usr/bin/chromium).
 */
export async function launchChromium(): Promise<Browser> {
  const chosen = process.env['DWSYN_CHROMIUM'];
  const executablePath = chosen ?? (await sparticuzChromium.executablePath());
  const args = chosen ? quietFlags : [...sparticuzChromium.args, ...quietFlags];
  return chromium.launch({ executablePath, headless: true, args });
}

/** A full-page PNG of a report page. */
export async function screenshotPage(htmlPath: string, pngPath: string): Promise<void> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(htmlPath).href);
    await page.screenshot({ path: pngPath, fullPage: true });
  } finally {
    await browser.close();
  }
}

import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { UsageError } from '../errors.ts';

/** Debian's chromium: playwright-core drives it and downloads no browser of its own. */
const chromiumPath = '/usr/bin/chromium';

/** Headless chromium with nothing that reaches the network (this machine has none to reach). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) throw new UsageError(`${chromiumPath}: not found; install Debian's chromium (apt-get install -y chromium)`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
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

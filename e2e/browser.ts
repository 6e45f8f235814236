import type { LaunchOptions } from 'playwright-core';

/** Debian's Chromium (apt-get install chromium fonts-ipaexfont-gothic), never a downloaded browser. */
export function chromiumOptions(): LaunchOptions {
  return {
    executablePath: process.env.KPO_E2E_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  };
}

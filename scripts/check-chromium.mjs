// Fails npm test with one line when no Chromium is available for the e2e tests.
import { accessSync, constants } from 'node:fs';

const path = process.env.CHROME_PATH || '/usr/bin/chromium';
try {
  accessSync(path, constants.X_OK);
} catch {
  console.error(
    `No Chromium at ${path}: install it with "sudo apt-get install -y chromium" (Debian/Ubuntu) or set CHROME_PATH to a Chromium/Chrome binary.`,
  );
  process.exit(1);
}

// The page loads, cross-origin isolated (needed for multi-threaded WASM).
import { expect, test } from '@playwright/test';

test('page is cross-origin isolated', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('isolation')).toHaveText('crossOriginIsolated: true');
});

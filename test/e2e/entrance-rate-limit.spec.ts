import { expect, test } from '@playwright/test';
import { openEntrance, scanBadge } from './helpers.js';

// Issue 10: a reader or kiosk over its check-in rate gets 429 with Retry-After; the member at the
// door must read "one moment", not that check-in is broken.
test('a rate-limited check-in asks the member for a moment, not the front desk', async ({ page }) => {
  await page.route('**/api/checkins', (route) =>
    route.request().method() === 'POST'
      ? route.fulfill({
          status: 429,
          headers: { 'retry-after': '3' },
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'too_many_checkins', message: 'One moment: too many check-ins from this device. Try again in 3 s.' } }),
        })
      : route.continue(),
  );
  await openEntrance(page);
  await scanBadge(page, '999998');

  const oneMoment = page.getByTestId('entrance-one-moment');
  await expect(oneMoment.getByRole('heading', { level: 1 })).toHaveText('One moment…');
  await expect(oneMoment).toHaveAttribute('role', 'status');
  await expect(page.getByTestId('entrance-error')).toHaveCount(0);

  // Once the limit lifts, the next scan reaches the gateway and gets its real answer.
  await page.unroute('**/api/checkins');
  await scanBadge(page, '999998');
  await expect(page.getByTestId('entrance-denied')).toHaveAttribute('data-denial-code', 'unknown_badge');
});

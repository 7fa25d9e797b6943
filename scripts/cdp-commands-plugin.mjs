/**
 * Test commands that need the Chrome DevTools Protocol, for tests to call with
 * `executeServerCommand(name, payload)` from '@web/test-runner-commands'. The package's own
 * `emulateMedia` passes only `colorScheme` and `reducedMotion` to puppeteer (no `forcedColors`), and
 * it has no touch input at all.
 *
 * - `dt-forced-colors` `{ active: boolean }`: emulates `forced-colors: active` (Windows high contrast).
 * - `dt-touch` `{ type: 'touchStart' | 'touchMove' | 'touchEnd', points: [[x, y], ...] }`: real touch
 *   input (CSS pixels of the page), through the browser's input pipeline as a finger would.
 */
export function cdpCommandsPlugin() {
  /** One DevTools session per page (each test file has its own page). */
  const sessions = new WeakMap();
  const cdp = async (session) => {
    if (session.browser.type !== 'puppeteer') {
      throw new Error(`CDP commands need the chrome launcher, not ${session.browser.type}`);
    }
    const page = session.browser.getPage(session.id);
    if (!sessions.has(page)) sessions.set(page, await page.createCDPSession());
    return sessions.get(page);
  };
  return {
    name: 'dt-cdp-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'dt-forced-colors') {
        const client = await cdp(session);
        await client.send('Emulation.setEmulatedMedia', {
          features: [{ name: 'forced-colors', value: payload?.active ? 'active' : 'none' }],
        });
        return true;
      }
      if (command === 'dt-touch') {
        const client = await cdp(session);
        const points = Array.isArray(payload?.points) ? payload.points : [];
        await client.send('Input.dispatchTouchEvent', {
          type: payload?.type,
          touchPoints: points.map(([x, y], id) => ({ x, y, id })),
        });
        return true;
      }
      return undefined;
    },
  };
}

import assert from 'node:assert/strict';

/** Retries an assertion until it holds or the time is up (the UI updates asynchronously). */
export async function eventually(check, { timeout = 10_000, interval = 200 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, interval));
    }
  }
}

export async function textOf(locator) {
  return ((await locator.textContent()) ?? '').trim();
}

export async function expectText(locator, pattern, timeout) {
  await eventually(async () => assert.match(await textOf(locator), pattern), { timeout });
}

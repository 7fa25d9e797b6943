import { expect } from '@open-wc/testing';
import { DtSourceError } from '../../../src/core/errors.js';
import { fetchText } from '../../../src/core/sources/fetch-text.js';
import { fetchWithRetry, parseRetryAfter } from '../../../src/core/tiles/retry.js';
import { newRun, rejectionOf, statusRequests } from './test-server.js';

describe('fetch with retry (core, against the test server)', () => {
  it('retries 500 and 429 and then succeeds', async () => {
    const id500 = newRun('r500');
    const ok = await fetchWithRetry(`/test-status/500?id=${id500}&fail=2`, { baseDelayMs: 20 });
    expect(await ok.text()).to.equal('ok');
    expect(await statusRequests(id500)).to.equal(3);
    const id429 = newRun('r429');
    await fetchWithRetry(`/test-status/429?id=${id429}&fail=1`, { baseDelayMs: 20 });
    expect(await statusRequests(id429)).to.equal(2);
  });

  it('does not retry a 404, and reports status and URL when retries run out', async () => {
    const id = newRun('r404');
    const url = `/test-status/404?id=${id}&fail=5`;
    const error = (await rejectionOf(fetchWithRetry(url))) as DtSourceError;
    expect(error).to.be.instanceOf(DtSourceError);
    expect(error).to.include({ code: 'http', status: 404, url });
    expect(await statusRequests(id)).to.equal(1);

    const id503 = newRun('r503');
    const url503 = `/test-status/503?id=${id503}&fail=9`;
    const opts = { retries: 2, baseDelayMs: 10 };
    const final = (await rejectionOf(fetchWithRetry(url503, opts))) as DtSourceError;
    expect(final).to.include({ code: 'http', status: 503, url: url503 });
    expect(final.message).to.contain('after 3 attempts');
    expect(await statusRequests(id503)).to.equal(3);
  });

  it('retries network errors (a real refused connection)', async () => {
    let attempts = 0;
    const counting: typeof fetch = (input, init) => (attempts++, fetch(input, init));
    const opts = { retries: 2, baseDelayMs: 10, fetch: counting };
    const error = (await rejectionOf(
      fetchWithRetry('http://127.0.0.1:9/x', opts),
    )) as DtSourceError;
    expect(error.code).to.equal('network');
    expect(attempts).to.equal(3);
  });

  it('waits as long as Retry-After asks', async () => {
    const id = newRun('retry-after');
    const start = performance.now();
    await fetchWithRetry(`/test-status/503?id=${id}&fail=1&retryAfter=1`, { baseDelayMs: 1 });
    expect(performance.now() - start).to.be.at.least(900);
    expect(await statusRequests(id)).to.equal(2);
    expect(parseRetryAfter('120')).to.equal(120000);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:02 GMT', now)).to.equal(2000);
    expect(parseRetryAfter('soon')).to.equal(undefined);
  });

  it('rejects with AbortError at once when aborted during the backoff wait', async () => {
    const id = newRun('abort-backoff');
    const controller = new AbortController();
    const opts = { signal: controller.signal, baseDelayMs: 5000, random: () => 0.99 };
    const pending = fetchWithRetry(`/test-status/500?id=${id}&fail=5`, opts);
    await new Promise((resolve) => setTimeout(resolve, 300)); // first answer came, now waiting
    const abortedAt = performance.now();
    controller.abort();
    expect(((await rejectionOf(pending)) as Error).name).to.equal('AbortError');
    expect(performance.now() - abortedAt).to.be.lessThan(50);
    expect(await statusRequests(id)).to.equal(1);
  });

  it('keeps fetchText errors: a 404 is code "http", status 404, without retries', async () => {
    const id = newRun('text404');
    const url = `/test-status/404?id=${id}`;
    const error = (await rejectionOf(
      fetchText('panden', url, new AbortController().signal),
    )) as DtSourceError;
    expect(error).to.include({ code: 'http', status: 404, sourceId: 'panden', url });
    expect(error.message).to.contain('panden').and.contain('HTTP 404 Not Found');
    expect(await statusRequests(id)).to.equal(1);
  });
});

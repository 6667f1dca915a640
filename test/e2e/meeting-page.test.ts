/**
 * The pages Casebook serves, over HTTP: the page of links at /, the
 * co-ordination meeting page at /meeting, and the development tokens it lists.
 * What the page does in a browser is test/browser/meeting.test.ts's.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '../../src/app/demo/partnership.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { webPagesBuilt } from '../support/web-pages.js';

let dev: TestServer;
let prod: TestServer;
let pages: string;

beforeAll(async () => {
  pages = await webPagesBuilt();
  [dev, prod] = await Promise.all([startTestServer({ environment: 'development', developmentTokens: true }), startTestServer({ environment: 'production', developmentTokens: true })]);
});
afterAll(async () => {
  await Promise.all([dev?.close(), prod?.close()]);
});

const get = (server: TestServer, path: string) => fetch(`${server.url}${path}`, { redirect: 'manual' });

describe('the meeting page', () => {
  it('is at /meeting/, with /meeting sent there so its files load beside it', async () => {
    const bare = await get(dev, '/meeting');
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/meeting/');

    const page = await get(dev, '/meeting/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    expect(html).toContain('<title>Co-ordination meeting · Casebook</title>');
    expect(html).toContain('<script type="module" src="main.js"></script>');

    const script = await get(dev, '/meeting/main.js');
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const css = await get(dev, '/meeting/meeting.css');
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
  });

  it('loads nothing from elsewhere and runs no inline script', async () => {
    const page = await get(dev, '/meeting/');
    const policy = page.headers.get('content-security-policy')!;
    expect(policy.split('; ')).toEqual(
      expect.arrayContaining(["default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"]),
    );
    expect(policy).not.toContain('unsafe-inline');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    // What the policy enforces, checked in the files themselves: every script is a file of the page's own.
    const html = await readFile(join(pages, 'meeting', 'index.html'), 'utf8');
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.map(([, attributes, body]) => [attributes!.trim(), body])).toEqual([['type="module" src="main.js"', '']]);
    expect(html).not.toMatch(/\sstyle=|\son[a-z]+=|https?:\/\//);
  });

  it('lists the demo partnership’s tokens in development, each one good for the API', async () => {
    const response = await get(dev, '/meeting/development-tokens.json');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const tokens = (await response.json()) as Array<{ name: string; agencyId: string; role: string; job: string; token: string }>;
    expect(tokens.map(({ name, agencyId, role, job }) => ({ name, agencyId, role, job }))).toEqual(demoUsers.map(({ name, agencyId, role, job }) => ({ name, agencyId, role, job })));
    const sarah = tokens[0]!;
    const me = await dev.graphql('{ me { userId roles } }', { token: sarah.token });
    expect(me.body).toEqual({ data: { me: { userId: 'sarah.khan', roles: ['coordinator'] } } });
  });

  it('lists none when the tokens are signed with a secret of the operator’s own, which would make them worth taking', async () => {
    const ownSecret = await startTestServer({ environment: 'development', developmentTokens: true, jwtSecret: 'a secret of this partnership’s own, 32+ chars long' });
    try {
      expect(await (await get(ownSecret, '/meeting/development-tokens.json')).json()).toEqual([]);
    } finally {
      await ownSecret.close();
    }
  });

  it('lists none in production, even when the server was given some', async () => {
    const response = await get(prod, '/meeting/development-tokens.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
    expect((await get(prod, '/meeting/')).status).toBe(200);
  });
});

describe('the page of links', () => {
  it('links the meeting page and the API, under the same policy', async () => {
    const response = await get(dev, '/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await response.text();
    expect(html).toContain('<a href="meeting/">The co-ordination meeting page</a>');
    expect(html).toContain('<a href="graphql">The GraphQL API</a>');
    expect((await get(dev, '/landing.css')).status).toBe(200);
  });

  it('names what Casebook serves when a path is not one of them', async () => {
    const response = await get(dev, '/meeting/nothing-here.js');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: 'Not found. Casebook serves /graphql, /meeting (the co-ordination meeting page), / (links to both), /healthz and /readyz.' });
  });
});

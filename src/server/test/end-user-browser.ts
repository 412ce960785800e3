/**
 * A browser for end-user sign-in tests: the console through app.inject, the Okta stand-in through
 * fetch, cookies kept per side, oidc-provider's devInteractions login and consent forms submitted.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

const CALLBACK = 'http://localhost:3000/auth/okta/callback';

function formOf(html: string, base: string) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in the page: ${html.slice(0, 300)}`);
  const fields = new URLSearchParams();
  for (const input of html.matchAll(/<input([^>]*)>/g)) {
    const attrs = input[1] ?? '';
    const name = /name="([^"]+)"/.exec(attrs)?.[1];
    if (!name) continue;
    fields.set(name, /value="([^"]*)"/.exec(attrs)?.[1] ?? '');
  }
  return { url: new URL(action.replace(/&amp;/g, '&'), base).href, fields };
}

export class EndUserBrowser {
  /** Cookies of the console (name → value). */
  readonly appCookies = new Map<string, string>();
  private readonly opCookies = new Map<string, string>();
  /** The last callback address the stand-in sent the browser to (path and query). */
  lastCallback = '';

  constructor(private readonly app: FastifyInstance) {}

  private cookieHeader(jar: Map<string, string>) {
    return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({
      method: 'GET',
      url,
      headers: { cookie: this.cookieHeader(this.appCookies), ...headers },
    });
    this.keep(response);
    return response;
  }

  async post(url: string, form: Record<string, string>, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method: 'POST',
      url,
      payload: new URLSearchParams(form).toString(),
      headers: {
        cookie: this.cookieHeader(this.appCookies),
        'content-type': 'application/x-www-form-urlencoded',
        ...headers,
      },
    });
    this.keep(response);
    return response;
  }

  private keep(response: LightMyRequestResponse) {
    for (const c of response.cookies) {
      const expired = c.expires !== undefined && c.expires.getTime() <= Date.now();
      if (c.value === '' || expired || c.maxAge === 0) this.appCookies.delete(c.name);
      else this.appCookies.set(c.name, c.value);
    }
  }

  private async op(url: string, init: RequestInit = {}) {
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: this.cookieHeader(this.opCookies),
      },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.opCookies.delete(name);
      else this.opCookies.set(name, value);
    }
    return response;
  }

  /**
   * Follows the sign-in from `start` (`/auth/okta...`) at Okta with this login, through the
   * login and consent forms, back to the console's callback. Returns the callback's answer.
   */
  async signIn(login: string, start = '/auth/okta'): Promise<LightMyRequestResponse> {
    const first = await this.get(start);
    if (first.statusCode !== 302) return first;
    let url = String(first.headers.location);
    let init: RequestInit = {};
    for (let step = 0; step < 20; step++) {
      if (url.startsWith(CALLBACK)) {
        const callback = new URL(url);
        this.lastCallback = `${callback.pathname}${callback.search}`;
        return this.get(this.lastCallback);
      }
      const response = await this.op(url, init);
      init = {};
      if (response.status >= 300 && response.status < 400) {
        url = new URL(String(response.headers.get('location')), url).href;
        continue;
      }
      const html = await response.text();
      if (response.status !== 200)
        throw new Error(`Okta stand-in answered ${response.status}: ${html}`);
      const form = formOf(html, url);
      if (form.fields.has('login')) {
        form.fields.set('login', login);
        form.fields.set('password', 'any password');
      }
      url = form.url;
      init = {
        method: 'POST',
        body: form.fields.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      };
    }
    throw new Error('too many steps at the Okta stand-in');
  }
}

/**
 * Server-rendered pages for end users: escaped output, no script (the CSP forbids inline). Their
 * one <style> carries the nonce placeholder, filled in as each page is sent (withStyleNonce).
 */
import { STYLE_NONCE_PLACEHOLDER } from '../security-headers';

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** A tagged template whose interpolations are escaped unless wrapped with `raw`. */
export class Html {
  constructor(readonly value: string) {}
  toString() {
    return this.value;
  }
}

export function raw(value: string): Html {
  return new Html(value);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    const parts = Array.isArray(value) ? value : [value];
    for (const part of parts) {
      if (part === undefined || part === null || part === false) continue;
      out += part instanceof Html ? part.value : escapeHtml(String(part));
    }
    out += strings[i + 1] ?? '';
  });
  return new Html(out);
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f5f6f8; color: #1d2430; }
  main { max-width: 34rem; margin: 4rem auto; padding: 2rem; background: #fff; border-radius: 8px;
    box-shadow: 0 1px 3px rgba(0, 0, 0, 0.15); }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  p { line-height: 1.5; }
  .licence { display: inline-block; padding: 0.15rem 0.6rem; border-radius: 999px; background: #e3ecfa;
    color: #123f84; font-weight: 600; }
  a, button { font: inherit; }
  a { color: #0b57d0; }
  button { padding: 0.5rem 1rem; border: 1px solid #0b57d0; border-radius: 4px; background: #0b57d0;
    color: #fff; cursor: pointer; }
  button:focus-visible, a:focus-visible { outline: 3px solid #f4b400; outline-offset: 2px; }
  .muted { color: #4a5363; font-size: 0.9rem; }
`;

export function page(title: string, body: Html): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<link rel="icon" type="image/svg+xml" href="/favicon.svg">
<title>${title}</title>
<style ${raw(STYLE_NONCE_PLACEHOLDER)}>${raw(STYLE)}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>
`.value;
}

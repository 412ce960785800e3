import { act } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from 'vitest';
import type { ReaderSettings } from './reader-settings';

const ISO = '2026-03-02T23:30:00.000Z';
/** This browser's zone, as the browser itself knows it. */
const browserZone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
// A zone other than this browser's, with another date for ISO.
const elsewhere = browserZone === 'Asia/Tokyo' ? 'America/Chicago' : 'Asia/Tokyo';
const written = (timeZone: string) =>
  new Intl.DateTimeFormat(navigator.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(ISO));

/** The modules afresh, with nothing cached: as the server has them, or a browser that just loaded them. */
async function freshModules() {
  vi.resetModules();
  const { FormattedDate } = await import('../components/FormattedDate');
  const { RenderedReaderSettings } = await import('./reader-settings');
  return (settings: ReaderSettings, texts: Map<string, string>) => (
    <RenderedReaderSettings settings={settings} texts={texts}>
      <FormattedDate iso={ISO} />
    </RenderedReaderSettings>
  );
}

/** What the server sends: the HTML, and the text it wrote. */
async function serverRender(settings: ReaderSettings) {
  const page = await freshModules();
  const texts = new Map<string, string>();
  const container = document.createElement('div');
  container.innerHTML = renderToString(page(settings, texts));
  document.body.append(container);
  return { container, serverText: container.textContent, texts };
}

beforeAll(() => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
});

afterEach(() => {
  vi.restoreAllMocks();
  document.body.replaceChildren();
  // biome-ignore lint/suspicious/noDocumentCookie: removing the test's cookie.
  document.cookie = 'osc_tz=; max-age=0; path=/';
});

describe('dates on a page the server rendered', () => {
  it("are adopted as written, then rewritten in the browser's own zone, which it reports", async () => {
    const settings = {
      locale: navigator.language,
      timeZone: elsewhere,
      timeZoneReported: false,
      now: Date.now(),
    };
    const { container, serverText, texts } = await serverRender(settings);
    expect(serverText).toBe(written(elsewhere));

    const page = await freshModules();
    const errors = vi.spyOn(console, 'error');
    await act(async () => {
      hydrateRoot(container, page(settings, new Map(texts)));
    });
    expect(container.textContent).toBe(written(browserZone));
    expect(document.cookie).toContain(`osc_tz=${encodeURIComponent(browserZone)}`);
    // React found the server's text where it expected it: no mismatch reported.
    expect(errors).not.toHaveBeenCalled();
  });

  it('need no Intl in the browser when the zone is the one it reported', async () => {
    const settings = {
      locale: navigator.language,
      timeZone: elsewhere,
      timeZoneReported: true,
      now: Date.now(),
    };
    const { container, texts } = await serverRender(settings);
    const expected = written(elsewhere);
    expect([...texts.values()]).toEqual([expected]);

    const page = await freshModules();
    const Original = Intl.DateTimeFormat;
    let made = 0;
    class Counting extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        super(...args);
        made += 1;
      }
    }
    Intl.DateTimeFormat = Counting as typeof Intl.DateTimeFormat;
    onTestFinished(() => {
      Intl.DateTimeFormat = Original;
    });
    const errors = vi.spyOn(console, 'error');
    await act(async () => {
      hydrateRoot(container, page(settings, new Map(texts)));
    });
    expect(container.textContent).toBe(expected);
    expect(made).toBe(0);
    expect(errors).not.toHaveBeenCalled();
    expect(document.cookie).not.toContain('osc_tz=');

    // Without the server's text, the browser has to make the date itself.
    const again = await serverRender(settings);
    const bare = await freshModules();
    const before = made;
    await act(async () => {
      hydrateRoot(again.container, bare(settings, new Map()));
    });
    expect(made).toBe(before + 1);
  });
});

import type { Page } from 'playwright-core';

/** When (ms after navigation start, in the page's own clock) each step of the first map happened. */
export interface PageTimeline {
  /** the page's HTML fully received */
  html: number;
  /** scripts run, DOMContentLoaded */
  scripts: number;
  /** the last village layer and boundary response in */
  data: number;
  /** the map element created */
  mapCreated: number;
  /** the villages handed to the map */
  villagesSet: number;
  /** villages drawn and the map idle: what the benchmark waits for */
  drawn: number;
}

/** Watches the map element from the page's start; call before `page.goto`. */
export async function recordTimeline(page: Page): Promise<void> {
  await page.addInitScript(`(() => {
    const marks = (globalThis.__firstMapMarks = {});
    const seen = (el) => {
      if (!el || el.dataset.testid !== 'map') return;
      const now = performance.now();
      marks.mapCreated ??= now;
      if (el.hasAttribute('data-villages')) marks.villagesSet ??= now;
      if (el.hasAttribute('data-villages') && el.dataset.idle === 'true') marks.drawn ??= now;
    };
    new MutationObserver((records) => {
      for (const r of records) {
        seen(r.target);
        for (const n of r.addedNodes) if (n.nodeType === 1) seen(n.matches('[data-testid=map]') ? n : n.querySelector('[data-testid=map]'));
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-villages', 'data-idle'] });
  })()`);
}

export async function readTimeline(page: Page): Promise<PageTimeline> {
  return page.evaluate(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const data = performance.getEntriesByType('resource').filter((r) => /\\/api\\/(layers|boundaries)\\//.test(r.name)).map((r) => r.responseEnd);
    const m = globalThis.__firstMapMarks;
    return { html: nav.responseEnd, scripts: nav.domContentLoadedEventEnd, data: Math.max(0, ...data), mapCreated: m.mapCreated, villagesSet: m.villagesSet, drawn: m.drawn };
  })()`);
}

/** "html 0.29 · scripts 0.95 · ...", in seconds. */
export function formatTimeline(t: PageTimeline): string {
  const steps: [string, number][] = [
    ['HTML', t.html],
    ['scripts run', t.scripts],
    ['layers and boundaries in', t.data],
    ['map created', t.mapCreated],
    ['villages set', t.villagesSet],
    ['drawn and idle', t.drawn],
  ];
  return steps.map(([name, ms]) => `${name} ${(ms / 1000).toFixed(2)}`).join(' · ');
}

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from './charts.ts';
import { fakeRunner, fixtureQuestions } from './fixtures/fake-runs.ts';
import { evaluate } from './harness.ts';
import { renderReport } from './report.ts';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const QUESTIONS = fixtureQuestions(fs.readFileSync(new URL('./fixtures/set.jsonl', import.meta.url), 'utf8'));
const HOSTILE = { ...QUESTIONS[0]!, id: 'x<1>', question: 'Ai <b>chủ trì</b> & "phối hợp" <img src=x onerror=alert(1)>?' };

async function sampleReport() {
  const questions = [...QUESTIONS, HOSTILE];
  const skipped = { name: 'dense', skipped: 'no <model> here', run: () => Promise.reject(new Error('skipped')) };
  return evaluate('set.jsonl', questions, [fakeRunner('assistant', questions, 'good'), fakeRunner('lexical', questions, 'shifted'), skipped]);
}

describe('renderReport', () => {
  it('is one self-contained page with every data string escaped', async () => {
    const html = renderReport(await sampleReport(), '2025-01-01T00:00:00Z');
    expect(html).not.toMatch(/<script|<link|<img|<iframe|<[^>]*\s(src|href)=|@import|url\(/i);
    expect(html).toContain(escapeHtml(HOSTILE.question));
    expect(html).toContain('no &lt;model&gt; here');
    expect(html.match(/<svg /g)).toHaveLength(3);
  });

  it('escapes the five HTML-special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe.skipIf(!fs.existsSync(CHROMIUM))('report in headless Chromium', () => {
  it('renders the charts with no console error and no request', async () => {
    const html = renderReport(await sampleReport(), '2025-01-01T00:00:00Z');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-report-'));
    const file = path.join(dir, 'report.html');
    fs.writeFileSync(file, html);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text()); });
      page.on('pageerror', (e) => problems.push(e.message));
      page.on('dialog', (d) => { problems.push(`dialog: ${d.message()}`); void d.dismiss(); });
      page.on('request', (r) => { if (!r.url().startsWith('file://')) requests.push(r.url()); });
      await page.goto(`file://${file}`);
      const count = (selector: string) => page.locator(selector).count();
      const counts = {
        hitBars: await count('#chart-hitk rect.bar'),
        missBars: await count('#chart-misses rect.bar'),
        dots: await count('#chart-latency circle.dot'),
        missRows: await count('table.misses tr'),
        scripts: await count('script, img'),
        chartWidth: (await page.locator('#chart-hitk').boundingBox())?.width ?? 0,
      };
      const shot = path.join(dir, 'report.png');
      await page.screenshot({ path: shot, fullPage: true });
      expect(problems).toEqual([]);
      expect(requests).toEqual([]);
      expect(counts.hitBars).toBe(2 * 5);
      expect(counts.missBars).toBeGreaterThan(0);
      expect(counts.dots).toBe(2 * 7);
      expect(counts.missRows).toBeGreaterThan(1);
      expect(counts.scripts).toBe(0);
      expect(counts.chartWidth).toBeGreaterThan(100);
      expect(fs.statSync(shot).size).toBeGreaterThan(10_000);
    } finally {
      await browser.close();
    }
  });
});

if (!fs.existsSync(CHROMIUM)) console.warn(`report Chromium test skipped: ${CHROMIUM} is not installed (apt-get install chromium)`);

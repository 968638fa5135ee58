import { chromium } from '@playwright/test';
const [url] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 850 } });
page.on('console', (m) => console.log('CONSOLE', m.type(), m.text().slice(0, 300)));
page.on('websocket', (ws) => ws.on('framereceived', (f) => { const t = String(f.payload); if (t.includes('"query"')) console.log('WS', t.slice(0, 200)); }));
await page.goto(url!);
await page.getByTestId('tree-item').filter({ hasText: 'cities' }).click();
await page.getByTestId('row').first().waitFor();
await page.getByTestId('filter-toggle').click();
await page.getByTestId('filter-field').selectOption('name');
await page.getByTestId('filter-op').selectOption('contains');
await page.getByTestId('filter-value').fill('saint');
await page.getByTestId('filter-apply').click();
for (let i = 0; i < 10; i++) { await page.waitForTimeout(300); console.log(i, await page.getByTestId('query-status').textContent().catch(() => 'none'), '|', await page.getByTestId('table-count').textContent()); }
await browser.close();

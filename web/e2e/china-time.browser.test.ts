import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type DemoSite, LAPTOP, openAs, PHONE, startDemoSite, visit } from './people.ts';

/**
 * Issue 15 §6 on the embedded demo, with the browser in New York (CDP Emulation.setTimezoneOverride): every time
 * shown is China time, date inputs are antd DatePickers in the page's language whose value is the civil date typed,
 * and the live supervision feed runs in time order.
 */
let site: DemoSite;
const ZONE = 'America/New_York';

before(async () => {
  site = await startDemoSite();
});
after(async () => {
  await site?.close();
});

/** A signed-in (or anonymous) page whose browser believes it is in New York. */
async function inNewYork(
  username: string | undefined,
  size: { width: number; height: number } = LAPTOP,
  lang: 'zh' | 'en' = 'zh',
) {
  const opened = await openAs(site, username, size, { lang });
  const cdp = await opened.context.newCDPSession(opened.page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: ZONE });
  assert.equal(
    await opened.page.evaluate('Intl.DateTimeFormat().resolvedOptions().timeZone'),
    ZONE,
    'the override is in force',
  );
  return opened;
}

const chinaTime = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);

const chinaDateTime = (at: Date) =>
  new Intl.DateTimeFormat('zh-CN', {
    timeZone: 'Asia/Shanghai',
    dateStyle: 'medium',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(at);

describe('China time in a browser set to New York', () => {
  it('shows sittings, registrations and warnings at their China time', async () => {
    const { t } = site;
    const holder = await inNewYork('holder-demo', PHONE);
    const registration = await t.db
      .selectFrom('exam_registrations as r')
      .innerJoin('users as u', 'u.holder_id', 'r.holder_id')
      .select(['r.id', 'r.starts_at', 'r.ends_at'])
      .where('u.username', '=', 'holder-demo')
      .executeTakeFirstOrThrow();
    await visit(holder.page, site.baseUrl, '/my/registrations');
    const when = String(
      await holder.page
        .locator(`[data-registration="${registration.id}"]`)
        .getByTestId('registration-when')
        .textContent(),
    );
    assert.ok(
      when.includes(`${chinaTime(registration.starts_at)}–${chinaTime(registration.ends_at)}`),
      `${when} is China time`,
    );
    // The demo's joint plans are sat at 09:00–11:30 China time: 20:00 the evening before in New York.
    await visit(holder.page, site.baseUrl, '/exams');
    const sittings = await holder.page.locator('[data-sitting]').allTextContents();
    assert.ok(
      sittings.some((s) => s.includes('09:00–11:30')),
      sittings.join(' | '),
    );
    assert.ok(!sittings.some((s) => s.includes('20:00–22:30')), 'not New York time');
    assert.deepEqual(holder.errors, []);
    await holder.context.close();

    const supervisor = await inNewYork('supervisor');
    const warning = await t.db
      .selectFrom('warnings')
      .select(['id', 'created_at'])
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    await visit(supervisor.page, site.baseUrl, `/supervision/warnings?warning=${warning.id}`);
    await supervisor.page.getByTestId('warning-detail').waitFor();
    // biome-ignore lint/performance/useDomNodeTextContent: what a person sees
    const detail = await supervisor.page.getByTestId('warning-detail').innerText();
    assert.ok(
      detail.includes(chinaDateTime(warning.created_at)),
      `raised at ${chinaDateTime(warning.created_at)}`,
    );

    // The live feed: newest first by the time events happened.
    await visit(supervisor.page, site.baseUrl, '/supervision/live');
    await supervisor.page.getByTestId('live-event').first().waitFor();
    const times = await supervisor.page
      .getByTestId('live-event')
      .evaluateAll((items) => items.map((li) => Date.parse(li.getAttribute('data-at') ?? '')));
    assert.ok(times.length > 1, 'the demo has events');
    for (let i = 1; i < times.length; i += 1)
      assert.ok((times[i - 1] ?? 0) >= (times[i] ?? 0), `event ${i} is in time order`);
    assert.deepEqual(supervisor.errors, []);
    await supervisor.context.close();
  });

  it('picks dates with antd’s DatePicker in the page’s language, sending the civil date typed', async () => {
    const { page, context, errors } = await inNewYork(undefined);
    await visit(page, site.baseUrl, '/recognition');
    assert.equal(await page.locator('input[type="date"]').count(), 0, 'no native date input');
    await page.locator('#as-of').click();
    const panel = page.locator('.ant-picker-dropdown:visible');
    await panel.waitFor();
    assert.match(String(await panel.textContent()), /年[\s\S]*月|月[\s\S]*年/, 'a Chinese calendar');
    assert.match(String(await panel.textContent()), /一[\s\S]*二[\s\S]*三/, 'weekdays in Chinese');
    await page.fill('#as-of', '2026-03-01');
    await page.press('#as-of', 'Enter');
    assert.equal(await page.locator('#as-of').inputValue(), '2026-03-01');

    // A certificate, so the form can be sent: the dates go as typed, never shifted by the browser's zone.
    await page.getByTestId('add-certificate').click();
    await page.getByTestId('cert-type-0').click();
    await page.keyboard.type('低压电工作业');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option-active').waitFor();
    await page.keyboard.press('Enter');
    await page.fill('#cert-number-0', 'T11010519491231002X');
    await page.fill('#cert-from-0', '2024-03-01');
    await page.press('#cert-from-0', 'Enter');
    await page.fill('#cert-until-0', '2030-02-28');
    await page.press('#cert-until-0', 'Enter');
    const [sent] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/api/v1/recognition/evaluate')),
      page.getByTestId('evaluate').click(),
    ]);
    const body = sent.postDataJSON() as {
      asOf?: string;
      certificates: Array<{ validFrom: string; validUntil: string }>;
    };
    assert.equal(body.asOf, '2026-03-01');
    assert.equal(body.certificates[0]?.validFrom, '2024-03-01');
    assert.equal(body.certificates[0]?.validUntil, '2030-02-28');
    assert.deepEqual(errors, []);
    await context.close();

    // In English mode the calendar speaks English.
    const english = await inNewYork(undefined, LAPTOP, 'en');
    await visit(english.page, site.baseUrl, '/recognition');
    await english.page.locator('#as-of').click();
    const enPanel = english.page.locator('.ant-picker-dropdown:visible');
    await enPanel.waitFor();
    assert.doesNotMatch(String(await enPanel.textContent()), /[\u4e00-\u9fff]/, 'an English calendar');
    await english.context.close();
  });
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { describeViolations, seriousViolations } from './browser.ts';
import { type DemoSite, LAPTOP, openAs, PHONE, startDemoSite, visit } from './people.ts';

/**
 * Accessible (issue 15 item 8): axe-core finds no serious or critical violation on the pages the public and a
 * certificate holder use, on a worker's phone and an official's laptop, in the demo's data. Every page is checked
 * before the test fails, so one run lists all that is wrong.
 */
let site: DemoSite;
let registrationId: string;
let planId: string;

before(async () => {
  site = await startDemoSite();
  const holder = await site.t.db
    .selectFrom('users')
    .select('holder_id')
    .where('username', '=', 'holder-demo')
    .executeTakeFirstOrThrow();
  // Today's sitting (demo.exams-today.ts): the one registration of holder-demo whose exam can be taken now.
  const registration = await site.t.db
    .selectFrom('exam_registrations as r')
    .innerJoin('exam_sittings as s', 's.id', 'r.sitting_id')
    .select(['r.id', 'r.plan_id'])
    .where('r.holder_id', '=', holder.holder_id ?? '')
    .where('r.status', '=', 'registered')
    .where('s.starts_at', '<=', new Date())
    .where('s.ends_at', '>', new Date())
    .executeTakeFirstOrThrow();
  registrationId = registration.id;
  planId = registration.plan_id;
});
after(async () => {
  await site?.close();
});

const publicPages = ['/query', '/verify', '/recognition', '/institutions', '/exams', '/login'];
const holderPages = () => [
  '/my/credentials',
  '/my/registrations',
  `/exams/${planId}`,
  `/exam/${registrationId}`,
];
const screens = [
  ['phone', PHONE],
  ['laptop', LAPTOP],
] as const;

describe('accessibility of the public and holder pages (axe-core)', () => {
  it('finds no serious or critical violation at 390×844 and 1366×768', async () => {
    const found: string[] = [];
    for (const [screen, viewport] of screens) {
      for (const [user, urls] of [
        [undefined, publicPages],
        ['holder-demo', holderPages()],
      ] as const) {
        const { context, page, errors } = await openAs(site, user, viewport);
        for (const url of urls) {
          await visit(page, site.baseUrl, url);
          const where = `${user ?? 'anonymous'} ${screen} ${url}`;
          const violations = await seriousViolations(page);
          if (violations.length > 0) found.push(describeViolations(where, violations));
        }
        // The exam itself, once started: the questions, their options and the timer.
        if (user) {
          await visit(page, site.baseUrl, `/exam/${registrationId}`);
          const start = page.getByTestId('start-exam');
          if (await start.isVisible()) await start.click();
          await page.locator('[data-item]').first().waitFor();
          const violations = await seriousViolations(page);
          if (violations.length > 0)
            found.push(describeViolations(`${user} ${screen} exam attempt`, violations));
        }
        assert.deepEqual(errors, [], `${user ?? 'anonymous'} ${screen}: uncaught page errors`);
        await context.close();
      }
    }
    assert.equal(found.length, 0, `serious or critical accessibility violations:\n${found.join('\n')}`);
  });
});

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import pino from 'pino';
import { prettyStream, resolveLogFormat } from './log-format.ts';
import { redactingStream } from './log-redaction.ts';

describe('resolveLogFormat', () => {
  const cases = [
    { format: 'auto', isTerminal: true, expected: 'pretty' },
    { format: 'auto', isTerminal: false, expected: 'json' },
    { format: 'json', isTerminal: true, expected: 'json' },
    { format: 'pretty', isTerminal: false, expected: 'pretty' },
  ] as const;
  for (const c of cases) {
    it(`${c.format} on ${c.isTerminal ? 'a terminal' : 'a pipe'} → ${c.expected}`, () => {
      assert.equal(resolveLogFormat(c.format, c.isTerminal), c.expected);
    });
  }
});

describe('readable log lines', () => {
  function capture() {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    return { lines, sink };
  }

  it('shows an access line as method, URL, status and duration, and masks ID numbers as JSON lines are', () => {
    const { lines, sink } = capture();
    const log = pino(
      { base: { pid: 1, hostname: 'h' } },
      redactingStream(prettyStream({ destination: sink, colorize: false })),
    );
    const access = {
      method: 'GET',
      route: '/api/v1/plans',
      url: '/api/v1/plans',
      status: 200,
      durationMs: 4.2,
    };
    log.child({ reqId: 'r-1' }).info({ ...access, requestId: 'r-1' }, 'request');
    log
      .child({ reqId: 'r-2' })
      .warn({ idNumber: '110101199003077578' }, 'lookup of 110101199003077578 failed');
    const text = lines.join('');
    assert.match(text, /INFO.*GET \/api\/v1\/plans 200 4\.2 ms/);
    assert.doesNotMatch(text, /^\{/m, 'not JSON');
    assert.match(text, /WARN.*\[r-2\] lookup of 110101\*+78 failed/);
    assert.doesNotMatch(text, /110101199003077578/, 'the ID number is masked in every part of the line');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { keepLongNumbersAsText } from './xlsx-long-numbers.ts';

async function rewrite(xml: string, chunkSize: number): Promise<string> {
  async function* chunks() {
    const bytes = Buffer.from(xml);
    for (let i = 0; i < bytes.length; i += chunkSize) yield bytes.subarray(i, i + chunkSize);
  }
  const out: Buffer[] = [];
  for await (const b of keepLongNumbersAsText(chunks())) out.push(b);
  return Buffer.concat(out).toString();
}

describe('keepLongNumbersAsText', () => {
  const xml =
    '<row r="2"><c r="A2" t="s"><v>3</v></c><c r="E2" s="1">\n <v>310115198506123411</v>\n</c>' +
    '<c r="F2"><v>45352</v></c><c r="G2" t="n"><v>4403041992030456261</v></c><c r="H2" t="str"><v>张三</v></c>' +
    '<c r="I2"><v>370101190102040000</v></c></row>';
  for (const size of [1, 3, 7, 64, 10_000]) {
    it(`turns only 16+ digit number cells into text, whatever the chunking (${size} bytes)`, async () => {
      const out = await rewrite(xml, size);
      assert.match(out, /<c r="E2" s="1" t="str"><v>310115198506123411<\/v><\/c>/);
      assert.match(out, /<c r="G2" t="str"><v>4403041992030456261<\/v><\/c>/);
      // Exactly a double: written from a float, its lost digits are unknown; it stays a number.
      assert.match(out, /<c r="I2"><v>370101190102040000<\/v><\/c>/);
      assert.match(out, /<c r="F2"><v>45352<\/v><\/c>/);
      assert.match(out, /<c r="H2" t="str"><v>张三<\/v><\/c>/);
      assert.match(out, /<c r="A2" t="s"><v>3<\/v><\/c>/);
    });
  }
});

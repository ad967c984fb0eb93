import zlib from 'node:zlib';

/**
 * Hostile XLSX files for the tests (issue 17 §8), generated rather than committed: a minimal ZIP writer (deflated
 * entries, no data descriptors) around the parts exceljs needs. Parts are given in ZIP order, so a test chooses
 * whether the sheet comes before or after its shared strings.
 */
export type Part = [name: string, content: Buffer | string];

export function zip(parts: readonly Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const packed = zlib.deflateRawSync(data, { level: 9 });
    const nameBytes = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(data.length, 24);
    entry.writeUInt16LE(nameBytes.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    central.push(entry, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts around a sheet: content types, relationships and the workbook naming `sheet1`. */
export const skeleton: Part[] = [
  [
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  ],
  [
    'xl/workbook.xml',
    `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`,
  ],
  [
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
  ],
];

/** A sheet of inline-string rows; `raw` cells are written as given (XML). */
export function sheet(rows: ReadonlyArray<ReadonlyArray<string | { raw: string }>>): string {
  const col = (i: number) => String.fromCharCode(65 + i);
  const body = rows
    .map(
      (cells, r) =>
        `<row r="${r + 1}">${cells
          .map((c, i) =>
            typeof c === 'string'
              ? `<c r="${col(i)}${r + 1}" t="inlineStr"><is><t>${c}</t></is></c>`
              : c.raw.replace('%REF%', `${col(i)}${r + 1}`),
          )
          .join('')}</row>`,
    )
    .join('');
  return `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData>${body}</sheetData></worksheet>`;
}

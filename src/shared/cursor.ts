import { AppError } from './errors.ts';

/**
 * The keyset cursor of a list: the (sort value, id) of a page's last item, opaque to clients. A cursor that does not
 * decode is the client's error, named as such.
 */
export function encodeCursor(value: string, id: string): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string, path = 'querystring.cursor'): [string, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      /^[0-9a-f-]{36}$/i.test(value[1])
    )
      return [value[0], value[1]];
  } catch {
    // Falls through to the error below.
  }
  throw new AppError('validation_failed', 'invalid cursor', [{ path, message: 'malformed' }]);
}

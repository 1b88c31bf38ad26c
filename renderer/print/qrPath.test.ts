import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { QUIET_ZONE, qrPath } from './qrPath';

/** The dark cells the path draws, as "row,col" in symbol coordinates. */
function cellsOf(d: string): Set<string> {
  const cells = new Set<string>();
  for (const [, x, y, run] of d.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
    for (let i = 0; i < Number(run); i += 1)
      cells.add(`${Number(y) - QUIET_ZONE},${Number(x) - QUIET_ZONE + i}`);
  }
  return cells;
}

describe('qrPath', () => {
  it('draws exactly the dark modules of the symbol, inside a quiet zone', () => {
    const text = 'RX20240501-0001';
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const { size, d } = qrPath(text);
    expect(size).toBe(modules.size + 2 * QUIET_ZONE);
    const expected = new Set<string>();
    for (let r = 0; r < modules.size; r += 1)
      for (let c = 0; c < modules.size; c += 1) if (modules.get(r, c)) expected.add(`${r},${c}`);
    expect(cellsOf(d)).toEqual(expected);
  });

  it('rejects an empty value', () => {
    expect(() => qrPath('')).toThrow();
  });
});

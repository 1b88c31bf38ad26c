import { describe, expect, it } from 'vitest';
import { defaultPageSize, isPageSizeName, pageCss, pageSizeNames, paperOf } from './pageSize';

describe('page sizes', () => {
  it('offers A5 (the default), A4, B5 and the 130×245 mm slip', () => {
    expect(defaultPageSize).toBe('A5');
    expect([...pageSizeNames]).toEqual(['A5', 'A4', 'B5', 'slip130x245']);
    expect(paperOf('A5')).toMatchObject({ widthMm: 148, heightMm: 210 });
    expect(paperOf('A4')).toMatchObject({ widthMm: 210, heightMm: 297 });
    expect(paperOf('B5')).toMatchObject({ widthMm: 176, heightMm: 250 });
    expect(paperOf('slip130x245')).toMatchObject({ widthMm: 130, heightMm: 245 });
  });

  it('keeps a printable margin and grows the type with the sheet', () => {
    for (const name of pageSizeNames) {
      const { widthMm, heightMm, marginMm, fontPt } = paperOf(name);
      expect(heightMm, name).toBeGreaterThan(widthMm);
      expect(marginMm, name).toBeGreaterThanOrEqual(5);
      expect(fontPt, name).toBeGreaterThanOrEqual(9);
    }
    expect(paperOf('A4').fontPt).toBeGreaterThan(paperOf('A5').fontPt);
  });

  it('writes the @page rule of each size, without a page margin', () => {
    expect(pageCss('A5')).toBe('@page { size: 148mm 210mm; margin: 0; }');
    expect(pageCss('slip130x245')).toBe('@page { size: 130mm 245mm; margin: 0; }');
  });

  it('recognises stored page-size names', () => {
    expect(isPageSizeName('B5')).toBe(true);
    for (const value of ['a5', 'Letter', '', null, 5])
      expect(isPageSizeName(value), String(value)).toBe(false);
  });
});

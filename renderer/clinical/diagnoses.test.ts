import { describe, expect, it } from 'vitest';
import { favouritesIndex, gpFavourites, searchFavourites } from './diagnoses';

describe('GP favourites search', () => {
  it('loads the list once and finds by code, pinyin initials and name', () => {
    expect(gpFavourites().length).toBeGreaterThan(200);
    expect(favouritesIndex()).toBe(favouritesIndex());
    expect(searchFavourites('i10')[0]?.entry.code).toBe('I10');
    expect(searchFavourites('yfxgxy')[0]?.entry['zh-CN']).toBe('原发性高血压');
    expect(searchFavourites('高血压').length).toBeLessThanOrEqual(8);
    expect(searchFavourites('')).toEqual([]);
  });
});

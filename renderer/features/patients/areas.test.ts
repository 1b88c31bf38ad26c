import { describe, expect, it } from 'vitest';
import { loadAreas } from './areas';

describe('the area table', () => {
  it('is fetched again after a failed fetch (a desk that was offline), then kept', async () => {
    let calls = 0;
    const offline = () => {
      calls++;
      return Promise.reject(new TypeError('Failed to fetch'));
    };
    const online = () => {
      calls++;
      return Promise.resolve(Response.json([{ code: '11', name: '北京市' }]));
    };
    await expect(loadAreas(offline)).rejects.toThrow('Failed to fetch');
    await expect(loadAreas(online)).resolves.toEqual([{ code: '11', name: '北京市' }]);
    await expect(loadAreas(offline)).resolves.toEqual([{ code: '11', name: '北京市' }]);
    expect(calls).toBe(2);
  });
});

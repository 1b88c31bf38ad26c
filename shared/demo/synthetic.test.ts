import { describe, expect, it } from 'vitest';
import { ageOn } from '../identity/age';
import { parseIdNumber } from '../identity/idNumber';
import { normalizeMobile } from '../identity/phone';
import { keyPopulationTags } from '../patients/schema';
import { mulberry32, syntheticResidents } from './synthetic';

const reference = new Date(2025, 0, 1);

describe('mulberry32', () => {
  it('is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    expect(mulberry32(1)()).not.toBe(mulberry32(2)());
  });
});

describe('syntheticResidents', () => {
  const residents = [...syntheticResidents(5000, 7)];

  it('is deterministic for a seed and differs between seeds', () => {
    expect([...syntheticResidents(200, 7)]).toEqual(residents.slice(0, 200));
    expect([...syntheticResidents(50, 8)].map((r) => r.idNumber)).not.toEqual(
      residents.slice(0, 50).map((r) => r.idNumber),
    );
    expect([...syntheticResidents(3)]).toEqual([...syntheticResidents(3, 1)]);
  });

  it('gives valid IDs whose birth date and sex match the record, unique', () => {
    for (const r of residents) {
      const id = parseIdNumber('resident', r.idNumber, reference);
      expect(id).toEqual({
        ok: true,
        value: { type: 'resident', normalized: r.idNumber, birthDate: r.birthDate, sex: r.sex },
      });
      expect(r.birthDate >= '1930-01-01' && r.birthDate <= '2024-12-31').toBe(true);
    }
    expect(new Set(residents.map((r) => r.idNumber)).size).toBe(residents.length);
  });

  it('gives valid, unique mobiles', () => {
    for (const r of residents) expect(normalizeMobile(r.mobile)).toEqual({ ok: true, value: r.mobile });
    expect(new Set(residents.map((r) => r.mobile)).size).toBe(residents.length);
  });

  it('gives Chinese names of 2 to 4 characters, with polyphonic surnames among them', () => {
    for (const r of residents) expect(r.name).toMatch(/^\p{Script=Han}{2,4}$/u);
    const surnames = new Set(residents.map((r) => r.name[0]));
    expect(surnames.size).toBeGreaterThan(60);
    expect(residents.some((r) => r.name.startsWith('曾') || r.name.startsWith('单'))).toBe(true);
    expect(
      residents.some(
        (r) => r.name.startsWith('欧阳') || r.name.startsWith('司马') || r.name.startsWith('诸葛'),
      ),
    ).toBe(true);
  });

  it('places residents in central Tianjin', () => {
    for (const { address: a } of residents) {
      expect(a).toMatchObject({ provinceCode: '12', province: '天津市', cityCode: '1201', city: '市辖区' });
      expect(a.districtCode).toMatch(/^1201(0[1-6]|16)$/);
      expect(a.streetCode.startsWith(a.districtCode)).toBe(true);
      expect(a.streetCode).toHaveLength(9);
      expect(a.street).toMatch(/街道$/);
      expect(a.community).toMatch(/社区居委会$/);
      expect(a.detail).toMatch(/^\d+号楼\d单元\d{3,4}$/);
    }
  });

  it('tags key populations consistently with age and sex, at realistic rates', () => {
    const count = (tag: string) => residents.filter((r) => r.tags.includes(tag)).length;
    for (const r of residents) {
      const { years } = ageOn(r.birthDate, reference);
      for (const tag of r.tags) expect(keyPopulationTags).toContain(tag);
      expect(r.tags.includes('elderly')).toBe(years >= 65);
      expect(r.tags.includes('child')).toBe(years <= 6);
      if (r.tags.includes('pregnancy')) {
        expect(r.sex).toBe('female');
        expect(years >= 20 && years <= 40).toBe(true);
      }
      if (r.tags.includes('hypertension') || r.tags.includes('diabetes'))
        expect(years).toBeGreaterThanOrEqual(18);
    }
    const adults = residents.filter((r) => ageOn(r.birthDate, reference).years >= 18).length;
    expect(count('hypertension') / adults).toBeGreaterThan(0.13);
    expect(count('hypertension') / adults).toBeLessThan(0.23);
    expect(count('diabetes') / adults).toBeGreaterThan(0.05);
    expect(count('diabetes') / adults).toBeLessThan(0.11);
    expect(count('pregnancy')).toBeGreaterThan(0);
    expect(count('severeMental') / residents.length).toBeLessThan(0.015);
    expect(count('postTransplant') / residents.length).toBeLessThan(0.01);
  });

  it('gives allergies to a few', () => {
    const withAllergies = residents.filter((r) => r.allergies.length > 0);
    expect(withAllergies.length / residents.length).toBeGreaterThan(0.05);
    expect(withAllergies.length / residents.length).toBeLessThan(0.11);
    for (const r of withAllergies) expect(new Set(r.allergies).size).toBe(r.allergies.length);
  });

  it('generates 100,000 residents in well under 2 s', () => {
    const start = performance.now();
    let n = 0;
    for (const r of syntheticResidents(100_000, 20261123)) if (r.idNumber) n++;
    const seconds = (performance.now() - start) / 1000;
    console.log(`syntheticResidents: 100,000 in ${seconds.toFixed(2)} s`);
    expect(n).toBe(100_000);
    expect(seconds).toBeLessThan(2);
  });
});

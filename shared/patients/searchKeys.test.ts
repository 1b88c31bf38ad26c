import { describe, expect, it } from 'vitest';
import { patientSearchKeys, pinyinInitials, searchPrefixes } from './searchKeys';

describe('pinyinInitials', () => {
  it('gives the initials of a plain name', () => {
    expect(pinyinInitials('张三')).toEqual(['zs']);
    expect(pinyinInitials('王小明')).toEqual(['wxm']);
  });

  it('covers every reading of a polyphonic surname, surname reading first', () => {
    expect(pinyinInitials('曾小明')).toEqual(['zxm', 'cxm']);
    expect(pinyinInitials('单田芳')[0]).toBe('stf');
    expect(pinyinInitials('单田芳')).toEqual(expect.arrayContaining(['stf', 'dtf', 'ctf']));
    expect(pinyinInitials('解放')[0]).toBe('xf');
    expect(pinyinInitials('解放')).toContain('jf');
    expect(pinyinInitials('仇英')).toEqual(expect.arrayContaining(['qy', 'cy']));
    expect(pinyinInitials('仇英')[0]).toBe('qy');
    expect(pinyinInitials('区伟')).toEqual(expect.arrayContaining(['ow', 'qw']));
    expect(pinyinInitials('区伟')[0]).toBe('ow');
    expect(pinyinInitials('查良镛')[0]).toBe('zly');
    expect(pinyinInitials('查良镛')).toContain('cly');
    expect(pinyinInitials('朴树')[0]).toBe('ps');
    expect(pinyinInitials('乐嘉')[0]).toBe('yj');
    expect(pinyinInitials('乐嘉')).toContain('lj');
  });

  it('handles compound surnames', () => {
    expect(pinyinInitials('欧阳修')).toEqual(['oyx']);
    expect(pinyinInitials('司马光')).toEqual(['smg']);
    expect(pinyinInitials('诸葛亮')[0]).toBe('zgl');
    // 尉迟 reads yu chi as a surname, though 尉 alone reads wei.
    expect(pinyinInitials('尉迟恭')[0]).toBe('ycg');
    expect(pinyinInitials('尉迟恭')).toContain('wcg');
  });

  it('covers polyphonic given-name characters too', () => {
    const initials = pinyinInitials('王长乐');
    expect(initials[0]?.startsWith('w')).toBe(true);
    expect(initials).toEqual(expect.arrayContaining(['wcl', 'wzl', 'wcy', 'wzy']));
  });

  it('is lower-case, deduplicated and capped at 16, fewest alternatives first', () => {
    const name = '单乐长重朝行'; // every character polyphonic
    const initials = pinyinInitials(name);
    expect(initials).toHaveLength(16);
    expect(new Set(initials).size).toBe(16);
    for (const i of initials) expect(i).toMatch(/^[a-z]{6}$/);
    // The first is the preferred reading; the next ones each differ from it in one place.
    const first = initials[0]!;
    for (const other of initials.slice(1, 6)) {
      expect([...other].filter((c, k) => c !== first[k])).toHaveLength(1);
    }
    // The surname's alternatives come before any two-place change.
    expect(initials.slice(1, 3)).toEqual([`d${first.slice(1)}`, `c${first.slice(1)}`]);
  });

  it('uses the first letter of each word of other scripts', () => {
    expect(pinyinInitials('Anna Smith')).toEqual(['as']);
    expect(pinyinInitials('  anna   SMITH ')).toEqual(['as']);
    expect(pinyinInitials('Jean-Pierre Dupont')).toEqual(['jpd']);
    expect(pinyinInitials('张Anna')).toEqual(['za']);
    expect(pinyinInitials('Ａｎｎａ')).toEqual(['a']); // full-width letters are folded
  });

  it('handles minority names with an interpunct', () => {
    expect(pinyinInitials('阿卜杜·热合曼')[0]).toBe('abdrhm');
  });

  it('gives nothing for a name without letters', () => {
    expect(pinyinInitials('')).toEqual([]);
    expect(pinyinInitials('  ')).toEqual([]);
    expect(pinyinInitials('123')).toEqual([]);
  });

  it('is fast: well under 0.2 ms per name once warm', () => {
    const names: string[] = [];
    const surnames = [...'王李张刘陈杨曾单解仇区查朴乐覃'];
    const given = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂长乐重朝行'];
    for (let i = 0; i < 20_000; i++) {
      names.push(
        surnames[i % surnames.length]! + given[(i * 7) % given.length]! + given[(i * 13) % given.length]!,
      );
    }
    names.forEach(pinyinInitials);
    const start = performance.now();
    for (const name of names) pinyinInitials(name);
    const perName = (performance.now() - start) / names.length;
    console.log(`pinyinInitials: ${(perName * 1000).toFixed(2)} µs per name`);
    expect(perName).toBeLessThan(0.2);
  });
});

describe('patientSearchKeys', () => {
  it('indexes name, every initials reading, reversed ID and reversed mobile', () => {
    expect(
      patientSearchKeys({ name: '曾小明', idNumber: '120104197506150031', mobile: '13912349876' }),
    ).toEqual(['n:曾小明', 'p:zxm', 'p:cxm', 'i:130051605791401021', 'm:67894321931']);
  });

  it('lower-cases names and removes spaces and interpuncts', () => {
    expect(patientSearchKeys({ name: 'Anna  Smith' })).toEqual(['n:annasmith', 'p:as']);
    expect(patientSearchKeys({ name: '阿卜杜·热合曼' })[0]).toBe('n:阿卜杜热合曼');
  });

  it('upper-cases an x check character and skips empty numbers', () => {
    expect(patientSearchKeys({ name: '张三', idNumber: '11010519491231002x', mobile: '' })).toEqual([
      'n:张三',
      'p:zs',
      'i:X20013219491501011',
    ]);
  });
});

describe('searchPrefixes', () => {
  it('gives nothing for empty input', () => {
    expect(searchPrefixes('')).toEqual([]);
    expect(searchPrefixes('   ')).toEqual([]);
  });

  it('searches Chinese text as a name prefix', () => {
    expect(searchPrefixes(' 张 ')).toEqual([{ kind: 'name', prefix: 'n:张' }]);
    expect(searchPrefixes('阿卜杜·热')).toEqual([{ kind: 'name', prefix: 'n:阿卜杜热' }]);
  });

  it('searches ASCII letters as pinyin initials, then as a name', () => {
    expect(searchPrefixes('ZXM')).toEqual([
      { kind: 'pinyin', prefix: 'p:zxm' },
      { kind: 'name', prefix: 'n:zxm' },
    ]);
    expect(searchPrefixes('anna sm')).toEqual([
      { kind: 'pinyin', prefix: 'p:annasm' },
      { kind: 'name', prefix: 'n:annasm' },
    ]);
  });

  it('searches other scripts as a name', () => {
    expect(searchPrefixes("O'Brien")).toEqual([{ kind: 'name', prefix: "n:o'brien" }]);
    expect(searchPrefixes('Иван')).toEqual([{ kind: 'name', prefix: 'n:иван' }]);
  });

  it('searches 4 or more digits as ID and mobile suffixes', () => {
    expect(searchPrefixes('5678')).toEqual([
      { kind: 'idSuffix', prefix: 'i:8765' },
      { kind: 'mobileSuffix', prefix: 'm:8765' },
    ]);
    expect(searchPrefixes('138 1234-5678')).toEqual([
      { kind: 'idSuffix', prefix: 'i:87654321831' },
      { kind: 'mobileSuffix', prefix: 'm:87654321831' },
    ]);
    expect(searchPrefixes('567')).toEqual([]);
  });

  it('searches digits ending in x as an ID suffix only', () => {
    expect(searchPrefixes('002x')).toEqual([{ kind: 'idSuffix', prefix: 'i:X200' }]);
    expect(searchPrefixes('02X')).toEqual([]);
  });

  it('normalises a full mobile typed with a country prefix', () => {
    expect(searchPrefixes('+86 138 1234 5678')).toEqual([{ kind: 'mobileSuffix', prefix: 'm:87654321831' }]);
    expect(searchPrefixes('8613812345678')).toEqual([
      { kind: 'idSuffix', prefix: 'i:8765432183168' },
      { kind: 'mobileSuffix', prefix: 'm:87654321831' },
    ]);
  });

  it('gives prefixes that match the keys of the record they came from', () => {
    const keys = patientSearchKeys({ name: '曾小明', idNumber: '120104197506150031', mobile: '13912349876' });
    const matches = (query: string) =>
      searchPrefixes(query)
        .filter(({ prefix }) => keys.some((k) => k.startsWith(prefix)))
        .map((p) => p.kind);
    expect(matches('曾小')).toEqual(['name']);
    expect(matches('cx')).toEqual(['pinyin']);
    expect(matches('zxm')).toEqual(['pinyin']);
    expect(matches('150031')).toEqual(['idSuffix']);
    expect(matches('9876')).toEqual(['mobileSuffix']);
    expect(matches('13912349876')).toEqual(['mobileSuffix']);
    expect(matches('120104197506150031')).toEqual(['idSuffix']);
    expect(matches('xyz')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable } from './consoleTable';

describe('console table', () => {
  it('counts Chinese characters as two columns', () => {
    expect(displayWidth('doc01')).toBe(5);
    expect(displayWidth('张建国')).toBe(6);
    expect(displayWidth('岗位 Role')).toBe(9);
  });

  it('lines up mixed Chinese and Latin cells', () => {
    expect(
      formatTable([
        ['用户名', 'Name'],
        ['doc01', '张建国'],
      ]).split('\n'),
    ).toEqual(['用户名  Name', '------  ------', 'doc01   张建国']);
  });
});

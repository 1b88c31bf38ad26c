import { describe, expect, it } from 'vitest';
import type { DirectoryEntry } from '../../../shared/directory/schema';
import { queueDirectoryOf } from './queueDirectory';

const entry = (
  over: Partial<DirectoryEntry> & Pick<DirectoryEntry, 'id' | 'kind' | 'name'>,
): DirectoryEntry => ({
  orgId: 'org-chc',
  sharedWith: [],
  ...over,
});

describe('the doctors and departments a walk-in can name', () => {
  it('are the organisation’s own doctors and departments, by name; no other role or organisation', () => {
    const entries = [
      entry({
        id: 's1',
        kind: 'staff',
        name: '张建国',
        displayName: '张建国',
        role: 'doctor',
        username: 'doc01',
      }),
      entry({
        id: 's2',
        kind: 'staff',
        name: '王丽华',
        displayName: '王丽华',
        role: 'registrar',
        username: 'reg01',
      }),
      entry({
        id: 's3',
        kind: 'staff',
        name: '刘文静',
        displayName: '刘文静',
        role: 'doctor',
        username: 'doc02',
      }),
      entry({
        id: 's4',
        kind: 'staff',
        name: '陈立新',
        displayName: '陈立新',
        role: 'doctor',
        username: 'x',
        orgId: 'org-h',
      }),
      entry({ id: 'd1', kind: 'department', name: '预防保健科', parentOrg: 'org-chc' }),
      entry({ id: 'd2', kind: 'department', name: '全科诊室', parentOrg: 'org-chc' }),
      entry({ id: 'd3', kind: 'department', name: '心血管内科', parentOrg: 'org-h', orgId: 'org-h' }),
      entry({ id: 'org-chc', kind: 'organisation', name: '社区卫生服务中心', organisationKind: 'chc' }),
    ];
    const { doctors, departments } = queueDirectoryOf(entries, 'org-chc');
    expect(doctors.map((d) => d.id).sort()).toEqual(['s1', 's3']);
    expect(departments.map((d) => d.name).sort()).toEqual(['全科诊室', '预防保健科']);
  });
});

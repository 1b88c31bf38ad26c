import { describe, expect, it, vi } from 'vitest';
import { hostChannelNames } from '../shared/ipc/channels';
import { hostChannels } from '../shared/ipc/contract';

const electron = vi.hoisted(() => ({
  exposeInMainWorld: vi.fn(),
  invoke: vi.fn(async (..._args: unknown[]) => undefined),
}));
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: electron.exposeInMainWorld },
  ipcRenderer: { invoke: electron.invoke },
}));

await import('./preload');

describe('preload', () => {
  const [[key, host]] = electron.exposeInMainWorld.mock.calls as [
    [string, Record<string, (...args: unknown[]) => unknown>],
  ];

  it('exposes exactly the ClinicHost methods as window.clinic', () => {
    expect(electron.exposeInMainWorld).toHaveBeenCalledOnce();
    expect(key).toBe('clinic');
    expect(Object.keys(host).sort()).toEqual(Object.keys(hostChannels).sort());
  });

  it('invokes each method on its contract channel', async () => {
    await host.appInfo?.();
    expect(electron.invoke).toHaveBeenLastCalledWith(hostChannels.appInfo.channel);
    await host.setLocale?.('en');
    expect(electron.invoke).toHaveBeenLastCalledWith(hostChannels.setLocale.channel, 'en');
    const options = { pageSize: 'A5', target: 'pdf', title: '处方笺' };
    await host.printPage?.(options);
    expect(electron.invoke).toHaveBeenLastCalledWith(hostChannels.printPage.channel, options);
  });

  it('uses the same channel names as the contract', () => {
    for (const method of Object.keys(hostChannels) as (keyof typeof hostChannels)[]) {
      expect(hostChannelNames[method]).toBe(hostChannels[method].channel);
    }
  });
});

import { describe, expect, it, vi } from 'vitest';
import { hostChannelNames, hostMethodNames } from '../shared/ipc/channels';
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

  it('exposes exactly the listed host methods, the list the Electron end-to-end test checks', () => {
    // One list for the unit test, the Electron spec and the contract: a method added to the
    // preload but not to the contract (or the other way) fails here, where Electron is not needed.
    expect(Object.keys(host).sort()).toEqual([...hostMethodNames]);
    expect([...hostMethodNames]).toEqual(['appInfo', 'printPage', 'setLocale', 'setPlatformUrl']);
    for (const name of hostMethodNames) expect(typeof host[name], name).toBe('function');
  });

  it('invokes each method on its contract channel', async () => {
    await host.appInfo?.();
    expect(electron.invoke).toHaveBeenLastCalledWith(hostChannels.appInfo.channel);
    await host.setLocale?.('en');
    expect(electron.invoke).toHaveBeenLastCalledWith(hostChannels.setLocale.channel, 'en');
    const options = { pageSize: 'A5', target: 'pdf', title: '处方笺' };
    await host.printPage?.(options);
    expect(electron.invoke).toHaveBeenLastCalledWith(hostChannels.printPage.channel, options);
    const request = { url: 'https://platform.example', allowInsecure: false };
    await host.setPlatformUrl?.(request);
    expect(electron.invoke).toHaveBeenLastCalledWith(hostChannels.setPlatformUrl.channel, request);
  });

  it('uses the same channel names as the contract', () => {
    for (const method of Object.keys(hostChannels) as (keyof typeof hostChannels)[]) {
      expect(hostChannelNames[method]).toBe(hostChannels[method].channel);
    }
  });
});

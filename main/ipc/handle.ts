/**
 * The one way main answers the renderer (CONVENTIONS.md §2). Every handler is registered by
 * {@link ClinicHost} method name, so its channel and schemas come from the shared contract, and
 * every call is checked before the handler runs:
 *
 * 1. the sender is the main frame of its window (not an iframe), and
 * 2. that frame is showing the app's own origin (`app://clinicdesk`), and
 * 3. the arguments match the method's request schema;
 *
 * then the result must match the response schema. Failures reject with a stable code as the
 * message (`ipc.forbiddenSender`, `ipc.invalidPayload`, `ipc.invalidResponse`), which the renderer
 * can match without parsing prose.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { hostChannels, type ClinicHost, type HostMethod } from '../../shared/ipc/contract';
import { isAppUrl } from '../origin';

export const ipcErrors = {
  forbiddenSender: 'ipc.forbiddenSender',
  invalidPayload: 'ipc.invalidPayload',
  invalidResponse: 'ipc.invalidResponse',
} as const;

/** What a handler for method `M` receives and returns, as the contract declares it. */
export type HostHandler<M extends HostMethod> = (
  ...args: Parameters<ClinicHost[M]>
) => Awaited<ReturnType<ClinicHost[M]>> | ReturnType<ClinicHost[M]>;

/**
 * Whether an IPC event comes from a page main trusts: the top frame of a web contents, at the
 * app's origin. `senderFrame` is null once the frame has navigated away or been destroyed.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame) return false;
  const isMainFrame = frame === event.sender.mainFrame || frame.parent === null;
  return isMainFrame && isAppUrl(frame.url);
}

/**
 * Registers the handler of host method `name` on its contract channel.
 * @throws (rejects the renderer's call with) `ipc.forbiddenSender`, `ipc.invalidPayload` or
 *   `ipc.invalidResponse`; errors thrown by `fn` pass through.
 */
export function handle<M extends HostMethod>(name: M, fn: HostHandler<M>): void {
  register(name, (_sender, args) => fn(...args));
}

/**
 * Like {@link handle}, for a method that acts on the calling page itself (printing it, for
 * instance): `fn` also receives the sender's web contents, after the same checks.
 */
export function handleWithSender<M extends HostMethod>(
  name: M,
  fn: (sender: WebContents, ...args: Parameters<ClinicHost[M]>) => ReturnType<HostHandler<M>>,
): void {
  register(name, (sender, args) => fn(sender, ...args));
}

function register<M extends HostMethod>(
  name: M,
  call: (sender: WebContents, args: Parameters<ClinicHost[M]>) => ReturnType<HostHandler<M>>,
): void {
  const { channel, request, response } = hostChannels[name];
  ipcMain.handle(channel, async (event, ...args: unknown[]) => {
    if (!isTrustedSender(event)) throw new Error(ipcErrors.forbiddenSender);
    const parsed = request.safeParse(args);
    if (!parsed.success) throw new Error(ipcErrors.invalidPayload);
    const result: unknown = await call(event.sender, parsed.data as Parameters<ClinicHost[M]>);
    const checked = response.safeParse(result);
    if (!checked.success) throw new Error(ipcErrors.invalidResponse);
    return checked.data;
  });
}

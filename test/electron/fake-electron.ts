/**
 * A stand-in for the parts of Electron the kiosk uses, for `vi.mock('electron', …)`: the Electron
 * binary cannot run here. It records what the kiosk asks for (windows and their bounds, loads,
 * permission handlers, power-save blockers, relaunches) and lets a test fire what Electron would
 * (crashes, hangs, display changes, GPU loss).
 */
import { vi } from 'vitest';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (...args: any[]) => unknown;

class Emitter {
  readonly handlers = new Map<string, Handler[]>();

  on(event: string, handler: Handler): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  once(event: string, handler: Handler): this {
    return this.on(event, handler);
  }

  /** Fires an event the way Electron would; fails the test if nobody listens. Returns the handlers' results. */
  emit(event: string, ...args: unknown[]): unknown[] {
    const handlers = this.handlers.get(event);
    if (!handlers?.length) throw new Error(`no handler for ${event}`);
    return handlers.map((handler) => handler(...args));
  }

  listens(event: string): boolean {
    return (this.handlers.get(event)?.length ?? 0) > 0;
  }
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export class FakeWebContents extends Emitter {
  /** What the page's `.screen` root says (the watchdog's sample script returns this). */
  pageState: unknown = { live: 'live', lastMessageAt: null };
  /** When set, executeJavaScript never answers (a hung renderer). */
  hung = false;
  readonly loadURL = vi.fn((_url: string) => Promise.resolve());
  readonly forcefullyCrashRenderer = vi.fn();
  readonly executeJavaScript = vi.fn((_script: string): Promise<unknown> =>
    this.hung ? new Promise(() => {}) : Promise.resolve(this.pageState),
  );
  windowOpenHandler: ((details: { url: string }) => unknown) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends Emitter {
  static instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  destroyed = false;
  bounds: Rect;
  kiosk: boolean;
  readonly setKiosk = vi.fn((on: boolean) => void (this.kiosk = on));
  readonly setBounds = vi.fn((bounds: Rect) => void (this.bounds = { ...bounds }));

  constructor(readonly options: Record<string, unknown>) {
    super();
    const { x, y, width, height } = options as unknown as Rect;
    this.bounds = { x, y, width, height };
    this.kiosk = options.kiosk === true;
    FakeBrowserWindow.instances.push(this);
  }

  isDestroyed(): boolean {
    return this.destroyed;
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    if (this.listens('closed')) this.emit('closed');
  }

  /** The URL the window shows now (its last load). */
  get url(): string | undefined {
    return this.webContents.loadURL.mock.calls.at(-1)?.[0];
  }
}

export interface FakeDisplay {
  id: number;
  bounds: Rect;
}

class FakeScreen extends Emitter {
  displays: FakeDisplay[] = [];
  primaryId = 1;

  getAllDisplays(): FakeDisplay[] {
    return this.displays;
  }

  getPrimaryDisplay(): FakeDisplay {
    const primary = this.displays.find((d) => d.id === this.primaryId) ?? this.displays[0];
    if (!primary) throw new Error('no displays');
    return primary;
  }
}

class FakeApp extends Emitter {
  isPackaged = false;
  singleInstance = true;
  userData = '/tmp/floorgate-fake-user-data';
  readonly whenReady = vi.fn(() => Promise.resolve());
  readonly requestSingleInstanceLock = vi.fn(() => this.singleInstance);
  readonly relaunch = vi.fn((_options?: { args?: string[] }) => {});
  readonly exit = vi.fn((_code?: number) => {});
  readonly quit = vi.fn(() => {});
  readonly getPath = vi.fn((_name: string) => this.userData);

  reset(): void {
    this.handlers.clear();
    this.isPackaged = false;
    this.singleInstance = true;
    for (const mock of [this.whenReady, this.requestSingleInstanceLock, this.relaunch, this.exit, this.quit, this.getPath]) {
      mock.mockClear();
    }
  }
}

/** Reversible, but never the plain text: enough to see that what is on disk is not the secret. */
function seal(text: string): Buffer {
  return Buffer.from(`sealed:${Buffer.from(Buffer.from(text, 'utf8').map((b) => b ^ 0x5a)).toString('base64')}`);
}
function unseal(buffer: Buffer): string {
  const text = buffer.toString('utf8');
  if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
  return Buffer.from(Buffer.from(text.slice('sealed:'.length), 'base64').map((b) => b ^ 0x5a)).toString('utf8');
}

export const fake = {
  app: new FakeApp(),
  screen: new FakeScreen(),
  menu: { setApplicationMenu: vi.fn((_menu: null) => {}) },
  powerSaveBlocker: {
    held: new Set<number>(),
    next: 7,
    start: vi.fn((_type: string): number => {
      const id = fake.powerSaveBlocker.next++;
      fake.powerSaveBlocker.held.add(id);
      return id;
    }),
    stop: vi.fn((id: number): boolean => fake.powerSaveBlocker.held.delete(id)),
    isStarted: (id: number) => fake.powerSaveBlocker.held.has(id),
  },
  session: {
    permissionRequestHandler: undefined as Handler | undefined,
    permissionCheckHandler: undefined as Handler | undefined,
  },
  safeStorage: {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable: vi.fn(() => fake.safeStorage.available),
    getSelectedStorageBackend: vi.fn(() => fake.safeStorage.backend),
    encryptString: vi.fn((text: string) => seal(text)),
    decryptString: vi.fn((buffer: Buffer) => unseal(buffer)),
  },
};

/** The module `vi.mock('electron', …)` returns. */
export const electronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  screen: fake.screen,
  Menu: fake.menu,
  powerSaveBlocker: fake.powerSaveBlocker,
  safeStorage: fake.safeStorage,
  session: {
    defaultSession: {
      setPermissionRequestHandler: vi.fn((handler: Handler) => void (fake.session.permissionRequestHandler = handler)),
      setPermissionCheckHandler: vi.fn((handler: Handler) => void (fake.session.permissionCheckHandler = handler)),
    },
  },
};

/** Two 1080p displays side by side (primary on the left) unless a test says otherwise. */
export function resetFakeElectron(displays: FakeDisplay[] = twoDisplays()): void {
  FakeBrowserWindow.instances = [];
  fake.app.reset();
  fake.screen.handlers.clear();
  fake.screen.displays = displays;
  fake.screen.primaryId = displays[0]?.id ?? 1;
  fake.menu.setApplicationMenu.mockClear();
  fake.powerSaveBlocker.held.clear();
  fake.powerSaveBlocker.start.mockClear();
  fake.powerSaveBlocker.stop.mockClear();
  fake.session.permissionRequestHandler = undefined;
  fake.session.permissionCheckHandler = undefined;
  fake.safeStorage.available = true;
  fake.safeStorage.backend = 'gnome_libsecret';
}

export function twoDisplays(): FakeDisplay[] {
  return [
    { id: 1, bounds: { x: 0, y: 0, width: 1920, height: 1080 } },
    { id: 2, bounds: { x: 1920, y: 0, width: 1920, height: 1080 } },
  ];
}

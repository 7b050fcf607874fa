/// <reference types="electron-types" />
/** Electron entry: wires Electron's real objects to the kiosk logic, nothing else. */
import { app, Menu, powerSaveBlocker } from 'electron';
import { ensureGateway } from './gateway-process.js';
import { runKiosk } from './kiosk-app.js';
import { createKioskWindow } from './kiosk-window.js';

void runKiosk({
  app,
  menu: Menu,
  powerSaveBlocker,
  ensureGateway: () => ensureGateway(),
  createKioskWindow,
});

/// <reference types="electron-types" />
/** Electron entry: runs the kiosk (kiosk-app.ts); everything testable lives there and below. */
import { runKiosk } from './kiosk-app.js';

void runKiosk();

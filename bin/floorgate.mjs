#!/usr/bin/env node
// The `floorgate` command. The gateway is TypeScript run through tsx's loader, so a fresh clone
// needs no separate compile step.
import { register } from 'tsx/esm/api';

register();
await import('../gateway/cli/program.ts');

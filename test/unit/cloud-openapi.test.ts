import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLOUD_OPENAPI_FILE, cloudOpenApiDocument, cloudOpenApiText } from '../../gateway/uplink/cloud-openapi.js';

describe('docs/cloud-api.openapi.json', () => {
  it('is the contract the code speaks (regenerate with npm run docs:cloud-api)', () => {
    expect(readFileSync(CLOUD_OPENAPI_FILE, 'utf8')).toBe(cloudOpenApiText());
  });

  it('documents every call the device makes, with the (ext) fields a cloud team must add', () => {
    const doc = cloudOpenApiDocument() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/athletes', '/challenges', '/challenges/{id}/leaderboard', '/check-in', '/events/batch', '/widgets/daily-wod'].sort(),
    );
    const text = JSON.stringify(doc);
    for (const ext of ['eventId', 'decidedAt', 'offline', 'countedEventIds', 'machineMultipliers', 'Retry-After']) expect(text).toContain(ext);
  });
});

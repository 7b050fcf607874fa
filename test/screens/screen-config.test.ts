import { describe, expect, it } from 'vitest';
import { configSchema } from '../../gateway/config/schema.js';
import { screenConfigFrom } from '../../gateway/screens/screen-config.js';

describe('screen config', () => {
  it('tells the entrance a door exists only when a relay is configured', () => {
    const plain = configSchema.parse({ location: { name: 'Box' } });
    expect(screenConfigFrom(plain)).toMatchObject({ locationName: 'Box', doorConfigured: false });

    const withReader = configSchema.parse({ devices: [{ kind: 'serial', id: 'rfid', role: 'rfid', path: '/dev/ttyUSB0' }] });
    expect(screenConfigFrom(withReader).doorConfigured).toBe(false);

    const withDoor = configSchema.parse({
      devices: [{ kind: 'serial', id: 'door', role: 'relay', path: '/dev/ttyUSB2', openOn: ['rfid'] }],
    });
    expect(screenConfigFrom(withDoor).doorConfigured).toBe(true);
  });
});

import pino from 'pino';

export type Logger = pino.Logger;

/** JSON logs; secrets are redacted wherever they might appear. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'floorgate' },
      redact: {
        paths: [
          'apiKey',
          '*.apiKey',
          'cloud.apiKey',
          'config.cloud.apiKey',
          'pin',
          '*.pin',
          'config.staff.pin',
          'password',
          '*.password',
          'config.floor.password',
          'token',
          '*.token',
          'req.headers.authorization',
          'headers.authorization',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

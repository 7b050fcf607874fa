import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Security headers on every answer (helmet), shaped for a plain-HTTP box on a LAN:
 * - the CSP allows what the screens load: their own scripts and styles, images, and Socket.IO on
 *   the same origin; nothing from elsewhere;
 * - no frame-ancestors / X-Frame-Options here: the screen routes set them per page, since
 *   widgets may be framed by the gym's site and every other page only by the box
 *   (screens/routes.ts appends frame-ancestors to this policy);
 * - no upgrade-insecure-requests or HSTS: the box serves HTTP on the LAN, and upgrading would
 *   break every screen.
 */
const OPTIONS: HelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
    },
  },
  frameguard: false,
  strictTransportSecurity: false,
  crossOriginEmbedderPolicy: false,
  referrerPolicy: { policy: 'no-referrer' },
};

/**
 * The headers helmet sets for these options, worked out once at start: none depends on the request (no nonces), so
 * every answer gets the same set (http/server.ts) without running helmet's middleware each time, which was a third
 * of what an answer to /healthz cost.
 */
export function securityHeaders(): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string) => void (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => void delete headers[name.toLowerCase()],
  };
  helmet(OPTIONS)({} as IncomingMessage, response as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error;
  });
  return headers;
}

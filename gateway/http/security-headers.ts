import type { FastifyHelmetOptions } from '@fastify/helmet';

/**
 * Security headers on every answer (@fastify/helmet), shaped for a plain-HTTP box on a LAN:
 * - the CSP allows what the screens load: their own scripts and styles, images, and Socket.IO on
 *   the same origin; nothing from elsewhere;
 * - no frame-ancestors / X-Frame-Options here: the screen routes set them per page, since
 *   widgets may be framed by the gym's site and every other page only by the box
 *   (screens/routes.ts appends frame-ancestors to this policy);
 * - no upgrade-insecure-requests or HSTS: the box serves HTTP on the LAN, and upgrading would
 *   break every screen.
 */
export function securityHeaders(): FastifyHelmetOptions {
  return {
    global: true,
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
}

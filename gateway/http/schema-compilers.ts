import type { FastifyServerOptions } from 'fastify';
import { createRequire } from 'node:module';

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Factory = (externalSchemas: unknown, options: unknown) => unknown;

/**
 * Fastify's own schema compilers (ajv, fast-json-stringify), loaded only if a route ever declares a fastify
 * schema. None does (bodies are checked with the zod schemas in shared/), yet fastify loads both when it is
 * created, a large share of the compiled gateway's start-up. The build leaves them out of the bundle
 * (build/build-gateway.mjs); they resolve from node_modules like fastify's own lazy requires.
 */
export function lazySchemaCompilers(): Factories {
  const require = createRequire(import.meta.url);
  const onFirstUse = (name: string): Factory => {
    let factory: Factory | undefined;
    return (externalSchemas, options) => (factory ??= (require(name) as () => Factory)())(externalSchemas, options);
  };
  return {
    buildValidator: onFirstUse('@fastify/ajv-compiler'),
    buildSerializer: onFirstUse('@fastify/fast-json-stringify-compiler'),
  } as Factories;
}

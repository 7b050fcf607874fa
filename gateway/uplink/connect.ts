import type { CloudLink } from './cloud-link.js';

/**
 * The cloud link when a cloud is configured, else null (standalone). Imported only then: its HTTP client (undici)
 * and cockatiel are a good share of start-up.
 */
export async function connectCloud(deps: Parameters<typeof import('./cloud-link.js').createCloudLink>[0]): Promise<CloudLink | null> {
  if (!deps.config.cloud.url || !deps.config.cloud.apiKey) return null;
  return (await import('./cloud-link.js')).createCloudLink(deps);
}

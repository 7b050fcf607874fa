import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import type { EquipmentKind } from '../../shared/equipment.js';
import type { ChallengesAnswer } from '../../shared/screens.js';

/**
 * Hands the gateway a finished equipment session the way a LAN equipment bridge does (POST /api/equipment/sessions,
 * allowed from the box itself): it is journaled and goes through the same `session` event as the session detector's.
 */
export async function finishSession(
  request: APIRequestContext,
  base: string,
  session: { memberId: string | null; distanceM: number; kind?: EquipmentKind; durationS?: number; endedAt?: Date },
): Promise<string> {
  const endedAt = session.endedAt ?? new Date();
  const durationS = session.durationS ?? Math.round(session.distanceM / 4.2);
  const response = await request.post(`${base}/api/equipment/sessions`, {
    data: {
      equipmentId: `e2e-${session.kind ?? 'rower'}`,
      equipmentName: 'E2E machine',
      equipmentType: session.kind ?? 'rower',
      memberId: session.memberId,
      startedAt: new Date(endedAt.getTime() - durationS * 1000).toISOString(),
      endedAt: endedAt.toISOString(),
      summary: {
        distanceM: session.distanceM,
        durationS,
        avgPowerW: 2.8 * (session.distanceM / durationS) ** 3,
        avgPaceSecPer500m: (durationS / session.distanceM) * 500,
      },
    },
  });
  expect(response.status(), await response.text()).toBe(202);
  return ((await response.json()) as { eventId: string }).eventId;
}

/** The demo distance challenge ("<Month> 100K Row") the simulator's gateway runs. */
export async function demoChallengeId(request: APIRequestContext, base = ''): Promise<string> {
  const answer = (await (await request.get(`${base}/api/challenges`)).json()) as ChallengesAnswer;
  const challenge = answer.challenges.find((c) => c.type === 'distance');
  expect(challenge, 'the demo distance challenge').toBeDefined();
  return challenge!.id;
}

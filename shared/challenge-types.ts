/** Challenge types: a plain value, so the staff console's bundle stays free of zod. */
export const CHALLENGE_TYPES = ['distance', 'time', 'workouts', 'pr_count', 'consistency', 'team', 'improvement'] as const;

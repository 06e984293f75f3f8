// The four gates, in report order. Kept apart from the configuration schema so that `check`
// can name its gates without loading zod (a cached configuration needs no validation).
export type GateId = 'plan' | 'review' | 'run' | 'tests';
export const GATE_IDS: readonly GateId[] = ['plan', 'review', 'run', 'tests'];

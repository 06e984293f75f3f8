// The advisor bundle's entry (dist/advisor.cjs): the only code that loads the Anthropic SDK and
// secretlint. The CLI imports it lazily, so `check` never loads either.
export { AdvisorError } from './errors.js';
export { prepare, send, cachedAnswer, countOnly, apiKeyFrom, type AdvisorSettings, type Prepared, type Answer, type Task } from './engine.js';
export { critiqueTask, type Critique } from './critique.js';
export { findInjections, type Part, type InjectionHit } from './prompt.js';
export { redactSecrets } from './redact.js';
export { flagsTask, type FlagsAnswer } from './review.js';
export { auditTask, type AuditAnswer } from './audit.js';

/** Longest text kept for an input, before or after in an audit row. */
const MAX_AUDIT_TEXT = 20_000;
const SECRET_KEY = /password|token|secret/i;

/** JSON of a value with every password-like field replaced, cut to a bounded length. */
export function auditText(value: unknown): string | null {
  if (value === undefined) return null;
  let text: string;
  try {
    text = JSON.stringify(value, (key, v: unknown) => (key && SECRET_KEY.test(key) ? '[redacted]' : v)) ?? null;
  } catch {
    text = '[not serialisable]';
  }
  if (text === null) return null;
  return text.length > MAX_AUDIT_TEXT ? `${text.slice(0, MAX_AUDIT_TEXT)}… (${text.length} characters)` : text;
}

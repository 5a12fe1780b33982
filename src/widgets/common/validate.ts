/** Validation results shared by every widget: a value, or a message for the reader. */
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parse a whole number typed by a reader, within [min, max].
 * Accepts surrounding spaces; rejects decimals, exponents beyond the range, words.
 */
export function parseWholeNumber(text: string, { name, min, max }: { name: string; min: number; max: number }): Checked<number> {
  const s = text.trim();
  if (s === '') return { ok: false, error: `Type a ${name}: a whole number from ${min} to ${max}.` };
  if (!/^[-+]?\d+$/.test(s)) return { ok: false, error: `“${clip(s)}” is not a whole number. Type a ${name} from ${min} to ${max}, such as ${min + 1}.` };
  const value = Number(s);
  if (value < min || value > max) return { ok: false, error: `${name[0].toUpperCase()}${name.slice(1)} ${clip(s)} is out of range: use ${min} to ${max}.` };
  return { ok: true, value };
}

/** Shorten typed text for an error message. */
export function clip(text: string, max = 24): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Parse a decimal number typed by a reader, within [min, max] ("2.5", " 8 ", "1e1").
 */
export function parseDecimal(text: string, { name, min, max }: { name: string; min: number; max: number }): Checked<number> {
  const s = text.trim();
  if (s === '') return { ok: false, error: `Type a ${name}: a number from ${min} to ${max}.` };
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return { ok: false, error: `“${clip(s)}” is not a number. Type a ${name} from ${min} to ${max}, such as ${(min + max) / 2}.` };
  const value = Number(s);
  if (!(value >= min && value <= max)) return { ok: false, error: `${name[0].toUpperCase()}${name.slice(1)} ${clip(s)} is out of range: use ${min} to ${max}.` };
  return { ok: true, value };
}

/** A check for a choice among 1 … count typed as text ("layer", "head"), naming what exists. */
export function checkChoice(name: string, count: number): (text: string) => Checked<number> {
  return (text) => {
    const s = text.trim();
    const v = Number(s);
    if (/^\d+$/.test(s) && v >= 1 && v <= count) return { ok: true, value: v };
    return { ok: false, error: `“${clip(s, 12)}” is not a ${name}: the model has ${name}s 1 to ${count}.` };
  };
}

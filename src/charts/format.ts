/** Number formats shared by charts, figures and widgets. */

let grouping: Intl.NumberFormat | null = null;
/** A whole number with thousands separators: 1048576 → "1,048,576". */
export function formatCount(value: number): string {
  // One formatter for all calls: toLocaleString builds a new one each time, which is slow.
  grouping ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return grouping.format(Math.round(value));
}

const SI = [
  [1e15, 'P'], [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'],
] as const;

/** A count in SI units, to 3 significant digits: 302000000 → "302 M". */
export function formatSi(value: number, unit = ''): string {
  for (const [size, prefix] of SI) {
    if (Math.abs(value) >= size) return `${Number((value / size).toPrecision(3))} ${prefix}${unit}`;
  }
  return `${Number(value.toPrecision(3))}${unit ? ` ${unit}` : ''}`;
}

/** Bytes in binary units, to 3 significant digits: 98304 → "96 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return `${Number(value.toPrecision(3))} ${units[i]}`;
}

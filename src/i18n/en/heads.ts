/** Interface strings of the heads lesson's widgets (filled in by that lesson). */
export const heads = {} as const;

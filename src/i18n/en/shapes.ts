/** Interface strings of the shapes lesson's widgets (filled in by that lesson). */
export const shapes = {} as const;

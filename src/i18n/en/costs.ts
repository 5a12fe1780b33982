/** Interface strings of the costs lesson's widget (filled in by that lesson). */
export const costs = {} as const;

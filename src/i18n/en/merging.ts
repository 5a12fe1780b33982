/** Interface strings of the merging lesson's widget (filled in by that lesson). */
export const merging = {} as const;

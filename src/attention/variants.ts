/** Multi-query and grouped-query attention: counts (filled in by lesson 4). */
export {};

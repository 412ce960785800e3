/** "1 session", "3 sessions", "1,200 users": a count and its noun, in English. */
export const plural = (n: number, one: string, many = `${one}s`) =>
  `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

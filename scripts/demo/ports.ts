import { pickPort } from '../../src/testing/built-server';

/** The preferred ports when free (memorable: 3000 and 3001), else two other free ones. */
export async function pickPorts(consolePreferred: number, oktaPreferred: number) {
  const console = await pickPort(consolePreferred);
  let okta = await pickPort(oktaPreferred);
  while (okta === console) okta = await pickPort(0);
  return { console, okta };
}

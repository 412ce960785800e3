import type Provider from 'oidc-provider';
import type { OidcKeys } from './keys';
import { buildProvider, type ProviderDeps } from './provider';

interface Built {
  version: string;
  provider: Provider;
  callback: ReturnType<Provider['callback']>;
}

/**
 * Holds the current oidc-provider instance. Its keys are read from the database; every
 * `checkEveryMs` (10 s by default) the list of key ids is read again, and when a rotation
 * (`npm run keys:rotate`, from any process) changed it, a new instance is built with the new
 * keys. Everything else the provider keeps is in the database, so requests in flight on the old
 * instance and those on the new one see the same sessions and tokens.
 */
export class OidcProviderHost {
  private built: Built | undefined;
  private checkedAt = 0;
  private pending: Promise<Built> | undefined;

  constructor(
    private readonly deps: Omit<ProviderDeps, 'keys'>,
    private readonly keys: OidcKeys,
    /** Told of each instance built (to listen to its events). */
    private readonly onBuild: (provider: Provider) => void,
    private readonly checkEveryMs = 10_000,
  ) {}

  async current(): Promise<Built> {
    if (this.built && Date.now() - this.checkedAt < this.checkEveryMs) return this.built;
    this.pending ??= this.refresh().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async refresh(): Promise<Built> {
    if (!this.built) await this.keys.ensure();
    const version = await this.keys.version();
    this.checkedAt = Date.now();
    if (this.built?.version === version) return this.built;
    const keys = await this.keys.load();
    const provider = buildProvider({ ...this.deps, keys });
    this.onBuild(provider);
    this.built = { version: keys.version, provider, callback: provider.callback() };
    return this.built;
  }
}

import { ShownOnce } from '../../../components/ShownOnce';
import { CopyableValue } from './CopyableValue';

/** A client secret the server returned this once, with the client ID it goes with. */
export function NewClientSecret({
  name,
  clientId,
  secret,
}: {
  name: string;
  clientId: string;
  secret: string;
}) {
  return (
    <>
      <CopyableValue label={`client ID of ${name}`} value={clientId} />
      <ShownOnce label="Client secret" what="client secret" value={secret}>
        Put it in the settings of <strong>{name}</strong> with the client ID, where it keeps its
        other secrets (an environment variable or a secret store), not in its code.
      </ShownOnce>
    </>
  );
}

import { ShownOnce } from '../../../components/ShownOnce';

/** A new admin's first password, shown this once, with what to tell them. */
export function FirstPassword({ email, password }: { email: string; password: string }) {
  return (
    <ShownOnce label="First password" what="password" value={password}>
      Give it to <strong>{email}</strong> in person or through a password manager, not by email.
      They sign in with it, then choose <strong>Change password</strong> on this page.
    </ShownOnce>
  );
}

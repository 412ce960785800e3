import { zodResolver } from '@hookform/resolvers/zod';
import Button from '@mui/material/Button';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { signInBody } from '../../../../shared/api/session';
import { FormErrorAlert } from '../../../components/FormErrorAlert';
import { SecretFieldControl } from '../../../components/SecretFieldControl';
import { TextFieldControl } from '../../../components/TextFieldControl';
import { showServerError } from '../../../lib/form-errors';
import { useSignIn } from '../api/sign-in';

type SignInInput = z.input<typeof signInBody>;
type SignInOutput = z.output<typeof signInBody>;

/** Email and password; on success the session lands in the cache and the page moves on. */
export function SignInForm() {
  const signIn = useSignIn();
  const { control, handleSubmit, setError, formState } = useForm<
    SignInInput,
    unknown,
    SignInOutput
  >({
    resolver: zodResolver(signInBody),
    defaultValues: { email: '', password: '' },
  });

  const onSubmit = handleSubmit(async (values) => {
    try {
      await signIn.mutateAsync(values);
    } catch (error) {
      showServerError(error, ['email', 'password'], setError);
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <FormErrorAlert errors={formState.errors} />
      <TextFieldControl
        control={control}
        name="email"
        label="Email"
        type="email"
        autoComplete="username"
        autoFocus
      />
      <SecretFieldControl
        control={control}
        name="password"
        label="Password"
        autoComplete="current-password"
      />
      <Button
        type="submit"
        variant="contained"
        fullWidth
        size="large"
        loading={signIn.isPending}
        sx={{ mt: 2 }}
      >
        Sign in
      </Button>
    </form>
  );
}

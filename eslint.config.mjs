import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['server/src/**/*.ts', 'test/**/*.ts'],
    languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.property.name='only']", message: 'no focused tests' }],
    },
  },
  {
    // Mail and OTP libraries stay behind their one adapter each, so the rules never depend on them.
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/mfa/totp/otplib.adapter.ts', 'server/src/messaging/smtp-mail.transport.ts', 'server/src/**/*.spec.ts', 'server/src/**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['nodemailer', 'otplib'].map((name) => ({ name, message: 'use the adapter in messaging/ or mfa/' })) }],
    },
  },
  {
    files: ['admin-ui/**/*.{ts,tsx}', 'portal/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/server/**'], message: 'the UIs talk to the server over HTTP only' }] }],
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', URLSearchParams: 'readonly', fetch: 'readonly', setTimeout: 'readonly' } },
  },
);

import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'data/**', 'models/**', 'coverage/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-properties': ['error', { object: 'process', property: 'env', message: 'Read configuration through loadConfig() in bot/config.ts only.' }],
    },
  },
  { files: ['bot/config.ts', '**/*.test.ts', 'corpus/store/postgres/cluster.ts'], rules: { 'no-restricted-properties': 'off' } },
  // The stores answer asynchronously (SQLite or PostgreSQL): a forgotten await is a permission
  // check that always passes or a write that may be lost, so both are errors.
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error', '@typescript-eslint/no-misused-promises': 'error' },
  },
);

// Lint: typescript-eslint's recommended rules, plus the architecture boundary of DESIGN.md:
// only server/src/lsp (and the server entry) may import the LSP libraries; the engine stays pure.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'build/**', 'client/out/**', 'server/out/**', '.e2e/**', 'bench-out/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['server/src/engine/**/*.ts', 'server/src/report/**/*.ts', 'server/src/workspace/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode'], message: 'The engine must not depend on LSP or VS Code: map types in server/src/lsp.' },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/engine/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-protocol', 'vscode'], message: 'The engine must not depend on LSP or VS Code: map types in server/src/lsp.' },
            { group: ['node:fs', 'fs', 'node:child_process', 'child_process', 'node:net', 'net', 'node:http', 'http', 'node:https', 'https'], message: 'The engine is pure: file and network access belong to server/src/workspace or the front ends.' },
          ],
        },
      ],
    },
  },
);

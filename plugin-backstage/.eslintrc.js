module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  ignorePatterns: ['src/wasm/generated/**', 'src/example/*.generated.ts', 'e2e/**', 'scripts/**'],
  overrides: [
    {
      // Tests read the repository's files and hash the embedded .wasm.
      files: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'src/setupTests.ts'],
      rules: { 'no-restricted-imports': 'off' },
    },
  ],
});

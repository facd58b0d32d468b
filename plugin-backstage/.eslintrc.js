module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  ignorePatterns: ['src/wasm/generated/**', 'src/example/*.generated.ts', 'e2e/**', 'scripts/**'],
});

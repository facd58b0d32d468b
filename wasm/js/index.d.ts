// Node.js entry: everything is ready on import.
export * from './api.js';
